import { TemplateError } from '../../../template';
import { Datapoint, MetricIdentity, MetricRegistry, MetricSource } from '../../../world/metrics';
import { DEFAULT_MATH_SETTINGS, MathSettings, MathValue, evaluateExpression } from './evaluate';
import { Expr, MathSyntaxError, idsOf, parseExpression } from './expression';

/** The statistics the simulator computes from statistic sets; percentiles need the values themselves. */
export const STATISTICS = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'] as const;
export type Statistic = (typeof STATISTICS)[number];

/** One `MetricDataQuery` (an alarm's `Metrics` entry, a target tracking `TargetTrackingMetricDataQuery`). */
export interface MetricDataQuery {
  readonly id: string;
  readonly expression?: string;
  readonly metric?: MetricIdentity & { readonly stat: Statistic };
  /** Only the returned series is what the alarm or policy watches. @default true */
  readonly returnData: boolean;
  readonly label?: string;
}

/** Where a query set came from, for errors the user can find in the template. */
export interface QueryLocation {
  readonly logicalId: string;
  readonly path: string;
}

export function statisticOf(value: unknown, loc: QueryLocation): Statistic {
  if (STATISTICS.includes(value as Statistic)) return value as Statistic;
  throw new TemplateError(loc.logicalId, loc.path, `the statistic ${JSON.stringify(value)} is not one the simulator computes (${STATISTICS.join(', ')}); percentiles need every value, and the simulator keeps statistic sets`);
}

export function statisticValue(d: Datapoint, stat: Statistic): number {
  switch (stat) {
    case 'Average': return d.sum / d.sampleCount;
    case 'Sum': return d.sum;
    case 'Minimum': return d.minimum;
    case 'Maximum': return d.maximum;
    case 'SampleCount': return d.sampleCount;
  }
}

/** `[{ Name, Value }]` (CloudFormation's shape) as a dimension map. */
export function dimensionsOf(raw: unknown, loc: QueryLocation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [i, d] of ((raw as { Name?: unknown; Value?: unknown }[] | undefined) ?? []).entries()) {
    if (typeof d.Name !== 'string' || typeof d.Value !== 'string') {
      throw new TemplateError(loc.logicalId, `${loc.path}.Dimensions[${i}]`, `a dimension needs a Name and a Value known at synth time (got ${JSON.stringify(d)})`);
    }
    out[d.Name] = d.Value;
  }
  return out;
}

/**
 * A metric named by `Namespace`, `MetricName`, `Dimensions` and a statistic; `statPath` is where the template writes
 * the statistic (`MetricStat.Stat` beside the metric, or `Statistic` in the same object).
 */
export function metricOf(raw: Record<string, unknown>, stat: unknown, loc: QueryLocation, statPath: string): MetricIdentity & { stat: Statistic } {
  if (typeof raw.Namespace !== 'string' || typeof raw.MetricName !== 'string') {
    throw new TemplateError(loc.logicalId, loc.path, 'a metric needs a Namespace and a MetricName known at synth time');
  }
  return { namespace: raw.Namespace, metricName: raw.MetricName, dimensions: dimensionsOf(raw.Dimensions, loc), stat: statisticOf(stat, { ...loc, path: statPath }) };
}

/** Reads a `Metrics` list (alarms, and target tracking's `TargetTrackingMetricDataQuery` on both Auto Scaling services). */
export function metricDataQueries(raw: unknown, loc: QueryLocation): MetricDataQuery[] {
  if (!Array.isArray(raw)) throw new TemplateError(loc.logicalId, loc.path, 'must be a list of metric data queries');
  return raw.map((q: Record<string, unknown>, i) => {
    const at = { logicalId: loc.logicalId, path: `${loc.path}[${i}]` };
    if (typeof q.Id !== 'string') throw new TemplateError(at.logicalId, `${at.path}.Id`, 'a metric data query needs an Id');
    const stat = q.MetricStat as { Metric?: Record<string, unknown>; Stat?: unknown } | undefined;
    if (stat === undefined && typeof q.Expression !== 'string') throw new TemplateError(at.logicalId, at.path, 'a metric data query needs an Expression or a MetricStat');
    return {
      id: q.Id,
      expression: typeof q.Expression === 'string' ? q.Expression : undefined,
      metric: stat ? metricOf(stat.Metric ?? {}, stat.Stat, { ...at, path: `${at.path}.MetricStat.Metric` }, `${at.path}.MetricStat.Stat`) : undefined,
      returnData: q.ReturnData === undefined ? true : q.ReturnData === true || q.ReturnData === 'true',
      label: typeof q.Label === 'string' ? q.Label : undefined,
    };
  });
}

type Compiled = { readonly query: MetricDataQuery; readonly expr?: Expr; source?: MetricSource | null };

/**
 * A set of queries, checked once (ids unique and known, no circle, one series returned, every expression
 * parsed), then evaluated over any window: the series of the returned query, one value per period.
 */
export class MetricQuerySet {
  private readonly byId = new Map<string, Compiled>();
  private readonly returned: Compiled;

  constructor(
    queries: readonly MetricDataQuery[],
    loc: QueryLocation,
    private readonly registry: MetricRegistry,
    /** Read at each evaluation, so settings changed after the simulation was built apply. */
    private readonly settings: { readonly math: MathSettings } = { math: DEFAULT_MATH_SETTINGS },
  ) {
    const fail = (problem: string): never => {
      throw new TemplateError(loc.logicalId, loc.path, problem);
    };
    for (const q of queries) {
      if (this.byId.has(q.id)) fail(`the id ${q.id} is used twice`);
      let expr: Expr | undefined;
      try {
        expr = q.expression === undefined ? undefined : parseExpression(q.expression);
      } catch (e) {
        if (e instanceof MathSyntaxError) fail(`query ${q.id}: ${e.message}`);
        throw e;
      }
      this.byId.set(q.id, { query: q, expr });
    }
    const returned = queries.filter((q) => q.returnData);
    if (returned.length !== 1) fail(`exactly one query must return data (ReturnData true); ${returned.length} do (${returned.map((q) => q.id).join(', ') || 'none'})`);
    this.returned = this.byId.get(returned[0].id)!;
    for (const c of this.byId.values()) {
      for (const id of c.expr ? idsOf(c.expr) : []) if (!this.byId.has(id)) fail(`query ${c.query.id} reads ${id}, which no query of the list has as its Id`);
    }
    this.checkCircles(fail);
  }

  /** The metrics the queries read. */
  public get metrics(): MetricIdentity[] {
    return [...this.byId.values()].flatMap((c) => (c.query.metric ? [c.query.metric] : []));
  }

  /** The expression or metric watched, for reasons and alarm descriptions. */
  public get description(): string {
    const q = this.returned.query;
    return q.expression ?? `${q.metric!.namespace} ${q.metric!.metricName} (${q.metric!.stat})`;
  }

  /** The returned series over `count` periods of `periodMs` ending at `endMs` (oldest first; NaN: no datapoint). */
  public series(endMs: number, periodMs: number, count: number): Float64Array {
    const values = new Map<string, MathValue>();
    const start = endMs - count * periodMs;
    const read = (id: string): MathValue => {
      const known = values.get(id);
      if (known !== undefined) return known;
      const c = this.byId.get(id)!;
      const v = c.expr ? evaluateExpression(c.expr, read, this.settings.math) : this.metricSeries(c, start, endMs, periodMs, count);
      values.set(id, v);
      return v;
    };
    const v = read(this.returned.query.id);
    const out = typeof v === 'number' ? new Float64Array(count).fill(v) : v;
    // Nothing existed before the simulation started (the stack was deployed at time 0): FILL makes no data there.
    for (let i = 0; i < count && start + i * periodMs < 0; i++) out[i] = NaN;
    return out;
  }

  private metricSeries(c: Compiled, start: number, end: number, periodMs: number, count: number): Float64Array {
    const out = new Float64Array(count).fill(NaN);
    if (c.source === undefined) c.source = this.registry.find(c.query.metric!) ?? null;
    if (c.source === null || end <= 0) return out;
    for (const d of c.source.datapoints(Math.max(0, start), end, periodMs)) {
      const i = Math.floor((d.time - start) / periodMs);
      if (i >= 0 && i < count) out[i] = statisticValue(d, c.query.metric!.stat);
    }
    return out;
  }

  private checkCircles(fail: (problem: string) => never): void {
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (id: string, path: string[]) => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') fail(`the queries read each other in a circle: ${[...path, id].join(' → ')}`);
      state.set(id, 'visiting');
      const c = this.byId.get(id)!;
      for (const next of c.expr ? idsOf(c.expr) : []) visit(next, [...path, id]);
      state.set(id, 'done');
    };
    for (const id of this.byId.keys()) visit(id, []);
  }
}
