/** Which part of a published message a subscription's filter policy is applied to. */
export type FilterScope = 'MessageAttributes' | 'MessageBody';

/** One SNS message attribute, in the shape SNS shows it in the delivered envelope. */
export interface MessageAttributeValue {
  /** The attribute's data type; `String.Array` carries a JSON array in `Value`. */
  readonly Type: 'String' | 'Number' | 'String.Array' | 'Binary';
  /** The attribute value as text (for `Binary`, its base64 form). */
  readonly Value: string;
}

/** A published message, as far as filtering is concerned. */
export interface FilterMessage {
  /** SNS message attributes, by name. */
  readonly attributes?: Record<string, MessageAttributeValue>;
  /** The raw message text (a JSON object for `MessageBody` scope). */
  readonly body?: string;
}

/** A filter policy parsed once, so that matching many messages costs no parsing of the policy. */
export interface CompiledFilterPolicy {
  /** The scope the policy is applied to. */
  readonly scope: FilterScope;
  /** The policy as given. */
  readonly policy: object;
  /** Whether SNS would deliver the message to a subscription with this policy. */
  matches(message: FilterMessage): boolean;
}

/** A value a policy can be compared with: a JSON scalar taken from the message. */
export type Scalar = string | number | boolean | null;
