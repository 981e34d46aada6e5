import { API_GATEWAY_LIMITS } from '../../../core/limits';
import { TemplateError, TemplateResource } from '../../template';
import { TraceCounter } from '../../trace';
import { Authorization, RequestScope, ScopeAuthorizer } from './request-scope';

/** Entries an authorizer cache holds before it first drops the expired ones. */
const SWEEP_FIRST_AT = 1_000;

/**
 * The results an authorizer keeps per identity, for its TTL on the virtual clock (AWS-FACTS §5.1): per API (an
 * authorizer belongs to one) and stage. A TTL of 0 keeps nothing.
 */
export class AuthorizerCache<T> {
  private readonly entries = new Map<string, { readonly value: T; readonly expiresAt: number }>();
  /** How many entries the map may hold before the expired ones are dropped (doubles with what is still live). */
  private sweepAt = SWEEP_FIRST_AT;

  constructor(public readonly ttlMs: number) {}

  public get(stage: string, identity: string, now: number): T | undefined {
    if (this.ttlMs === 0) return undefined;
    const key = `${stage}\u0000${identity}`;
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (now < entry.expiresAt) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  public set(stage: string, identity: string, value: T, now: number): void {
    if (this.ttlMs === 0) return;
    if (this.entries.size >= this.sweepAt) this.sweep(now);
    this.entries.set(`${stage}\u0000${identity}`, { value, expiresAt: now + this.ttlMs });
  }

  /** Entries held, expired or not: what the memory holds. */
  public get held(): number {
    return this.entries.size;
  }

  // An expired entry is otherwise dropped only when its identity comes again: a run over ever new identities
  // (a token per user) would keep them all.
  private sweep(now: number): void {
    for (const [key, e] of this.entries) if (now >= e.expiresAt) this.entries.delete(key);
    this.sweepAt = Math.max(SWEEP_FIRST_AT, 2 * this.entries.size);
  }

  /** Entries not yet expired at `now`. */
  public size(now: number): number {
    let n = 0;
    for (const e of this.entries.values()) if (now < e.expiresAt) n++;
    return n;
  }
}

/** What every authorizer reads from AWS::ApiGateway::Authorizer. */
export abstract class ApiAuthorizer implements ScopeAuthorizer {
  /** How long an answer is kept: AuthorizerResultTtlInSeconds, 300 s when the template leaves it out. */
  public readonly ttlMs: number;
  /** IdentitySource, split at commas. */
  public readonly identitySources: readonly string[];
  /** IdentityValidationExpression (whole-value match). */
  public readonly validationRegex: RegExp | undefined;
  /** IdentityValidationExpression as the template writes it, for messages (validationRegex anchors it). */
  public readonly validationExpression: string | undefined;

  constructor(
    public readonly logicalId: string,
    public readonly id: string,
    public readonly restApiId: string,
    public readonly type: 'TOKEN' | 'REQUEST' | 'COGNITO_USER_POOLS',
    r: TemplateResource,
  ) {
    this.ttlMs = (r.numberProp('AuthorizerResultTtlInSeconds') ?? API_GATEWAY_LIMITS.authorizerResultTtl.default!) * 1000;
    this.identitySources = (r.stringProp('IdentitySource') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    const expression = r.stringProp('IdentityValidationExpression');
    this.validationExpression = expression;
    try {
      this.validationRegex = expression === undefined ? undefined : new RegExp(`^(?:${expression})$`, 's');
    } catch {
      throw new TemplateError(r.logicalId, 'Properties.IdentityValidationExpression', `${JSON.stringify(expression)} is not a regular expression`);
    }
  }

  private hits: TraceCounter | undefined;

  /** Decides for one request. A Promise when an async Lambda handler has to answer first. */
  public abstract authorize(scope: RequestScope): Authorization | Promise<Authorization>;

  /** Traces a cached answer's use: a record in a full trace, a count (no lookup) in a summary. */
  protected recordCacheHit(scope: RequestScope): void {
    const runtime = scope.world.runtime;
    if (runtime.trace.full) runtime.record('apigateway.authorizerCacheHit', this.logicalId, undefined, undefined, { requestId: scope.requestId, methodArn: scope.methodArn });
    else (this.hits ??= runtime.trace.counter('apigateway.authorizerCacheHit')).n++;
  }
}

/**
 * The value of an identity source for a request: `method.request.header.X`, `method.request.querystring.x`,
 * `stageVariables.x` or `context.x` (the request context: `httpMethod`, `resourcePath`, `identity.sourceIp`…).
 * Undefined when absent or empty: API Gateway then answers 401 without calling the authorizer.
 */
export function identityValue(source: string, scope: RequestScope): string | undefined {
  let v: unknown;
  const m = /^method\.request\.(header|querystring)\.(.+)$/.exec(source);
  if (m) v = m[1] === 'header' ? scope.request.header(m[2]) : scope.request.queryValue(m[2]);
  else if (source.startsWith('stageVariables.')) v = scope.stage.variables[source.slice('stageVariables.'.length)];
  else if (source.startsWith('context.')) v = source.slice('context.'.length).split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), scope.context());
  return v === undefined || v === null || v === '' ? undefined : String(v);
}
