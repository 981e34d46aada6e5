import { TemplateError } from '../../../lib/simulator';
import {
  MetricDataQuery, MetricQuerySet, STATISTICS, dimensionsOf, metricDataQueries, metricOf, statisticOf, statisticValue,
} from '../../../lib/simulator/services/cloudwatch/math/metric-queries';
import { MetricRegistry } from '../../../lib/simulator/world/metrics';
import { errorOf } from '../../support/errors';

// How MetricDataQuery lists are read from a template, and the statistics a query set computes.

const MINUTE = 60_000;
const at = { logicalId: 'Alarm', path: 'Properties.Metrics' };

/** The error `build` throws, so its whole message and location can be asserted. */
const templateError = (build: () => unknown) => errorOf(TemplateError, build);

const DEPTH = { Namespace: 'AWS/SQS', MetricName: 'Depth', Dimensions: [{ Name: 'QueueName', Value: 'jobs' }] };

describe('MetricDataQuery lists of a template', () => {
  test('reads ids, expressions, metrics with their statistic, ReturnData (absent: true; "true" and true only) and labels', () => {
    // GIVEN a list as CloudFormation writes it, with every optional field present or absent
    const raw = [
      { Id: 'a', MetricStat: { Metric: DEPTH, Stat: 'Minimum' }, ReturnData: false, Label: 'depth' },
      { Id: 'b', MetricStat: { Metric: { Namespace: 'N', MetricName: 'M' }, Stat: 'SampleCount' }, ReturnData: 'true' },
      { Id: 'c', Expression: 'a + b', ReturnData: 'false', Label: 7 },
      { Id: 'd', Expression: 'a' },
      { Id: 'e', Expression: 3, MetricStat: { Metric: DEPTH, Stat: 'Sum' }, ReturnData: 1 },
    ];
    // WHEN it is read
    // THEN every field is kept as the simulator's query
    expect(metricDataQueries(raw, at)).toEqual([
      { id: 'a', expression: undefined, metric: { namespace: 'AWS/SQS', metricName: 'Depth', dimensions: { QueueName: 'jobs' }, stat: 'Minimum' }, returnData: false, label: 'depth' },
      { id: 'b', expression: undefined, metric: { namespace: 'N', metricName: 'M', dimensions: {}, stat: 'SampleCount' }, returnData: true, label: undefined },
      { id: 'c', expression: 'a + b', metric: undefined, returnData: false, label: undefined },
      { id: 'd', expression: 'a', metric: undefined, returnData: true, label: undefined },
      { id: 'e', expression: undefined, metric: { namespace: 'AWS/SQS', metricName: 'Depth', dimensions: { QueueName: 'jobs' }, stat: 'Sum' }, returnData: false, label: undefined },
    ]);
  });

  test('reads dimensions in order into a map, and knows exactly the five statistics of a statistic set', () => {
    expect(dimensionsOf([{ Name: 'A', Value: '1' }, { Name: 'B', Value: '2' }], at)).toEqual({ A: '1', B: '2' });
    expect(dimensionsOf(undefined, at)).toEqual({});
    expect(STATISTICS).toEqual(['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount']);
    expect(STATISTICS.map((s) => statisticOf(s, at))).toEqual([...STATISTICS]);
    const d = { time: 0, sampleCount: 4, sum: 10, minimum: 1, maximum: 6 };
    expect(STATISTICS.map((s) => statisticValue(d, s))).toEqual([2.5, 10, 1, 6, 4]);
  });

  test.each([
    ['the list is not a list', () => metricDataQueries({ Id: 'a' }, at), 'Alarm', 'Properties.Metrics', 'must be a list of metric data queries'],
    ['a query has no Id', () => metricDataQueries([{ Expression: '1' }, { Expression: '2' }], at), 'Alarm', 'Properties.Metrics[0].Id', 'a metric data query needs an Id'],
    ['the second query has a numeric Id', () => metricDataQueries([{ Id: 'a', Expression: '1' }, { Id: 2, Expression: '2' }], at), 'Alarm', 'Properties.Metrics[1].Id', 'a metric data query needs an Id'],
    ['a query has neither Expression nor MetricStat', () => metricDataQueries([{ Id: 'a', Expression: '1' }, { Id: 'b', Label: 'x' }], at), 'Alarm', 'Properties.Metrics[1]', 'a metric data query needs an Expression or a MetricStat'],
    ['a MetricStat has no Metric', () => metricDataQueries([{ Id: 'a', MetricStat: { Stat: 'Sum' } }], at), 'Alarm', 'Properties.Metrics[0].MetricStat.Metric', 'a metric needs a Namespace and a MetricName known at synth time'],
    ['a metric has no MetricName', () => metricOf({ Namespace: 'N' }, 'Sum', at, 'S'), 'Alarm', 'Properties.Metrics', 'a metric needs a Namespace and a MetricName known at synth time'],
    ['a metric has no Namespace', () => metricOf({ MetricName: 'M' }, 'Sum', at, 'S'), 'Alarm', 'Properties.Metrics', 'a metric needs a Namespace and a MetricName known at synth time'],
    ['a dimension has no Value', () => metricOf({ ...DEPTH, Dimensions: [{ Name: 'A', Value: 'ok' }, { Name: 'QueueName' }] }, 'Sum', at, 'S'), 'Alarm', 'Properties.Metrics.Dimensions[1]', 'a dimension needs a Name and a Value known at synth time (got {"Name":"QueueName"})'],
    ['a dimension has a token for a Name', () => dimensionsOf([{ Name: { Ref: 'X' }, Value: 'v' }], at), 'Alarm', 'Properties.Metrics.Dimensions[0]', 'a dimension needs a Name and a Value known at synth time (got {"Name":{"Ref":"X"},"Value":"v"})'],
    ['the statistic is a percentile', () => metricOf(DEPTH, 'p99', at, 'Properties.Statistic'), 'Alarm', 'Properties.Statistic',
      'the statistic "p99" is not one the simulator computes (Average, Sum, Minimum, Maximum, SampleCount); percentiles need every value, and the simulator keeps statistic sets'],
    ['the statistic is absent', () => metricDataQueries([{ Id: 'a', MetricStat: { Metric: DEPTH } }], at), 'Alarm', 'Properties.Metrics[0].MetricStat.Stat',
      'the statistic undefined is not one the simulator computes (Average, Sum, Minimum, Maximum, SampleCount); percentiles need every value, and the simulator keeps statistic sets'],
  ])('fails with a TemplateError at the property if %s', (_what, build, logicalId, path, problem) => {
    const e = templateError(build);
    expect([e.logicalId, e.propertyPath, e.problem]).toEqual([logicalId, path, problem]);
    expect(e.message).toBe(`${logicalId}.${path}: ${problem}`);
  });
});

describe('metric query sets over published metrics', () => {
  /** A gauge sampled at 0:00 (2), 0:30 (6) and 1:00 (4), so the first two-minute period holds two values. */
  function registry(): MetricRegistry {
    const r = new MetricRegistry();
    let level = 0;
    r.gauge('AWS/SQS', 'Depth', { QueueName: 'jobs' }, 'Count', () => level);
    for (const [t, v] of [[0, 2], [30_000, 6], [MINUTE, 4]]) {
      level = v;
      r.sample(t);
    }
    return r;
  }
  const depth = (stat: string, returnData = true): MetricDataQuery => ({ id: 'd', metric: { namespace: 'AWS/SQS', metricName: 'Depth', dimensions: { QueueName: 'jobs' }, stat: stat as 'Sum' }, returnData });

  test.each([
    ['Average', [4, NaN]],
    ['Sum', [12, NaN]],
    ['Minimum', [2, NaN]],
    ['Maximum', [6, NaN]],
    ['SampleCount', [3, NaN]],
  ])('%s of the values in each period', (stat, expected) => {
    // WHEN two two-minute periods from 0:00 are read
    const set = new MetricQuerySet([depth(stat)], at, registry());
    // THEN the first holds the statistic of its three samples, the second (no sample) is missing
    expect(Array.from(set.series(4 * MINUTE, 2 * MINUTE, 2))).toEqual(expected);
  });

  test('a window ending at time 0 or earlier has no data; a window reaching before 0 has none there', () => {
    const set = new MetricQuerySet([depth('Maximum')], at, registry());
    expect(Array.from(set.series(0, MINUTE, 2))).toEqual([NaN, NaN]);
    expect(Array.from(set.series(-MINUTE, MINUTE, 1))).toEqual([NaN]);
    expect(Array.from(set.series(MINUTE, MINUTE, 2))).toEqual([NaN, 6]);
    expect(Array.from(set.series(2 * MINUTE, MINUTE, 2))).toEqual([6, 4]);
    expect(Array.from(set.series(2 * MINUTE, MINUTE, 1))).toEqual([4]);
  });

  test('lists the metrics it reads (not the expressions) and describes what it watches', () => {
    const metric = depth('Sum', false);
    const set = new MetricQuerySet([metric, { id: 'e', expression: 'd * 2', returnData: true }, { id: 'f', expression: 'd', returnData: false }], at, registry());
    expect(set.metrics).toEqual([metric.metric]);
    expect(set.description).toBe('d * 2');
    expect(new MetricQuerySet([depth('Minimum')], at, registry()).description).toBe('AWS/SQS Depth (Minimum)');
    expect(Array.from(set.series(2 * MINUTE, MINUTE, 2))).toEqual([16, 8]);
  });

  test('division by zero follows the settings read at each evaluation: missing by default, infinite when set', () => {
    const settings = { math: { divisionByZero: 'missing' as 'missing' | 'infinity' } };
    const set = new MetricQuerySet([depth('Sum', false), { id: 'e', expression: 'd / 0', returnData: true }], at, registry(), settings);
    expect(Array.from(set.series(MINUTE, MINUTE, 1))).toEqual([NaN]);
    settings.math = { divisionByZero: 'infinity' };
    expect(Array.from(set.series(MINUTE, MINUTE, 1))).toEqual([Infinity]);
    expect(Array.from(new MetricQuerySet([depth('Sum', false), { id: 'e', expression: 'd / 0', returnData: true }], at, registry()).series(MINUTE, MINUTE, 1))).toEqual([NaN]);
  });

  test('fails if a query set reads itself, naming the circle', () => {
    const e = templateError(() => new MetricQuerySet([{ id: 'a', expression: 'a + 1', returnData: true }], at, new MetricRegistry()));
    expect(e.message).toBe('Alarm.Properties.Metrics: the queries read each other in a circle: a → a');
    const chain = templateError(() => new MetricQuerySet([
      { id: 'x', expression: '1', returnData: false }, { id: 'a', expression: 'x + b', returnData: true }, { id: 'b', expression: 'c', returnData: false }, { id: 'c', expression: 'x * a', returnData: false },
    ], at, new MetricRegistry()));
    expect(chain.message).toBe('Alarm.Properties.Metrics: the queries read each other in a circle: a → b → c → a');
  });

  test('a query set whose queries share reads without a circle is accepted and evaluates each once', () => {
    const set = new MetricQuerySet([
      { id: 'x', expression: '2', returnData: false }, { id: 'y', expression: 'x * 3', returnData: false }, { id: 'z', expression: 'x + y', returnData: true },
    ], at, new MetricRegistry());
    expect(Array.from(set.series(2 * MINUTE, MINUTE, 2))).toEqual([8, 8]);
  });

  test('fails with the parser\'s message if an expression is broken, and passes on other errors', () => {
    const e = templateError(() => new MetricQuerySet([{ id: 'e', expression: '1 +', returnData: true }], at, new MetricRegistry()));
    expect(e.message).toBe('Alarm.Properties.Metrics: query e: unexpected end in "1 +"');
  });
});
