import { SqsMessage, SqsMessageAttributes } from './message';

// What a queue's operations take and return, as other models (SNS, event source mappings, move tasks) call them.

/** What `send` takes: SendMessage's parameters, times in virtual ms. */
export interface SqsSendInput {
  readonly body: string;
  readonly attributes?: SqsMessageAttributes;
  /** Per-message delay (standard queues only); the queue's DelaySeconds applies when left out. */
  readonly delayMs?: number;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  /** Set when SNS delivered the message, so the trace links both. */
  readonly snsMessageId?: string;
}

/** Why AWS rejects a send, delete or visibility change. */
export interface SqsFailure {
  readonly ok: false;
  readonly code: string;
  readonly reason: string;
}

/** The outcome of a send: AWS accepts, silently drops (FIFO deduplication), or rejects with an error code. */
export type SqsSendResult = { readonly ok: true; readonly messageId: string; readonly sequenceNumber?: string; readonly deduplicated: boolean } | SqsFailure;

/**
 * What `enqueue` did: stored the message, accepted it but dropped it as a duplicate (the number is the id AWS
 * returns), or rejected it.
 */
export type SqsEnqueueOutcome = SqsMessage | number | SqsFailure;

export interface SqsReceiveOptions {
  /** 1–10. @default 1 */
  readonly maxMessages?: number;
  /** Overrides the queue's visibility timeout for these messages. @default - the queue's VisibilityTimeout */
  readonly visibilityTimeoutMs?: number;
}

/** The outcome of a delete or visibility change. */
export type SqsReceiptResult = { readonly ok: true } | SqsFailure;
