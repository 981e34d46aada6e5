import { MetricRegistry, StatisticSeries } from '../../../lib/simulator/world/metrics';
import { TimeSeries, firstAtOrAfter } from '../../../lib/simulator/world/time-series';

// The series metrics are kept in: statistic sets per second, and levels and counts over virtual time.

const MINUTE = 60_000;

describe('StatisticSeries', () => {
  test('within one second, the minimum and maximum follow values going down and up', () => {
    // GIVEN values 5, 2, 9, 4 in the same second, then 6 and 1 in the next
    const s = new StatisticSeries();
    for (const [t, v] of [[100, 5], [200, 2], [300, 9], [999, 4], [1000, 6], [1500, 1]]) s.record(t, v);
    // THEN per second: the count, sum, min and max of each
    expect(s.datapoints(0, MINUTE, 1000)).toEqual([
      { time: 0, sampleCount: 4, sum: 20, minimum: 2, maximum: 9 },
      { time: 1000, sampleCount: 2, sum: 7, minimum: 1, maximum: 6 },
    ]);
  });

  test('a period over several seconds takes the smallest minimum and the largest maximum of them', () => {
    const s = new StatisticSeries();
    for (const [t, v] of [[0, 5], [1000, 8], [2000, 3], [3000, 7], [4000, 10], [5000, 1]]) s.record(t, v);
    expect(s.datapoints(0, MINUTE, MINUTE)).toEqual([{ time: 0, sampleCount: 6, sum: 34, minimum: 1, maximum: 10 }]);
    expect(s.datapoints(0, MINUTE, 2000)).toEqual([
      { time: 0, sampleCount: 2, sum: 13, minimum: 5, maximum: 8 },
      { time: 2000, sampleCount: 2, sum: 10, minimum: 3, maximum: 7 },
      { time: 4000, sampleCount: 2, sum: 11, minimum: 1, maximum: 10 },
    ]);
    // A span starting inside the data takes the seconds from there; the span's end is excluded.
    expect(s.datapoints(2000, 4000, 1000).map((d) => d.time)).toEqual([2000, 3000]);
  });

  test('a period of exactly one second is allowed, and the data is read again after more values', () => {
    const s = new StatisticSeries();
    s.record(0, 1);
    expect(s.datapoints(0, MINUTE, 1000)).toEqual([{ time: 0, sampleCount: 1, sum: 1, minimum: 1, maximum: 1 }]);
    s.record(500, 3);
    s.record(61_000, 2);
    expect(s.datapoints(0, 2 * MINUTE, MINUTE)).toEqual([
      { time: 0, sampleCount: 2, sum: 4, minimum: 1, maximum: 3 },
      { time: MINUTE, sampleCount: 1, sum: 2, minimum: 2, maximum: 2 },
    ]);
  });
});

describe('MetricRegistry', () => {
  test('a gauge keeps the level read at each sample; value reads it without keeping it', () => {
    const registry = new MetricRegistry();
    let level = 4;
    const depth = registry.gauge('Custom', 'Depth', { Q: 'a' }, 'Count', () => level);
    registry.sample(MINUTE);
    level = 9;
    expect(depth.value).toBe(9);
    registry.sample(2 * MINUTE);
    expect(depth.datapoints(0, 3 * MINUTE, MINUTE).map((d) => [d.time, d.sum])).toEqual([[MINUTE, 4], [2 * MINUTE, 9]]);
    expect([depth.namespace, depth.metricName, depth.dimensions, depth.unit]).toEqual(['Custom', 'Depth', { Q: 'a' }, 'Count']);
  });

  test('a counter sampled at an earlier instant than its last sample keeps nothing', () => {
    const registry = new MetricRegistry();
    let total = 3;
    const c = registry.counter('Custom', 'Sent', {}, 'Count', () => total);
    registry.sample(MINUTE);
    total = 10;
    registry.sample(MINUTE - 1);
    registry.sample(0);
    expect(c.datapoints(0, 3 * MINUTE, MINUTE)).toEqual([{ time: 0, sampleCount: 1, sum: 3, minimum: 3, maximum: 3 }]);
    registry.sample(2 * MINUTE);
    expect(c.datapoints(0, 3 * MINUTE, MINUTE).map((d) => [d.time, d.sum])).toEqual([[0, 3], [MINUTE, 7]]);
  });

  test('list without a filter gives every metric; each filter field narrows it', () => {
    const registry = new MetricRegistry();
    registry.counter('A', 'Sent', { Q: 'x' }, 'Count', () => 0);
    registry.counter('A', 'Received', { Q: 'x' }, 'Count', () => 0);
    registry.gauge('B', 'Sent', { Q: 'y', Z: 'z' }, 'Count', () => 0);
    const ids = (f?: Parameters<MetricRegistry['list']>[0]) => registry.list(f).map((m) => `${m.namespace}/${m.metricName}`);
    expect(ids()).toEqual(['A/Sent', 'A/Received', 'B/Sent']);
    expect(ids({ metricName: 'Sent' })).toEqual(['A/Sent', 'B/Sent']);
    expect(ids({ namespace: 'A', metricName: 'Sent' })).toEqual(['A/Sent']);
    expect(ids({ dimensions: { Q: 'y' } })).toEqual(['B/Sent']);
    expect(ids({ dimensions: { Q: 'x', Z: 'z' } })).toEqual([]);
  });
});

describe('TimeSeries', () => {
  test('count adds into the bucket of its time; a later bucket starts a new point', () => {
    const s = new TimeSeries();
    s.count(100, 1000);
    s.count(900, 1000, 2);
    s.count(1000, 1000);
    s.count(2500, 1000, 4);
    expect(s.points).toEqual([{ time: 0, value: 3 }, { time: 1000, value: 1 }, { time: 2000, value: 4 }]);
    expect([s.length, s.sum, s.max]).toEqual([3, 8, 4]);
  });

  test('level keeps changes only: the same level again adds nothing, two at one instant keep the last', () => {
    const s = new TimeSeries();
    s.level(0, 1);
    s.level(10, 1);
    s.level(20, 3);
    s.level(20, 5);
    expect(s.points).toEqual([{ time: 0, value: 1 }, { time: 20, value: 5 }]);
    // Back at one instant to the level before it: the change is dropped.
    s.level(20, 1);
    expect(s.points).toEqual([{ time: 0, value: 1 }]);
    s.level(30, 0);
    expect(s.points).toEqual([{ time: 0, value: 1 }, { time: 30, value: 0 }]);
  });

  test('the first level at time 0 is kept even at the same instant', () => {
    const s = new TimeSeries();
    s.level(0, 2);
    s.level(0, 4);
    expect(s.points).toEqual([{ time: 0, value: 4 }]);
  });

  test('at gives the last level at or before a time, 0 before the first', () => {
    const s = new TimeSeries();
    s.level(10, 2);
    s.level(20, 7);
    expect([s.at(0), s.at(9), s.at(10), s.at(19), s.at(20), s.at(1000)]).toEqual([0, 0, 2, 2, 7, 7]);
    expect(new TimeSeries().at(5)).toBe(0);
  });

  test('indexAt, timeAt and valueAt read points by position; max of nothing, or of negatives, is 0', () => {
    const s = new TimeSeries();
    s.add(10, -1);
    s.add(20, -5);
    s.add(20, -2);
    expect([s.indexAt(0), s.indexAt(10), s.indexAt(11), s.indexAt(20), s.indexAt(21)]).toEqual([0, 0, 1, 1, 3]);
    expect([s.timeAt(2), s.valueAt(2)]).toEqual([20, -2]);
    expect([s.max, s.sum, new TimeSeries().max, new TimeSeries().sum]).toEqual([0, -8, 0, 0]);
  });
});

describe('firstAtOrAfter', () => {
  test('finds the first value at or after, by binary search, in arrays of any length', () => {
    const a = [1, 3, 3, 5, 8, 13, 21];
    expect([0, 1, 2, 3, 4, 5, 6, 8, 9, 21, 22].map((v) => firstAtOrAfter(a, v))).toEqual([0, 0, 1, 1, 3, 3, 4, 4, 5, 6, 7]);
    expect(firstAtOrAfter([], 3)).toBe(0);
    expect([firstAtOrAfter([4], 3), firstAtOrAfter([4], 4), firstAtOrAfter([4], 5)]).toEqual([0, 0, 1]);
  });
});
