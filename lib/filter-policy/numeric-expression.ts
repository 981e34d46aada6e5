import { FILTER_POLICY_LIMITS } from './limits';
import { comparableNumber } from './numbers';

/**
 * The `numeric` operator: `["=", x]`, `["<", x]`, `["<=", x]`, `[">", x]`, `[">=", x]`, or a
 * range `[">" | ">=", low, "<" | "<=", high]` with low < high. The accepted shapes and the
 * order in which problems are found follow aws/event-ruler's JsonRuleCompiler, whose messages
 * SNS returns (recorded against AWS in localstack's test_sns_filter_policy snapshot).
 */

/** Bounds on the scaled (comparableNumber) value; undefined means unbounded. */
export interface NumericRange {
  readonly low?: number;
  readonly lowInclusive: boolean;
  readonly high?: number;
  readonly highInclusive: boolean;
}

const LOWER = new Set(['>', '>=']);
const UPPER = new Set(['<', '<=']);

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function scaled(value: unknown, operator: string, where: string): number | string {
  const name = operator === '=' ? 'equals' : operator;
  if (typeof value !== 'number') {
    return `${where}: the value after "${name}" must be a number, not ${describe(value)}`;
  }
  const c = comparableNumber(value);
  if (c === undefined) {
    const max = FILTER_POLICY_LIMITS.maxNumericMagnitude;
    return `${where}: ${value} is outside the range SNS compares numerically (-${max} to ${max})`;
  }
  return c;
}

/** Parses the array given to `numeric`; returns the range, or the problem in words. */
export function parseNumericExpression(expression: unknown, where: string): NumericRange | string {
  if (!Array.isArray(expression)) {
    return `${where}: "numeric" takes an array such as [">", 0, "<=", 100], not ${describe(expression)}`;
  }
  if (expression.length === 0) {
    return `${where}: "numeric" needs an operator and a number, e.g. ["=", 5]`;
  }
  const [op1, v1, op2, v2] = expression;
  if (typeof op1 !== 'string') {
    return `${where}: "numeric" must start with an operator (=, <, <=, >, >=), not ${describe(op1)}`;
  }
  if (op1 !== '=' && !LOWER.has(op1) && !UPPER.has(op1)) {
    return `${where}: "${op1}" is not a numeric operator; use =, <, <=, > or >=`;
  }
  const first = scaled(v1, op1, where);
  if (typeof first === 'string') {
    return first;
  }
  if (expression.length === 2) {
    if (op1 === '=') {
      return { low: first, lowInclusive: true, high: first, highInclusive: true };
    }
    return LOWER.has(op1)
      ? { low: first, lowInclusive: op1 === '>=', highInclusive: false }
      : { high: first, highInclusive: op1 === '<=', lowInclusive: false };
  }
  if (!LOWER.has(op1)) {
    return `${where}: only a lower bound (> or >=) can be followed by an upper bound; "${op1}" must stand alone`;
  }
  if (typeof op2 !== 'string') {
    return `${where}: a numeric range needs an upper-bound operator (< or <=) after ${describe(v1)}, not ${describe(op2)}`;
  }
  if (!UPPER.has(op2)) {
    return `${where}: the second operator of a numeric range must be < or <=, not "${op2}"`;
  }
  const second = scaled(v2, op2, where);
  if (typeof second === 'string') {
    return second;
  }
  if (expression.length > 4) {
    return `${where}: a numeric range has at most two operator/value pairs`;
  }
  if (second <= first) {
    return `${where}: the lower bound ${describe(v1)} must be less than the upper bound ${describe(v2)}`;
  }
  return { low: first, lowInclusive: op1 === '>=', high: second, highInclusive: op2 === '<=' };
}

/** Whether a message number lies in the range. */
export function inNumericRange(range: NumericRange, value: number): boolean {
  const c = comparableNumber(value);
  if (c === undefined) {
    return false;
  }
  if (range.low !== undefined && (range.lowInclusive ? c < range.low : c <= range.low)) {
    return false;
  }
  return range.high === undefined || (range.highInclusive ? c <= range.high : c < range.high);
}
