/** What the SQS event source mapping records in the trace (`resource` is the mapping). */
declare module '../../trace' {
  interface TraceEventTypes {
    'esm.batchInvoked': true;
    'esm.batchSucceeded': true;
    /** The handler reported batch item failures: those messages return, the rest are deleted. */
    'esm.batchPartiallyFailed': true;
    /** The invocation failed or timed out: the whole batch returns after the visibility timeout. */
    'esm.batchFailed': true;
    /** No filter criteria pattern matched: Lambda deleted the message. */
    'esm.filteredOut': true;
    /** The invocation was throttled: the poller retries while the batch's visibility timeout allows. */
    'esm.throttled': true;
    /** Throttled until the visibility timeout: the batch's messages return to the queue. */
    'esm.throttleGaveUp': true;
    /** The mapping cannot poll (its role lacks a permission): nothing is received. */
    'esm.pollFailed': true;
    /** A FIFO batch response let a message be deleted after an earlier message of its group failed. */
    'esm.fifoOrderBroken': true;
    /** A received message that did not fit the batch was made visible again at once. */
    'esm.released': true;
  }
}

export {};
