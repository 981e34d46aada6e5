import { SqsMessageAttributes } from './message';

/** The size SQS counts against MaximumMessageSize: the body plus each attribute's name, type and value, in UTF-8 bytes. */
export function messageSize(body: string, attributes: SqsMessageAttributes | undefined): number {
  let size = Buffer.byteLength(body, 'utf8');
  if (attributes) {
    for (const [name, a] of Object.entries(attributes)) {
      size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(a.DataType, 'utf8');
      size += Buffer.byteLength(a.StringValue ?? a.BinaryValue ?? '', a.BinaryValue !== undefined ? 'base64' : 'utf8');
    }
  }
  return size;
}
