import { LAMBDA_LIMITS } from '../../../core/limits';

/** What the account's concurrency pool needs to know of a function. */
export interface ConcurrencyHolder {
  readonly logicalId: string;
  /** ReservedConcurrentExecutions, when set. */
  readonly reservedConcurrency: number | undefined;
  /** Invocations of this function running now. */
  running: number;
}

/**
 * The Region's concurrency for the account (AWS-FACTS §3.1, §3.2): 1,000 by default; a function with
 * reserved concurrency runs at most that many at once and takes them out of the pool; every other function
 * shares what is left, which AWS keeps at 100 or more (PutFunctionConcurrency refuses to go below).
 */
export class LambdaAccount {
  private reservedTotal = 0;
  /** Invocations running now of functions without reserved concurrency. */
  private unreservedRunning = 0;

  constructor(public limit: number = LAMBDA_LIMITS.accountConcurrency.default!) {}

  /** Counts a function's reservation against the pool (once, when the function is built). */
  public reserve(fn: ConcurrencyHolder): void {
    if (fn.reservedConcurrency !== undefined) this.reservedTotal += fn.reservedConcurrency;
  }

  /** The concurrency functions without a reservation share. */
  public get unreservedPool(): number {
    return Math.max(0, this.limit - this.reservedTotal);
  }

  public get reserved(): number {
    return this.reservedTotal;
  }

  /**
   * Takes one unit of concurrency for `fn`, or returns the error code Lambda throttles with
   * (429 TooManyRequestsException, AWS-FACTS §3.2).
   */
  public acquire(fn: ConcurrencyHolder): string | undefined {
    if (fn.reservedConcurrency !== undefined) {
      if (fn.running >= fn.reservedConcurrency) return 'ReservedFunctionConcurrentInvocationLimitExceeded';
    } else {
      if (this.unreservedRunning >= this.unreservedPool) return 'ConcurrentInvocationLimitExceeded';
      this.unreservedRunning++;
    }
    fn.running++;
    return undefined;
  }

  public release(fn: ConcurrencyHolder): void {
    fn.running--;
    if (fn.reservedConcurrency === undefined) this.unreservedRunning--;
  }
}
