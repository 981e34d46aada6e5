/** What the SQS models record in the trace (`messageId` is the SQS message id). */
declare module '../../trace' {
  interface TraceEventTypes {
    /** A message was stored: SendMessage, an SNS delivery, a Lambda destination (`detail.snsMessageId` when SNS sent it). */
    'sqs.sent': true;
    /** SendMessage was refused (`detail.code`: InvalidParameterValue, MissingParameter…); the reason says why. */
    'sqs.sendFailed': true;
    /** A FIFO queue dropped a message whose deduplication id it saw in the last 5 minutes. */
    'sqs.deduplicated': true;
    /** A standard queue stored a message twice (at-least-once delivery, injected from the seed). */
    'sqs.duplicated': true;
    /** A delayed message became visible. */
    'sqs.visible': true;
    /** A message was received (`detail.receiveCount`). */
    'sqs.received': true;
    'sqs.deleted': true;
    /** DeleteMessage with a receipt handle that is no longer current. */
    'sqs.deleteFailed': true;
    'sqs.visibilityChanged': true;
    /** A received message's visibility timeout ended before it was deleted: it is visible again. */
    'sqs.visibilityExpired': true;
    /** Received more than maxReceiveCount times: moved to the DLQ (`detail.deadLetterQueue`). */
    'sqs.movedToDeadLetterQueue': true;
    /** Older than the retention period: deleted by SQS. */
    'sqs.expired': true;
    /** PurgeQueue deleted the queue's messages (`detail.count`), or a message sent while the purge ran. */
    'sqs.purged': true;
    /** StartMessageMoveTask started on a dead-letter queue (`detail.destination`, `rate`, `toMove`). */
    'sqs.moveTaskStarted': true;
    /** A move task moved a message (`detail.destination`, `newMessageId`: a new message there). */
    'sqs.movedByTask': true;
    /** A redrive to source left a message in the DLQ: its source queue is unknown (SimulationOptions.sqs.unknownSourceMessages 'skip'). */
    'sqs.moveSkipped': true;
    /** CancelMessageMoveTask: the task moves nothing more (`detail.moved`). */
    'sqs.moveTaskCancelling': true;
    /** A move task ended: `detail.status` COMPLETED, CANCELLED or FAILED (the reason says why), `moved`, `toMove`. */
    'sqs.moveTaskEnded': true;
  }
}

export {};
