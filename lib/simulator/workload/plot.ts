import { Duration } from 'aws-cdk-lib';
import { renderVegaLite } from '../../core/vega-svg';
import { RunResult } from './run-recorder';

export interface PlotOptions {
  /** Draws the latency the workers must keep as a rule on the age panel. @default - no rule */
  readonly acceptableLatency?: Duration;
  /** Width of each panel, in pixels. @default 640 */
  readonly width?: number;
  /** @default - the run's name */
  readonly title?: string;
}

type Row = { readonly minute: number; readonly series: string; readonly value: number };

/** One panel: lines of the given series over the run's minutes, the y axis titled with their unit. */
function panel(title: string, yTitle: string, rows: Row[], width: number, step: boolean, extra: object[] = []): object {
  return {
    width,
    height: 150,
    title: { text: title, anchor: 'start', fontSize: 12 },
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', interpolate: step ? 'step-after' : 'linear', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'minute', type: 'quantitative', title: 'minutes' },
          y: { field: 'value', type: 'quantitative', title: yTitle },
          color: { field: 'series', type: 'nominal', title: null },
        },
      },
      ...extra,
    ],
  };
}

/**
 * An SVG plot of a run: messages waiting and in flight, the age of the oldest message (with the acceptable
 * latency), and the workers (desired, in service, busy) with each scaling activity marked, minute by minute on the
 * virtual clock. Rendered in Node by vega-lite, with no browser and no canvas.
 */
export async function plotRun(result: RunResult, options: PlotOptions = {}): Promise<string> {
  const width = options.width ?? 640;
  const rows = (pick: Record<string, (p: RunResult['series'][number]) => number>): Row[] =>
    result.series.flatMap((p) => Object.entries(pick).map(([series, f]) => ({ minute: p.time / 60_000, series, value: f(p) })));
  const latency = options.acceptableLatency?.toSeconds();
  const latencyRule = latency === undefined ? [] : [{
    data: { values: [{ value: latency, label: `acceptable latency ${latency} s` }] },
    mark: { type: 'rule', strokeDash: [4, 4], color: '#b00' },
    encoding: { y: { field: 'value', type: 'quantitative' } },
  }];
  const activities = [{
    data: { values: result.activities.map((a) => ({ minute: a.time / 60_000, value: a.to, policy: a.policy })) },
    mark: { type: 'point', shape: 'triangle-up', filled: true, size: 40, color: '#444' },
    encoding: { x: { field: 'minute', type: 'quantitative' }, y: { field: 'value', type: 'quantitative' } },
  }];
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title ?? result.name,
    background: 'white',
    vconcat: [
      panel('Messages: visible and in flight', 'messages', rows({ visible: (p) => p.visible, 'in flight': (p) => p.inFlight }), width, false),
      panel('Age of the oldest message (s)', 'seconds', rows({ 'age of oldest': (p) => p.ageOfOldestMessage }), width, false, latencyRule),
      panel('Workers (▲ scaling activity)', 'workers', rows({ desired: (p) => p.desired, 'in service': (p) => p.inService, busy: (p) => p.busy }), width, true, activities),
    ],
    resolve: { scale: { color: 'independent' } },
  };
  return renderVegaLite(spec, 'draw plotRun\'s plot');
}
