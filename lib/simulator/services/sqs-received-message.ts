import { SimulationRuntime } from '../runtime';
import { SqsMessage, SqsMessageAttributes } from './sqs-message';
import type { SqsReceivedMessage } from './sqs-queue';

/** A receive's result; system attributes are built only when read (most consumers never read them). */
export class ReceivedMessage implements SqsReceivedMessage {
  public readonly messageId: string;
  public readonly body: string;
  public readonly receiveCount: number;
  public readonly attributes: SqsMessageAttributes;
  public readonly groupId?: string;
  public readonly sequenceNumber?: string;
  private readonly firstReceivedAt: number;

  constructor(private readonly m: SqsMessage, public readonly receiptHandle: string, private readonly runtime: SimulationRuntime) {
    this.messageId = m.messageId;
    this.body = m.body;
    this.receiveCount = m.receiveCount;
    this.attributes = m.attributes ?? {};
    this.groupId = m.groupId;
    this.sequenceNumber = m.sequenceNumber;
    this.firstReceivedAt = m.firstReceivedAt;
  }

  /** SQS system attributes as strings, as AWS returns them (`SentTimestamp` in epoch ms). */
  public get systemAttributes(): Record<string, string> {
    const m = this.m;
    const attrs: Record<string, string> = {
      ApproximateReceiveCount: String(this.receiveCount),
      ApproximateFirstReceiveTimestamp: String(this.runtime.epoch(this.firstReceivedAt)),
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
