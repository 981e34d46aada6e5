/**
 * CloudWatch metric math, the subset scaling policies and alarms use: numbers, the ids of other queries,
 * arithmetic (`+ - * / ^`, unary minus), comparisons (`< <= > >= == !=`), logic (`AND`/`&&`, `OR`/`||`,
 * `NOT`/`!`), and the functions `IF`, `FILL` (a number, `REPEAT` or `LINEAR`), `ABS`, `CEIL`, `FLOOR`.
 * Anything else is refused with the function's name, so a template is never evaluated half-understood.
 */

export type Expr =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'keyword'; readonly word: 'REPEAT' | 'LINEAR' }
  | { readonly kind: 'unary'; readonly op: '-' | 'NOT'; readonly arg: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'call'; readonly fn: MathFunction; readonly args: readonly Expr[] };

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'AND' | 'OR';

/** The functions the simulator evaluates, with how many arguments each takes. */
export const MATH_FUNCTIONS = {
  IF: [2, 3],
  FILL: [2, 2],
  ABS: [1, 1],
  CEIL: [1, 1],
  FLOOR: [1, 1],
} as const;

export type MathFunction = keyof typeof MATH_FUNCTIONS;

/** Why an expression cannot be evaluated: the caller turns it into a TemplateError at the query's location. */
export class MathSyntaxError extends Error {
  constructor(message: string, public readonly expression: string) {
    super(`${message} in ${JSON.stringify(expression)}`);
    this.name = 'MathSyntaxError';
  }
}

type Token = { readonly kind: 'number'; readonly value: number } | { readonly kind: 'name' | 'op'; readonly text: string };

const OPERATORS = ['<=', '>=', '==', '!=', '&&', '||', '+', '-', '*', '/', '^', '<', '>', '!', '(', ')', ','];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (name) {
      tokens.push({ kind: 'name', text: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new MathSyntaxError(`unexpected character ${JSON.stringify(c)} at ${i}`, source);
    tokens.push({ kind: 'op', text: op });
    i += op.length;
  }
  return tokens;
}

/** Binding powers, lowest first: OR, AND, comparisons, + -, * /, ^. */
const BINARY: Record<string, { readonly op: BinaryOp; readonly power: number; readonly right?: boolean }> = {
  OR: { op: 'OR', power: 1 },
  '||': { op: 'OR', power: 1 },
  AND: { op: 'AND', power: 2 },
  '&&': { op: 'AND', power: 2 },
  '<': { op: '<', power: 3 },
  '<=': { op: '<=', power: 3 },
  '>': { op: '>', power: 3 },
  '>=': { op: '>=', power: 3 },
  '==': { op: '==', power: 3 },
  '!=': { op: '!=', power: 3 },
  '+': { op: '+', power: 4 },
  '-': { op: '-', power: 4 },
  '*': { op: '*', power: 5 },
  '/': { op: '/', power: 5 },
  '^': { op: '^', power: 7, right: true },
};
const UNARY_POWER = 6;

/** Parses one metric math expression; throws `MathSyntaxError` naming what it cannot take. */
export function parseExpression(source: string): Expr {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const text = (t: Token | undefined): string | undefined => (t && t.kind !== 'number' ? t.text : undefined);
  const expect = (op: string) => {
    if (text(peek()) !== op) throw new MathSyntaxError(`expected ${JSON.stringify(op)}${peek() ? '' : ' before the end'}`, source);
    pos++;
  };

  const primary = (): Expr => {
    const t = tokens[pos++];
    if (!t) throw new MathSyntaxError('unexpected end', source);
    if (t.kind === 'number') return { kind: 'number', value: t.value };
    if (t.kind === 'op') {
      if (t.text === '(') {
        const e = parse(0);
        expect(')');
        return e;
      }
      if (t.text === '-') return { kind: 'unary', op: '-', arg: parse(UNARY_POWER) };
      if (t.text === '!') return { kind: 'unary', op: 'NOT', arg: parse(UNARY_POWER) };
      throw new MathSyntaxError(`unexpected ${JSON.stringify(t.text)}`, source);
    }
    if (t.text === 'NOT') return { kind: 'unary', op: 'NOT', arg: parse(UNARY_POWER) };
    if (t.text === 'REPEAT' || t.text === 'LINEAR') return { kind: 'keyword', word: t.text };
    if (text(peek()) !== '(') return { kind: 'id', id: t.text };
    return call(t.text);
  };

  const call = (name: string): Expr => {
    const fn = name.toUpperCase();
    if (!(fn in MATH_FUNCTIONS)) {
      throw new MathSyntaxError(`the function ${name} is not one the simulator evaluates (it evaluates ${Object.keys(MATH_FUNCTIONS).join(', ')} and arithmetic, comparisons and logic)`, source);
    }
    expect('(');
    const args: Expr[] = [];
    if (text(peek()) !== ')') {
      do args.push(parse(0));
      while (text(peek()) === ',' && ++pos);
    }
    expect(')');
    const [min, max] = MATH_FUNCTIONS[fn as MathFunction];
    if (args.length < min || args.length > max) {
      throw new MathSyntaxError(`${fn} takes ${min === max ? min : `${min} or ${max}`} arguments, not ${args.length}`, source);
    }
    return { kind: 'call', fn: fn as MathFunction, args };
  };

  const parse = (minPower: number): Expr => {
    let left = primary();
    for (;;) {
      const op = BINARY[text(peek()) ?? ''];
      if (!op || op.power <= minPower) break;
      pos++;
      left = { kind: 'binary', op: op.op, left, right: parse(op.right ? op.power - 1 : op.power) };
    }
    return left;
  };

  const e = parse(0);
  if (pos < tokens.length) throw new MathSyntaxError(`unexpected ${JSON.stringify(text(peek()) ?? String((peek() as { value: number }).value))}`, source);
  return e;
}

/** The ids an expression reads. */
export function idsOf(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.kind) {
    case 'id':
      out.add(e.id);
      break;
    case 'unary':
      idsOf(e.arg, out);
      break;
    case 'binary':
      idsOf(e.left, out);
      idsOf(e.right, out);
      break;
    case 'call':
      for (const a of e.args) idsOf(a, out);
      break;
    default:
      break;
  }
  return out;
}
