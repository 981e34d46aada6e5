import { Expr, MathSyntaxError, idsOf, parseExpression } from '../../../lib/simulator/services/cloudwatch/math/expression';
import { errorOf } from '../../support/errors';

// How a metric math expression is read: tokens, precedence, the tree, and every way it is refused.

/** The error `parse` throws, so its whole message can be asserted. */
const refusal = (source: string) => errorOf(MathSyntaxError, () => parseExpression(source));

const num = (value: number): Expr => ({ kind: 'number', value });
const id = (name: string): Expr => ({ kind: 'id', id: name });

describe('metric math parsing', () => {
  test('reads numbers in every form CloudWatch writes, names with digits and underscores, and ignores white space', () => {
    // GIVEN numbers with a fraction, a leading dot, a trailing dot and an exponent; tabs and new lines between tokens
    // WHEN each is parsed
    // THEN each is the number it spells, and a name is an id
    expect(parseExpression('1.5')).toEqual(num(1.5));
    expect(parseExpression('.25')).toEqual(num(0.25));
    expect(parseExpression('3.')).toEqual(num(3));
    expect(parseExpression('2e3')).toEqual(num(2000));
    expect(parseExpression('15E-1')).toEqual(num(1.5));
    expect(parseExpression('1.5e+2')).toEqual(num(150));
    expect(parseExpression('\t m_1x \n')).toEqual(id('m_1x'));
    expect(parseExpression('_q')).toEqual(id('_q'));
  });

  test('builds the tree with each operator\'s precedence: OR below AND below comparisons below + - below * / below unary below ^', () => {
    // WHEN expressions mixing every level are parsed
    // THEN the tree groups the tighter operator first
    expect(parseExpression('a OR b AND c')).toEqual({ kind: 'binary', op: 'OR', left: id('a'), right: { kind: 'binary', op: 'AND', left: id('b'), right: id('c') } });
    expect(parseExpression('a || b && c')).toEqual({ kind: 'binary', op: 'OR', left: id('a'), right: { kind: 'binary', op: 'AND', left: id('b'), right: id('c') } });
    expect(parseExpression('a AND b < c')).toEqual({ kind: 'binary', op: 'AND', left: id('a'), right: { kind: 'binary', op: '<', left: id('b'), right: id('c') } });
    expect(parseExpression('a >= b + c')).toEqual({ kind: 'binary', op: '>=', left: id('a'), right: { kind: 'binary', op: '+', left: id('b'), right: id('c') } });
    expect(parseExpression('a - b / c')).toEqual({ kind: 'binary', op: '-', left: id('a'), right: { kind: 'binary', op: '/', left: id('b'), right: id('c') } });
    expect(parseExpression('-a * b')).toEqual({ kind: 'binary', op: '*', left: { kind: 'unary', op: '-', arg: id('a') }, right: id('b') });
    expect(parseExpression('!a ^ b')).toEqual({ kind: 'unary', op: 'NOT', arg: { kind: 'binary', op: '^', left: id('a'), right: id('b') } });
    expect(parseExpression('NOT a == b')).toEqual({ kind: 'binary', op: '==', left: { kind: 'unary', op: 'NOT', arg: id('a') }, right: id('b') });
    expect(parseExpression('a != b <= c')).toEqual({ kind: 'binary', op: '<=', left: { kind: 'binary', op: '!=', left: id('a'), right: id('b') }, right: id('c') });
    expect(parseExpression('a > b')).toEqual({ kind: 'binary', op: '>', left: id('a'), right: id('b') });
    expect(parseExpression('a * b * c')).toEqual({ kind: 'binary', op: '*', left: { kind: 'binary', op: '*', left: id('a'), right: id('b') }, right: id('c') });
    expect(parseExpression('a ^ b ^ c')).toEqual({ kind: 'binary', op: '^', left: id('a'), right: { kind: 'binary', op: '^', left: id('b'), right: id('c') } });
  });

  test('reads function calls in any case with their arguments, REPEAT and LINEAR as keywords, and a name before "(" only as a call', () => {
    expect(parseExpression('fill(m, repeat)')).toEqual({ kind: 'call', fn: 'FILL', args: [id('m'), id('repeat')] });
    expect(parseExpression('FILL(m, REPEAT)')).toEqual({ kind: 'call', fn: 'FILL', args: [id('m'), { kind: 'keyword', word: 'REPEAT' }] });
    expect(parseExpression('Fill(m, LINEAR)')).toEqual({ kind: 'call', fn: 'FILL', args: [id('m'), { kind: 'keyword', word: 'LINEAR' }] });
    expect(parseExpression('IF(a, 1, (2))')).toEqual({ kind: 'call', fn: 'IF', args: [id('a'), num(1), num(2)] });
    expect(parseExpression('abs(a) + CEIL(b)')).toEqual({ kind: 'binary', op: '+', left: { kind: 'call', fn: 'ABS', args: [id('a')] }, right: { kind: 'call', fn: 'CEIL', args: [id('b')] } });
  });

  test('lists the ids an expression reads, through unary operators, operands and call arguments, once each', () => {
    expect([...idsOf(parseExpression('-a + NOT b * IF(c, FLOOR(d), 2) - a'))]).toEqual(['a', 'b', 'c', 'd']);
    expect([...idsOf(parseExpression('1 + 2'))]).toEqual([]);
    expect([...idsOf(parseExpression('FILL(m, REPEAT)'))]).toEqual(['m']);
  });

  test.each([
    ['a function it does not evaluate', 'SUM(m)', 'the function SUM is not one the simulator evaluates (it evaluates IF, FILL, ABS, CEIL, FLOOR and arithmetic, comparisons and logic) in "SUM(m)"'],
    ['a call without its arguments', 'ABS()', 'ABS takes 1 arguments, not 0 in "ABS()"'],
    ['a call with too many arguments', 'CEIL(a, b)', 'CEIL takes 1 arguments, not 2 in "CEIL(a, b)"'],
    ['IF with one argument', 'IF(a)', 'IF takes 2 or 3 arguments, not 1 in "IF(a)"'],
    ['IF with four arguments', 'IF(a, 1, 2, 3)', 'IF takes 2 or 3 arguments, not 4 in "IF(a, 1, 2, 3)"'],
    ['FILL with three arguments', 'FILL(a, 0, 1)', 'FILL takes 2 arguments, not 3 in "FILL(a, 0, 1)"'],
    ['FLOOR without its argument', 'floor()', 'FLOOR takes 1 arguments, not 0 in "floor()"'],
    ['ABS with two arguments', 'ABS(a, b)', 'ABS takes 1 arguments, not 2 in "ABS(a, b)"'],
    ['a call left open', 'ABS(a', 'expected ")" before the end in "ABS(a"'],
    ['arguments without a comma', 'IF(a, b c)', 'expected ")" in "IF(a, b c)"'],
    ['a bracket left open', '(a + 1', 'expected ")" before the end in "(a + 1"'],
    ['an operator at the end', 'a *', 'unexpected end in "a *"'],
    ['an empty expression', '', 'unexpected end in ""'],
    ['a closing bracket first', ') + a', 'unexpected ")" in ") + a"'],
    ['a comma first', ', a', 'unexpected "," in ", a"'],
    ['a number after a complete expression', 'a 2', 'unexpected "2" in "a 2"'],
    ['a name after a complete expression', '1 b', 'unexpected "b" in "1 b"'],
    ['a closing bracket too many', 'a)', 'unexpected ")" in "a)"'],
    ['a character that is no token', 'a $ b', 'unexpected character "$" at 2 in "a $ b"'],
    ['a single equals sign', 'a = b', 'unexpected character "=" at 2 in "a = b"'],
  ])('fails if the expression has %s, naming it and the expression', (_what, source, message) => {
    const e = refusal(source);
    expect(e.message).toBe(message);
    expect(e.name).toBe('MathSyntaxError');
    expect(e.expression).toBe(source);
  });
});
