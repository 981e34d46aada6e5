/** What the Lambda models record in the trace (`resource` is the function; `detail.requestId` the invocation). */
declare module '../../trace' {
  interface TraceEventTypes {
    'lambda.invoked': true;
    'lambda.succeeded': true;
    /** The handler threw or rejected (`reason`: the error message). */
    'lambda.failed': true;
    /** The declared duration exceeded the function's timeout, or a call of the handler got no answer (`detail.unansweredCall`). */
    'lambda.timedOut': true;
    /** A handler's call through `context.aws` was answered (`detail`: action, resource). */
    'lambda.called': true;
    /** A handler's call got an error response (`reason`: AccessDenied from the role's policies or the resource's, or the service's error). */
    'lambda.callFailed': true;
    /**
     * A handler's call got no answer: no network path from the function's VPC (`reason`: the element that blocks it).
     * The invocation ends at its timeout, as an SDK call that waits does.
     */
    'lambda.callUnanswered': true;
    /** No concurrency left (`reason`: ReservedFunctionConcurrentInvocationLimitExceeded or ConcurrentInvocationLimitExceeded). */
    'lambda.throttled': true;
    /** An asynchronous invocation was accepted into the function's queue. */
    'lambda.asyncQueued': true;
    /** An asynchronous invocation was refused (payload over 1 MB). */
    'lambda.asyncRejected': true;
    'lambda.asyncRetryScheduled': true;
    'lambda.asyncSucceeded': true;
    /** Retries exhausted or the event too old: sent to the failure destination and the DLQ, if any. */
    'lambda.asyncFailed': true;
    /** A failed asynchronous event with neither a failure destination nor a DLQ. */
    'lambda.asyncDropped': true;
    'lambda.destinationDelivered': true;
    /** A destination or DLQ could not take the record (not in the template, the role may not, the target refused). */
    'lambda.destinationFailed': true;
  }
}

export {};
