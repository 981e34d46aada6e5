/** One data point on the virtual clock: `time` in virtual ms, `value` in the series' unit. */
export interface TimePoint {
  readonly time: number;
  readonly value: number;
}

/**
 * A series of numbers over virtual time, kept in two flat arrays (no object per point until asked for), so
 * that a million invocations cost two numbers each. Lambda publishes its metrics over them (services/lambda/metrics.ts).
 */
export class TimeSeries {
  private readonly times: number[] = [];
  private readonly values: number[] = [];

  /** Appends a point (one per event: a duration, a batch size). */
  public add(time: number, value: number): void {
    this.times.push(time);
    this.values.push(value);
  }

  /** Adds `value` to the bucket of `bucketMs` that holds `time` (counts per second). */
  public count(time: number, bucketMs: number, value = 1): void {
    const bucket = time - (time % bucketMs);
    const last = this.times.length - 1;
    if (last >= 0 && this.times[last] === bucket) this.values[last] += value;
    else this.add(bucket, value);
  }

  /** Records the level a gauge moved to (concurrency); several changes at one instant keep the last. */
  public level(time: number, value: number): void {
    const last = this.times.length - 1;
    if (last >= 0 && this.times[last] === time) {
      this.values[last] = value;
      if (last > 0 && this.values[last - 1] === value) this.drop();
    } else if (last < 0 || this.values[last] !== value) {
      this.add(time, value);
    }
  }

  public get length(): number {
    return this.times.length;
  }

  public get points(): TimePoint[] {
    return this.times.map((time, i) => ({ time, value: this.values[i] }));
  }

  /** The index of the first point at or after `time` (`length` when none is). */
  public indexAt(time: number): number {
    return firstAtOrAfter(this.times, time);
  }

  public timeAt(i: number): number {
    return this.times[i];
  }

  public valueAt(i: number): number {
    return this.values[i];
  }

  public get sum(): number {
    let s = 0;
    for (const v of this.values) s += v;
    return s;
  }

  public get max(): number {
    let m = 0;
    for (const v of this.values) if (v > m) m = v;
    return m;
  }

  /** The gauge's value at `time` (the last level at or before it). */
  public at(time: number): number {
    let v = 0;
    for (let i = 0; i < this.times.length && this.times[i] <= time; i++) v = this.values[i];
    return v;
  }

  private drop(): void {
    this.times.pop();
    this.values.pop();
  }
}

/** The index of the first value at or after `value` in an ascending array (its length when none is): a binary search. */
export function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
