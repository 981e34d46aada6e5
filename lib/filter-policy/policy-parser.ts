import { buildKeyMatcher, KeyMatcher } from './key-matcher';
import { FILTER_POLICY_LIMITS } from './limits';
import { compilePolicyValue, OPERATORS, PolicyValue } from './value-matcher';
import type { FilterScope } from './types';

/** One key of a policy with its values: the message value at `path` must match one of them. */
export interface Condition {
  /** The key path, nested keys joined with "." (as event-ruler flattens both policies and bodies). */
  readonly path: string;
  /** The top-level key it sits under: for body policies "only parent keys are counted". */
  readonly parent: string;
  /** Nesting depth (1 for a top-level key); deeper keys weigh more in the combination count. */
  readonly depth: number;
  /** How many values the key lists. */
  readonly valueCount: number;
  readonly matcher: KeyMatcher;
}

/**
 * A policy expanded into its alternatives: it matches if every condition of any one branch
 * matches. `$or` forks branches the way event-ruler's JsonRuleCompiler does.
 */
export interface ParsedPolicy {
  readonly branches: ReadonlyArray<ReadonlyArray<Condition>>;
  /** Every reason SNS would reject the policy, each readable on its own; empty if it is valid. */
  readonly errors: readonly string[];
}

const OR = '$or';
const RESERVED_IN_OR = new Set<string>(OPERATORS);

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function label(path: string): string {
  return path === '' ? 'the policy' : `key "${path}"`;
}

class PolicyWalker {
  readonly errors: string[] = [];
  private nestingReported = false;

  constructor(private readonly scope: FilterScope) {}

  /** Adds the conditions of `object` to every branch in `branches`; returns the resulting branches. */
  walk(object: Record<string, unknown>, prefix: string, depth: number, inOr: boolean,
    branches: Map<string, Condition>[]): Map<string, Condition>[] {
    const keys = Object.keys(object);
    if (keys.length === 0) {
      this.errors.push(`${label(prefix)}: empty objects are not allowed in a filter policy`);
    }
    let current = branches;
    for (const key of keys) {
      const value = object[key];
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (key === OR) {
        current = this.walkOr(value, prefix, depth, current);
        continue;
      }
      if (inOr && RESERVED_IN_OR.has(key)) {
        this.errors.push(`${label(path)}: "${key}" is an operator name and cannot be a key inside "$or"`);
      }
      if (Array.isArray(value)) {
        const condition = this.condition(path, depth, value);
        // A key given twice (e.g. "a.b" and {"a": {"b"}}) keeps the last, as event-ruler's rule map does.
        current.forEach((branch) => branch.set(path, condition));
      } else if (isObject(value)) {
        if (this.scope === 'MessageAttributes') {
          this.reportNesting(path);
        }
        current = this.walk(value, path, depth + 1, inOr, current);
      } else {
        this.errors.push(`${label(path)}: must be an array of values (e.g. ["a"]) or, in MessageBody scope, a nested object; a lone value must be in an array`);
      }
    }
    return current;
  }

  private walkOr(value: unknown, prefix: string, depth: number,
    branches: Map<string, Condition>[]): Map<string, Condition>[] {
    const where = label(prefix === '' ? OR : `${prefix}.${OR}`);
    if (!Array.isArray(value) || value.length < FILTER_POLICY_LIMITS.minOrBranches || !value.every(isObject)) {
      this.errors.push(`${where}: "$or" must be an array of at least ${FILTER_POLICY_LIMITS.minOrBranches} objects, each a set of keys`);
      return branches;
    }
    return value.flatMap((alternative) =>
      this.walk(alternative as Record<string, unknown>, prefix, depth, true, branches.map((b) => new Map(b))));
  }

  private condition(path: string, depth: number, list: unknown[]): Condition {
    const where = label(path);
    if (list.length === 0) {
      this.errors.push(`${where}: empty arrays are not allowed; list at least one value`);
    }
    const values: PolicyValue[] = [];
    list.forEach((element) => {
      const compiled = compilePolicyValue(element, where);
      if (typeof compiled === 'string') {
        this.errors.push(compiled);
      } else {
        values.push(compiled);
      }
    });
    const parent = path.split('.')[0];
    return { path, parent, depth, valueCount: list.length, matcher: buildKeyMatcher(values) };
  }

  private reportNesting(path: string): void {
    if (!this.nestingReported) {
      this.nestingReported = true;
      this.errors.push(`${label(path)}: MessageAttributes scope does not support nested filter policies; use FilterPolicyScope MessageBody to filter on nested properties`);
    }
  }
}

/**
 * AWS's documented complexity: within a branch multiply, for each key, the number of its values
 * by its nesting depth (3 x 4 x 2 x 3 x 1 x 3 = 216 in the "Filter policy constraints" example);
 * `$or` branches add up ((source x metricName) + (source x metricType x metricId) + ... in the
 * same page's `$or` example, 152 rejected, 150 accepted).
 */
function combinations(branches: ReadonlyArray<ReadonlyArray<Condition>>): number {
  return branches.reduce(
    (sum, branch) => sum + branch.reduce((product, c) => product * c.valueCount * c.depth, 1), 0);
}

function checkLimits(policy: object, scope: FilterScope, parsed: ReadonlyArray<ReadonlyArray<Condition>>, errors: string[]): void {
  const { maxKeys, maxCombinations, maxSizeBytes } = FILTER_POLICY_LIMITS;
  // Keys are counted per alternative: `$or` adds alternatives, not keys to each of them.
  for (const branch of parsed) {
    const names = new Set(branch.map((c) => (scope === 'MessageBody' ? c.parent : c.path)));
    if (names.size > maxKeys) {
      const what = scope === 'MessageBody' ? 'top-level keys' : 'keys';
      errors.push(`the policy has ${names.size} ${what} (${[...names].join(', ')}); SNS allows at most ${maxKeys}`);
      break;
    }
  }
  const total = combinations(parsed);
  if (total > maxCombinations) {
    errors.push(`the policy is too complex: its values make ${total} combinations; SNS allows at most ${maxCombinations}`);
  }
  const size = Buffer.byteLength(JSON.stringify(policy), 'utf8');
  if (size > maxSizeBytes) {
    errors.push(`the policy is ${size} bytes as JSON; SNS allows at most ${maxSizeBytes} bytes (256 KB)`);
  }
}

/** Parses and checks a policy: its branches for matching, and every reason SNS would reject it. */
export function parseFilterPolicy(policy: unknown, scope: FilterScope): ParsedPolicy {
  if (scope !== 'MessageAttributes' && scope !== 'MessageBody') {
    return { branches: [], errors: [`the filter policy scope must be MessageAttributes or MessageBody, not ${JSON.stringify(scope)}`] };
  }
  if (!isObject(policy)) {
    return { branches: [], errors: ['the filter policy must be a JSON object of keys and value lists'] };
  }
  // An empty policy is a subscription without a filter: SNS accepts `{}` and delivers every message, in both scopes
  // (AWS "Amazon SNS message filtering": "If a subscription doesn't have a filter policy, the subscriber receives
  // every message"). One branch of no condition matches everything; nested `{}` stays an error.
  if (Object.keys(policy).length === 0) {
    return { branches: [[]], errors: [] };
  }
  const walker = new PolicyWalker(scope);
  const branches = walker.walk(policy, '', 1, false, [new Map()]).map((b) => [...b.values()]);
  const errors = walker.errors;
  checkLimits(policy, scope, branches, errors);
  return { branches, errors };
}
