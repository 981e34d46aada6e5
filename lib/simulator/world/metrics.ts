import { firstAtOrAfter } from './time-series';

/**
 * The metrics services publish, as CloudWatch names them (namespace, metric name, dimensions), for whatever reads
 * them per period: a CloudWatch model computing statistics, metric math and alarms, a scaling policy, a test.
 *
 * A service publishes each metric once, when its model is built, and pays nothing per event beyond what it
 * already counts:
 * - a counter (`MetricRegistry.counter`) is a running total the model keeps in a number field (messages sent);
 * - a gauge (`MetricRegistry.gauge`) is a level the model can tell (messages visible, the oldest message's age);
 * - any other source (`MetricRegistry.add`) answers for a span of time from series the service keeps itself
 *   (Lambda's per-second counts and durations).
 * Counters and gauges are read only when a reader samples them (`MetricRegistry.sample(now)`), on a clock timer
 * of its own: AWS publishes SQS's metrics once a minute, and a simulation nobody watches pays nothing. A counter's
 * datapoints are its increase between samples, kept at the earlier sample's time; a gauge's are the levels read.
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
 * Statistic sets per second of virtual time, in flat arrays: what a metric keeps of its values. The current
 * second's set is kept in fields and appended to the arrays when a value falls in a later second; times only
 * move forward on the clock, so the arrays stay sorted. A service may back a `MetricSource` of its own with one.
 */
export class StatisticSeries {
  protected readonly times: number[] = [];
  private readonly counts: number[] = [];
  private readonly sums: number[] = [];
  private readonly mins: number[] = [];
  private readonly maxs: number[] = [];
  /** The current second: [start, end), and its statistic set. */
  private start = 0;
  private end = -1;
  private n = 0;
  private sum = 0;
  private min = 0;
  private max = 0;

  /** Records one value at `time` (virtual ms). */
  public record(time: number, value: number): void {
    if (time < this.end && time >= this.start) {
      this.n++;
      this.sum += value;
      if (value < this.min) this.min = value;
      else if (value > this.max) this.max = value;
      return;
    }
    this.flush();
    this.start = time - (time % METRIC_RESOLUTION_MS);
    this.end = this.start + METRIC_RESOLUTION_MS;
    this.n = 1;
    this.sum = value;
    this.min = value;
    this.max = value;
  }

  /** Moves the current second's set into the arrays. */
  private flush(): void {
    if (this.n === 0) return;
    this.times.push(this.start);
    this.counts.push(this.n);
    this.sums.push(this.sum);
    this.mins.push(this.min);
    this.maxs.push(this.max);
    this.n = 0;
    this.end = -1;
  }

  public datapoints(startMs: number, endMs: number, periodMs: number): Datapoint[] {
    if (periodMs < METRIC_RESOLUTION_MS || periodMs % METRIC_RESOLUTION_MS !== 0) {
      throw new Error(`a period must be a whole number of seconds, at least 1 (got ${periodMs} ms)`);
    }
    this.flush();
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

/** A counter or gauge: read when sampled, its samples kept as statistic sets per second. */
abstract class SampledMetric extends StatisticSeries implements MetricSource {
  constructor(
    public readonly namespace: string,
    public readonly metricName: string,
    public readonly dimensions: Readonly<Record<string, string>>,
    public readonly unit: MetricUnit,
    protected readonly read: () => number,
  ) {
    super();
  }

  /** Reads the metric at `time` and keeps what it means as a datapoint value. */
  public abstract sample(time: number): void;

  /** The value now, without keeping a sample. */
  public get value(): number {
    return this.read();
  }
}

/** A running total (0 at virtual time 0): a sample keeps the increase since the previous sample, at that sample's time. */
export class CounterMetric extends SampledMetric {
  private lastTotal = 0;
  private lastTime = 0;

  public sample(time: number): void {
    if (time <= this.lastTime) return;
    const total = this.read();
    this.record(this.lastTime, total - this.lastTotal);
    this.lastTotal = total;
    this.lastTime = time;
  }
}

/** A level: each sample keeps the level read. */
export class GaugeMetric extends SampledMetric {
  public sample(time: number): void {
    this.record(time, this.read());
  }
}

/** Every metric of one simulation, found by its identity as CloudWatch finds it. */
export class MetricRegistry {
  private readonly sources = new Map<string, MetricSource>();
  private readonly sampled: SampledMetric[] = [];

  /** Publishes a running total the service keeps (`read` returns it); its datapoints are increases between samples. */
  public counter(namespace: string, metricName: string, dimensions: Readonly<Record<string, string>>, unit: MetricUnit, read: () => number): CounterMetric {
    return this.addSampled(new CounterMetric(namespace, metricName, dimensions, unit, read));
  }

  /** Publishes a level the service can tell (`read` returns it now). */
  public gauge(namespace: string, metricName: string, dimensions: Readonly<Record<string, string>>, unit: MetricUnit, read: () => number): GaugeMetric {
    return this.addSampled(new GaugeMetric(namespace, metricName, dimensions, unit, read));
  }

  /** Publishes a metric a service computes from series of its own. */
  public add(source: MetricSource): void {
    const key = metricKey(source);
    if (this.sources.has(key)) throw new Error(`the metric ${key} is published twice`);
    this.sources.set(key, source);
  }

  /** Samples every counter and gauge at `time` (a reader calls it on its own timer: once a minute for AWS's SQS metrics). */
  public sample(time: number): void {
    for (const m of this.sampled) m.sample(time);
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

  private addSampled<T extends SampledMetric>(metric: T): T {
    this.add(metric);
    this.sampled.push(metric);
    return metric;
  }
}

function metricKey(m: MetricIdentity): string {
  const dims = Object.keys(m.dimensions).sort().map((k) => `${k}=${m.dimensions[k]}`).join(',');
  return `${m.namespace} ${m.metricName} ${dims}`;
}
