import { createHash } from 'crypto';
import { SqsMessageAttributes } from '../sqs/message';
import { SqsReceivedMessage } from '../sqs/received-message';

/** A message attribute as Lambda puts it in an SQS record (camelCase, with the two list fields). */
export interface SqsRecordMessageAttribute {
  readonly stringValue?: string;
  readonly binaryValue?: string;
  readonly stringListValues: string[];
  readonly binaryListValues: string[];
  readonly dataType: string;
}

/** One record of the event Lambda sends for an SQS batch (AWS-FACTS §4, "Record shape"); every attribute is a string. */
export interface SqsEventRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageAttributes: Readonly<Record<string, SqsRecordMessageAttribute>>;
  readonly md5OfBody: string;
  readonly eventSource: 'aws:sqs';
  readonly eventSourceARN: string;
  readonly awsRegion: string;
}

export interface SqsEvent {
  readonly Records: SqsEventRecord[];
}

/**
 * Estimated bytes of a record beyond its body and attributes (ids, receipt handle, system attributes, field
 * names): Lambda counts this metadata toward the 6 MB batch limit (AWS-FACTS §4, BatchSize).
 */
export const RECORD_OVERHEAD_BYTES = 700;

/** The bytes a message adds to a batch: body, attributes and record metadata. */
export function recordSize(m: SqsReceivedMessage): number {
  // A UTF-16 code unit is at most 3 UTF-8 bytes; the exact count is only needed for big bodies.
  let size = m.body.length < 2048 ? m.body.length * 3 : Buffer.byteLength(m.body, 'utf8');
  for (const name in m.attributes) {
    const a = m.attributes[name];
    size += name.length + a.DataType.length + (a.StringValue ?? a.BinaryValue ?? '').length;
  }
  return size + RECORD_OVERHEAD_BYTES;
}

/**
 * Builds records for one queue. MD5s of identical bodies are computed once (the last body is remembered),
 * which makes a stream of similar messages cheap without keeping a cache that grows.
 */
export class SqsRecordBuilder {
  private lastBody: string | undefined = undefined;
  private lastMd5 = '';

  constructor(
    private readonly queueArn: string,
    private readonly region: string,
  ) {}

  public record(m: SqsReceivedMessage): SqsEventRecord {
    return {
      messageId: m.messageId,
      receiptHandle: m.receiptHandle,
      body: m.body,
      attributes: m.systemAttributes,
      messageAttributes: recordAttributes(m.attributes),
      md5OfBody: this.md5(m.body),
      eventSource: 'aws:sqs',
      eventSourceARN: this.queueArn,
      awsRegion: this.region,
    };
  }

  private md5(body: string): string {
    if (body !== this.lastBody) {
      this.lastBody = body;
      this.lastMd5 = createHash('md5').update(body, 'utf8').digest('hex');
    }
    return this.lastMd5;
  }
}

function recordAttributes(attributes: SqsMessageAttributes): Record<string, SqsRecordMessageAttribute> {
  const out: Record<string, SqsRecordMessageAttribute> = {};
  for (const name in attributes) {
    const a = attributes[name];
    out[name] = {
      ...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}),
      ...(a.BinaryValue !== undefined ? { binaryValue: a.BinaryValue } : {}),
      stringListValues: [],
      binaryListValues: [],
      dataType: a.DataType,
    };
  }
  return out;
}
