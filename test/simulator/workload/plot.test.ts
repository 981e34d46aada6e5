import { Duration } from 'aws-cdk-lib';
import { RunResult, plotRun } from '../../../lib/simulator';

// GIVEN a three-minute run with one scaling activity
const point = (minute: number, visible: number, desired: number) => ({
  time: minute * 60_000, visible, inFlight: 1, ageOfOldestMessage: visible * 2, desired, inService: Math.min(desired, minute), starting: 0, busy: 1, arrivals: 5, processed: 4, workerHours: minute / 60,
});
const run: RunResult = {
  name: 'a small run',
  queue: 'Jobs',
  workers: 'Service',
  series: [point(1, 10, 1), point(2, 40, 3), point(3, 0, 3)],
  alarms: [],
  activities: [{ time: 120_000, resource: 'Target', policy: 'tracking', alarm: 'high', from: 1, to: 3, cause: '…' }],
  totals: { sent: 15, processed: 12, failed: 0, interrupted: 0, processedAgain: 0, movedToDeadLetterQueue: 0, expired: 0, minutes: 3, maxAgeOfOldestMessage: 80, p95AgeOfOldestMessage: 80, workerHours: 0.05, maxInService: 3 },
};

describe('plotRun', () => {
  test('draws an SVG of the run: three panels, the acceptable latency as a rule, a mark per scaling activity', async () => {
    const svg = await plotRun(run, { acceptableLatency: Duration.minutes(1), width: 300 });
    expect(svg.startsWith('<svg')).toBe(true);
    for (const title of ['a small run', 'Messages: visible and in flight', 'Age of the oldest message (s)', 'Workers (▲ scaling activity)', 'in service', 'desired']) {
      expect(svg).toContain(title);
    }
    // The rule at 60 s on the age panel, and the activity's point at minute 2, capacity 3 (vega labels each mark)
    expect(svg).toMatch(/<line aria-label="value: 60" role="graphics-symbol" aria-roledescription="rule mark"/);
    expect(svg).toMatch(/<path aria-label="minute: 2; value: 3" role="graphics-symbol" aria-roledescription="point"/);
    // Each panel's axes are titled: minutes across, the panel's unit up
    expect(svg.match(/aria-label="[XY]-axis titled '[^']*'/g)).toEqual(['messages', 'seconds', 'workers'].flatMap((y) => [`aria-label="X-axis titled 'minutes'`, `aria-label="Y-axis titled '${y}'`]));
  });

  test('fails with the install command when vega is not installed', async () => {
    let isolated!: typeof import('../../../lib/simulator/workload/plot');
    jest.isolateModules(() => {
      jest.doMock('vega', () => { throw Object.assign(new Error('Cannot find module \'vega\''), { code: 'MODULE_NOT_FOUND' }); });
      isolated = require('../../../lib/simulator/workload/plot');
    });
    await expect(isolated.plotRun(run)).rejects.toThrow('To draw plotRun\'s plot, decoupled-cdk needs vega, an optional peer dependency: run `npm install --save-dev vega@^5.33.1`.');
  });
});
