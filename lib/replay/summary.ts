import { RecordedArrivals } from './arrivals';
import { MetricSeries, presentValues } from './series';

/** What ran the messages, and how much of it: instances, tasks or concurrent executions. */
export interface CapacityUsed {
  /** One of it, singular: `instance` (EC2 Auto Scaling), `task` (ECS) or `concurrent execution` (Lambda). */
  readonly unit: string;
  /** The most at one time. */
  readonly peak: number;
  /** Capacity integrated over time: instance-hours, task-hours or execution-hours. */
  readonly hours: number;
  /**
   * What the hours are called.
   * @default - the unit followed by `-hours` (`task-hours`)
   */
  readonly hoursUnit?: string;
}

/**
 * How a queue fared over a window: what the comparison shows side by side for production (from its CloudWatch
 * metrics) and a simulated configuration (from the same metrics of the simulated queue).
 */
export interface TrafficSummary {
  /** Messages sent to the queue. */
  readonly messages: number;
  /** The busiest minute's arrivals. */
  readonly peakArrivalsPerMinute: number;
  /** Arrivals per minute, on average over the window. */
  readonly meanArrivalsPerMinute: number;
  /** The 95th percentile (nearest rank) of the per-period maxima of ApproximateAgeOfOldestMessage, seconds; undefined without data. */
  readonly ageOfOldestP95Seconds?: number;
  /** The largest ApproximateAgeOfOldestMessage, seconds; undefined without data. */
  readonly ageOfOldestMaxSeconds?: number;
  /** The largest ApproximateNumberOfMessagesVisible; undefined without data. */
  readonly peakDepth?: number;
  /** The consumers' capacity; undefined where the metrics do not tell it (a queue's own metrics never do). */
  readonly capacity?: CapacityUsed;
}

/** What a summary is made from: the arrivals and the two gauges, as a recording or a simulation gives them. */
export interface SummaryInput {
  readonly arrivals: RecordedArrivals;
  readonly visible: MetricSeries;
  readonly ageOfOldest: MetricSeries;
  readonly capacity?: CapacityUsed;
}

/** Summarizes a queue's traffic; the same function serves production and a simulated configuration. */
export function summarizeTraffic(input: SummaryInput): TrafficSummary {
  const perMinute = input.arrivals.perMinute;
  const messages = perMinute.reduce((a, b) => a + b, 0);
  const ages = presentValues(input.ageOfOldest);
  const depths = presentValues(input.visible);
  return {
    messages,
    peakArrivalsPerMinute: perMinute.reduce((a, b) => Math.max(a, b), 0),
    meanArrivalsPerMinute: perMinute.length === 0 ? 0 : messages / perMinute.length,
    ageOfOldestP95Seconds: percentile(ages, 95),
    ageOfOldestMaxSeconds: maximum(ages),
    peakDepth: maximum(depths),
    capacity: input.capacity,
  };
}

/** The nearest-rank percentile (the smallest value at least p % of the values are at or below); undefined for none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p > 0 && p <= 100)) throw new Error(`a percentile is above 0 and at most 100 (got ${p})`);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

function maximum(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => Math.max(a, b));
}
