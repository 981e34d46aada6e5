import { Duration } from 'aws-cdk-lib';
import { Limit, ProblemInput, aValueIn, describeRange, isKnown, withinLimit, exactMillis } from '../../core';

/**
 * A rule's outcome: an error stops the synth, a warning is shown and can be acknowledged by its code.
 * Its `prop` is the pattern's own name for the prop (`queue visibilityTimeout`, `batchSize`): the construct
 * reports it where the user sets it, which may be another pattern's prop.
 */
export interface Finding {
  readonly severity: 'error' | 'warning';
  readonly problem: ProblemInput;
}

/**
 * Renders one of the pattern's own prop names (`functionProps.timeout`, `queue visibilityTimeout`) as the
 * user writes it where it is set (`subscribers.fulfilment.consumer.functionProps.timeout`), for messages.
 */
export type PropNamer = (prop: string) => string;

/** Names every prop as the pattern itself calls it: a QueueConsumer made by the user. */
export const OWN_NAMES: PropNamer = (prop) => prop;

export function error(problem: ProblemInput): Finding {
  return { severity: 'error', problem };
}

export function warning(problem: ProblemInput): Finding {
  return { severity: 'warning', problem };
}

export function outsideRange(code: string, prop: string, value: number, range: Limit, n: PropNamer, unit = ''): Finding | undefined {
  if (!isKnown(value)) return undefined;
  // Every count and duration AWS takes here is a whole number: a fraction is refused before the template holds it.
  if (!Number.isInteger(value)) {
    const lower = Math.floor(value);
    return error({
      code,
      prop,
      value: `${value}${unit}`,
      rule: `is not a whole number${unit ? ' of seconds' : ''}: AWS takes only integers here (${range.source})`,
      fix: `Set ${n(prop)} to a whole number${unit ? ' of seconds' : ''} in ${describeRange(range)}, such as ${Math.max(lower, range.min)}.`,
    });
  }
  if (withinLimit(value, range)) return undefined;
  return error({
    code,
    prop,
    value: `${value}${unit}`,
    rule: `is outside ${range.name}'s allowed range ${describeRange(range)} (${range.source})`,
    fix: `Set ${n(prop)} to ${aValueIn(range)}.`,
  });
}

/** A duration's seconds, fraction kept; undefined when it is a token. */
export function exactSeconds(d: Duration | undefined): number | undefined {
  return d !== undefined && isKnown(d) ? exactMillis(d) / 1000 : undefined;
}

/** A duration in whole seconds; undefined when it is a token or has a fraction (which its own range rule refuses). */
export function seconds(d: Duration | undefined): number | undefined {
  const s = exactSeconds(d);
  return s !== undefined && Number.isInteger(s) ? s : undefined;
}

/** The range rule of a duration AWS takes in whole seconds. */
export function durationRange(code: string, prop: string, d: Duration | undefined, range: Limit, n: PropNamer): Finding | undefined {
  const s = exactSeconds(d);
  return s === undefined ? undefined : outsideRange(code, prop, s, range, n, 's');
}
