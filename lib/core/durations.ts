import { Duration } from 'aws-cdk-lib';

/**
 * A duration's milliseconds, fraction kept. aws-cdk-lib's own `toMilliseconds()` throws on a fraction of a
 * millisecond (`Duration.millis(1500.5)`) with an error that names no prop; the patterns read durations through
 * this instead, so their own rules can refuse such a value by the prop that holds it.
 */
export function exactMillis(d: Duration): number {
  return d.toMilliseconds({ integral: false });
}
