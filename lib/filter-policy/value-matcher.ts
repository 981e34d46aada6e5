import { compileAnythingBut, ValueTest } from './anything-but';
import { cidrContains, parseCidr } from './ip-address';
import { inNumericRange, parseNumericExpression } from './numeric-expression';
import { compileWildcard, wildcardProblem } from './wildcard';
import type { Scalar } from './types';

/**
 * One element of a key's value list in a policy, compiled: either a literal to compare
 * exactly, an `exists` test, or a predicate on one message value.
 */
export type PolicyValue =
  | { readonly kind: 'literal'; readonly value: Scalar }
  | { readonly kind: 'exists'; readonly exists: boolean }
  | { readonly kind: 'test'; readonly test: ValueTest };

/** Operator names; also the names event-ruler reserves inside `$or` objects. */
export const OPERATORS = [
  'prefix', 'suffix', 'equals-ignore-case', 'wildcard', 'anything-but', 'numeric', 'exists', 'cidr',
] as const;

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function stringOperand(operator: string, operand: unknown, where: string): string | { problem: string } {
  return typeof operand === 'string'
    ? operand
    : { problem: `${where}: "${operator}" must be a string, not ${describe(operand)}` };
}

function compileOperator(operator: string, operand: unknown, where: string): PolicyValue | string {
  switch (operator) {
    case 'exists':
      return typeof operand === 'boolean'
        ? { kind: 'exists', exists: operand }
        : `${where}: "exists" must be true or false, not ${describe(operand)}`;
    case 'numeric': {
      const range = parseNumericExpression(operand, where);
      return typeof range === 'string'
        ? range
        : { kind: 'test', test: (v) => typeof v === 'number' && inNumericRange(range, v) };
    }
    case 'anything-but': {
      const test = compileAnythingBut(operand, where);
      return typeof test === 'string' ? test : { kind: 'test', test };
    }
    case 'cidr': {
      const text = stringOperand(operator, operand, where);
      if (typeof text !== 'string') {
        return text.problem;
      }
      const block = parseCidr(text);
      return typeof block === 'string'
        ? `${where}: ${block}`
        : { kind: 'test', test: (v) => typeof v === 'string' && cidrContains(block, v) };
    }
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
    case 'wildcard':
      return compileStringOperator(operator, operand, where);
    default:
      return `${where}: "${operator}" is not a filter policy operator; use one of ${OPERATORS.join(', ')}`;
  }
}

function compileStringOperator(operator: string, operand: unknown, where: string): PolicyValue | string {
  const text = stringOperand(operator, operand, where);
  if (typeof text !== 'string') {
    return text.problem;
  }
  // String operators only ever match string values (event-ruler README: "only work on string-valued fields").
  switch (operator) {
    case 'prefix':
      return { kind: 'test', test: (v) => typeof v === 'string' && v.startsWith(text) };
    case 'suffix':
      return { kind: 'test', test: (v) => typeof v === 'string' && v.endsWith(text) };
    case 'equals-ignore-case': {
      const lowered = text.toLowerCase();
      return { kind: 'test', test: (v) => typeof v === 'string' && v.toLowerCase() === lowered };
    }
    default: {
      const problem = wildcardProblem(text);
      if (problem) {
        return `${where}: ${problem}`;
      }
      const matches = compileWildcard(text);
      return { kind: 'test', test: (v) => typeof v === 'string' && matches(v) };
    }
  }
}

/** Compiles one element of a key's value list; returns the problem in words if SNS would reject it. */
export function compilePolicyValue(element: unknown, where: string): PolicyValue | string {
  if (element === null || typeof element === 'string' || typeof element === 'boolean') {
    return { kind: 'literal', value: element };
  }
  if (typeof element === 'number') {
    return Number.isFinite(element)
      ? { kind: 'literal', value: element }
      : `${where}: ${element} is not a JSON number`;
  }
  if (Array.isArray(element) || typeof element !== 'object') {
    return `${where}: a value must be a string, number, true, false, null or an operator object, not ${describe(element)}`;
  }
  const keys = Object.keys(element);
  if (keys.length === 0) {
    return `${where}: an operator object must name one operator, e.g. {"prefix": "abc"}`;
  }
  const first = compileOperator(keys[0], (element as Record<string, unknown>)[keys[0]], where);
  if (typeof first === 'string') {
    return first;
  }
  if (keys.length > 1) {
    return `${where}: an operator object holds exactly one operator; put ${keys.map((k) => `{"${k}": ...}`).join(' and ')} as separate list elements`;
  }
  return first;
}
