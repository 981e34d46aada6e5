/** What the SNS models record in the trace (`messageId` is the SNS message id; `detail.sqsMessageId` the copy a queue stored). */
declare module '../../trace' {
  interface TraceEventTypes {
    'sns.published': true;
    /** Publish was refused (an empty message, a FIFO publish without a group id…). */
    'sns.publishFailed': true;
    /** A FIFO topic dropped a message whose deduplication id it saw in the last 5 minutes. */
    'sns.deduplicated': true;
    /** The subscription's filter policy did not match (`resource` is the subscription). */
    'sns.filteredOut': true;
    /** Delivered to the subscription's queue (`detail.queue`) or function (`detail.function`). */
    'sns.delivered': true;
    /** The endpoint refused the delivery (queue or key policy, size, a missing Lambda permission). */
    'sns.deliveryFailed': true;
    /** A failed delivery went to the subscription's DLQ. */
    'sns.deadLettered': true;
    /** A failed delivery that no DLQ took: the message is lost for this subscription. */
    'sns.lost': true;
    /** A subscription of a protocol the simulator does not deliver to (http, email, sms…). */
    'sns.notSimulated': true;
  }
}

export {};
