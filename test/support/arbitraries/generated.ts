import { Construct } from 'constructs';
import * as fc from 'fast-check';

/**
 * What AWS makes of a generated value, for the rule that checks it:
 * `valid` must be accepted, `invalid` must be refused with a problem naming its prop, and `token` is known only at
 * deploy, so neither outcome is required of the rule it makes undecidable.
 */
export type Verdict = 'valid' | 'invalid' | 'token';

/**
 * A generated prop value. Some values need a scope to exist (a CfnParameter, an imported queue), so the value is a
 * recipe run in the stack of the case; the label says what it is in a failure report.
 */
export interface Generated<T> {
  readonly label: string;
  readonly verdict: Verdict;
  readonly make: (scope: Construct) => T;
  /**
   * Refused by a check that runs only once the pattern's own props are accepted (the rules of a pattern it composes,
   * such as a fan-out subscriber's QueueConsumer): a refusal must name it only when no other prop is refused.
   */
  readonly deferred?: boolean;
}

export function valid<T>(label: string, make: (scope: Construct) => T): Generated<T> {
  return { label, verdict: 'valid', make };
}

export function invalid<T>(label: string, make: (scope: Construct) => T): Generated<T> {
  return { label, verdict: 'invalid', make };
}

export function token<T>(label: string, make: (scope: Construct) => T): Generated<T> {
  return { label, verdict: 'token', make };
}

/** A plain value that needs no scope. */
export function constant<T>(verdict: Verdict, label: string, value: T): Generated<T> {
  return { label, verdict, make: () => value };
}

/** The same value with another verdict: a rule of the combination decides (a `.fifo` name in a standard queue). */
export function judged<T>(g: Generated<T>, verdict: Verdict): Generated<T> {
  return { ...g, verdict };
}

/** The value refused by a check that runs after the pattern's own (see {@link Generated.deferred}). */
export function deferred<T>(g: Generated<T>): Generated<T> {
  return { ...g, verdict: 'invalid', deferred: true };
}

/** Generated props, by field name. */
export type GeneratedProps = Readonly<Record<string, Generated<unknown>>>;

/** Makes every generated field in the scope: the props object the construct is given. */
export function materialize<T>(fields: GeneratedProps, scope: Construct): T {
  return Object.fromEntries(Object.entries(fields).map(([name, g]) => [name, g.make(scope)])) as T;
}

/** `field: label` for each field, for a failure report. */
export function describeProps(fields: GeneratedProps): string {
  return Object.entries(fields).map(([name, g]) => `${name}: ${g.label} (${g.verdict})`).join(', ') || '(no props)';
}

/** A field given in one case out of `1 + skip`, so that many cases have no bad prop and make a resource to lint. */
export function optional<T>(arb: fc.Arbitrary<T>, skip = 3): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: skip, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

/** Drops the fields left out, so a case lists only the props it gives. */
export function given(fields: Readonly<Record<string, Generated<unknown> | undefined>>): Record<string, Generated<unknown>> {
  return Object.fromEntries(Object.entries(fields).filter(([, g]) => g !== undefined)) as Record<string, Generated<unknown>>;
}

/**
 * Makes every generated field in the scope and sets it at its path (`subscribers.billing.queueProps.visibilityTimeout`)
 * in a copy of `base`: the nested props a pattern is given. A field whose value is undefined only marks its path (an
 * invalid name); path segments are own properties, so `constructor` is a key like any other.
 */
export function materializePaths<T>(fields: GeneratedProps, scope: Construct, base: Record<string, unknown> = {}): T {
  const root = structuredCloneShallow(base);
  for (const [path, g] of Object.entries(fields)) {
    const value = g.make(scope);
    const keys = path.split('.');
    let node = root;
    for (const key of keys.slice(0, -1)) {
      if (!Object.prototype.hasOwnProperty.call(node, key)) Object.defineProperty(node, key, { value: {}, enumerable: true, writable: true, configurable: true });
      node = node[key] as Record<string, unknown>;
    }
    const last = keys[keys.length - 1];
    if (value !== undefined) Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return root as T;
}

/** Copies plain objects down the tree (not the values at the leaves: constructs and durations stay themselves). */
function structuredCloneShallow(o: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    Object.defineProperty(copy, k, {
      value: v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype ? structuredCloneShallow(v as Record<string, unknown>) : v,
      enumerable: true, writable: true, configurable: true,
    });
  }
  return copy;
}
