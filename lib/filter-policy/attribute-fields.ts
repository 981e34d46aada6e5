import type { Condition } from './policy-parser';
import type { MessageAttributeValue, Scalar } from './types';

/**
 * How one condition judges a message attribute (MessageAttributes scope).
 * - String: its value is one string.
 * - Number: its value is a number, matched by `numeric` and by numeric literals (AWS "Numeric
 *   value matching": publish with DataType Number).
 * - String.Array: its value is a JSON array; each element is tried on its own (AWS "String value
 *   matching": "each element in the array is treated as a separate string"), and numbers, true,
 *   false and null in it are matched as such.
 * - Binary: never matched by value (AWS "Filter policy constraints": only String, String.Array
 *   and Number are compared), but it is present for `exists`.
 */
export function attributeMatches(condition: Condition, attribute: MessageAttributeValue | undefined): boolean {
  const { existsTrue, existsFalse, test, exactStrings } = condition.matcher;
  if (attribute === undefined) {
    return existsFalse;
  }
  switch (attribute.Type) {
    case 'String':
      if (exactStrings !== undefined) {
        return existsTrue || exactStrings.has(attribute.Value);
      }
      return existsTrue || (test !== undefined && test(attribute.Value));
    case 'Number': {
      // Exact strings never match a number: no need to parse it.
      if (existsTrue || test === undefined || exactStrings !== undefined) {
        return existsTrue;
      }
      const n = numberOf(attribute.Value);
      return !Number.isNaN(n) && test(n);
    }
    case 'String.Array':
      return arrayMatches(attribute.Value, existsTrue, existsFalse, test);
    default:
      return existsTrue;
  }
}

// The text of the Number attribute parsed last. The policies of one subscription after another read the same
// attribute of the same publish: it is parsed once rather than once per policy (a pure function of the text).
let lastNumberText: string | undefined;
let lastNumber = NaN;

function numberOf(text: string): number {
  if (text !== lastNumberText) {
    lastNumber = text.trim() === '' ? NaN : Number(text);
    lastNumberText = text;
  }
  return lastNumber;
}

function arrayMatches(text: string, existsTrue: boolean, existsFalse: boolean,
  test: ((v: Scalar) => boolean) | undefined): boolean {
  let elements: unknown;
  try {
    elements = JSON.parse(text);
  } catch {
    // SNS rejects such a publish; here the attribute is present but has no value to compare.
    return existsTrue;
  }
  if (!Array.isArray(elements)) {
    return existsTrue;
  }
  // An empty array holds no value: like a missing key, as event-ruler sees an empty JSON array.
  if (elements.length === 0) {
    return existsFalse;
  }
  let anyNonNull = false;
  for (const element of elements) {
    if (element !== null && typeof element === 'object') {
      continue;
    }
    anyNonNull ||= element !== null;
    if (test !== undefined && test(element as Scalar)) {
      return true;
    }
  }
  return existsTrue && anyNonNull;
}
