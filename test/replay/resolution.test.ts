import { CLOUDWATCH_RESOLUTIONS, ReplayError, metricWindow } from '../../lib/replay';
import { finestResolutionAt } from '../../lib/replay/resolution';

const DAY = 86_400_000;
const NOW = new Date('2026-11-19T00:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const windowError = (f: () => unknown): ReplayError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ReplayError);
    expect((e as ReplayError).code).toBe('window');
    return e as ReplayError;
  }
  throw new Error('no error thrown');
};

describe('the finest resolution CloudWatch keeps, by the age of the data', () => {
  test.each([
    [15 * DAY - 1, 60],
    [15 * DAY, 300],
    [63 * DAY - 1, 300],
    [63 * DAY, 3_600],
    [455 * DAY - 1, 3_600],
  ])('data %d ms old is kept at %d-second periods at best', (age, period) => {
    expect(finestResolutionAt(age)?.periodSeconds).toBe(period);
  });

  test('data 455 days old is kept at no period', () => {
    expect(finestResolutionAt(455 * DAY)).toBeUndefined();
  });

  test('the table is finest first, each kept longer than the one before', () => {
    expect(CLOUDWATCH_RESOLUTIONS.map((r) => [r.periodSeconds, r.keptDays])).toEqual([[60, 15], [300, 63], [3_600, 455]]);
  });
});

describe('the window GetMetricData reads', () => {
  test.each([
    ['1-minute data: the start rounded down to the minute', ago(DAY + 42_000), 60, ago(DAY + 60_000)],
    ['5-minute data (20 days old): to 5 minutes', new Date('2026-10-30T10:07:00Z'), 300, new Date('2026-10-30T10:05:00Z')],
    ['hourly data (100 days old): to the hour', new Date('2026-08-11T10:37:00Z'), 3_600, new Date('2026-08-11T10:00:00Z')],
  ])('%s', (_, from, period, start) => {
    const w = metricWindow({ from, to: new Date(from.getTime() + DAY), now: NOW });
    expect(w.periodSeconds).toBe(period);
    expect(w.startMs).toBe(start.getTime());
  });

  test('rounds a past end up to the period, so the period the end falls in is read whole', () => {
    const w = metricWindow({ from: ago(DAY), to: ago(DAY - 90_000), now: NOW });
    expect(w.endMs - w.startMs).toBe(2 * 60_000);
  });

  test('leaves out the period still running now', () => {
    const now = new Date('2026-11-19T00:00:20Z');
    const w = metricWindow({ from: new Date('2026-11-18T23:50:00Z'), to: new Date('2026-11-19T01:00:00Z'), now });
    expect(w.endMs).toBe(Date.parse('2026-11-19T00:00:00Z'));
  });

  test('takes a period coarser than the finest kept, if it is a multiple of it', () => {
    expect(metricWindow({ from: ago(20 * DAY), to: ago(19 * DAY), periodSeconds: 600, now: NOW }).periodSeconds).toBe(600);
  });

  test('fails if the window starts 455 days ago or earlier, saying how old CloudWatch data gets', () => {
    const e = windowError(() => metricWindow({ from: ago(456 * DAY), to: ago(400 * DAY), now: NOW }));
    expect(e.problem).toBe('--from 2025-08-20T00:00:00Z is 456 days old: CloudWatch keeps a metric at most 455 days (1-hour data)');
    expect(e.fix).toBe('Start the window after 2025-08-21T00:00:00Z');
  });

  test('fails if the period asked is finer than the data kept, saying which period is available', () => {
    const e = windowError(() => metricWindow({ from: ago(20 * DAY), to: ago(19 * DAY), periodSeconds: 60, now: NOW }));
    expect(e.problem).toBe('--period 60 is finer than CloudWatch keeps data that is 20 days old: 1-minute data is kept 15 days; data from 2026-10-30T00:00:00Z is available at 5-minute periods');
    expect(e.fix).toBe('Use --period 300 (or a multiple of it), or start the window after 2026-11-04T00:00:00Z for 60-second data');
  });

  test.each([[90], [0], [-60], [61.5]])('fails if the period is %d s: not a whole number of minutes', (period) => {
    expect(windowError(() => metricWindow({ from: ago(DAY), to: NOW, periodSeconds: period, now: NOW })).problem).toMatch(/is not a whole number of minutes/);
  });

  test('fails if the window ends before it starts', () => {
    expect(windowError(() => metricWindow({ from: ago(DAY), to: ago(2 * DAY), now: NOW })).problem).toMatch(/is not before --to/);
  });

  test('fails if the window starts in the future', () => {
    expect(windowError(() => metricWindow({ from: new Date(NOW.getTime() + 60_000), to: new Date(NOW.getTime() + DAY), now: NOW })).problem).toMatch(/is not in the past/);
  });

  test('fails if no period of the window is complete yet, saying when one will be', () => {
    const now = new Date('2026-11-19T00:00:20Z');
    const e = windowError(() => metricWindow({ from: new Date('2026-11-19T00:00:05Z'), to: now, now }));
    expect(e.problem).toMatch(/holds no complete 60-second period yet/);
    expect(e.fix).toMatch(/^Wait until 2026-11-19T00:01:00Z/);
  });
});
