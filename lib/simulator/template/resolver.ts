import { TemplateError, Unresolved, isUnresolved } from './errors';

/** What the resolver asks the template for: references, attributes, conditions, parameters, mappings. */
export interface ResolveContext {
  /** Ref of a resource, parameter or pseudo parameter; `NO_VALUE` for AWS::NoValue. */
  ref(name: string, at: Location): unknown;
  getAtt(logicalId: string, attribute: string, at: Location): unknown;
  condition(name: string, at: Location): boolean;
  mapping(map: string, top: string, second: string, at: Location): unknown;
  /** The Availability Zones of a region, for Fn::GetAZs. */
  azs(region: string): string[];
}

/** Where a value sits: the resource (or section) and the property path. */
export interface Location {
  readonly logicalId: string;
  readonly path: string;
}

/** The value of `AWS::NoValue`: the property is removed, as CloudFormation does. */
export const NO_VALUE = Symbol('AWS::NoValue');

function at(loc: Location, segment: string | number): Location {
  const path = typeof segment === 'number' ? `${loc.path}[${segment}]` : loc.path ? `${loc.path}.${segment}` : segment;
  return { logicalId: loc.logicalId, path };
}

function fail(loc: Location, problem: string): never {
  throw new TemplateError(loc.logicalId, loc.path, problem);
}

type Intrinsic = (arg: unknown, ctx: ResolveContext, loc: Location) => unknown;

const INTRINSICS: Record<string, Intrinsic> = {
  Ref: (arg, ctx, loc) => (typeof arg === 'string' ? ctx.ref(arg, loc) : fail(loc, 'Ref takes a logical id or parameter name')),
  'Fn::GetAtt': (arg, ctx, loc) => {
    const parts = typeof arg === 'string' ? splitOnce(arg) : Array.isArray(arg) ? arg.map((a, i) => resolve(a, ctx, at(loc, i))) : undefined;
    if (!parts || parts.length !== 2 || typeof parts[0] !== 'string' || typeof parts[1] !== 'string') return fail(loc, 'Fn::GetAtt takes [logicalId, attribute]');
    return ctx.getAtt(parts[0], parts[1], loc);
  },
  'Fn::Join': (arg, ctx, loc) => {
    // The argument is resolved once, list included: resolving the list again would read its unresolved parts as data.
    const [sep, items] = expectArray(resolve(arg, ctx, loc), 2, 'Fn::Join', loc);
    if (isUnresolved(items)) return new Unresolved(`Fn::Join of ${items.description}`);
    if (!Array.isArray(items)) return fail(loc, 'Fn::Join needs a list');
    const unresolved = isUnresolved(sep) ? sep : items.find(isUnresolved);
    if (unresolved) return new Unresolved(`Fn::Join containing ${unresolved.description}`);
    return items.map((i) => scalarString(i, loc)).join(scalarString(sep, loc));
  },
  'Fn::Sub': (arg, ctx, loc) => {
    const [template, vars] = typeof arg === 'string' ? [arg, {}] : expectArray(arg, 2, 'Fn::Sub', loc);
    if (typeof template !== 'string') return fail(loc, 'Fn::Sub needs a string');
    const variables = resolve(vars, ctx, at(loc, 1));
    if (variables === null || typeof variables !== 'object' || Array.isArray(variables) || isUnresolved(variables)) return fail(loc, 'Fn::Sub takes a map of variables');
    let unresolved: Unresolved | undefined;
    const out = template.replace(/\$\{(!?)([^}]*)\}/g, (whole, literal: string, name: string) => {
      if (literal) return '${' + name + '}';
      const value = name in variables ? (variables as Record<string, unknown>)[name] : name.includes('.') ? ctx.getAtt(...(splitOnce(name) as [string, string]), loc) : ctx.ref(name, loc);
      if (isUnresolved(value)) unresolved = value;
      return isUnresolved(value) ? whole : scalarString(value, loc);
    });
    return unresolved ? new Unresolved(`Fn::Sub containing ${unresolved.description}`) : out;
  },
  'Fn::Select': (arg, ctx, loc) => {
    const [index, list] = expectArray(resolve(arg, ctx, loc), 2, 'Fn::Select', loc);
    if (isUnresolved(list)) return new Unresolved(`Fn::Select from ${list.description}`);
    if (isUnresolved(index)) return new Unresolved(`Fn::Select at ${index.description}`);
    if (!Array.isArray(list)) return fail(loc, 'Fn::Select needs a list');
    const i = Number(index);
    if (!Number.isInteger(i) || i < 0 || i >= list.length) return fail(loc, `Fn::Select index ${String(index)} is outside the list of ${list.length}`);
    return list[i];
  },
  'Fn::Split': (arg, ctx, loc) => {
    const [sep, source] = expectArray(resolve(arg, ctx, loc), 2, 'Fn::Split', loc);
    if (isUnresolved(source)) return new Unresolved(`Fn::Split of ${source.description}`);
    return scalarString(source, loc).split(String(sep));
  },
  'Fn::If': (arg, ctx, loc) => {
    const [name, whenTrue, whenFalse] = expectArray(arg, 3, 'Fn::If', loc);
    if (typeof name !== 'string') return fail(loc, 'Fn::If needs a condition name');
    return ctx.condition(name, loc) ? resolve(whenTrue, ctx, at(loc, 1)) : resolve(whenFalse, ctx, at(loc, 2));
  },
  'Fn::Equals': (arg, ctx, loc) => {
    const [a, b] = expectArray(resolve(arg, ctx, loc), 2, 'Fn::Equals', loc);
    if (isUnresolved(a) || isUnresolved(b)) return fail(loc, 'Fn::Equals compares a value only known at deploy time');
    return JSON.stringify(a) === JSON.stringify(b);
  },
  'Fn::And': (arg, ctx, loc) => expectList(arg, loc).every((c, i) => asBoolean(resolve(c, ctx, at(loc, i)), loc)),
  'Fn::Or': (arg, ctx, loc) => expectList(arg, loc).some((c, i) => asBoolean(resolve(c, ctx, at(loc, i)), loc)),
  'Fn::Not': (arg, ctx, loc) => !asBoolean(resolve(expectArray(arg, 1, 'Fn::Not', loc)[0], ctx, loc), loc),
  Condition: (arg, ctx, loc) => (typeof arg === 'string' ? ctx.condition(arg, loc) : fail(loc, 'Condition takes a name')),
  'Fn::ImportValue': (arg, ctx, loc) => new Unresolved(`Fn::ImportValue ${describe(resolve(arg, ctx, loc))}`),
  // CDK's weak cross-stack reference (the default of recent aws-cdk-lib): another stack's output, read at deploy time.
  'Fn::GetStackOutput': (arg, ctx, loc) => {
    const { StackName, OutputName } = (resolve(arg, ctx, loc) ?? {}) as { StackName?: unknown; OutputName?: unknown };
    return new Unresolved(`Fn::GetStackOutput ${describe(StackName)}.${describe(OutputName)}`);
  },
  'Fn::GetAZs': (arg, ctx, loc) => {
    const region = resolve(arg, ctx, loc);
    return ctx.azs(typeof region === 'string' && region !== '' ? region : String(ctx.ref('AWS::Region', loc)));
  },
  'Fn::FindInMap': (arg, ctx, loc) => {
    const [map, top, second] = expectArray(resolve(arg, ctx, loc), 3, 'Fn::FindInMap', loc);
    const unresolved = [map, top, second].find(isUnresolved);
    if (unresolved) return new Unresolved(`Fn::FindInMap with ${unresolved.description}`);
    return ctx.mapping(String(map), String(top), String(second), loc);
  },
  'Fn::Base64': (arg, ctx, loc) => {
    const value = resolve(arg, ctx, loc);
    return isUnresolved(value) ? value : Buffer.from(scalarString(value, loc), 'utf8').toString('base64');
  },
};

/**
 * Resolves every intrinsic in `value`, recursively: one resolver for the whole template (as moto does), but an
 * intrinsic it does not know is an error at its location, never passed through as if it were data.
 */
export function resolve(value: unknown, ctx: ResolveContext, loc: Location): unknown {
  // An unresolved value is already a result: it stays what it is, never read as a plain object.
  if (value instanceof Unresolved) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((v, i) => {
      const r = resolve(v, ctx, at(loc, i));
      if (r !== NO_VALUE) out.push(r);
    });
    return out;
  }
  // An already resolved value (Fn::Join resolves its list twice) stays what it is: an Unresolved is not data.
  if (value === null || typeof value !== 'object' || isUnresolved(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::') || keys[0] === 'Condition')) {
    const fn = INTRINSICS[keys[0]];
    if (!fn) return fail(loc, `the intrinsic function ${keys[0]} is not supported by the simulator`);
    return fn((value as Record<string, unknown>)[keys[0]], ctx, at(loc, keys[0]));
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const r = resolve((value as Record<string, unknown>)[key], ctx, at(loc, key));
    if (r !== NO_VALUE) out[key] = r;
  }
  return out;
}

function splitOnce(s: string): [string, string] | undefined {
  const dot = s.indexOf('.');
  return dot < 0 ? undefined : [s.slice(0, dot), s.slice(dot + 1)];
}

function expectArray(value: unknown, length: number, fn: string, loc: Location): unknown[] {
  if (!Array.isArray(value) || value.length !== length) return fail(loc, `${fn} takes a list of ${length}`);
  return value;
}

function expectList(value: unknown, loc: Location): unknown[] {
  return Array.isArray(value) ? value : fail(loc, 'a condition function takes a list');
}

function asBoolean(value: unknown, loc: Location): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return fail(loc, `a condition must be true or false, got ${JSON.stringify(value)}`);
}

/** A value in an unresolved value's description: JSON, or the description of an unresolved part. */
function describe(value: unknown): string {
  return isUnresolved(value) ? value.description : JSON.stringify(value);
}

function scalarString(value: unknown, loc: Location): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fail(loc, `expected a string, got ${value instanceof Unresolved ? value.toString() : JSON.stringify(value)}`);
}
