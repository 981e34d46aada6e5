import { MissingOptionalPeerError } from '../core/optional-peer';
import { renderVegaLite } from '../core/vega-svg';
import { ReplayError } from './errors';
import { SimulatedRun } from './play';
import { MetricSeries } from './series';
import { QueueTraffic } from './traffic';

/** How to draw the comparison. */
export interface ReplayPlotOptions {
  /**
   * Width of each panel, in pixels.
   * @default 720
   */
  readonly width?: number;
  /**
   * The plot's title.
   * @default - the queue, its source and the window
   */
  readonly title?: string;
}

/** One value of one line at one instant, as the Vega-Lite spec reads it. */
interface Row {
  readonly time: number;
  readonly series: string;
  readonly value: number;
}

const PANEL_HEIGHT = 140;

/**
 * The Vega-Lite spec of a replay: arrivals per minute, then production's and each simulated configuration's
 * age of the oldest message and visible messages, then the simulated capacity, minute by minute in UTC. Gaps
 * in production's metrics stay gaps (no line drawn through them).
 */
export function replayPlotSpec(production: QueueTraffic, simulated: readonly SimulatedRun[], options: ReplayPlotOptions = {}): Record<string, unknown> {
  const width = options.width ?? 720;
  const gauges = (pick: (s: { visible: MetricSeries; ageOfOldest: MetricSeries }) => MetricSeries) => [
    ...seriesRows('production', pick(production)),
    ...simulated.flatMap((run) => seriesRows(run.heading, pick(run))),
  ];
  const arrivals = production.arrivals;
  const panels = [
    panel('Arrivals per minute (NumberOfMessagesSent)', arrivals.perMinute.map((value, i) => ({ time: arrivals.startEpochMs + i * 60_000, series: 'arrivals', value })), width, 'area'),
    panel('Age of the oldest message (s)', gauges((s) => s.ageOfOldest), width, 'line'),
    panel('Visible messages', gauges((s) => s.visible), width, 'line'),
  ];
  if (simulated.length > 0) {
    const capacity = simulated.flatMap((run) => run.capacityPerMinute.map((value, i) => ({ time: run.arrivals.startEpochMs + i * 60_000, series: `${run.heading} (${run.capacityUnit}s)`, value })));
    panels.push(panel('Simulated capacity in use (most in each minute)', capacity, width, 'step'));
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title ?? `${production.queueName}: ${production.source}, replayed`,
    background: 'white',
    vconcat: panels,
    resolve: { scale: { color: 'independent' } },
  };
}

/** The plot as SVG, rendered in Node by Vega-Lite and Vega (no browser, no canvas). */
export async function plotReplay(production: QueueTraffic, simulated: readonly SimulatedRun[], options: ReplayPlotOptions = {}): Promise<string> {
  try {
    return await renderVegaLite(replayPlotSpec(production, simulated, options), 'draw the replay\'s plot');
  } catch (e) {
    if (!(e instanceof MissingOptionalPeerError)) throw e;
    throw new ReplayError('usage', `the plot is drawn with vega and vega-lite, and ${e.packageName} is not installed`, `${e.install} (version 6 loads only as an ES module), or run without --plot`, { cause: e });
  }
}

function seriesRows(series: string, s: MetricSeries): Row[] {
  const periodMs = s.periodSeconds * 1000;
  const rows: Row[] = [];
  s.values.forEach((value, i) => {
    if (value !== null) rows.push({ time: s.startEpochMs + i * periodMs, series, value });
  });
  return rows;
}

function panel(title: string, rows: readonly Row[], width: number, shape: 'area' | 'line' | 'step'): Record<string, unknown> {
  const mark = shape === 'area' ? { type: 'area', color: '#999', interpolate: 'step-after' } : { type: 'line', strokeWidth: 1.2, interpolate: shape === 'step' ? 'step-after' : 'linear' };
  return {
    width,
    height: PANEL_HEIGHT,
    title: { text: title, anchor: 'start', fontSize: 12 },
    data: { values: rows },
    mark,
    encoding: {
      x: { field: 'time', type: 'temporal', scale: { type: 'utc' }, axis: { format: '%H:%M', title: 'UTC' } },
      y: { field: 'value', type: 'quantitative', title: null },
      ...(shape === 'area' ? {} : { color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom', direction: 'vertical', labelLimit: 600 } } }),
    },
  };
}
