/**
 * A seeded pseudo-random generator (mulberry32): same seed, same run.
 * The simulator draws from it only where AWS is nondeterministic (standard-queue duplicates and order).
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  public next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  public int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability `p`; draws nothing when `p` is 0, so a run without duplicates is unaffected. */
  public chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }
}
