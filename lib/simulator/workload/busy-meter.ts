export const MINUTE_MS = 60_000;

/**
 * Time-weighted levels per minute: how many workers ran and how many of their message slots were busy, each
 * integrated over every minute of virtual time. A change costs a few additions (usually within one minute); a
 * reader gets exact busy fractions for any whole-minute period, with no sampling.
 */
export class BusyMeter {
  /** Per minute: worker-ms running, and slot-ms busy (divide by the slots per worker for the busy fraction). */
  private readonly runningMs: number[] = [];
  private readonly busyMs: number[] = [];
  private running = 0;
  private busy = 0;
  private last = 0;

  /** Moves the levels to `time` and changes them by the given amounts. */
  public change(time: number, runningDelta: number, busyDelta: number): void {
    this.flush(time);
    this.running += runningDelta;
    this.busy += busyDelta;
  }

  /** Integrates the current levels up to `time`. */
  public flush(time: number): void {
    let t = this.last;
    if (time <= t) return;
    if (this.running === 0 && this.busy === 0) {
      this.last = time;
      return;
    }
    while (t < time) {
      const minute = Math.floor(t / MINUTE_MS);
      const to = Math.min(time, (minute + 1) * MINUTE_MS);
      this.runningMs[minute] = (this.runningMs[minute] ?? 0) + this.running * (to - t);
      this.busyMs[minute] = (this.busyMs[minute] ?? 0) + this.busy * (to - t);
      t = to;
    }
    this.last = time;
  }

  /** Worker-ms running and slot-ms busy in [start, end) (whole minutes). */
  public totals(start: number, end: number): { runningMs: number; busyMs: number } {
    let runningMs = 0;
    let busyMs = 0;
    for (let m = Math.floor(start / MINUTE_MS); m < Math.ceil(end / MINUTE_MS); m++) {
      runningMs += this.runningMs[m] ?? 0;
      busyMs += this.busyMs[m] ?? 0;
    }
    return { runningMs, busyMs };
  }
}
