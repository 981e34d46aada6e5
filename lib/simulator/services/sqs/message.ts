import { Clock, Timer } from '../../clock';
import { formatId } from '../../runtime';

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
 * A body that is written out only when someone reads it. SNS's JSON envelope differs per subscription in one
 * field, so a fan-out stores the shared published message and the subscription (`key`) instead of a copy per
 * queue; most bodies are then never built (a consumer that deletes without reading costs no string).
 */
export interface DeferredBody {
  /** At least the body's length in UTF-16 code units, 0 only for an empty body; cheap, for size checks. */
  maxLengthFor(key: string): number;
  /** The body, exactly as it would have been stored. */
  textFor(key: string): string;
}

/** A message's content as a queue stores it: a string, or a deferred body and its key. */
export type StoredBody = string | DeferredBody;

/** The queue that holds a message, as the message's timer sees it: told when a delay, visibility timeout or retention ends. */
export interface MessageHolder {
  onMessageTimer(m: SqsMessage): void;
}

/**
 * One stored message. It is its own clock timer (delay end or visibility expiry, or its retention expiry when
 * that comes first), so changing state allocates nothing. `prev`/`next` link it into the queue's visible list
 * (standard) or its message group (FIFO); `earlier`/`later` into the one time-ordered list of the queue it is in:
 * the retention index while visible, the visibility lane while in flight. Its message id and body are strings
 * only once read.
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
  /** The number of the current receipt (0 before the first receive); a handle from an earlier receive no longer works. */
  public receipt = 0;
  public prev: SqsMessage | undefined = undefined;
  public next: SqsMessage | undefined = undefined;
  public earlier: SqsMessage | undefined = undefined;
  public later: SqsMessage | undefined = undefined;
  private id: string | undefined = undefined;

  constructor(
    /** The queue that stores it. */
    public readonly queue: MessageHolder,
    /** The message id's number: duplicates and the copy moved to a DLQ share it. */
    public readonly idNumber: number,
    private content: StoredBody,
    /** The deferred body's key (the SNS subscription ARN); unused for a string body. */
    private readonly contentKey: string,
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

  public get messageId(): string {
    return (this.id ??= formatId(this.idNumber));
  }

  public get body(): string {
    const c = this.content;
    if (typeof c === 'string') return c;
    const text = c.textFor(this.contentKey);
    // Kept once built: a message read once is usually read again (redelivery, the trace, assertions).
    this.content = text;
    return text;
  }

  /** The stored content, for moving the message to its DLQ without building the body. */
  public get storedBody(): StoredBody {
    return this.content;
  }

  public get storedBodyKey(): string {
    return this.contentKey;
  }

  public fire(_clock: Clock): void {
    this.queue.onMessageTimer(this);
  }
}

/** At least the length of a stored body in UTF-16 code units (exact for a string), 0 only when it is empty. */
export function storedBodyMaxLength(body: StoredBody, key: string): number {
  return typeof body === 'string' ? body.length : body.maxLengthFor(key);
}

/** The text of a stored body. */
export function storedBodyText(body: StoredBody, key: string): string {
  return typeof body === 'string' ? body : body.textFor(key);
}
