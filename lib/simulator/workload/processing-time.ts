import { Duration } from 'aws-cdk-lib';
import { Random } from '../random';

/**
 * How long a worker takes over one message: a fixed time, an exponential distribution around a mean (many short
 * messages, a few long ones), or times drawn uniformly from measured samples. Random draws come from the
 * simulation's seed: same seed, same run.
 */
export type ProcessingTime =
  | Duration
  | { readonly fixed: Duration }
  | { readonly exponential: Duration }
  | { readonly samples: readonly Duration[] };

/** A processing time as a function of the seeded random source, in virtual ms. */
export type ProcessingTimeSampler = (random: Random) => number;

export function processingTimeSampler(p: ProcessingTime): ProcessingTimeSampler {
  if (p instanceof Duration) return fixed(p);
  if ('fixed' in p) return fixed(p.fixed);
  if ('exponential' in p) {
    const mean = p.exponential.toMilliseconds();
    if (!(mean > 0)) throw new Error(`an exponential processing time needs a mean above 0 (got ${p.exponential.toHumanString()})`);
    // Whole milliseconds, as the clock counts; 1 - u keeps the logarithm finite.
    return (random) => Math.max(1, Math.round(-mean * Math.log(1 - random.next())));
  }
  const samples = p.samples.map((d) => d.toMilliseconds());
  if (samples.length === 0) throw new Error('processing time samples: give at least one duration');
  return (random) => samples[random.int(samples.length)];
}

function fixed(d: Duration): ProcessingTimeSampler {
  const ms = d.toMilliseconds();
  if (ms < 0) throw new Error(`a processing time cannot be negative (got ${ms} ms)`);
  return () => ms;
}

/** The mean of a processing time, for reports. */
export function meanProcessingMs(p: ProcessingTime): number {
  if (p instanceof Duration) return p.toMilliseconds();
  if ('fixed' in p) return p.fixed.toMilliseconds();
  if ('exponential' in p) return p.exponential.toMilliseconds();
  return p.samples.reduce((s, d) => s + d.toMilliseconds(), 0) / p.samples.length;
}
