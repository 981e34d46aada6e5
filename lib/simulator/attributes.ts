import { MessageAttributeValue } from '../filter-policy';
import { InvalidRequestError, isNumberText } from './requests';
import { SqsMessageAttribute } from './services/sqs/message';

/**
 * An attribute as tests write it: a string, a number, a boolean, an array of JSON scalars (String.Array), bytes
 * (Binary), or the typed AWS forms `{ Type, Value }` (SNS) and `{ DataType, StringValue | BinaryValue }` (SQS).
 */
export type AttributeShorthand = string | number | boolean | readonly (string | number | boolean | null)[] | Uint8Array | MessageAttributeValue | SqsMessageAttribute;

/** The data types SNS's Publish accepts (AWS-FACTS §2.2). */
const SNS_TYPES = ['String', 'String.Array', 'Number', 'Binary'];
/** SQS's: String, Number or Binary, each with an optional custom label (`Number.int`, `String.Array`). */
const SQS_TYPE = /^(String|Number|Binary)(\.[^\s]{1,250})?$/;
const NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SHAPES = 'a string, a number, a boolean, an array of strings, numbers and booleans, bytes (Uint8Array), { Type, Value } or { DataType, StringValue | BinaryValue }';

type Service = 'SNS' | 'SQS';

function invalid(name: string, problem: string): InvalidRequestError {
  return new InvalidRequestError('InvalidParameterValue', `message attribute ${JSON.stringify(name)} ${problem}`);
}

/** Why SNS and SQS refuse an attribute name (the same rules for both: AWS-FACTS §1.2), if they do. */
function nameProblem(name: string): string | undefined {
  if (!NAME.test(name)) return 'has a name SNS and SQS refuse: 1–256 characters among A–Z, a–z, 0–9, _, - and .';
  if (/^(aws|amazon)\./i.test(name)) return 'has a name SNS and SQS refuse: AWS. and Amazon. prefixes are reserved';
  if (name.startsWith('.') || name.endsWith('.') || name.includes('..')) return 'has a name SNS and SQS refuse: no leading, trailing or successive periods';
  return undefined;
}

function describe(v: unknown): string {
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return 'a function';
  try {
    return JSON.stringify(v) ?? typeof v;
  } catch {
    return typeof v;
  }
}

/** One attribute in the typed SNS form, or the simulator's own error saying what is wrong with it. */
function typed(name: string, v: unknown, service: Service): MessageAttributeValue {
  const problem = nameProblem(name);
  if (problem) throw invalid(name, problem);
  let type: unknown;
  let value: unknown;
  if (typeof v === 'string' || typeof v === 'boolean') [type, value] = ['String', String(v)];
  else if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw invalid(name, `is the number ${v}; a Number attribute must be finite`);
    [type, value] = ['Number', String(v)];
  } else if (Array.isArray(v)) {
    // The index, not the item: an `undefined` item is itself bad, and would read as "none found".
    const bad = v.findIndex((x) => x !== null && typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean');
    if (bad >= 0) throw invalid(name, `is a String.Array holding ${describe(v[bad])}; its items must be strings, numbers, booleans or null`);
    [type, value] = ['String.Array', JSON.stringify(v)];
  } else if (v instanceof Uint8Array) [type, value] = ['Binary', Buffer.from(v).toString('base64')];
  else if (v !== null && typeof v === 'object' && 'Type' in v) [type, value] = [(v as { Type: unknown }).Type, (v as { Value?: unknown }).Value];
  else if (v !== null && typeof v === 'object' && 'DataType' in v) {
    const a = v as { DataType: unknown; StringValue?: unknown; BinaryValue?: unknown };
    [type, value] = [a.DataType, a.StringValue ?? a.BinaryValue];
  } else throw invalid(name, `is ${describe(v)}; give ${SHAPES}`);
  if (typeof type !== 'string' || !(service === 'SNS' ? SNS_TYPES.includes(type) : SQS_TYPE.test(type))) {
    const allowed = service === 'SNS' ? SNS_TYPES.join(', ') : 'String, Number or Binary, optionally with a custom label (Number.int)';
    throw invalid(name, `has the type ${describe(type)}, which ${service} does not accept: use ${allowed}`);
  }
  if (typeof value !== 'string') throw invalid(name, `has the value ${describe(value)}; a ${type} attribute's value is a string${type.startsWith('Binary') ? ' (base64) or bytes' : ''}`);
  if (value === '') throw invalid(name, `is empty; ${service} refuses an attribute without a value`);
  if (service === 'SQS' && type.startsWith('Number') && !isNumberText(value)) throw invalid(name, `is ${type} but its value ${JSON.stringify(value)} is not a number`);
  if (type.startsWith('Binary') && !BASE64.test(value)) throw invalid(name, `is ${type} but its value is not base64: pass bytes (a Uint8Array) or their base64`);
  return { Type: type as MessageAttributeValue['Type'], Value: value };
}

function expand(input: unknown, service: Service): Record<string, MessageAttributeValue> | undefined {
  if (input === undefined) return undefined;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new InvalidRequestError('InvalidParameterValue', `attributes must be an object of attribute names to values, got ${describe(input)}`);
  }
  const out: Record<string, MessageAttributeValue> = {};
  for (const name in input) out[name] = typed(name, (input as Record<string, unknown>)[name], service);
  return out;
}

/**
 * Maps shorthands to SNS typed attributes (strings → String, numbers → Number, arrays → String.Array, bytes →
 * Binary). A malformed attribute (a wrong shape, an unknown type, an empty value, a reserved name) throws an
 * `InvalidRequestError` naming the attribute, as Publish would refuse it.
 */
export function snsAttributes(input: Readonly<Record<string, AttributeShorthand>> | undefined): Record<string, MessageAttributeValue> | undefined {
  return expand(input, 'SNS');
}

/** The same shorthands as SQS message attributes (`DataType` / `StringValue` | `BinaryValue`), with SendMessage's rules. */
export function sqsAttributes(input: Readonly<Record<string, AttributeShorthand>> | undefined): Record<string, SqsMessageAttribute> | undefined {
  const typedAttributes = expand(input, 'SQS');
  if (!typedAttributes) return undefined;
  const out: Record<string, SqsMessageAttribute> = {};
  for (const name in typedAttributes) {
    const a = typedAttributes[name];
    out[name] = a.Type.startsWith('Binary') ? { DataType: a.Type, BinaryValue: a.Value } : { DataType: a.Type, StringValue: a.Value };
  }
  return out;
}
