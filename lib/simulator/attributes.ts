import { MessageAttributeValue } from '../filter-policy';
import { SqsMessageAttribute } from './services/sqs/message';

/** An attribute as tests write it: a string, a number, a string array, or the typed AWS form. */
export type AttributeShorthand = string | number | boolean | readonly string[] | MessageAttributeValue | SqsMessageAttribute;

/** Maps shorthands to SNS typed attributes: strings → String, numbers → Number, string arrays → String.Array. */
export function snsAttributes(input: Readonly<Record<string, AttributeShorthand>> | undefined): Record<string, MessageAttributeValue> | undefined {
  if (!input) return undefined;
  const out: Record<string, MessageAttributeValue> = {};
  for (const name in input) {
    const v = input[name];
    if (typeof v === 'string' || typeof v === 'boolean') out[name] = { Type: 'String', Value: String(v) };
    else if (typeof v === 'number') out[name] = { Type: 'Number', Value: String(v) };
    else if (Array.isArray(v)) out[name] = { Type: 'String.Array', Value: JSON.stringify(v) };
    else if ('Type' in v) out[name] = v as MessageAttributeValue;
    else {
      const a = v as SqsMessageAttribute;
      out[name] = { Type: a.DataType as MessageAttributeValue['Type'], Value: a.StringValue ?? a.BinaryValue ?? '' };
    }
  }
  return out;
}

/** The same shorthands as SQS message attributes (`DataType` / `StringValue`). */
export function sqsAttributes(input: Readonly<Record<string, AttributeShorthand>> | undefined): Record<string, SqsMessageAttribute> | undefined {
  const sns = snsAttributes(input);
  if (!sns) return undefined;
  const out: Record<string, SqsMessageAttribute> = {};
  for (const [name, a] of Object.entries(sns)) out[name] = a.Type === 'Binary' ? { DataType: 'Binary', BinaryValue: a.Value } : { DataType: a.Type, StringValue: a.Value };
  return out;
}
