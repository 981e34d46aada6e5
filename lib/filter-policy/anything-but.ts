import { compileWildcard, wildcardProblem } from './wildcard';
import { numbersEqual } from './numbers';
import { FILTER_POLICY_LIMITS } from './limits';
import type { Scalar } from './types';

/**
 * The `anything-but` operator: the key must be present and its value must not be what is listed.
 * Forms (SNS "String value matching" and "Numeric value matching"; aws/event-ruler README):
 * a string, a number, a list of only strings or only numbers, or an object with one of
 * `prefix`, `wildcard`, `equals-ignore-case`. EventBridge also takes `suffix` there; SNS refuses it
 * ("Unsupported anything-but pattern: suffix", recorded against AWS in localstack's
 * test_validate_policy_nested_anything_but_operator snapshot).
 */

export type ValueTest = (value: Scalar) => boolean;

/** The operators an `anything-but` object takes in SNS. */
const INNER_OPERATORS = ['prefix', 'wildcard', 'equals-ignore-case'];

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function notAnyString(excluded: ReadonlySet<string>): ValueTest {
  // A value that is not a string (a number, true, null) is not one of the excluded strings.
  return (v) => typeof v !== 'string' || !excluded.has(v);
}

function notAnyNumber(excluded: readonly number[]): ValueTest {
  // Numeric anything-but only judges numbers: a string is not numerically comparable.
  return (v) => typeof v === 'number' && !excluded.some((n) => numbersEqual(n, v));
}

function checkNumber(n: number, where: string): string | undefined {
  return Math.abs(n) > FILTER_POLICY_LIMITS.maxNumericMagnitude
    ? `${where}: anything-but number ${n} is outside -${FILTER_POLICY_LIMITS.maxNumericMagnitude} to ${FILTER_POLICY_LIMITS.maxNumericMagnitude}`
    : undefined;
}

function fromList(list: unknown[], where: string): ValueTest | string {
  if (list.length === 0) {
    return `${where}: "anything-but" needs at least one value`;
  }
  if (list.every((v) => typeof v === 'string')) {
    return notAnyString(new Set(list as string[]));
  }
  if (list.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    const problem = (list as number[]).map((n) => checkNumber(n, where)).find((p) => p !== undefined);
    return problem ?? notAnyNumber(list as number[]);
  }
  return `${where}: an "anything-but" list must hold only strings or only numbers, not ${describe(list)}`;
}

function fromObject(expression: Record<string, unknown>, where: string): ValueTest | string {
  const keys = Object.keys(expression);
  if (keys.length !== 1) {
    return `${where}: an "anything-but" object takes exactly one of ${INNER_OPERATORS.join(', ')}`;
  }
  const operator = keys[0];
  const operand = expression[operator];
  if (operator === 'equals-ignore-case') {
    const list = Array.isArray(operand) ? operand : [operand];
    if (list.length === 0 || !list.every((v) => typeof v === 'string')) {
      return `${where}: anything-but "equals-ignore-case" takes a string or a list of strings, not ${describe(operand)}`;
    }
    const lowered = new Set((list as string[]).map((s) => s.toLowerCase()));
    return (v) => typeof v !== 'string' || !lowered.has(v.toLowerCase());
  }
  if (operator === 'suffix') {
    return `${where}: Unsupported anything-but pattern: suffix (SNS refuses "suffix" inside "anything-but"); list the values to exclude, or use ${INNER_OPERATORS.join(', ')}`;
  }
  if (operator !== 'prefix' && operator !== 'wildcard') {
    return `${where}: "${operator}" cannot be used inside "anything-but"; use ${INNER_OPERATORS.join(', ')}`;
  }
  if (typeof operand !== 'string') {
    return `${where}: anything-but "${operator}" must be a string, not ${describe(operand)}`;
  }
  if (operand === '' && operator !== 'wildcard') {
    return `${where}: anything-but "${operator}" must not be empty`;
  }
  if (operator === 'prefix') {
    return (v) => typeof v !== 'string' || !v.startsWith(operand);
  }
  const problem = wildcardProblem(operand);
  if (problem) {
    return `${where}: ${problem}`;
  }
  const matches = compileWildcard(operand);
  return (v) => typeof v !== 'string' || !matches(v);
}

/** Compiles the operand of `anything-but`; returns a predicate, or the problem in words. */
export function compileAnythingBut(operand: unknown, where: string): ValueTest | string {
  if (typeof operand === 'string') {
    return notAnyString(new Set([operand]));
  }
  if (typeof operand === 'number' && Number.isFinite(operand)) {
    return checkNumber(operand, where) ?? notAnyNumber([operand]);
  }
  if (Array.isArray(operand)) {
    return fromList(operand, where);
  }
  if (operand !== null && typeof operand === 'object') {
    return fromObject(operand as Record<string, unknown>, where);
  }
  return `${where}: "anything-but" takes a string, a number, a list, or an object such as {"prefix": "x"}; true, false and null are not allowed`;
}
