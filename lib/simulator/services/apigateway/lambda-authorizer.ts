import { API_GATEWAY_LIMITS } from '../../../core/limits';
import { TemplateResource } from '../../template';
import { BoundCall, Caller } from '../../world/calls';
import { evaluateIdentityPolicy } from '../iam/role-policies';
import type { InvokeResponse } from '../lambda/synchronous-invocation';
import { ApiAuthorizer, AuthorizerCache, identityValue } from './authorizer';
import type { RequestAuthorizerEvent, TokenAuthorizerEvent } from './authorizer-events';
import { requestFields } from './proxy-event';
import { Authorization, PER_PATH_MEMO_LIMIT, RequestScope } from './request-scope';

/** What a Lambda authorizer answered for an identity, as the cache keeps it: the policy, and its decisions so far. */
interface AuthorizerAnswer {
  readonly principalId: string;
  readonly policy: unknown;
  /** `requestContext.authorizer` for the integration: `principalId` and the context values as strings. */
  readonly context: Record<string, unknown>;
  readonly usageIdentifierKey: string | undefined;
  /** The policy's decision per method ARN: the policy is fixed, so each ARN is evaluated once per answer. */
  readonly decisions: Map<string, 'Allow' | 'ExplicitDeny' | 'ImplicitDeny'>;
}

/** The largest authorizer response API Gateway reads: 8 KB (AWS-FACTS §5.1). */
const MAX_RESPONSE_BYTES = 8 * 1024;
/** How long API Gateway waits for an authorizer: taken as the integration timeout's maximum (unconfirmed, docs/patterns/authorized-api.md). */
const AUTHORIZER_TIMEOUT_MS = API_GATEWAY_LIMITS.integrationTimeout.max;

/**
 * A Lambda authorizer (TOKEN or REQUEST), as API Gateway runs it (AWS-FACTS §5.1, §15): the identity sources must
 * be present (and a token match IdentityValidationExpression) or the answer is 401 without an invocation; the
 * function gets AWS's event with `methodArn`; its policy is cached per identity, API and stage for the TTL, and
 * **evaluated against each request's method ARN** (wildcards, an explicit Deny wins) — so an answer allowing
 * only the first method denies the next, different one while cached, as on AWS. A thrown `Unauthorized` is 401;
 * another error, a timeout, a throttle or a malformed answer is 500, and is not cached.
 */
export class LambdaAuthorizer extends ApiAuthorizer {
  public readonly functionArn: string;
  /** AuthorizerCredentials: the role API Gateway invokes the function with; else the function's resource policy decides. */
  public readonly credentials: string | undefined;
  public readonly cache: AuthorizerCache<AuthorizerAnswer>;
  private bound: BoundCall<'lambda:InvokeFunction'> | undefined;

  constructor(r: TemplateResource, id: string, restApiId: string) {
    super(r.logicalId, id, restApiId, r.stringProp('Type') === 'REQUEST' ? 'REQUEST' : 'TOKEN', r);
    const uri = r.stringProp('AuthorizerUri') ?? '';
    this.functionArn = /\/functions\/(.+)\/invocations$/.exec(uri)?.[1] ?? uri;
    this.credentials = r.stringProp('AuthorizerCredentials');
    this.cache = new AuthorizerCache(this.ttlMs);
  }

  public authorize(scope: RequestScope): Authorization | Promise<Authorization> {
    const identity = this.identity(scope);
    if (typeof identity !== 'string') return identity;
    const now = scope.now;
    const cached = this.cache.get(scope.stage.name, identity, now);
    if (cached) {
      this.recordCacheHit(scope);
      return this.decide(cached, scope);
    }
    const invoked = this.invoke(scope, identity);
    if (invoked.response === undefined) return invoked.refused;
    const record = (response: InvokeResponse) => this.answer(response, scope, identity);
    return invoked.response instanceof Promise ? invoked.response.then(record) : record(invoked.response);
  }

  /** The cache key (the token, or every identity source's value), or 401 when one is missing or fails the regex. */
  private identity(scope: RequestScope): string | Authorization {
    if (this.type === 'TOKEN') {
      const source = this.identitySources[0] ?? 'method.request.header.Authorization';
      const token = identityValue(source, scope);
      if (token === undefined) return unauthorized(`the identity source ${source} is missing or empty`);
      if (this.validationRegex && !this.validationRegex.test(token)) return unauthorized(`the token does not match the IdentityValidationExpression ${this.validationExpression}`);
      return token;
    }
    const values: string[] = [];
    for (const source of this.identitySources) {
      const v = identityValue(source, scope);
      if (v === undefined) return unauthorized(`the identity source ${source} is missing or empty`);
      values.push(v);
    }
    return values.join('\u0000');
  }

  private invoke(scope: RequestScope, token: string): { response: InvokeResponse | Promise<InvokeResponse>; refused?: undefined } | { response: undefined; refused: Authorization } {
    const world = scope.world;
    this.bound ??= world.calls.bind(this.caller(scope), 'lambda:InvokeFunction', this.functionArn);
    world.runtime.record('apigateway.authorizerInvoked', this.logicalId, undefined, undefined, { requestId: scope.requestId, methodArn: scope.methodArn });
    const event: TokenAuthorizerEvent | RequestAuthorizerEvent = this.type === 'TOKEN'
      ? { type: 'TOKEN', authorizationToken: token, methodArn: scope.methodArn }
      : { type: 'REQUEST', methodArn: scope.methodArn, ...requestFields(scope) };
    const result = this.bound.call({ invocationType: 'RequestResponse', payload: event });
    if (!result.ok) return { response: undefined, refused: { ok: false, type: 'AUTHORIZER_CONFIGURATION_ERROR', reason: `API Gateway cannot invoke the authorizer function: ${result.reason}` } };
    return { response: result.output.response! };
  }

  /** Who invokes the function: the AuthorizerCredentials role, or API Gateway itself for this authorizer. */
  private caller(scope: RequestScope): Caller {
    if (this.credentials !== undefined) return { kind: 'role', roleArn: this.credentials, roleKind: 'authorizer credentials role', runsIn: scope.api.logicalId };
    const env = scope.world.runtime.environment;
    return { kind: 'service', principal: 'apigateway.amazonaws.com', sourceArn: `${scope.api.executeArnPrefix}authorizers/${this.id}`, sourceAccount: env.account };
  }

  private answer(response: InvokeResponse, scope: RequestScope, identity: string): Authorization {
    if (response.kind === 'throttled') return { ok: false, type: 'AUTHORIZER_FAILURE', reason: `the authorizer function was throttled (${response.reason})` };
    scope.authorizerLatencyMs = Math.min(response.durationMs, AUTHORIZER_TIMEOUT_MS);
    if (response.durationMs > AUTHORIZER_TIMEOUT_MS) return { ok: false, type: 'AUTHORIZER_FAILURE', reason: `the authorizer function took ${response.durationMs} ms; API Gateway waits ${AUTHORIZER_TIMEOUT_MS} ms` };
    if (response.kind === 'failed') {
      if (response.error.errorMessage === 'Unauthorized') return unauthorized('the authorizer function answered Unauthorized');
      return { ok: false, type: 'AUTHORIZER_CONFIGURATION_ERROR', reason: `the authorizer function failed: ${response.error.errorType}: ${response.error.errorMessage}` };
    }
    const parsed = parseAnswer(response.payload);
    if (typeof parsed === 'string') return { ok: false, type: 'AUTHORIZER_CONFIGURATION_ERROR', reason: `the authorizer's answer is malformed (not cached): ${parsed}` };
    this.cache.set(scope.stage.name, identity, parsed, scope.now);
    return this.decide(parsed, scope);
  }

  /** The cached or new answer's policy, evaluated against this request's method ARN. */
  private decide(answer: AuthorizerAnswer, scope: RequestScope): Authorization {
    const arn = scope.methodArn;
    let decision = answer.decisions.get(arn);
    if (decision === undefined) {
      decision = evaluateIdentityPolicy(answer.policy, 'execute-api:Invoke', arn, {}).decision;
      if (answer.decisions.size >= PER_PATH_MEMO_LIMIT) answer.decisions.clear();
      answer.decisions.set(arn, decision);
    }
    if (decision === 'Allow') return { ok: true, context: answer.context, usageIdentifierKey: answer.usageIdentifierKey };
    const explicit = decision === 'ExplicitDeny';
    return {
      ok: false, type: 'ACCESS_DENIED',
      message: explicit ? 'User is not authorized to access this resource with an explicit deny' : 'User is not authorized to access this resource',
      reason: `the authorizer's policy for ${answer.principalId} ${explicit ? 'denies' : 'does not allow'} ${arn}`,
    };
  }
}

function unauthorized(reason: string): Authorization {
  return { ok: false, type: 'UNAUTHORIZED', reason };
}

/** The authorizer's output (AWS-FACTS §5.1), or why API Gateway cannot use it. */
function parseAnswer(payload: unknown): AuthorizerAnswer | string {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return `expected an object with principalId and policyDocument, got ${JSON.stringify(payload)}`;
  const o = payload as { principalId?: unknown; policyDocument?: unknown; context?: unknown; usageIdentifierKey?: unknown };
  if (typeof o.principalId !== 'string' && typeof o.principalId !== 'number') return 'principalId is missing';
  const doc = o.policyDocument as { Statement?: unknown } | undefined;
  const statements = doc?.Statement === undefined ? undefined : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  if (!doc || typeof doc !== 'object' || !statements) return 'policyDocument has no Statement';
  for (const [i, s] of statements.entries()) {
    const st = s as { Effect?: unknown; Action?: unknown; Resource?: unknown } | null;
    if (!st || (st.Effect !== 'Allow' && st.Effect !== 'Deny') || st.Action === undefined || st.Resource === undefined) {
      return `statement ${i} needs Effect (Allow or Deny), Action and Resource: ${JSON.stringify(s)}`;
    }
  }
  const context: Record<string, unknown> = { principalId: String(o.principalId) };
  if (o.context !== undefined && o.context !== null) {
    if (typeof o.context !== 'object' || Array.isArray(o.context)) return 'context is not an object';
    for (const [k, v] of Object.entries(o.context)) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return `context.${k} is ${JSON.stringify(v)}: context values must be strings, numbers or booleans`;
      context[k] = String(v);
    }
  }
  const size = Buffer.byteLength(JSON.stringify(payload), 'utf8');
  if (size > MAX_RESPONSE_BYTES) return `the answer is ${size} bytes; API Gateway reads at most ${MAX_RESPONSE_BYTES}`;
  return {
    principalId: String(o.principalId), policy: doc, context, decisions: new Map(),
    usageIdentifierKey: typeof o.usageIdentifierKey === 'string' ? o.usageIdentifierKey : undefined,
  };
}
