import { comparableNumber } from './numbers';
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
  /**
   * The key's literals when they are all strings and it has no operator (the commonest policy): then a string
   * value matches exactly when it is in the set, and nothing else matches but `exists`. Lets matching skip `test`.
   */
  readonly exactStrings: ReadonlySet<string> | undefined;
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
    return { existsTrue, existsFalse, test: undefined, exactStrings: undefined };
  }
  // numbersEqual, with the literals' side computed here rather than on every comparison.
  const comparables = numbers.map(comparableNumber);
  // Literals are compared by JSON type: the string "5" is not the number 5, "true" is not true.
  const test = (v: Scalar): boolean => {
    if (typeof v === 'string') {
      if (strings.has(v)) {
        return true;
      }
    } else if (typeof v === 'number') {
      const cv = numbers.length > 0 ? comparableNumber(v) : undefined;
      for (let i = 0; i < numbers.length; i++) {
        const cl = comparables[i];
        if (cl === undefined || cv === undefined ? numbers[i] === v : cl === cv) {
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
  const exactStrings = literalCount === strings.size && tests.length === 0 ? strings : undefined;
  return { existsTrue, existsFalse, test, exactStrings };
}
