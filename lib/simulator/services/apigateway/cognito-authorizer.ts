import { TemplateResource } from '../../template';
import { SimulationWorld } from '../../world/world';
import { PoolTokenVerifier, TokenClaims, tokenVerifier } from '../cognito/token-verifier';
import { CognitoUserPool } from '../cognito/user-pool';
import { ApiAuthorizer, AuthorizerCache, identityValue } from './authorizer';
import { Authorization, RequestScope } from './request-scope';

/**
 * A Cognito user pool authorizer (COGNITO_USER_POOLS): API Gateway verifies the token itself, with
 * aws-jwt-verify here (signature against the pool's JWKS, issuer, app client, expiry on the virtual clock). A
 * method without scopes takes an ID token; a method with scopes an access token carrying one of them (AWS-FACTS
 * §15). A missing, invalid or expired token, the wrong kind or a missing scope is 401. A verified token is cached
 * for the TTL (per API and stage); its expiry, token use and scopes are checked again for every request.
 */
export class CognitoAuthorizer extends ApiAuthorizer {
  /** ProviderARNs: the user pools whose tokens are accepted. */
  public readonly providerArns: readonly string[];
  public readonly pools: CognitoUserPool[] = [];
  public readonly cache: AuthorizerCache<TokenClaims>;

  constructor(r: TemplateResource, id: string, restApiId: string) {
    super(r.logicalId, id, restApiId, 'COGNITO_USER_POOLS', r);
    const arns = r.prop('ProviderARNs');
    this.providerArns = Array.isArray(arns) ? arns.map(String) : [];
    this.cache = new AuthorizerCache(this.ttlMs);
  }

  /** Finds the user pools of the template its ProviderARNs name (a pool outside the template verifies nothing). */
  public link(world: SimulationWorld): void {
    for (const arn of this.providerArns) {
      const pool = world.byArnOf(arn, CognitoUserPool);
      if (pool) this.pools.push(pool);
    }
  }

  public authorize(scope: RequestScope): Authorization {
    const source = this.identitySources[0] ?? 'method.request.header.Authorization';
    const token = identityValue(source, scope);
    if (token === undefined) return unauthorized(`the identity source ${source} is missing or empty`);
    const at = scope.epochMs;
    let claims = this.cache.get(scope.stage.name, token, scope.now);
    if (claims) {
      this.recordCacheHit(scope);
    } else {
      const verified = this.verify(token, at);
      if (typeof verified === 'string') return unauthorized(verified);
      claims = verified;
      this.cache.set(scope.stage.name, token, claims, scope.now);
    }
    const method = scope.method;
    const refusal = PoolTokenVerifier.refusal(claims, { tokenUse: method.scopes.length > 0 ? 'access' : 'id', scopes: method.scopes }, at);
    if (refusal !== undefined) return unauthorized(`${method.scopes.length > 0 ? `${method.routeKey} requires an access token with one of the scopes ${method.scopes.join(', ')}` : `${method.routeKey} requires an ID token`}: ${refusal}`);
    const audience = claims.aud ?? claims.client_id;
    if (this.validationRegex && !this.validationRegex.test(String(audience))) return unauthorized(`the token's audience ${String(audience)} does not match the IdentityValidationExpression ${this.validationExpression}`);
    return { ok: true, context: { claims: stringClaims(claims) } };
  }

  /** The claims of the first pool the token verifies with, or every pool's reason. */
  private verify(token: string, at: number): TokenClaims | string {
    if (this.pools.length === 0) return `none of the authorizer's user pools (${this.providerArns.join(', ')}) is in the template`;
    const reasons: string[] = [];
    for (const pool of this.pools) {
      const v = tokenVerifier(pool).verify(token, at);
      if (v.ok) return v.claims;
      reasons.push(`${pool.logicalId}: ${v.reason}`);
    }
    return `the token does not verify (${reasons.join('; ')})`;
  }
}

function unauthorized(reason: string): Authorization {
  return { ok: false, type: 'UNAUTHORIZED', reason };
}

/**
 * The claims as a REST API hands them to the integration (`requestContext.authorizer.claims`): every value a
 * string; a list (`cognito:groups`) joined with commas (how API Gateway writes lists is not documented).
 */
function stringClaims(claims: TokenClaims): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(claims)) out[k] = Array.isArray(v) ? v.join(',') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  return out;
}
