import { TemplateError } from '../../../lib/simulator';
import { evaluateExpression, MathValue } from '../../../lib/simulator/services/cloudwatch/math/evaluate';
import { MathSyntaxError, parseExpression } from '../../../lib/simulator/services/cloudwatch/math/expression';
import { MetricDataQuery, MetricQuerySet } from '../../../lib/simulator/services/cloudwatch/math/metric-queries';
import { MetricRegistry } from '../../../lib/simulator/world/metrics';

const MINUTE = 60_000;
const series = (...v: number[]) => Float64Array.from(v);
const evaluate = (expression: string, ids: Record<string, MathValue> = {}, divisionByZero: 'missing' | 'infinity' = 'missing') =>
  evaluateExpression(parseExpression(expression), (id) => ids[id], { divisionByZero });
const list = (v: MathValue) => (typeof v === 'number' ? v : Array.from(v));

describe('metric math expressions', () => {
  test('arithmetic binds as written: ^ before unary minus before * / before + -, left to right', () => {
    expect(evaluate('2 + 3 * 4 - 6 / 2')).toBe(11);
    expect(evaluate('10 - 4 - 3')).toBe(3);
    expect(evaluate('2 ^ 3 ^ 2')).toBe(512);
    expect(evaluate('-2 ^ 2')).toBe(-4);
    expect(evaluate('(1 + 2) * 3')).toBe(9);
  });

  test('comparisons and logic give 1 or 0; AND/OR/NOT have their symbol forms too', () => {
    expect([evaluate('1 < 2'), evaluate('2 <= 2'), evaluate('2 > 2'), evaluate('2 >= 2'), evaluate('2 == 2'), evaluate('2 != 2')]).toEqual([1, 1, 0, 1, 1, 0]);
    expect([evaluate('1 AND 0'), evaluate('1 && 2'), evaluate('0 OR 0'), evaluate('0 || 3'), evaluate('NOT 0'), evaluate('!5')]).toEqual([0, 1, 0, 1, 1, 0]);
    expect(evaluate('1 + 1 > 1 AND 2 < 3')).toBe(1);
  });

  test('a series is computed period by period, with scalars applied to every period; a missing period stays missing', () => {
    expect(list(evaluate('m / 2 + 1', { m: series(2, NaN, 6) }))).toEqual([2, NaN, 4]);
    expect(list(evaluate('a + b', { a: series(1, 2, NaN), b: series(10, NaN, 30) }))).toEqual([11, NaN, NaN]);
  });

  test('FILL with a value, REPEAT (the last known value) or LINEAR (between known neighbours)', () => {
    const m = series(NaN, 4, NaN, NaN, 10, NaN);
    expect(list(evaluate('FILL(m, 0)', { m }))).toEqual([0, 4, 0, 0, 10, 0]);
    expect(list(evaluate('FILL(m, REPEAT)', { m }))).toEqual([NaN, 4, 4, 4, 10, 10]);
    expect(list(evaluate('FILL(m, LINEAR)', { m }))).toEqual([NaN, 4, 6, 8, 10, NaN]);
  });

  test('IF picks per period; without an else, a false condition leaves the period without a value', () => {
    const c = series(1, 0, NaN);
    expect(list(evaluate('IF(c, 10, 20)', { c }))).toEqual([10, 20, NaN]);
    expect(list(evaluate('IF(c, 10)', { c }))).toEqual([10, NaN, NaN]);
    expect(evaluate('IF(0, 1, 2)')).toBe(2);
  });

  test('ABS, CEIL and FLOOR (function names are read in any case)', () => {
    expect(list(evaluate('ceil(m) + FLOOR(m) + Abs(-1)', { m: series(1.2, -1.5) }))).toEqual([2 + 1 + 1, -1 - 2 + 1]);
  });

  test('x / 0 is a missing datapoint by default (AWS-FACTS §11: unconfirmed), infinite when set so', () => {
    expect(list(evaluate('m / d', { m: series(4, 4), d: series(0, 2) }))).toEqual([NaN, 2]);
    expect(list(evaluate('m / d', { m: series(4, 4), d: series(0, 2) }, 'infinity'))).toEqual([Infinity, 2]);
  });

  test('the pattern\'s backlog per worker never divides by zero: at zero workers it is the backlog itself', () => {
    const backlog = '(FILL(visible, 0) + FILL(inflight, 0)) / IF(FILL(workers, 0) < 1, 1, FILL(workers, 0))';
    expect(list(evaluate(backlog, { visible: series(90, NaN, 60), inflight: series(NaN, NaN, 3), workers: series(NaN, 0, 3) }))).toEqual([90, 0, 21]);
  });

  test('fails if a function is not one the simulator evaluates, naming it and what is supported', () => {
    expect(() => parseExpression('SUM([m1, m2])')).toThrow(MathSyntaxError);
    expect(() => parseExpression('RATE(m1)')).toThrow('the function RATE is not one the simulator evaluates (it evaluates IF, FILL, ABS, CEIL, FLOOR and arithmetic, comparisons and logic) in "RATE(m1)"');
  });

  test('fails if a function takes the wrong number of arguments, or the syntax is broken', () => {
    expect(() => parseExpression('FILL(m)')).toThrow('FILL takes 2 arguments, not 1');
    expect(() => parseExpression('IF(a, b, c, d)')).toThrow('IF takes 2 or 3 arguments, not 4');
    expect(() => parseExpression('(m + 1')).toThrow(/expected "\)"/);
    expect(() => parseExpression('m + ')).toThrow(/unexpected end/);
    expect(() => parseExpression('m # 2')).toThrow(/unexpected character "#"/);
  });
});

describe('metric query sets', () => {
  const visible = (id: string): MetricDataQuery => ({ id, returnData: false, metric: { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: 'jobs' }, stat: 'Sum' } });
  const at = { logicalId: 'Alarm', path: 'Properties.Metrics' };

  test('evaluates the returned expression over the metrics, one value per period; periods with no datapoint are missing', () => {
    // GIVEN a gauge sampled at 0, 60 and 180 s (not at 120 s)
    const registry = new MetricRegistry();
    let level = 3;
    registry.gauge('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: 'jobs' }, 'Count', () => level);
    for (const [t, v] of [[0, 3], [MINUTE, 5], [3 * MINUTE, 7]]) {
      level = v;
      registry.sample(t);
    }
    const set = new MetricQuerySet([visible('v'), { id: 'e', expression: 'v * 10', returnData: true }], at, registry);
    // THEN four periods ending at 4 minutes read 30, 50, nothing, 70
    expect(Array.from(set.series(4 * MINUTE, MINUTE, 4))).toEqual([30, 50, NaN, 70]);
    // AND periods before the simulation started have no value, even through FILL
    const filled = new MetricQuerySet([visible('v'), { id: 'e', expression: 'FILL(v, 0)', returnData: true }], at, registry);
    expect(Array.from(filled.series(MINUTE, MINUTE, 3))).toEqual([NaN, NaN, 3]);
  });

  test('a returned expression that is a constant gives that value in every period since the start, none before it', () => {
    const set = new MetricQuerySet([{ id: 'e', expression: '2 * 3', returnData: true }], at, new MetricRegistry());
    expect(Array.from(set.series(3 * MINUTE, MINUTE, 3))).toEqual([6, 6, 6]);
    expect(Array.from(set.series(MINUTE, MINUTE, 3))).toEqual([NaN, NaN, 6]);
  });

  test('a metric nobody publishes is missing data, as CloudWatch has none', () => {
    const set = new MetricQuerySet([visible('v')].map((q) => ({ ...q, returnData: true })), at, new MetricRegistry());
    expect(Array.from(set.series(2 * MINUTE, MINUTE, 2))).toEqual([NaN, NaN]);
  });

  test.each([
    ['no query returns data', [visible('v')], 'exactly one query must return data (ReturnData true); 0 do (none)'],
    ['two queries return data', [{ ...visible('a'), returnData: true }, { ...visible('b'), returnData: true }], 'exactly one query must return data (ReturnData true); 2 do (a, b)'],
    ['an id is used twice', [visible('v'), visible('v')], 'the id v is used twice'],
    ['an expression reads an unknown id', [{ id: 'e', expression: 'w + 1', returnData: true }], 'query e reads w, which no query of the list has as its Id'],
    ['expressions read each other in a circle', [{ id: 'a', expression: 'b', returnData: true }, { id: 'b', expression: 'a', returnData: false }], 'the queries read each other in a circle: a → b → a'],
    ['an expression uses an unsupported function', [visible('v'), { id: 'e', expression: 'ANOMALY_DETECTION_BAND(v)', returnData: true }], 'query e: the function ANOMALY_DETECTION_BAND is not one the simulator evaluates'],
  ])('fails with a TemplateError at the query\'s location if %s', (_what, queries, message) => {
    const build = () => new MetricQuerySet(queries as MetricDataQuery[], at, new MetricRegistry());
    expect(build).toThrow(TemplateError);
    expect(build).toThrow(`Alarm.Properties.Metrics: ${message}`);
  });
});
