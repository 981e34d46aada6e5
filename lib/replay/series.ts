/** The statistic a series holds, as GetMetricData names it. */
export type SeriesStat = 'Sum' | 'Maximum';

/**
 * One metric of a queue over a window: a value per period from a start, or null for a period with no datapoint
 * (CloudWatch publishes SQS metrics only for active queues, AWS-FACTS §1.9, so a gap is not a zero).
 */
export interface MetricSeries {
  /** The AWS/SQS metric (`NumberOfMessagesSent`). */
  readonly metricName: string;
  readonly stat: SeriesStat;
  /** The first period's start, epoch ms. */
  readonly startEpochMs: number;
  readonly periodSeconds: number;
  /** One value per period; null where there is no datapoint. */
  readonly values: readonly (number | null)[];
}

/** A timestamped value, as GetMetricData or a CSV file gives it. */
export interface Datapoint {
  readonly epochMs: number;
  readonly value: number;
}

/** Where datapoints land: the window they fill. */
export interface SeriesFrame {
  readonly startEpochMs: number;
  readonly endEpochMs: number;
  readonly periodSeconds: number;
}

/**
 * Places datapoints in their periods. A point outside the frame, or not on a period boundary, is an error: a
 * GetMetricData answer to an aligned request never has one, so one means the data and the frame disagree.
 */
export function seriesFromPoints(metricName: string, stat: SeriesStat, frame: SeriesFrame, points: Iterable<Datapoint>): MetricSeries {
  const periodMs = frame.periodSeconds * 1000;
  const values: (number | null)[] = new Array(Math.round((frame.endEpochMs - frame.startEpochMs) / periodMs)).fill(null);
  for (const p of points) {
    const offset = p.epochMs - frame.startEpochMs;
    const slot = offset / periodMs;
    if (!Number.isInteger(slot) || slot < 0 || slot >= values.length) {
      throw new Error(`${metricName}: a datapoint at ${new Date(p.epochMs).toISOString()} is outside the window or off its ${frame.periodSeconds}-second periods`);
    }
    if (!Number.isFinite(p.value) || p.value < 0) {
      throw new Error(`${metricName}: the datapoint at ${new Date(p.epochMs).toISOString()} is ${p.value}; SQS metrics are counts and ages, never negative`);
    }
    values[slot] = p.value;
  }
  return { metricName, stat, startEpochMs: frame.startEpochMs, periodSeconds: frame.periodSeconds, values };
}

/** The values that are there (gaps left out). */
export function presentValues(series: MetricSeries): number[] {
  return series.values.filter((v): v is number => v !== null);
}
