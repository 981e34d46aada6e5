import { Limit, SNS_LIMITS, SQS_LIMITS, describeRange } from '../core/limits';
import { MessageAttributeValue } from '../filter-policy';

/**
 * The parameter checks the SQS and SNS APIs make before they accept a request: a request AWS would reject
 * throws here, as the SDK call would, naming the parameter, the value and the allowed range.
 * They allocate nothing on the accepted path (publish runs through them once per message).
 */

export class InvalidRequestError extends Error {
  constructor(public readonly code: string, message: string) {
    super(`${code}: ${message}`);
    this.name = 'InvalidRequestError';
    Object.setPrototypeOf(this, InvalidRequestError.prototype);
  }
}

/** Why AWS refuses a request: its error code and what is wrong. */
export interface RequestRejection {
  readonly code: string;
  readonly reason: string;
}

function outOfRange(parameter: string, value: number, l: Limit): InvalidRequestError {
  return new InvalidRequestError('InvalidParameterValue', `value ${value} for parameter ${parameter} is invalid: it must be ${describeRange(l)}`);
}

/** ReceiveMessage: MaxNumberOfMessages 1–10, WaitTimeSeconds 0–20, VisibilityTimeout 0–43,200 s. */
export function checkReceive(maxMessages: number | undefined, waitMs: number | undefined, visibilityMs: number | undefined): void {
  if (maxMessages !== undefined && !(Number.isInteger(maxMessages) && maxMessages >= SQS_LIMITS.receiveMaxMessages.min && maxMessages <= SQS_LIMITS.receiveMaxMessages.max)) {
    throw outOfRange('MaxNumberOfMessages', maxMessages, SQS_LIMITS.receiveMaxMessages);
  }
  if (waitMs !== undefined && !(waitMs >= SQS_LIMITS.waitTimeSeconds.min * 1000 && waitMs <= SQS_LIMITS.waitTimeSeconds.max * 1000)) {
    throw outOfRange('WaitTimeSeconds', waitMs / 1000, SQS_LIMITS.waitTimeSeconds);
  }
  if (visibilityMs !== undefined && !(visibilityMs >= SQS_LIMITS.visibilityTimeout.min * 1000 && visibilityMs <= SQS_LIMITS.visibilityTimeout.max * 1000)) {
    throw outOfRange('VisibilityTimeout', visibilityMs / 1000, SQS_LIMITS.visibilityTimeout);
  }
}

/** SendMessage: at most 10 message attributes. Returns the reason, for the queue's failure result. */
export function tooManyAttributes(attributes: object | undefined, l: Limit = SQS_LIMITS.messageAttributes): string | undefined {
  if (attributes === undefined) return undefined;
  let n = 0;
  for (const _ in attributes) n++;
  return n > l.max ? `the message has ${n} message attributes; ${l.name} must be ${describeRange(l)}` : undefined;
}

/**
 * SendMessage: every message attribute carries a value of its type (`BinaryValue` for Binary types,
 * `StringValue` for the others). AWS refuses one without; an SDK caller can write it, the shorthands cannot.
 * An empty value is let through: AWS-FACTS does not say whether SQS takes it (a form field with a name alone
 * reads as one).
 */
export function attributeWithoutValue(attributes: Readonly<Record<string, { readonly DataType: string; readonly StringValue?: string; readonly BinaryValue?: string }>> | undefined): string | undefined {
  for (const name in attributes) {
    const a = attributes[name];
    const field = a.DataType.startsWith('Binary') ? 'BinaryValue' : 'StringValue';
    if (a[field] === undefined) return `the message attribute ${name} (${a.DataType}) has no ${field}: an attribute must carry a value of its type`;
  }
  return undefined;
}

// A decimal number as SNS and SQS parse a Number attribute (integer, fraction, exponent).
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Whether a Number attribute's value is a number AWS accepts. */
export function isNumberText(value: string): boolean {
  return NUMBER.test(value);
}

/** Publish: a non-empty message; Number attributes that are numbers; String.Array attributes that are JSON arrays. */
export function publishRejection(message: string, attributes: Readonly<Record<string, MessageAttributeValue>> | undefined): RequestRejection | undefined {
  if (message.length === 0) return { code: 'InvalidParameter', reason: `Message must be ${describeRange(SNS_LIMITS.publishSize)}; it is empty` };
  for (const name in attributes) {
    const a = attributes[name];
    if (a.Type === 'Number' && !NUMBER.test(a.Value)) return { code: 'InvalidParameterValue', reason: `the value ${JSON.stringify(a.Value)} of message attribute ${name} (Number) is not a number` };
    if (a.Type === 'String.Array' && !isJsonArray(a.Value)) return { code: 'InvalidParameterValue', reason: `the value ${JSON.stringify(a.Value)} of message attribute ${name} (String.Array) is not a JSON array` };
  }
  return undefined;
}

function isJsonArray(value: string): boolean {
  try {
    return Array.isArray(JSON.parse(value));
  } catch {
    return false;
  }
}
