import { MathValue, evaluateExpression } from '../../../lib/simulator/services/cloudwatch/math/evaluate';
import { MathSyntaxError, parseExpression } from '../../../lib/simulator/services/cloudwatch/math/expression';

// What each operator and function of metric math gives, on numbers and on series, with missing periods.

const series = (...v: number[]) => Float64Array.from(v);
const list = (v: MathValue) => (typeof v === 'number' ? v : Array.from(v));
const run = (expression: string, ids: Record<string, MathValue> = {}) => list(evaluateExpression(parseExpression(expression), (name) => ids[name]));

describe('metric math evaluation', () => {
  test('every binary operator on numbers, without settings (the default: x / 0 is missing)', () => {
    // WHEN each operator is evaluated on 7 and 2 (and at equality)
    // THEN it gives CloudWatch's result: comparisons and logic as 1 or 0
    expect(['7 + 2', '7 - 2', '7 * 2', '7 / 2', '7 ^ 2', '7 / 0', '0 / 0'].map((e) => run(e))).toEqual([9, 5, 14, 3.5, 49, NaN, NaN]);
    expect(['7 < 2', '2 < 7', '2 <= 2', '3 <= 2', '7 > 2', '2 > 2', '2 >= 2', '1 >= 2', '2 == 2', '2 == 3', '2 != 3', '2 != 2'].map((e) => run(e))).toEqual([0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
    expect(['2 AND -1', '2 AND 0', '0 AND 0', '0 OR -3', '0 OR 0', '5 OR 0'].map((e) => run(e))).toEqual([1, 0, 0, 1, 0, 1]);
  });

  test('a missing operand makes the result missing, whatever the operator (even 0 AND missing)', () => {
    const m = NaN;
    expect(['m + 1', '1 - m', 'm * 0', '0 AND m', 'm OR 1', 'm == m', 'm != 1', 'm < 1', '-m', 'NOT m', 'ABS(m)'].map((e) => run(e, { m }))).toEqual(Array(11).fill(NaN));
  });

  test('a scalar applies to every period on either side; the order of the operands is kept', () => {
    const m = series(1, NaN, 10);
    expect(run('20 - m', { m })).toEqual([19, NaN, 10]);
    expect(run('m - 20', { m })).toEqual([-19, NaN, -10]);
    expect(run('m / n', { m, n: series(2, 2, 4) })).toEqual([0.5, NaN, 2.5]);
    expect(run('2 ^ m', { m: series(3, 0) })).toEqual([8, 1]);
  });

  test('unary minus and NOT work period by period; NOT of a missing period stays missing', () => {
    const m = series(0, 2, NaN, -0.5);
    expect(run('-m', { m })).toEqual([-0, -2, NaN, 0.5]);
    expect(run('NOT m', { m })).toEqual([1, 0, NaN, 0]);
    expect(run('!m', { m })).toEqual([1, 0, NaN, 0]);
    expect(run('NOT 0')).toBe(1);
  });

  test('ABS, CEIL and FLOOR, on a number and on a series', () => {
    expect([run('ABS(-2.5)'), run('CEIL(-2.5)'), run('FLOOR(-2.5)')]).toEqual([2.5, -2, -3]);
    const m = series(1.5, NaN, -1.5);
    expect([run('ABS(m)', { m }), run('CEIL(m)', { m }), run('FLOOR(m)', { m })]).toEqual([[1.5, NaN, 1.5], [2, NaN, -1], [1, NaN, -2]]);
  });

  test('FILL: a number is left as it is; a series value fills period by period; REPEAT and LINEAR invent nothing before the first value', () => {
    const m = series(NaN, 1, NaN, NaN, 7);
    expect(run('FILL(3, 0)')).toBe(3);
    expect(run('FILL(m, n)', { m, n: series(10, 20, 30, 40, 50) })).toEqual([10, 1, 30, 40, 7]);
    expect(run('FILL(m, 2 * 2)', { m })).toEqual([4, 1, 4, 4, 7]);
    expect(run('FILL(m, REPEAT)', { m })).toEqual([NaN, 1, 1, 1, 7]);
    expect(run('FILL(m, LINEAR)', { m })).toEqual([NaN, 1, 3, 5, 7]);
    expect(run('FILL(n, LINEAR)', { n: series(NaN, NaN) })).toEqual([NaN, NaN]);
    expect(run('FILL(n, LINEAR)', { n: series(2, NaN, NaN, 8, NaN, 2) })).toEqual([2, 4, 6, 8, 5, 2]);
    expect(run('FILL(n, REPEAT)', { n: series(2, NaN, 5, NaN) })).toEqual([2, 2, 5, 5]);
  });

  test('IF on a number condition picks the branch whole; a missing condition, or false without else, is missing', () => {
    const t = series(1, 2);
    expect(run('IF(1, t, 0)', { t })).toEqual([1, 2]);
    expect(run('IF(-1, 5)')).toBe(5);
    expect(run('IF(0, t, 9)', { t })).toBe(9);
    expect(run('IF(0, 5)')).toBe(NaN);
    expect(run('IF(c, 5, 6)', { c: NaN })).toBe(NaN);
  });

  test('IF on a series condition picks per period from series or numbers', () => {
    const c = series(1, 0, NaN, 3);
    expect(run('IF(c, t, e)', { c, t: series(10, 11, 12, 13), e: series(20, 21, 22, 23) })).toEqual([10, 21, NaN, 13]);
    expect(run('IF(c, t)', { c, t: series(10, 11, 12, 13) })).toEqual([10, NaN, NaN, 13]);
    expect(run('IF(c, 1, 2)', { c })).toEqual([1, 2, NaN, 1]);
  });

  test('fails if REPEAT or LINEAR is used outside FILL, naming the keyword', () => {
    const evaluate = (source: string) => () => evaluateExpression(parseExpression(source), () => 1);
    expect(evaluate('REPEAT + 1')).toThrow(MathSyntaxError);
    expect(evaluate('REPEAT + 1')).toThrow(new MathSyntaxError('REPEAT is only an argument of FILL', 'REPEAT'));
    expect(evaluate('ABS(LINEAR)')).toThrow(new MathSyntaxError('LINEAR is only an argument of FILL', 'LINEAR'));
    expect(new MathSyntaxError('LINEAR is only an argument of FILL', 'LINEAR').message).toBe('LINEAR is only an argument of FILL in "LINEAR"');
  });
});
