import { BlockList, isIP } from 'net';

/**
 * A small evaluator for resource policies (SQS queue policies, KMS key policies): exactly the subset the
 * simulator needs to decide whether an AWS service principal may act on a resource.
 *
 * Why not @cloud-copilot/iam-simulate: it is thorough and works offline without install scripts, but its API is
 * asynchronous (`runSimulation` returns a Promise) while `Simulation.fromStack` and `publish` are synchronous;
 * its synchronous `runUnsafeSimulation` fails on any resource policy (0.1.173); and it brings ~19 MB of
 * dependencies (the IAM data set) to answer a handful of service-principal questions. See docs/simulator.md.
 *
 * Supported: Effect Allow/Deny; Principal `*`, `{Service}`, `{AWS: * | account | arn}` (`AWS: *` admits services too); Action/NotAction and
 * Resource/NotResource with `*` and `?` wildcards; conditions String(Not)Equals(IgnoreCase), String(Not)Like,
 * Arn(Not)Equals, Arn(Not)Like, Bool, Null, Numeric*, (Not)IpAddress (IPv4 and IPv6 CIDR blocks), each with
 * `…IfExists`, and `ForAnyValue:`/`ForAllValues:`.
 * An operator outside that list makes its statement not apply, with the reason in the result (fail closed).
 */

/** Who asks, for what, on what, with which context keys (`aws:SourceArn`, `aws:SourceAccount`…). */
export interface PolicyRequest {
  /** A service principal (`sns.amazonaws.com`) or an AWS principal ARN. */
  readonly principal: { readonly service: string } | { readonly arn: string; readonly account: string };
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, string | readonly string[]>>;
}

export interface PolicyDecision {
  readonly decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  /** Which statement decided, or why none did. */
  readonly reason: string;
}

interface Statement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export function evaluatePolicy(policy: unknown, request: PolicyRequest): PolicyDecision {
  const statements = statementsOf(policy);
  let allow: string | undefined;
  const skipped: string[] = [];
  for (const [i, s] of statements.entries()) {
    const name = s.Sid ? `statement ${s.Sid}` : `statement ${i}`;
    const miss = mismatch(s, request);
    if (miss !== undefined) {
      if (miss) skipped.push(`${name}: ${miss}`);
      continue;
    }
    if (s.Effect === 'Deny') return { decision: 'ExplicitDeny', reason: `${name} denies ${request.action}` };
    if (s.Effect === 'Allow' && allow === undefined) allow = name;
  }
  if (allow) return { decision: 'Allow', reason: `${allow} allows ${request.action}` };
  const who = 'service' in request.principal ? request.principal.service : request.principal.arn;
  return { decision: 'ImplicitDeny', reason: `no statement allows ${who} to ${request.action} on ${request.resource}${skipped.length ? ` (${skipped.join('; ')})` : ''}` };
}

function statementsOf(policy: unknown): Statement[] {
  if (!policy || typeof policy !== 'object') return [];
  const st = (policy as { Statement?: unknown }).Statement;
  return (Array.isArray(st) ? st : st ? [st] : []) as Statement[];
}

/** `undefined` when the statement applies; otherwise why not ('' for an uninteresting miss such as another action). */
function mismatch(s: Statement, r: PolicyRequest): string | undefined {
  if (s.NotPrincipal !== undefined) return 'NotPrincipal is not supported by the simulator';
  if (!principalMatches(s.Principal, r)) return '';
  if (s.Action !== undefined && !list(s.Action).some((a) => wildcard(a, r.action, true))) return '';
  if (s.NotAction !== undefined && list(s.NotAction).some((a) => wildcard(a, r.action, true))) return '';
  if (s.Resource !== undefined && !list(s.Resource).some((p) => wildcard(p, r.resource, false))) return `resource ${r.resource} not listed`;
  if (s.NotResource !== undefined && list(s.NotResource).some((p) => wildcard(p, r.resource, false))) return '';
  if (s.Action === undefined && s.NotAction === undefined) return '';
  for (const [operator, keys] of Object.entries(s.Condition ?? {})) {
    for (const [key, expected] of Object.entries(keys)) {
      const failed = conditionFails(operator, key, list(expected as string | string[]).map(String), contextValue(r.context, key));
      if (failed) return failed;
    }
  }
  return undefined;
}

/** Condition key names are case-insensitive in IAM (`aws:SourceArn` = `AWS:sourcearn`); values are not. */
function contextValue(context: PolicyRequest['context'], key: string): string | readonly string[] | undefined {
  const exact = context[key];
  if (exact !== undefined) return exact;
  const lower = key.toLowerCase();
  for (const k of Object.keys(context)) if (k.toLowerCase() === lower) return context[k];
  return undefined;
}

function principalMatches(p: unknown, r: PolicyRequest): boolean {
  if (p === '*') return true;
  if (!p || typeof p !== 'object') return false;
  const principal = p as { Service?: string | string[]; AWS?: string | string[] };
  // `"AWS": "*"` is the same as `"*"` (IAM principal docs; CDK's AnyPrincipal emits it): it includes services.
  if (list(principal.AWS ?? []).includes('*')) return true;
  if ('service' in r.principal) return list(principal.Service ?? []).includes(r.principal.service);
  const { arn, account } = r.principal;
  return list(principal.AWS ?? []).some((a) => a === '*' || a === arn || a === account || a === `arn:aws:iam::${account}:root`);
}

function conditionFails(operatorWithQualifiers: string, key: string, expected: string[], actual: string | readonly string[] | undefined): string | undefined {
  let operator = operatorWithQualifiers;
  let setMode: 'any' | 'all' | undefined;
  if (operator.startsWith('ForAnyValue:')) [setMode, operator] = ['any', operator.slice(12)];
  else if (operator.startsWith('ForAllValues:')) [setMode, operator] = ['all', operator.slice(13)];
  const ifExists = operator.endsWith('IfExists');
  if (ifExists) operator = operator.slice(0, -8);
  const describe = `condition ${operatorWithQualifiers} ${key} ${JSON.stringify(expected)} does not hold for ${JSON.stringify(actual)}`;
  if (operator === 'Null') return (actual === undefined) === (expected[0] === 'true') ? undefined : describe;
  const test = OPERATORS[operator];
  if (!test) return `condition operator ${operator} is not supported by the simulator`;
  // A missing key fails a condition, except a negated one ("the key must not match"), which it satisfies
  // (IAM condition operator docs); …IfExists and ForAllValues hold for a missing key whatever the operator.
  if (actual === undefined) return ifExists || setMode === 'all' || (NEGATED.has(operator) && setMode === undefined) ? undefined : describe;
  const values = typeof actual === 'string' ? [actual] : actual;
  const one = (v: string) => test(v, expected);
  const ok = setMode === 'all' ? values.every(one) : values.some(one);
  return ok ? undefined : describe;
}

type Test = (actual: string, expected: string[]) => boolean;

const stringEquals: Test = (a, e) => e.includes(a);
const stringLike: Test = (a, e) => e.some((p) => wildcard(p, a, false));
const arnLike: Test = (a, e) => e.some((p) => arnMatches(p, a));
const numeric = (cmp: (a: number, b: number) => boolean): Test => (a, e) => e.some((x) => cmp(Number(a), Number(x)));

/** Whether `ip` lies in the CIDR block (or is the address) `cidr`; a value that is not an address matches nothing. */
const ipInBlock: Test = (a, e) => e.some((cidr) => cidrBlock(cidr)?.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4') === true);

const blocks = new Map<string, BlockList | null>();

function cidrBlock(cidr: string): BlockList | null {
  let block = blocks.get(cidr);
  if (block === undefined) {
    const [address, bits] = cidr.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    block = null;
    if (family !== 0 && Number.isInteger(prefix) && prefix >= 0 && prefix <= (family === 6 ? 128 : 32)) {
      block = new BlockList();
      block.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
    }
    blocks.set(cidr, block);
  }
  return block;
}

const OPERATORS: Record<string, Test> = {
  StringEquals: stringEquals,
  StringNotEquals: (a, e) => !stringEquals(a, e),
  StringEqualsIgnoreCase: (a, e) => e.some((x) => x.toLowerCase() === a.toLowerCase()),
  StringNotEqualsIgnoreCase: (a, e) => !e.some((x) => x.toLowerCase() === a.toLowerCase()),
  StringLike: stringLike,
  StringNotLike: (a, e) => !stringLike(a, e),
  ArnEquals: arnLike,
  ArnLike: arnLike,
  ArnNotEquals: (a, e) => !arnLike(a, e),
  ArnNotLike: (a, e) => !arnLike(a, e),
  Bool: (a, e) => e.map((x) => x.toLowerCase()).includes(a.toLowerCase()),
  NumericEquals: numeric((a, b) => a === b),
  // Negated operators with several values hold when the key equals none of them (a logical AND).
  NumericNotEquals: (a, e) => !numeric((x, y) => x === y)(a, e),
  NumericLessThan: numeric((a, b) => a < b),
  NumericLessThanEquals: numeric((a, b) => a <= b),
  NumericGreaterThan: numeric((a, b) => a > b),
  NumericGreaterThanEquals: numeric((a, b) => a >= b),
  IpAddress: (a, e) => isIP(a) !== 0 && ipInBlock(a, e),
  NotIpAddress: (a, e) => isIP(a) !== 0 && !ipInBlock(a, e),
};

const NEGATED = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike', 'NumericNotEquals', 'NotIpAddress']);

/** ARN matching compares the six colon-separated parts, each with wildcards (as IAM does for ArnLike/ArnEquals). */
function arnMatches(pattern: string, arn: string): boolean {
  const p = pattern.split(':');
  const a = arn.split(':');
  if (p.length < 6 || a.length < 6) return wildcard(pattern, arn, false);
  const tail = (parts: string[]) => [...parts.slice(0, 5), parts.slice(5).join(':')];
  const [pp, aa] = [tail(p), tail(a)];
  return pp.every((part, i) => wildcard(part, aa[i], false));
}

const patternCache = new Map<string, RegExp>();

/** IAM wildcards: `*` any run, `?` one character; actions compare case-insensitively. */
export function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = patternCache.get(cacheKey);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    patternCache.set(cacheKey, re);
  }
  return re.test(value);
}

function list<T>(v: T | T[]): T[] {
  return Array.isArray(v) ? v : [v];
}
