import { ReplayError } from './errors';

/**
 * How long CloudWatch keeps each resolution of a metric, and how it rounds a GetMetricData window.
 *
 * Source: CloudWatch API-model GetMetricData (`StartTime`, `Period`), AWS-FACTS §16: data at a 1-minute period is
 * kept 15 days, at 5 minutes 63 days, at 1 hour 455 days; StartTime is rounded down to the minute when it is
 * less than 15 days old, to 5 minutes between 15 and 63 days, to the hour beyond; EndTime is exclusive. SQS
 * publishes its metrics every minute (AWS-FACTS §1.9), so nothing finer than a minute exists for a queue.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** One resolution CloudWatch keeps a metric at. */
export interface Resolution {
  /** The period of a datapoint, in seconds. */
  readonly periodSeconds: number;
  /** How long datapoints at this period are kept, in days. */
  readonly keptDays: number;
  /** `1-minute`, for messages. */
  readonly label: string;
}

/** The resolutions of a metric published every minute, finest first. */
export const CLOUDWATCH_RESOLUTIONS: readonly Resolution[] = [
  { periodSeconds: 60, keptDays: 15, label: '1-minute' },
  { periodSeconds: 300, keptDays: 63, label: '5-minute' },
  { periodSeconds: 3_600, keptDays: 455, label: '1-hour' },
];

/** Where the figures above come from. */
export const CLOUDWATCH_RESOLUTIONS_SOURCE = 'CloudWatch API-model GetMetricData (StartTime, Period); AWS-FACTS §16';

/**
 * The finest resolution still kept for data that is `ageMs` old, or undefined when it is older than every
 * resolution keeps. A boundary counts as expired (15 days old is no longer 1-minute data): data on the edge of
 * its retention may be deleted while the request runs, and the coarser period is the one sure to be there.
 */
export function finestResolutionAt(ageMs: number): Resolution | undefined {
  return CLOUDWATCH_RESOLUTIONS.find((r) => ageMs < r.keptDays * DAY_MS);
}

/** `30 days`, `2 h 5 min`: an age for messages. */
export function describeAge(ms: number): string {
  if (ms >= 2 * DAY_MS) return `${Math.floor(ms / DAY_MS)} days`;
  const minutes = Math.floor(ms / MINUTE_MS);
  if (minutes >= 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${minutes} min`;
}

/** A GetMetricData window: aligned on the period, start inclusive, end exclusive, as CloudWatch reads it. */
export interface MetricWindow {
  /** The first period's start (epoch ms), a multiple of the period. */
  readonly startMs: number;
  /** The end (epoch ms, exclusive), a multiple of the period. */
  readonly endMs: number;
  readonly periodSeconds: number;
  /** The resolution CloudWatch keeps the window's start at. */
  readonly resolution: Resolution;
}

/** What the user asked for. */
export interface WindowRequest {
  readonly from: Date;
  readonly to: Date;
  /**
   * A period (seconds, a multiple of 60) coarser than the finest kept.
   * @default - the finest period CloudWatch keeps for the window's start
   */
  readonly periodSeconds?: number;
  /** The current time, for the data's age. */
  readonly now: Date;
}

/**
 * The window GetMetricData will read: the period chosen from the age of the window's start (the whole window is
 * read at one period, so a start 20 days back gives 5-minute data throughout), the start rounded down to the
 * period as CloudWatch rounds it, and the end rounded up to cover every period the request touches, except the
 * period still running now, which is left out (its datapoints are not complete yet).
 */
export function metricWindow(request: WindowRequest): MetricWindow {
  const now = request.now.getTime();
  const from = request.from.getTime();
  const to = Math.min(request.to.getTime(), now);
  if (!(from < to)) {
    const reason = request.from.getTime() >= request.to.getTime() ? `is not before --to ${iso(request.to.getTime())}` : `is not in the past (now is ${iso(now)})`;
    throw new ReplayError('window', `--from ${iso(from)} ${reason}`, 'Give a window that starts before it ends, in the past');
  }
  const age = now - from;
  const resolution = finestResolutionAt(age);
  if (!resolution) {
    const oldest = CLOUDWATCH_RESOLUTIONS[CLOUDWATCH_RESOLUTIONS.length - 1];
    throw new ReplayError(
      'window',
      `--from ${iso(from)} is ${describeAge(age)} old: CloudWatch keeps a metric at most ${oldest.keptDays} days (${oldest.label} data)`,
      `Start the window after ${iso(now - oldest.keptDays * DAY_MS)}`,
    );
  }
  const periodSeconds = request.periodSeconds ?? resolution.periodSeconds;
  if (!Number.isInteger(periodSeconds) || periodSeconds <= 0 || periodSeconds % 60 !== 0) {
    throw new ReplayError('window', `--period ${periodSeconds} is not a whole number of minutes`, 'Give a period in seconds that is a multiple of 60 (60, 300, 3600)');
  }
  if (periodSeconds % resolution.periodSeconds !== 0) {
    throw new ReplayError(
      'window',
      `--period ${periodSeconds} is finer than CloudWatch keeps data that is ${describeAge(age)} old: ${finerDataNote(resolution)}; data from ${iso(from)} is available at ${resolution.label} periods`,
      `Use --period ${resolution.periodSeconds} (or a multiple of it), or start the window after ${iso(now - keptDaysFor(periodSeconds) * DAY_MS)} for ${periodSeconds}-second data`,
    );
  }
  const periodMs = periodSeconds * 1000;
  const startMs = Math.floor(from / periodMs) * periodMs;
  const endMs = Math.min(Math.ceil(to / periodMs), Math.floor(now / periodMs)) * periodMs;
  if (endMs <= startMs) {
    throw new ReplayError(
      'window',
      `the window ${iso(from)} to ${iso(to)} holds no complete ${periodSeconds}-second period yet`,
      `Wait until ${iso(startMs + periodMs)}, or start the window earlier`,
    );
  }
  return { startMs, endMs, periodSeconds, resolution };
}

/** How long data that can be summed into periods of this length is kept: that of the coarsest resolution dividing it. */
function keptDaysFor(periodSeconds: number): number {
  return CLOUDWATCH_RESOLUTIONS.filter((r) => periodSeconds % r.periodSeconds === 0).reduce((_, r) => r.keptDays, 0);
}

function finerDataNote(r: Resolution): string {
  return CLOUDWATCH_RESOLUTIONS.filter((x) => x.periodSeconds < r.periodSeconds)
    .map((x) => `${x.label} data is kept ${x.keptDays} days`)
    .join(', ');
}

/** `2026-11-18T00:00:00Z`: an instant for messages, to the second (rounded down). */
export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}
