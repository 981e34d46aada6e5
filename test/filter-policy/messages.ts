import type { FilterMessage, MessageAttributeValue } from '../../lib/filter-policy';

type AttributeSpec = string | number | string[] | MessageAttributeValue;

/**
 * Builds a message from attribute shorthands: a string is a String attribute, a number a
 * Number attribute, an array a String.Array attribute; a full {Type, Value} is used as given.
 */
export function attrs(spec: Record<string, AttributeSpec>): FilterMessage {
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(spec)) {
    if (typeof value === 'string') {
      attributes[name] = { Type: 'String', Value: value };
    } else if (typeof value === 'number') {
      attributes[name] = { Type: 'Number', Value: String(value) };
    } else if (Array.isArray(value)) {
      attributes[name] = { Type: 'String.Array', Value: JSON.stringify(value) };
    } else {
      attributes[name] = value;
    }
  }
  return { attributes };
}

/** A message whose body is the JSON of `value`. */
export function body(value: unknown): FilterMessage {
  return { body: JSON.stringify(value) };
}
