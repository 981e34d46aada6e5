import { BinaryOp, Expr, MathSyntaxError } from './expression';

/**
 * A metric math value: a number, or a time series over the periods of the window being evaluated (one slot per
 * period, oldest first, `NaN` where the period has no datapoint).
 */
export type MathValue = number | Float64Array;

/** What CloudWatch does where AWS does not say (AWS-FACTS §11): settings, with the believed default. */
export interface MathSettings {
  /**
   * The result of x / 0. CloudWatch's answer is not documented (AWS-FACTS §11: "unknown"); the believed behaviour
   * is that the datapoint is dropped, which is also the safer one for an alarm (no value, not an infinite one).
   * @default 'missing'
   */
  readonly divisionByZero: 'missing' | 'infinity';
}

export const DEFAULT_MATH_SETTINGS: MathSettings = { divisionByZero: 'missing' };

const truthy = (x: number) => x !== 0;

function arithmetic(op: BinaryOp, a: number, b: number, settings: MathSettings): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 && settings.divisionByZero === 'missing' ? NaN : a / b;
    case '^': return a ** b;
    case '<': return Number(a < b);
    case '<=': return Number(a <= b);
    case '>': return Number(a > b);
    case '>=': return Number(a >= b);
    case '==': return Number(a === b);
    case '!=': return Number(a !== b);
    case 'AND': return Number(truthy(a) && truthy(b));
    case 'OR': return Number(truthy(a) || truthy(b));
  }
}

/** Applies `f` to every slot; a scalar stays a scalar. */
function map(v: MathValue, f: (x: number) => number): MathValue {
  if (typeof v === 'number') return f(v);
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = f(v[i]);
  return out;
}

function zip(a: MathValue, b: MathValue, f: (x: number, y: number) => number): MathValue {
  if (typeof a === 'number' && typeof b === 'number') return f(a, b);
  const n = typeof a === 'number' ? (b as Float64Array).length : a.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(typeof a === 'number' ? a : a[i], typeof b === 'number' ? b : b[i]);
  return out;
}

const at = (v: MathValue, i: number) => (typeof v === 'number' ? v : v[i]);

/** FILL(series, value | REPEAT | LINEAR): a value for every period without one. */
function fill(series: MathValue, how: Expr, value: MathValue | undefined): MathValue {
  if (typeof series === 'number') return series;
  const out = Float64Array.from(series);
  if (how.kind !== 'keyword') {
    for (let i = 0; i < out.length; i++) if (Number.isNaN(out[i])) out[i] = at(value!, i);
    return out;
  }
  if (how.word === 'REPEAT') {
    for (let i = 1; i < out.length; i++) if (Number.isNaN(out[i])) out[i] = out[i - 1];
    return out;
  }
  // LINEAR: between the known neighbours; before the first or after the last known value nothing is invented.
  let last = -1;
  for (let i = 0; i < out.length; i++) {
    if (Number.isNaN(out[i])) continue;
    for (let j = last + 1; last >= 0 && j < i; j++) out[j] = out[last] + ((out[i] - out[last]) * (j - last)) / (i - last);
    last = i;
  }
  return out;
}

/** IF(condition, then[, else]): per period; without `else`, a false condition leaves the period without a value. */
function choose(condition: MathValue, then: MathValue, otherwise: MathValue | undefined): MathValue {
  const pick = (c: number, i: number) => (Number.isNaN(c) ? NaN : truthy(c) ? at(then, i) : otherwise === undefined ? NaN : at(otherwise, i));
  if (typeof condition === 'number') {
    if (Number.isNaN(condition)) return NaN;
    return truthy(condition) ? then : otherwise ?? NaN;
  }
  const out = new Float64Array(condition.length);
  for (let i = 0; i < out.length; i++) out[i] = pick(condition[i], i);
  return out;
}

/** Evaluates a parsed expression; `read(id)` gives the value of another query of the same request. */
export function evaluateExpression(e: Expr, read: (id: string) => MathValue, settings: MathSettings = DEFAULT_MATH_SETTINGS): MathValue {
  const ev = (x: Expr): MathValue => evaluateExpression(x, read, settings);
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'id':
      return read(e.id);
    case 'keyword':
      throw new MathSyntaxError(`${e.word} is only an argument of FILL`, e.word);
    case 'unary':
      return map(ev(e.arg), e.op === '-' ? (x) => -x : (x) => (Number.isNaN(x) ? NaN : Number(!truthy(x))));
    case 'binary': {
      const op = e.op;
      return zip(ev(e.left), ev(e.right), (a, b) => arithmetic(op, a, b, settings));
    }
    case 'call': {
      const args = e.args;
      switch (e.fn) {
        case 'IF':
          return choose(ev(args[0]), ev(args[1]), args[2] ? ev(args[2]) : undefined);
        case 'FILL':
          return fill(ev(args[0]), args[1], args[1].kind === 'keyword' ? undefined : ev(args[1]));
        case 'ABS':
          return map(ev(args[0]), Math.abs);
        case 'CEIL':
          return map(ev(args[0]), Math.ceil);
        case 'FLOOR':
          return map(ev(args[0]), Math.floor);
      }
    }
  }
}
