import * as fs from 'fs';
import { Duration } from 'aws-cdk-lib';

const MINUTE_MS = 60_000;

/**
 * Arrivals as messages per minute: every profile (constant, steps, a burst, a diurnal day, counts from an array or
 * a CSV file) comes down to this, and counts read from CloudWatch (`NumberOfMessagesSent` per minute) are one too.
 */
export interface ArrivalProfile {
  /** What the profile is, for reports and plots. */
  readonly name: string;
  /** Messages arriving in each minute, from the first. */
  readonly perMinute: readonly number[];
  /**
   * When the first minute starts, as a wall-clock instant (epoch ms): counts read from CloudWatch carry their own
   * time. Undefined: the profile starts when it is played.
   */
  readonly startEpochMs?: number;
}

const minutesOf = (d: Duration) => {
  const m = d.toMilliseconds() / MINUTE_MS;
  if (!Number.isInteger(m) || m < 0) throw new Error(`arrival profiles are per minute: ${d.toHumanString()} is not a whole number of minutes`);
  return m;
};

/**
 * Whole messages from a rate that may have fractions (2.5 a minute): the fraction carries over, so the total over
 * a span matches the rate, and the same rate always gives the same counts.
 */
function whole(rates: readonly number[]): number[] {
  let carry = 0;
  return rates.map((r, i) => {
    if (!(r >= 0) || !Number.isFinite(r)) throw new Error(`arrival rate of minute ${i} must be a finite number, at least 0 (got ${r})`);
    const exact = r + carry;
    const n = Math.floor(exact + 1e-9);
    carry = exact - n;
    return n;
  });
}

/** The same number of messages every minute. */
export function constantArrivals(perMinute: number, duration: Duration): ArrivalProfile {
  return { name: `constant ${perMinute}/min`, perMinute: whole(new Array(minutesOf(duration)).fill(perMinute)) };
}

/** A rate that changes at given times (each step holds until the next), for `duration` in all. */
export function stepArrivals(steps: readonly { readonly at: Duration; readonly perMinute: number }[], duration: Duration): ArrivalProfile {
  const total = minutesOf(duration);
  const sorted = [...steps].sort((a, b) => a.at.toMilliseconds() - b.at.toMilliseconds());
  const rates = new Array(total).fill(0).map((_, m) => [...sorted].reverse().find((s) => minutesOf(s.at) <= m)?.perMinute ?? 0);
  return { name: `steps ${sorted.map((s) => `${s.perMinute}/min at ${s.at.toHumanString()}`).join(', ')}`, perMinute: whole(rates) };
}

export interface BurstOptions {
  /** The rate outside the burst. @default 0 */
  readonly baselinePerMinute?: number;
  /** Messages in the burst, spread evenly over `burstLength`. */
  readonly messages: number;
  /** When the burst starts. @default Duration.minutes(0) */
  readonly at?: Duration;
  /** @default Duration.minutes(1) */
  readonly burstLength?: Duration;
  /** The whole profile, burst included. */
  readonly duration: Duration;
}

/** A baseline rate with a burst of `messages` over `burstLength` starting `at`. */
export function burstArrivals(o: BurstOptions): ArrivalProfile {
  const total = minutesOf(o.duration);
  const start = minutesOf(o.at ?? Duration.minutes(0));
  const length = minutesOf(o.burstLength ?? Duration.minutes(1));
  if (length < 1) throw new Error('a burst lasts at least one minute');
  const rates = new Array(total).fill(o.baselinePerMinute ?? 0).map((r, m) => (m >= start && m < start + length ? r + o.messages / length : r));
  return { name: `burst of ${o.messages} over ${length} min at ${start} min`, perMinute: whole(rates) };
}

export interface DiurnalOptions {
  /** The quietest rate, at `peakAt` + 12 hours. */
  readonly minPerMinute: number;
  /** The busiest rate. */
  readonly peakPerMinute: number;
  /** Time of day of the peak, from the start of the profile. @default Duration.hours(14) */
  readonly peakAt?: Duration;
  /** @default Duration.days(1) */
  readonly duration?: Duration;
}

/** A day: the rate follows a cosine between its minimum and its peak, once every 24 hours. */
export function diurnalArrivals(o: DiurnalOptions): ArrivalProfile {
  const total = minutesOf(o.duration ?? Duration.days(1));
  const peak = minutesOf(o.peakAt ?? Duration.hours(14));
  const mid = (o.peakPerMinute + o.minPerMinute) / 2;
  const amplitude = (o.peakPerMinute - o.minPerMinute) / 2;
  const rates = new Array(total).fill(0).map((_, m) => mid + amplitude * Math.cos((2 * Math.PI * (m - peak)) / (24 * 60)));
  return { name: `diurnal ${o.minPerMinute}–${o.peakPerMinute}/min`, perMinute: whole(rates) };
}

/**
 * Counts per minute, as given (what a replay reads from CloudWatch): from `start` (a wall-clock instant, mapped onto
 * the simulation's clock through its startTime) or, without one, from when the profile is played.
 */
export function perMinuteCounts(counts: readonly number[], start?: Date, name = 'per-minute counts'): ArrivalProfile {
  counts.forEach((c, i) => {
    if (!Number.isInteger(c) || c < 0) throw new Error(`per-minute counts must be whole numbers, at least 0 (minute ${i}: ${c})`);
  });
  return { name, perMinute: [...counts], startEpochMs: start?.getTime() };
}

/**
 * Counts from CSV text or a file: one row per minute, either `count` or `timestamp,count` (ISO 8601, UTC when
 * it names no zone, or epoch seconds); a header row is skipped. With timestamps, the profile starts at the first one and minutes missing
 * between rows count 0.
 */
export function countsFromCsv(csvOrPath: string): ArrivalProfile {
  const text = csvOrPath.includes('\n') || csvOrPath.includes(',') || !fs.existsSync(csvOrPath) ? csvOrPath : fs.readFileSync(csvOrPath, 'utf8');
  const rows = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0).map((l) => l.split(',').map((c) => c.trim()));
  const data = rows.filter((r) => Number.isFinite(Number(r[r.length - 1])));
  if (data.length === 0) throw new Error('the CSV has no row ending in a count');
  if (data[0].length === 1) return perMinuteCounts(data.map((r) => Number(r[0])), undefined, 'counts from CSV');
  // A date-time without a zone is UTC, as CloudWatch exports write it: never the machine's local time.
  const time = (s: string) => (/^\d+(\.\d+)?$/.test(s) ? Number(s) * 1000 : Date.parse(/T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(s) ? `${s}Z` : s));
  const times = data.map((r) => time(r[0]));
  times.forEach((t, i) => {
    if (Number.isNaN(t)) throw new Error(`CSV row ${i + 1}: ${JSON.stringify(data[i][0])} is not a timestamp (ISO 8601 or epoch seconds)`);
  });
  const first = Math.min(...times);
  const counts: number[] = [];
  data.forEach((r, i) => {
    const minute = Math.round((times[i] - first) / MINUTE_MS);
    while (counts.length <= minute) counts.push(0);
    counts[minute] += Number(r[r.length - 1]);
  });
  return perMinuteCounts(counts, new Date(first), 'counts from CSV');
}

/** Messages in a profile. */
export function totalArrivals(p: ArrivalProfile): number {
  return p.perMinute.reduce((a, b) => a + b, 0);
}
