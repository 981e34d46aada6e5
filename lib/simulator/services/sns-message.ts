import { MessageAttributeValue } from '../../filter-policy';
import { SqsMessageAttributes } from './sqs-message';

/** A message as Publish takes it (SNS attribute form), after the Simulation's shorthands are expanded. */
export interface SnsPublishInput {
  readonly message: string;
  readonly subject?: string;
  readonly attributes?: Record<string, MessageAttributeValue>;
  readonly groupId?: string;
  readonly deduplicationId?: string;
}

/** What one publish looks like once accepted: the parts every delivery shares, computed once. */
export class PublishedMessage {
  private envelopeHead: string | undefined;
  private envelopeTail: string | undefined;
  private sqsAttributes: SqsMessageAttributes | undefined;

  constructor(
    public readonly input: SnsPublishInput,
    public readonly messageId: string,
    public readonly topicArn: string,
    public readonly timestamp: string,
    public readonly sequenceNumber: string | undefined,
    public readonly deduplicationId: string | undefined,
    private readonly region: string,
  ) {}

  /**
   * The JSON envelope SNS delivers when raw delivery is off (AWS-FACTS §2.3), fields in AWS's order.
   * Only UnsubscribeURL differs between subscriptions, so the rest is built once per publish.
   * The signature is a placeholder: nothing signs it, and consumers under test must not verify it.
   */
  public envelope(subscriptionArn: string): string {
    if (this.envelopeHead === undefined) {
      const i = this.input;
      const endpoint = `https://sns.${this.region}.amazonaws.com`;
      let head = `{"Type":"Notification","MessageId":${JSON.stringify(this.messageId)}`;
      if (this.sequenceNumber !== undefined) head += `,"SequenceNumber":${JSON.stringify(this.sequenceNumber)}`;
      head += `,"TopicArn":${JSON.stringify(this.topicArn)}`;
      if (i.subject !== undefined) head += `,"Subject":${JSON.stringify(i.subject)}`;
      head += `,"Message":${JSON.stringify(i.message)},"Timestamp":${JSON.stringify(this.timestamp)},"SignatureVersion":"1"`;
      head += `,"Signature":${JSON.stringify(Buffer.from(`simulated:${this.messageId}`).toString('base64'))}`;
      head += `,"SigningCertURL":"${endpoint}/SimpleNotificationService-simulated.pem","UnsubscribeURL":"${endpoint}/?Action=Unsubscribe&SubscriptionArn=`;
      this.envelopeHead = head;
      this.envelopeTail = i.attributes && Object.keys(i.attributes).length > 0 ? `","MessageAttributes":${JSON.stringify(i.attributes)}}` : '"}';
    }
    return this.envelopeHead + subscriptionArn + this.envelopeTail;
  }

  /** The SNS attributes as SQS message attributes, for raw delivery. */
  public rawAttributes(): SqsMessageAttributes | undefined {
    const attrs = this.input.attributes;
    if (!attrs) return undefined;
    if (this.sqsAttributes === undefined) {
      const out: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }> = {};
      for (const [name, a] of Object.entries(attrs)) out[name] = a.Type === 'Binary' ? { DataType: 'Binary', BinaryValue: a.Value } : { DataType: a.Type, StringValue: a.Value };
      this.sqsAttributes = out;
    }
    return this.sqsAttributes;
  }
}
