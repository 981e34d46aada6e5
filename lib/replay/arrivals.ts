import { MetricSeries } from './series';

const MINUTE_SECONDS = 60;

/**
 * Messages arriving in each minute from a wall-clock start: the shape every arrival profile of the simulator
 * comes down to (`name`, `perMinute`, `startEpochMs`), so a recording plays as one without conversion.
 */
export interface RecordedArrivals {
  /** What the arrivals are, for reports and plots (`orders, CloudWatch eu-west-1`). */
  readonly name: string;
  /** Whole messages in each minute, from the first. */
  readonly perMinute: readonly number[];
  /** When the first minute starts, epoch ms. */
  readonly startEpochMs: number;
  /**
   * The period the counts were recorded at. 60: each minute is as recorded. Coarser (5-minute data older than
   * 15 days, hourly beyond 63): each period's count is spread evenly over its minutes.
   */
  readonly recordedPeriodSeconds: number;
}

/**
 * Arrivals from a `NumberOfMessagesSent` Sum series. A period with no datapoint had no messages sent (an idle
 * queue publishes nothing). A count of a coarser period is spread evenly over its minutes in whole messages, the
 * fraction carried to the next minute, so every period keeps its exact total.
 */
export function arrivalsFromSent(name: string, sent: MetricSeries): RecordedArrivals {
  if (sent.periodSeconds % MINUTE_SECONDS !== 0) throw new Error(`${sent.metricName} has ${sent.periodSeconds}-second periods: arrivals are per minute`);
  const minutes = sent.periodSeconds / MINUTE_SECONDS;
  const perMinute: number[] = [];
  for (const value of sent.values) {
    const count = Math.round(value ?? 0);
    let given = 0;
    for (let m = 1; m <= minutes; m++) {
      const upTo = Math.floor((count * m) / minutes);
      perMinute.push(upTo - given);
      given = upTo;
    }
  }
  return { name, perMinute, startEpochMs: sent.startEpochMs, recordedPeriodSeconds: sent.periodSeconds };
}
