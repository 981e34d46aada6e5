import { numbersEqual } from './numbers';
import type { PolicyValue } from './value-matcher';
import type { Scalar } from './types';

/**
 * Everything a policy says about one key, folded into what matching needs: a key matches if
 * any of its values does (AWS "AND/OR logic": several values for a key are an OR).
 */
export interface KeyMatcher {
  /** `{"exists": true}` is among the values: any non-null value matches. */
  readonly existsTrue: boolean;
  /** `{"exists": false}` is among the values: the key's absence matches. */
  readonly existsFalse: boolean;
  /** Whether one message value matches a literal or operator; undefined if there are none. */
  readonly test: ((value: Scalar) => boolean) | undefined;
}

export function buildKeyMatcher(values: readonly PolicyValue[]): KeyMatcher {
  const strings = new Set<string>();
  const numbers: number[] = [];
  const others = new Set<boolean | null>();
  const tests: Array<(value: Scalar) => boolean> = [];
  let existsTrue = false;
  let existsFalse = false;
  for (const value of values) {
    if (value.kind === 'exists') {
      existsTrue ||= value.exists;
      existsFalse ||= !value.exists;
    } else if (value.kind === 'test') {
      tests.push(value.test);
    } else if (typeof value.value === 'string') {
      strings.add(value.value);
    } else if (typeof value.value === 'number') {
      numbers.push(value.value);
    } else {
      others.add(value.value);
    }
  }
  const literalCount = strings.size + numbers.length + others.size;
  if (literalCount + tests.length === 0) {
    return { existsTrue, existsFalse, test: undefined };
  }
  // Literals are compared by JSON type: the string "5" is not the number 5, "true" is not true.
  const test = (v: Scalar): boolean => {
    if (typeof v === 'string') {
      if (strings.has(v)) {
        return true;
      }
    } else if (typeof v === 'number') {
      for (let i = 0; i < numbers.length; i++) {
        if (numbersEqual(numbers[i], v)) {
          return true;
        }
      }
    } else if (others.has(v)) {
      return true;
    }
    for (let i = 0; i < tests.length; i++) {
      if (tests[i](v)) {
        return true;
      }
    }
    return false;
  };
  return { existsTrue, existsFalse, test };
}
