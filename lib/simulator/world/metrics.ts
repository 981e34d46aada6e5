import { firstAtOrAfter } from './time-series';

/**
 * The metrics services publish, as CloudWatch names them (namespace, metric name, dimensions), for whatever reads
 * them per period: a CloudWatch model computing statistics, metric math and alarms, a scaling policy, a test.
 *
 * A service publishes each metric once, when its model is built, as a source that answers for any span of
 * virtual time. Two kinds are provided here:
 * - `CountSeries`: a value recorded when something happens (a message sent, an invocation's duration), kept per
 *   second of virtual time as a statistic set (sample count, sum, minimum, maximum), so a million events cost a
 *   comparison and an addition each, and memory grows with the seconds that had events, not with the events;
 * - `GaugeSeries`: a level read when sampled (messages visible, the age of the oldest message). Nothing is read
 *   until a reader samples (`MetricRegistry.sample`), on a clock timer of its own: AWS publishes these once a
 *   minute, and a simulation nobody watches pays nothing.
 * A service with series of its own (Lambda's per-second counts) implements `MetricSource` over them instead.
 */

/** A metric's identity, as in CloudWatch's `Metric`: namespace, name and dimensions. */
export interface MetricIdentity {
  /** `AWS/SQS`, `AWS/Lambda`… */
  readonly namespace: string;
  readonly metricName: string;
  /** `{ QueueName: 'orders' }`, `{ FunctionName: 'consumer' }`. */
  readonly dimensions: Readonly<Record<string, string>>;
}

export type MetricUnit = 'Count' | 'Seconds' | 'Milliseconds' | 'Bytes' | 'None';

/** The statistics of one period, as CloudWatch keeps them (`StatisticSet`), at the period's start (virtual ms). */
export interface Datapoint {
  readonly time: number;
  readonly sampleCount: number;
  readonly sum: number;
  readonly minimum: number;
  readonly maximum: number;
}

/** A published metric: its identity, unit, and its datapoints for any span of virtual time. */
export interface MetricSource extends MetricIdentity {
  readonly unit: MetricUnit;
  /**
   * One datapoint per period of `periodMs` that has data, in `[startMs, endMs)`, periods aligned on multiples
   * of `periodMs` from virtual time 0 (CloudWatch aligns on the clock). A period without data has no datapoint.
   */
  datapoints(startMs: number, endMs: number, periodMs: number): Datapoint[];
}

/** The finest resolution any series keeps (CloudWatch's high resolution is 1 second). */
export const METRIC_RESOLUTION_MS = 1_000;

/**
 * Statistic sets per second of virtual time, in flat arrays; `record` is the hot path (a comparison with the
 * current second, then additions). Times only move forward on the clock, so the arrays stay sorted.
 */
export class StatisticSeries {
  private readonly times: number[] = [];
  private readonly counts: number[] = [];
  private readonly sums: number[] = [];
  private readonly mins: number[] = [];
  private readonly maxs: number[] = [];
  private current = -1;
  private last = -1;

  /** Records one value at `time` (virtual ms). */
  public record(time: number, value: number): void {
    const second = time - (time % METRIC_RESOLUTION_MS);
    if (second === this.current) {
      const i = this.last;
      this.counts[i]++;
      this.sums[i] += value;
      if (value < this.mins[i]) this.mins[i] = value;
      if (value > this.maxs[i]) this.maxs[i] = value;
      return;
    }
    this.current = second;
    this.last = this.times.length;
    this.times.push(second);
    this.counts.push(1);
    this.sums.push(value);
    this.mins.push(value);
    this.maxs.push(value);
  }

  public datapoints(startMs: number, endMs: number, periodMs: number): Datapoint[] {
    if (periodMs < METRIC_RESOLUTION_MS || periodMs % METRIC_RESOLUTION_MS !== 0) {
      throw new Error(`a period must be a whole number of seconds, at least 1 (got ${periodMs} ms)`);
    }
    const out: Datapoint[] = [];
    let period = -1;
    let n = 0;
    let sum = 0;
    let min = 0;
    let max = 0;
    const flush = () => {
      if (period >= 0) out.push({ time: period, sampleCount: n, sum, minimum: min, maximum: max });
    };
    for (let i = firstAtOrAfter(this.times, startMs); i < this.times.length && this.times[i] < endMs; i++) {
      const t = this.times[i];
      const p = t - (t % periodMs);
      if (p !== period) {
        flush();
        period = p;
        n = 0;
        sum = 0;
        min = this.mins[i];
        max = this.maxs[i];
      }
      n += this.counts[i];
      sum += this.sums[i];
      if (this.mins[i] < min) min = this.mins[i];
      if (this.maxs[i] > max) max = this.maxs[i];
    }
    flush();
    return out;
  }
}

/** A metric recorded when something happens: `NumberOfMessagesSent`, `Duration`. */
export class CountSeries extends StatisticSeries implements MetricSource {
  constructor(
    public readonly namespace: string,
    public readonly metricName: string,
    public readonly dimensions: Readonly<Record<string, string>>,
    public readonly unit: MetricUnit,
  ) {
    super();
  }
}

/** A level read when sampled: `ApproximateNumberOfMessagesVisible`. Its datapoints are the samples taken. */
export class GaugeSeries extends StatisticSeries implements MetricSource {
  constructor(
    public readonly namespace: string,
    public readonly metricName: string,
    public readonly dimensions: Readonly<Record<string, string>>,
    public readonly unit: MetricUnit,
    private readonly read: () => number,
  ) {
    super();
  }

  /** Reads the level now and keeps it as a sample at `time`. */
  public sample(time: number): void {
    this.record(time, this.read());
  }

  /** The level now, without keeping a sample. */
  public get value(): number {
    return this.read();
  }
}

/** Every metric of one simulation, found by its identity as CloudWatch finds it. */
export class MetricRegistry {
  private readonly sources = new Map<string, MetricSource>();
  private readonly gauges: GaugeSeries[] = [];

  /** Publishes a metric whose values the service records (`series.record(now, 1)` on each event). */
  public count(namespace: string, metricName: string, dimensions: Readonly<Record<string, string>>, unit: MetricUnit = 'Count'): CountSeries {
    const series = new CountSeries(namespace, metricName, dimensions, unit);
    this.add(series);
    return series;
  }

  /** Publishes a level that is read only when a reader samples the gauges. */
  public gauge(namespace: string, metricName: string, dimensions: Readonly<Record<string, string>>, unit: MetricUnit, read: () => number): GaugeSeries {
    const gauge = new GaugeSeries(namespace, metricName, dimensions, unit, read);
    this.add(gauge);
    this.gauges.push(gauge);
    return gauge;
  }

  /** Publishes a metric a service computes from series of its own. */
  public add(source: MetricSource): void {
    const key = metricKey(source);
    if (this.sources.has(key)) throw new Error(`the metric ${key} is published twice`);
    this.sources.set(key, source);
  }

  /** Samples every gauge at `time` (a reader calls it on its own timer: once a minute for AWS's SQS metrics). */
  public sample(time: number): void {
    for (const g of this.gauges) g.sample(time);
  }

  /** The metric with exactly this identity (dimensions in any order), as CloudWatch matches a `MetricStat`. */
  public find(identity: MetricIdentity): MetricSource | undefined {
    return this.sources.get(metricKey(identity));
  }

  /** Every published metric, filtered as `ListMetrics` filters: by namespace, name, and dimensions present. */
  public list(filter: Partial<MetricIdentity> = {}): MetricSource[] {
    return [...this.sources.values()].filter((s) =>
      (filter.namespace === undefined || s.namespace === filter.namespace)
      && (filter.metricName === undefined || s.metricName === filter.metricName)
      && Object.entries(filter.dimensions ?? {}).every(([k, v]) => s.dimensions[k] === v));
  }
}

function metricKey(m: MetricIdentity): string {
  const dims = Object.keys(m.dimensions).sort().map((k) => `${k}=${m.dimensions[k]}`).join(',');
  return `${m.namespace} ${m.metricName} ${dims}`;
}
