/** One point of a series on the virtual clock. */
export interface SeriesPoint {
  /** Virtual milliseconds since the simulation started. */
  readonly time: number;
  readonly value: number;
}

/** Named series to draw on one chart. */
export type NamedSeries = Readonly<Record<string, readonly SeriesPoint[]>>;

export interface ChartOptions {
  readonly title: string;
  /** The y axis title, with its unit: `messages`. */
  readonly y: string;
  /** The x axis unit the virtual time is shown in. @default 'seconds' */
  readonly timeUnit?: 'seconds' | 'minutes' | 'hours';
  /** Draw steps (a level held until it changes) instead of straight lines. @default false */
  readonly step?: boolean;
}

const UNIT_MS = { seconds: 1_000, minutes: 60_000, hours: 3_600_000 } as const;

/** A Vega-Lite line chart of series over virtual time, one colour per series. */
export function timeSeriesChart(series: NamedSeries, options: ChartOptions): Record<string, unknown> {
  const unit = options.timeUnit ?? 'seconds';
  const values = Object.entries(series).flatMap(([name, points]) => points.map((p) => ({ series: name, t: p.time / UNIT_MS[unit], value: p.value })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title,
    width: 520,
    height: 220,
    data: { values },
    mark: { type: 'line', interpolate: options.step ? 'step-after' : 'linear', point: values.length <= 60 },
    encoding: {
      x: { field: 't', type: 'quantitative', title: `time (${unit})` },
      y: { field: 'value', type: 'quantitative', title: options.y },
      color: { field: 'series', type: 'nominal', title: null, legend: { labelLimit: 240 } },
    },
  };
}

/** A Vega-Lite bar chart: one bar per category, stacked by part when there are several. */
export function barChart(rows: readonly { readonly category: string; readonly part: string; readonly value: number }[], options: { readonly title: string; readonly x: string; readonly y: string }): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title,
    width: 420,
    height: 200,
    data: { values: rows },
    mark: 'bar',
    encoding: {
      x: { field: 'category', type: 'nominal', title: options.x, sort: null, axis: { labelAngle: 0 } },
      y: { field: 'value', type: 'quantitative', title: options.y },
      color: { field: 'part', type: 'nominal', title: null, sort: null, legend: { labelLimit: 240 } },
    },
  };
}
