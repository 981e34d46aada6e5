/**
 * A token bucket on the virtual clock, as API Gateway throttles (AWS-FACTS §5.2): it holds up to `burst`
 * requests, refills at `rate` per second, and each request takes one; a request finding it empty is throttled.
 * It starts full.
 */
export class TokenBucket {
  private tokens: number;
  private last = -1;

  constructor(
    /** Requests per second, steady. */
    public readonly rate: number,
    /** The bucket's size: the most requests at once. */
    public readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Takes a token at `now` (virtual ms); false when none is left. */
  public take(now: number): boolean {
    if (this.last >= 0 && now > this.last) this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.rate) / 1000);
    if (now > this.last) this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whole tokens left at `now`, without taking one. */
  public available(now: number): number {
    const refill = this.last >= 0 && now > this.last ? ((now - this.last) * this.rate) / 1000 : 0;
    return Math.floor(Math.min(this.burst, this.tokens + refill));
  }
}
