/**
 * What the workers of an ECS service or an Auto Scaling group record (`resource` is the service or the group;
 * `detail.worker` the task or instance id).
 */
declare module '../trace' {
  interface TraceEventTypes {
    /** A task or instance was launched; it is in service after its startup time (`detail.inServiceAt`). */
    'workers.launched': true;
    /** A task or instance is in service: it starts its worker loop. */
    'workers.started': true;
    /** A task or instance was stopped by a scale-in (`detail.interrupted`: the messages it held). */
    'workers.stopped': true;
    /** A worker took a message in hand (`detail.receiveCount`). */
    'workers.processingStarted': true;
    /** A worker processed a message and deleted it. */
    'workers.processed': true;
    /** The processing of a message failed (failureRate): it was not deleted and reappears. */
    'workers.failed': true;
    /** A worker processed a message whose visibility timeout had ended: the delete was refused, it is processed again. */
    'workers.deleteRefused': true;
    /** A worker was stopped while it held the message: the message reappears after its visibility timeout. */
    'workers.interrupted': true;
    /** A worker marked itself protected from scale-in (ECS task protection, EC2 instance protection). */
    'workers.protected': true;
    /** A worker cleared its protection. */
    'workers.unprotected': true;
    /** The protection call was refused (the worker's role lacks the permission): the worker stays unprotected. */
    'workers.protectionRefused': true;
    /** A topic refused a message of an arrival profile (`resource` is the topic). */
    'workload.refused': true;
  }
}

export {};
