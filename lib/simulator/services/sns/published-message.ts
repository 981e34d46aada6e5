import { FilterMessage, MessageAttributeValue } from '../../../filter-policy';
import { DeferredBody, SqsMessageAttributes } from '../sqs/message';
import { EnvelopeWriter } from './envelope';

/** A message as Publish takes it (SNS attribute form), after the Simulation's shorthands are expanded. */
export interface SnsPublishInput {
  readonly message: string;
  readonly subject?: string;
  readonly attributes?: Record<string, MessageAttributeValue>;
  readonly groupId?: string;
  readonly deduplicationId?: string;
}

/**
 * What one publish looks like once accepted: the parts every delivery shares, computed once, and only when
 * needed. It is the publish's result (`messageId`, `sequenceNumber`), the message the filter policies see
 * (`attributes`, `body`), and the deferred body of every enveloped delivery (keyed by subscription ARN): a queue
 * stores a reference, and the envelope is written out only when a consumer reads it.
 */
export class PublishedMessage implements DeferredBody, FilterMessage {
  public readonly deduplicated = false;
  public readonly attributes: Record<string, MessageAttributeValue> | undefined;
  public readonly body: string;
  private envelopeHead: string | undefined;
  private envelopeTail: string | undefined;
  private sqsAttributes: SqsMessageAttributes | undefined;
  private attributeNames = -1;
  private variableLength = -1;

  constructor(
    public readonly input: SnsPublishInput,
    public readonly messageId: string,
    public readonly topicArn: string,
    /** The publish time, epoch ms. */
    private readonly publishedAt: number,
    public readonly sequenceNumber: string | undefined,
    public readonly deduplicationId: string | undefined,
    /** The topic's envelope writer: what every message of the topic shares. */
    private readonly writer: EnvelopeWriter,
  ) {
    this.attributes = input.attributes;
    this.body = input.message;
  }

  /** How many message attributes the publish has (raw delivery carries at most 10). */
  public get attributeCount(): number {
    if (this.attributeNames < 0) {
      let n = 0;
      for (const _ in this.attributes) n++;
      this.attributeNames = n;
    }
    return this.attributeNames;
  }

  /** The publish time as the envelope's Timestamp (ISO 8601, ms, UTC). */
  public get timestamp(): string {
    return this.writer.timestamp(this.publishedAt);
  }

  /**
   * A bound on the envelope's length that builds nothing: JSON escaping writes a character as at most 6
   * (`\u001f`), and the fixed text of the envelope is well under 1,024 characters.
   */
  public maxLengthFor(subscriptionArn: string): number {
    if (this.variableLength < 0) {
      const i = this.input;
      let n = i.message.length + (i.subject?.length ?? 0) + this.messageId.length + this.topicArn.length + (this.sequenceNumber?.length ?? 0);
      for (const name in i.attributes) n += name.length + i.attributes[name].Type.length + i.attributes[name].Value.length + 32;
      this.variableLength = 6 * n;
    }
    return 1024 + this.variableLength + subscriptionArn.length;
  }

  public textFor(subscriptionArn: string): string {
    return this.envelope(subscriptionArn);
  }

  /**
   * The JSON envelope SNS delivers when raw delivery is off (sns/envelope.ts). Only UnsubscribeURL differs
   * between subscriptions, so the rest is written once per publish, when the first delivery is read.
   */
  public envelope(subscriptionArn: string): string {
    if (this.envelopeHead === undefined) {
      const i = this.input;
      this.envelopeHead = this.writer.head(this.messageId, this.sequenceNumber, i.subject, i.message, this.publishedAt);
      this.envelopeTail = this.writer.tail(i.attributes);
    }
    return this.envelopeHead + subscriptionArn + this.envelopeTail!;
  }

  /** The SNS attributes as SQS message attributes, for raw delivery. */
  public rawAttributes(): SqsMessageAttributes | undefined {
    const attrs = this.input.attributes;
    if (!attrs) return undefined;
    if (this.sqsAttributes === undefined) {
      const out: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }> = {};
      for (const name in attrs) {
        const a = attrs[name];
        out[name] = a.Type === 'Binary' ? { DataType: 'Binary', BinaryValue: a.Value } : { DataType: a.Type, StringValue: a.Value };
      }
      this.sqsAttributes = out;
    }
    return this.sqsAttributes;
  }
}
