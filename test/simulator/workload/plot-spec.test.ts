import { Duration } from 'aws-cdk-lib';
import { RunResult } from '../../../lib/simulator';

// The vega-lite specification plotRun draws, whole: every panel, series, mark and title a reader sees.

const point = (minute: number, visible: number, desired: number) => ({
  time: minute * 60_000, visible, inFlight: visible + 1, ageOfOldestMessage: visible * 2, desired, inService: desired - 1, starting: 1, busy: 2, arrivals: 5, processed: 4, workerHours: minute / 60,
});
const run: RunResult = {
  name: 'a small run',
  queue: 'Jobs',
  workers: 'Service',
  series: [point(1, 10, 1), point(2, 40, 3)],
  alarms: [],
  activities: [{ time: 120_000, resource: 'Target', policy: 'tracking', alarm: 'high', from: 1, to: 3, cause: '…' }],
  totals: { sent: 10, processed: 8, failed: 0, interrupted: 0, processedAgain: 0, movedToDeadLetterQueue: 0, expired: 0, minutes: 2, maxAgeOfOldestMessage: 80, p95AgeOfOldestMessage: 80, workerHours: 0.03, maxInService: 2 },
};

/** plotRun with the renderer replaced by one that keeps the specification and the purpose it was given. */
function capturing(): { plotRun: typeof import('../../../lib/simulator/workload/plot').plotRun; calls: [unknown, string][] } {
  const calls: [unknown, string][] = [];
  let plotRun!: typeof import('../../../lib/simulator/workload/plot').plotRun;
  jest.isolateModules(() => {
    jest.doMock('../../../lib/core/vega-svg', () => ({
      renderVegaLite: async (spec: unknown, purpose: string) => {
        calls.push([spec, purpose]);
        return '<svg/>';
      },
    }));
    plotRun = require('../../../lib/simulator/workload/plot').plotRun;
  });
  return { plotRun, calls };
}

function panel(title: string, yTitle: string, rows: { minute: number; series: string; value: number }[], width: number, step: boolean, extra: object[] = []) {
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

const activityMarks = (values: object[]) => ({
  data: { values },
  mark: { type: 'point', shape: 'triangle-up', filled: true, size: 40, color: '#444' },
  encoding: { x: { field: 'minute', type: 'quantitative' }, y: { field: 'value', type: 'quantitative' } },
});

describe('plotRun\'s specification', () => {
  test('with the options given: width, title and the acceptable latency as a rule on the age panel', async () => {
    const { plotRun, calls } = capturing();
    expect(await plotRun(run, { acceptableLatency: Duration.minutes(1), width: 300, title: 'Burst' })).toBe('<svg/>');
    expect(calls).toHaveLength(1);
    const [spec, purpose] = calls[0];
    expect(purpose).toBe('draw plotRun\'s plot');
    expect(spec).toEqual({
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: 'Burst',
      background: 'white',
      vconcat: [
        panel('Messages: visible and in flight', 'messages', [
          { minute: 1, series: 'visible', value: 10 }, { minute: 1, series: 'in flight', value: 11 },
          { minute: 2, series: 'visible', value: 40 }, { minute: 2, series: 'in flight', value: 41 },
        ], 300, false),
        panel('Age of the oldest message (s)', 'seconds', [{ minute: 1, series: 'age of oldest', value: 20 }, { minute: 2, series: 'age of oldest', value: 80 }], 300, false, [{
          data: { values: [{ value: 60, label: 'acceptable latency 60 s' }] },
          mark: { type: 'rule', strokeDash: [4, 4], color: '#b00' },
          encoding: { y: { field: 'value', type: 'quantitative' } },
        }]),
        panel('Workers (▲ scaling activity)', 'workers', [
          { minute: 1, series: 'desired', value: 1 }, { minute: 1, series: 'in service', value: 0 }, { minute: 1, series: 'busy', value: 2 },
          { minute: 2, series: 'desired', value: 3 }, { minute: 2, series: 'in service', value: 2 }, { minute: 2, series: 'busy', value: 2 },
        ], 300, true, [activityMarks([{ minute: 2, value: 3, policy: 'tracking' }])]),
      ],
      resolve: { scale: { color: 'independent' } },
    });
  });

  test('by default: 640 pixels wide, titled with the run\'s name, no latency rule', async () => {
    const { plotRun, calls } = capturing();
    await plotRun({ ...run, activities: [] });
    const spec = calls[0][0] as { title: string; vconcat: { width: number; layer: object[] }[] };
    expect(spec.title).toBe('a small run');
    expect(spec.vconcat.map((p) => p.width)).toEqual([640, 640, 640]);
    expect(spec.vconcat.map((p) => p.layer.length)).toEqual([1, 1, 2]);
    expect(spec.vconcat[2].layer[1]).toEqual(activityMarks([]));
  });
});
