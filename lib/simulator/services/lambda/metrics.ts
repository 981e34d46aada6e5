import { Datapoint, MetricRegistry, MetricSource, MetricUnit } from '../../world/metrics';
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

/** CloudWatch's namespace for Lambda; the per-function metrics have the dimension FunctionName. */
export const LAMBDA_NAMESPACE = 'AWS/Lambda';

/**
 * How a series' points become CloudWatch datapoints: `counts` holds events per second (each event a value of 1),
 * `values` one point per event (a duration), `level` a gauge at each change (the level in force counts too).
 */
type SeriesKind = 'counts' | 'values' | 'level';

/** A Lambda metric read from one of the function's series, with no cost on the invocation path. */
class FunctionMetricSource implements MetricSource {
  public readonly namespace = LAMBDA_NAMESPACE;
  public readonly dimensions: Readonly<Record<string, string>>;

  constructor(
    functionName: string,
    public readonly metricName: string,
    public readonly unit: MetricUnit,
    private readonly series: TimeSeries,
    private readonly kind: SeriesKind,
  ) {
    this.dimensions = { FunctionName: functionName };
  }

  public datapoints(startMs: number, endMs: number, periodMs: number): Datapoint[] {
    const series = this.series;
    const out: Datapoint[] = [];
    let i = series.indexAt(startMs);
    let level = i > 0 ? series.valueAt(i - 1) : 0;
    for (let p = startMs - (startMs % periodMs); p < endMs; p += periodMs) {
      const to = Math.min(p + periodMs, endMs);
      let n = 0;
      let sum = 0;
      let min = Infinity;
      let max = -Infinity;
      const add = (value: number, count: number) => {
        n += count;
        sum += value * count;
        if (value < min) min = value;
        if (value > max) max = value;
      };
      // A gauge's level at the period's start is one of its values in the period.
      if (this.kind === 'level' && level > 0) add(level, 1);
      for (; i < series.length && series.timeAt(i) < to; i++) {
        const v = series.valueAt(i);
        if (this.kind === 'counts') add(1, v);
        else add(v, 1);
        level = v;
      }
      if (n > 0) out.push({ time: p, sampleCount: n, sum, minimum: min, maximum: max });
    }
    return out;
  }
}

/**
 * Publishes a function's metrics (AWS/Lambda, FunctionName): Invocations, Errors, Throttles (Count), Duration
 * (Milliseconds, one sample per invocation), ConcurrentExecutions (the running invocations; read its Maximum).
 */
export function publishFunctionMetrics(registry: MetricRegistry, functionName: string, m: FunctionMetrics): void {
  registry.add(new FunctionMetricSource(functionName, 'Invocations', 'Count', m.invocations, 'counts'));
  registry.add(new FunctionMetricSource(functionName, 'Errors', 'Count', m.errors, 'counts'));
  registry.add(new FunctionMetricSource(functionName, 'Throttles', 'Count', m.throttles, 'counts'));
  registry.add(new FunctionMetricSource(functionName, 'Duration', 'Milliseconds', m.durations, 'values'));
  registry.add(new FunctionMetricSource(functionName, 'ConcurrentExecutions', 'Count', m.concurrency, 'level'));
}
