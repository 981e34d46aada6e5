/**
 * The deduplication ids a FIFO queue or a FIFO topic accepted in the last interval (5 minutes: AWS-FACTS §1.6,
 * §2.5). An id accepted at `t` makes every later one with the same id a duplicate until `t + interval`, exclusive;
 * a duplicate does not extend the interval. Every id is kept for the same interval, so insertion order is expiry
 * order and forgetting stops at the first id still live.
 */
export class DeduplicationWindow {
  private readonly acceptedUntil = new Map<string, number>();

  constructor(private readonly intervalMs: number) {}

  /** Whether `id` is a duplicate at `now`; when it is not, it is remembered from `now` on. */
  public isDuplicate(id: string, now: number): boolean {
    for (const [key, until] of this.acceptedUntil) {
      if (until > now) break;
      this.acceptedUntil.delete(key);
    }
    if (this.acceptedUntil.has(id)) return true;
    this.acceptedUntil.set(id, now + this.intervalMs);
    return false;
  }
}
