import { Construct } from 'constructs';

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
