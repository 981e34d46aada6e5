/**
 * The subset of API Gateway's mapping template language (Velocity, VTL) the simulator evaluates: references
 * with property access, index access and calls on `$input` (`body`, `json(p)`, `path(p)`, `params()`,
 * `params(name)`, `params().header|querystring|path.get(name)`), `$context.*` (the request context, the
 * authorizer's `principalId`, context keys and Cognito `claims`), `$stageVariables.*` and `$util` (`urlEncode`,
 * `urlDecode`, `escapeJavaScript`, `base64Encode`, `base64Decode`, `parseJson`). A directive (`#set`, `#if`,
 * `#foreach`…) or another call is refused with what it was: the simulator fails loudly rather than guess.
 *
 * An undefined value renders as the empty string (API Gateway's `$context` variables do; a null Velocity
 * reference would render its own text, a case the templates the patterns write never reach).
 */

/** What a template can read about the request. */
export interface MappingInput {
  readonly body: string | null;
  header(name: string): string | undefined;
  queryValue(name: string): string | undefined;
  readonly headerValues: ReadonlyMap<string, string>;
  readonly query: Readonly<Record<string, readonly string[]>>;
  readonly pathParameters: Readonly<Record<string, string>> | null;
  /** `$context`: nested plain objects. */
  readonly context: Readonly<Record<string, unknown>>;
  readonly stageVariables: Readonly<Record<string, string>>;
}

/** A template the simulator cannot evaluate: where it is, and which part. */
export class UnsupportedTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedTemplateError';
  }
}

type Arg = { readonly literal: unknown } | { readonly ref: Reference };
type Step = { readonly kind: 'member'; readonly name: string } | { readonly kind: 'call'; readonly name: string; readonly args: readonly Arg[] } | { readonly kind: 'index'; readonly key: string | number };
interface Reference {
  readonly root: string;
  readonly steps: readonly Step[];
  readonly text: string;
}
type Part = string | Reference;

const compiled = new Map<string, readonly Part[]>();

/** Evaluates `template` against the request. Templates are parsed once and kept. */
export function renderMappingTemplate(template: string, input: MappingInput): string {
  let parts = compiled.get(template);
  if (!parts) {
    parts = parse(template);
    compiled.set(template, parts);
  }
  const roots = new Roots(input);
  let out = '';
  for (const p of parts) out += typeof p === 'string' ? p : render(evaluate(p, roots));
  return out;
}

function render(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

class Parser {
  public i = 0;
  constructor(public readonly s: string) {}

  public fail(what: string): never {
    throw new UnsupportedTemplateError(`the mapping template uses ${what}, which the simulator does not evaluate (at character ${this.i} of ${JSON.stringify(this.s.length > 200 ? `${this.s.slice(0, 200)}…` : this.s)})`);
  }

  public identifier(): string {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i));
    if (!m) return this.fail('a reference without a name');
    this.i += m[0].length;
    return m[0];
  }

  public reference(): Reference {
    const start = this.i;
    this.i++; // '$'
    if (this.s[this.i] === '!') this.i++;
    const formal = this.s[this.i] === '{';
    if (formal) this.i++;
    const root = this.identifier();
    const steps: Step[] = [];
    for (;;) {
      const c = this.s[this.i];
      if (c === '.' && /[A-Za-z_]/.test(this.s[this.i + 1] ?? '')) {
        this.i++;
        const name = this.identifier();
        if (this.s[this.i] === '(') steps.push({ kind: 'call', name, args: this.args() });
        else steps.push({ kind: 'member', name });
      } else if (c === '[') {
        this.i++;
        const key = this.literal();
        if (this.s[this.i] !== ']') this.fail('an index that is not a string or a number');
        this.i++;
        steps.push({ kind: 'index', key: key as string | number });
      } else if (c === '(' && steps.length === 0) {
        this.fail(`a call of $${root}`);
      } else {
        break;
      }
    }
    if (formal) {
      if (this.s[this.i] !== '}') this.fail('an unclosed ${…} reference');
      this.i++;
    }
    return { root, steps, text: this.s.slice(start, this.i) };
  }

  private args(): Arg[] {
    this.i++; // '('
    const args: Arg[] = [];
    this.spaces();
    while (this.s[this.i] !== ')') {
      if (this.i >= this.s.length) this.fail('an unclosed call');
      args.push(this.s[this.i] === '$' ? { ref: this.reference() } : { literal: this.literal() });
      this.spaces();
      if (this.s[this.i] === ',') {
        this.i++;
        this.spaces();
      }
    }
    this.i++;
    return args;
  }

  private literal(): unknown {
    const c = this.s[this.i];
    if (c === '\'' || c === '"') {
      const end = this.s.indexOf(c, this.i + 1);
      if (end < 0) this.fail('an unclosed string');
      const text = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      return text;
    }
    const m = /^-?\d+/.exec(this.s.slice(this.i));
    if (!m) return this.fail(`the argument ${JSON.stringify(this.s.slice(this.i, this.i + 20))}`);
    this.i += m[0].length;
    return Number(m[0]);
  }

  private spaces(): void {
    while (this.s[this.i] === ' ') this.i++;
  }
}

function parse(template: string): Part[] {
  const p = new Parser(template);
  const parts: Part[] = [];
  let text = '';
  while (p.i < template.length) {
    const c = template[p.i];
    if (c === '$' && /[!{A-Za-z_]/.test(template[p.i + 1] ?? '')) {
      if (text) parts.push(text);
      text = '';
      parts.push(p.reference());
    } else if (c === '#' && /[A-Za-z#*{]/.test(template[p.i + 1] ?? '')) {
      p.fail(`the directive ${JSON.stringify(/^#[#*{]?[A-Za-z]*/.exec(template.slice(p.i))![0])}`);
    } else {
      text += c;
      p.i++;
    }
  }
  if (text) parts.push(text);
  return parts;
}

/** The objects a reference starts from. Only their methods below can be called. */
class Roots {
  constructor(public readonly input: MappingInput) {}

  public root(name: string, ref: Reference): unknown {
    switch (name) {
      case 'input': return new InputRoot(this.input);
      case 'context': return this.input.context;
      case 'stageVariables': return this.input.stageVariables;
      case 'util': return UTIL;
      default: throw new UnsupportedTemplateError(`the mapping template uses ${ref.text}, which the simulator does not evaluate ($input, $context, $stageVariables and $util are)`);
    }
  }
}

class ParamMap {
  constructor(private readonly read: (name: string) => string | undefined) {}
  public get(name: string): string | undefined {
    return this.read(name);
  }
}

class InputRoot {
  constructor(private readonly input: MappingInput) {}

  public get body(): string {
    return this.input.body ?? '';
  }

  public json(path: string): string {
    return JSON.stringify(jsonPath(this.parsed(), path) ?? null);
  }

  public path(path: string): unknown {
    return jsonPath(this.parsed(), path);
  }

  public params(name?: string): unknown {
    const input = this.input;
    const path = (n: string) => input.pathParameters?.[n];
    if (name !== undefined) return path(name) ?? input.queryValue(name) ?? input.header(name);
    return { path: new ParamMap(path), querystring: new ParamMap((n) => input.queryValue(n)), header: new ParamMap((n) => input.header(n)) };
  }

  private parsed(): unknown {
    try {
      return JSON.parse(this.input.body ?? '{}');
    } catch {
      return undefined;
    }
  }
}

const UTIL = {
  urlEncode: javaUrlEncode,
  urlDecode: (s: string) => decodeURIComponent(String(s ?? '').replace(/\+/g, ' ')),
  escapeJavaScript: (s: string) => JSON.stringify(String(s ?? '')).slice(1, -1).replace(/'/g, '\\\''),
  base64Encode: (s: string) => Buffer.from(String(s ?? ''), 'utf8').toString('base64'),
  base64Decode: (s: string) => Buffer.from(String(s ?? ''), 'base64').toString('utf8'),
  parseJson: (s: string) => JSON.parse(String(s)),
};

const CALLABLE = new Set<unknown>([InputRoot.prototype, ParamMap.prototype, UTIL]);

function evaluate(ref: Reference, roots: Roots): unknown {
  let v = roots.root(ref.root, ref);
  for (const step of ref.steps) {
    if (v === undefined || v === null) return undefined;
    if (step.kind === 'call') {
      const owner = Object.getPrototypeOf(v) === Object.prototype ? v : Object.getPrototypeOf(v);
      const fn = (v as Record<string, unknown>)[step.name];
      if (!CALLABLE.has(owner) || typeof fn !== 'function') throw new UnsupportedTemplateError(`the mapping template calls ${step.name}() in ${ref.text}, which the simulator does not evaluate`);
      v = (fn as (...args: unknown[]) => unknown).apply(v, step.args.map((a) => ('ref' in a ? evaluate(a.ref, roots) : a.literal)));
    } else {
      const key = step.kind === 'member' ? step.name : step.key;
      v = typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined;
    }
  }
  return v;
}

/** `$`, `$.a.b`, `$['a']`, `$.a[0]`: the JSONPath a template's `$input.path` / `$input.json` use. */
function jsonPath(value: unknown, path: string): unknown {
  if (!path.startsWith('$')) throw new UnsupportedTemplateError(`the JSONPath ${JSON.stringify(path)} does not start with $`);
  let v = value;
  const re = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (!m) throw new UnsupportedTemplateError(`the JSONPath ${JSON.stringify(path)} uses more than .name, [n] and ['name'], which the simulator does not evaluate`);
    const key = m[1] ?? m[3] ?? m[4] ?? Number(m[2]);
    v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined;
  }
  return v;
}

/**
 * `$util.urlEncode`: Java's URLEncoder (UTF-8): letters, digits and `. - * _` kept, a space as `+`, everything
 * else percent-encoded. What form decoding (SQS's query API) turns back into the original text.
 */
export function javaUrlEncode(s: string): string {
  return encodeURIComponent(String(s ?? '')).replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
}
