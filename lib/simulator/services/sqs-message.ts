import { Clock, Timer } from '../clock';
import type { SqsQueue } from './sqs-queue';

/** An SQS message attribute as SendMessage takes it and ReceiveMessage returns it. */
export interface SqsMessageAttribute {
  /** `String`, `Number`, `Binary`, or a custom type such as `String.Array`. */
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

export type SqsMessageAttributes = Readonly<Record<string, SqsMessageAttribute>>;

/** Where a message is: each state is its own container in the queue. */
export type SqsMessageState = 'delayed' | 'visible' | 'inFlight' | 'gone';

/**
 * One stored message. It is its own clock timer (delay end, visibility expiry or retention expiry, whichever
 * comes first), so changing state allocates nothing. `prev`/`next` link it into the queue's visible list
 * (standard) or its message group (FIFO).
 */
export class SqsMessage implements Timer {
  public time = 0;
  public priority = 0;
  public seq = 0;
  public heapIndex = -1;

  public state: SqsMessageState = 'visible';
  public receiveCount = 0;
  /** Virtual ms of the first receive, if any. */
  public firstReceivedAt = -1;
  /** Virtual ms of the latest receive: ChangeMessageVisibility is capped at 12 h from it. */
  public receivedAt = -1;
  /** When a delayed or in-flight message becomes visible (virtual ms). */
  public visibleAt = 0;
  /** The current receipt handle; a handle from an earlier receive no longer works. */
  public receiptHandle: string | undefined = undefined;
  public prev: SqsMessage | undefined = undefined;
  public next: SqsMessage | undefined = undefined;

  constructor(
    public readonly queue: SqsQueue,
    public readonly messageId: string,
    public readonly body: string,
    public readonly attributes: SqsMessageAttributes | undefined,
    /** The enqueue time (virtual ms); kept when a standard queue's message moves to its DLQ. */
    public readonly sentAt: number,
    /** When retention deletes the message (virtual ms). */
    public readonly expiresAt: number,
    public readonly groupId: string | undefined,
    public readonly deduplicationId: string | undefined,
    public readonly sequenceNumber: string | undefined,
    /** The SNS message this one was delivered from, for the trace. */
    public readonly snsMessageId: string | undefined,
  ) {}

  public fire(_clock: Clock): void {
    this.queue.onMessageTimer(this);
  }
}
