/**
 * Writes the JSON envelope SNS delivers when raw delivery is off (AWS-FACTS §2.3), fields in AWS's order. One
 * writer per topic holds what every message of the topic shares (its ARN as JSON, the endpoint URLs) and the
 * last timestamp written (messages published at one virtual instant share it), so a publish writes only its own
 * fields, and a delivery only joins them around its subscription ARN.
 *
 * The signature is a placeholder (the base64 of `simulated:<MessageId>`): nothing signs it, and consumers under
 * test must not verify it.
 */
export class EnvelopeWriter {
  private readonly topicField: string;
  private readonly urls: string;
  private lastEpochMs = Number.NaN;
  private lastTimestamp = '';

  constructor(topicArn: string, region: string) {
    const endpoint = `https://sns.${region}.amazonaws.com`;
    this.topicField = `,"TopicArn":${JSON.stringify(topicArn)}`;
    this.urls = `","SigningCertURL":"${endpoint}/SimpleNotificationService-simulated.pem","UnsubscribeURL":"${endpoint}/?Action=Unsubscribe&SubscriptionArn=`;
  }

  /** An instant as the envelope's Timestamp (ISO 8601, ms, UTC). */
  public timestamp(epochMs: number): string {
    if (epochMs !== this.lastEpochMs) {
      this.lastEpochMs = epochMs;
      this.lastTimestamp = new Date(epochMs).toISOString();
    }
    return this.lastTimestamp;
  }

  /**
   * The envelope up to the subscription ARN (UnsubscribeURL's last parameter), as one flat string: every
   * delivery copies it, so it is not left as a tree of concatenations.
   */
  public head(messageId: string, sequenceNumber: string | undefined, subject: string | undefined, message: string, epochMs: number): string {
    // Message ids and sequence numbers are made by the simulator (hex digits and dashes): nothing to escape.
    const parts = ['{"Type":"Notification","MessageId":"', messageId, '"'];
    if (sequenceNumber !== undefined) parts.push(',"SequenceNumber":"', sequenceNumber, '"');
    parts.push(this.topicField);
    if (subject !== undefined) parts.push(',"Subject":', JSON.stringify(subject));
    parts.push(',"Message":', JSON.stringify(message), ',"Timestamp":"', this.timestamp(epochMs), '","SignatureVersion":"1","Signature":"', signature(messageId), this.urls);
    return parts.join('');
  }

  /** The envelope after the subscription ARN: the message attributes, when the publish has any. */
  public tail(attributes: object | undefined): string {
    if (attributes) {
      for (const _ in attributes) return `","MessageAttributes":${JSON.stringify(attributes)}}`;
    }
    return '"}';
  }
}

/** The base64 alphabet as character codes. */
const BASE64 = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c) => c.charCodeAt(0));
const PAD = '='.charCodeAt(0);
const SIMULATED = 'simulated:';
/** What the simulator's message ids start with (runtime.formatId): its signature's first 44 characters are constant. */
const ID_PREFIX = '00000000-0000-4000-8000';
const SIGNATURE_PREFIX = Buffer.from(SIMULATED + ID_PREFIX).toString('base64');

/**
 * `base64("simulated:" + messageId)`. The first 33 bytes are the same for every id the simulator makes, so only
 * the last 13 (`-` and 12 hex digits) are encoded: four 3-byte groups and a padded last byte, 20 characters
 * written at once.
 */
export function signature(messageId: string): string {
  if (messageId.length !== 36 || !messageId.startsWith(ID_PREFIX)) return Buffer.from(SIMULATED + messageId).toString('base64');
  const c = (i: number) => messageId.charCodeAt(23 + i);
  const g = (i: number) => (c(i) << 16) | (c(i + 1) << 8) | c(i + 2);
  const a = g(0);
  const b = g(3);
  const d = g(6);
  const e = g(9);
  const last = c(12);
  return SIGNATURE_PREFIX + String.fromCharCode(
    BASE64[a >> 18], BASE64[(a >> 12) & 63], BASE64[(a >> 6) & 63], BASE64[a & 63],
    BASE64[b >> 18], BASE64[(b >> 12) & 63], BASE64[(b >> 6) & 63], BASE64[b & 63],
    BASE64[d >> 18], BASE64[(d >> 12) & 63], BASE64[(d >> 6) & 63], BASE64[d & 63],
    BASE64[e >> 18], BASE64[(e >> 12) & 63], BASE64[(e >> 6) & 63], BASE64[e & 63],
    BASE64[last >> 2], BASE64[(last & 3) << 4], PAD, PAD);
}
