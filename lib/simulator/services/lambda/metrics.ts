import { TimePoint, TimeSeries } from '../../world/time-series';

/** Counts are kept per second of virtual time, as the finest CloudWatch resolution. */
export const METRIC_BUCKET_MS = 1_000;

/** What Lambda publishes for a function (AWS/Lambda: Invocations, Errors, Throttles, Duration, ConcurrentExecutions). */
export class FunctionMetrics {
  public readonly invocations = new TimeSeries();
  public readonly errors = new TimeSeries();
  public readonly throttles = new TimeSeries();
  /** One point per completed invocation, at its end: the duration in ms. */
  public readonly durations = new TimeSeries();
  /** Running invocations, at each change. */
  public readonly concurrency = new TimeSeries();

  public view(): FunctionMetricsView {
    return {
      invocations: this.invocations.points,
      errors: this.errors.points,
      throttles: this.throttles.points,
      durations: this.durations.points,
      concurrency: this.concurrency.points,
      totals: {
        invocations: this.invocations.sum,
        errors: this.errors.sum,
        throttles: this.throttles.sum,
        maxConcurrency: this.concurrency.max,
      },
    };
  }
}

/** `sim.functionMetrics(fn)`: time series on the virtual clock, and their totals. */
export interface FunctionMetricsView {
  /** Invocations started, per second. */
  readonly invocations: TimePoint[];
  /** Invocations that ended in a function error or a timeout, per second (at their end). */
  readonly errors: TimePoint[];
  /** Invocations refused for concurrency, per second. */
  readonly throttles: TimePoint[];
  /** Each invocation's duration in ms, at its end. */
  readonly durations: TimePoint[];
  /** Invocations running at once, at each change. */
  readonly concurrency: TimePoint[];
  readonly totals: { readonly invocations: number; readonly errors: number; readonly throttles: number; readonly maxConcurrency: number };
}
