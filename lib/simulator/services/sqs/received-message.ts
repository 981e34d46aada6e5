import { SimulationRuntime } from '../../runtime';
import { SqsMessage, SqsMessageAttributes } from './message';
import { receiptHandleOf } from './receipts';

/** A message as ReceiveMessage returns it. */
export interface SqsReceivedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly receiptHandle: string;
  /** ApproximateReceiveCount: this receive included. */
  readonly receiveCount: number;
  /** The message attributes (user attributes; raw SNS delivery puts the SNS attributes here). */
  readonly attributes: SqsMessageAttributes;
  /** SQS system attributes, as strings, as AWS returns them (`SentTimestamp` in epoch ms…). */
  readonly systemAttributes: Readonly<Record<string, string>>;
  readonly groupId?: string;
  readonly sequenceNumber?: string;
}

const NO_ATTRIBUTES: SqsMessageAttributes = Object.freeze({});

/**
 * A receive's result. It keeps what the receive fixed (the receipt, the receive count) and reads the rest from the
 * stored message when asked, so a receive allocates one small object per message and no strings.
 */
export class ReceivedMessage implements SqsReceivedMessage {
  private handle: string | undefined = undefined;

  constructor(private readonly m: SqsMessage, private readonly receipt: number, public readonly receiveCount: number, private readonly runtime: SimulationRuntime) {}

  public get messageId(): string {
    return this.m.messageId;
  }

  public get body(): string {
    return this.m.body;
  }

  public get receiptHandle(): string {
    return (this.handle ??= receiptHandleOf(this.receipt));
  }

  public get attributes(): SqsMessageAttributes {
    return this.m.attributes ?? NO_ATTRIBUTES;
  }

  public get groupId(): string | undefined {
    return this.m.groupId;
  }

  public get sequenceNumber(): string | undefined {
    return this.m.sequenceNumber;
  }

  /** SQS system attributes as strings, as AWS returns them (`SentTimestamp` in epoch ms). */
  public get systemAttributes(): Record<string, string> {
    const m = this.m;
    const attrs: Record<string, string> = {
      ApproximateReceiveCount: String(this.receiveCount),
      ApproximateFirstReceiveTimestamp: String(this.runtime.epoch(m.firstReceivedAt)),
      SentTimestamp: String(this.runtime.epoch(m.sentAt)),
      // SNS deliveries carry SNS's sender id; direct sends the account's.
      SenderId: m.snsMessageId ? 'AIDAIT2UOQQY3AUEKVGXU' : this.runtime.environment.account,
    };
    if (m.groupId !== undefined) attrs.MessageGroupId = m.groupId;
    if (m.deduplicationId !== undefined) attrs.MessageDeduplicationId = m.deduplicationId;
    if (m.sequenceNumber !== undefined) attrs.SequenceNumber = m.sequenceNumber;
    return attrs;
  }
}
