import { MetricSeries, RecordedArrivals, compareTraffic, percentile, renderComparison, summarizeTraffic } from '../../lib/replay';

const series = (metricName: string, values: (number | null)[]): MetricSeries => ({ metricName, stat: 'Maximum', startEpochMs: 0, periodSeconds: 60, values });
const arrivals = (perMinute: number[]): RecordedArrivals => ({ name: 'orders', perMinute, startEpochMs: 0, recordedPeriodSeconds: 60 });

describe('percentile (nearest rank)', () => {
  const oneToTwenty = Array.from({ length: 20 }, (_, i) => i + 1);

  test.each([
    [95, 19],
    [100, 20],
    [50, 10],
    [1, 1],
  ])('p%d of 1..20 is %d', (p, expected) => {
    expect(percentile(oneToTwenty, p)).toBe(expected);
  });

  test('p95 of 1..100 is 95, in any order', () => {
    expect(percentile(Array.from({ length: 100 }, (_, i) => 100 - i), 95)).toBe(95);
  });

  test('is undefined for no values', () => {
    expect(percentile([], 95)).toBeUndefined();
  });

  test.each([[0], [100.5], [-5]])('fails if p is %d: a percentile is above 0 and at most 100', (p) => {
    expect(() => percentile([1], p)).toThrow(/a percentile is above 0 and at most 100/);
  });
});

describe('summarizeTraffic', () => {
  test('sums arrivals, finds the busiest minute, and reads p95 and maximum age and peak depth, gaps left out', () => {
    const ages = Array.from({ length: 21 }, (_, i) => (i === 3 ? null : i * 10));
    const s = summarizeTraffic({
      arrivals: arrivals([3, 9, 0, 4]),
      visible: series('ApproximateNumberOfMessagesVisible', [5, null, 12, 2]),
      ageOfOldest: series('ApproximateAgeOfOldestMessage', ages),
    });
    expect(s).toEqual({ messages: 16, peakArrivalsPerMinute: 9, meanArrivalsPerMinute: 4, ageOfOldestP95Seconds: 190, ageOfOldestMaxSeconds: 200, peakDepth: 12, capacity: undefined });
  });

  test('leaves age and depth undefined when production has no data for them', () => {
    const s = summarizeTraffic({ arrivals: arrivals([1]), visible: series('V', [null]), ageOfOldest: series('A', [null]) });
    expect(s.ageOfOldestP95Seconds).toBeUndefined();
    expect(s.ageOfOldestMaxSeconds).toBeUndefined();
    expect(s.peakDepth).toBeUndefined();
  });
});

describe('the comparison', () => {
  const production = { messages: 235_631, peakArrivalsPerMinute: 2_076, meanArrivalsPerMinute: 163.63, ageOfOldestP95Seconds: 90, ageOfOldestMaxSeconds: 510, peakDepth: 5_821 };

  test('shows production alone, a dash where the queue\'s metrics do not tell', () => {
    expect(renderComparison(compareTraffic(production))).toBe(
      [
        '                                 production',
        'messages sent                       235,631',
        'arrivals in the busiest minute        2,076',
        'arrivals per minute, mean             163.6',
        'age of oldest message, p95             90 s',
        'age of oldest message, max            510 s',
        'peak depth (visible messages)         5,821',
        'capacity, peak                            —',
        'capacity, hours                           —',
      ].join('\n'),
    );
  });

  test('adds a column per simulated configuration, next to production', () => {
    const simulated = { ...production, ageOfOldestP95Seconds: 31, ageOfOldestMaxSeconds: 95, peakDepth: 2_004, capacity: { unit: 'task', peak: 16, hours: 102.25 } };
    const comparison = compareTraffic(production, [{ heading: 'maxCapacity 16', summary: simulated }]);
    expect(comparison.headings).toEqual(['production', 'maxCapacity 16']);
    expect(comparison.rows.find((r) => r.measure === 'age of oldest message, p95')!.values).toEqual(['90 s', '31 s']);
    expect(comparison.rows.find((r) => r.measure === 'capacity, hours')!.values).toEqual([undefined, '102.3 task-hours']);
    const lines = renderComparison(comparison).split('\n');
    expect(lines[7]).toMatch(/^capacity, peak {28}— {3,}16 tasks$/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });
});
