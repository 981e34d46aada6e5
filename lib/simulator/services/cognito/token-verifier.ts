import type * as JwtVerify from 'aws-jwt-verify';
import type * as JwtAssert from 'aws-jwt-verify/assert';
import type * as CognitoVerifier from 'aws-jwt-verify/cognito-verifier';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { CognitoUserPool } from './user-pool';

/** The claims of a token that verified: what API Gateway hands the integration as `claims`. */
export type TokenClaims = JwtPayload;

export type Verification = { readonly ok: true; readonly claims: TokenClaims } | { readonly ok: false; readonly reason: string };

/** What a method asks of a verified token: an ID token, or an access token carrying one of its scopes. */
export interface TokenRequirement {
  readonly tokenUse: 'id' | 'access';
  /** One of them must be in the access token's `scope` (unchecked when empty). */
  readonly scopes: readonly string[];
}

// aws-jwt-verify, loaded on first use: `decoupled-cdk/simulator` stays cheap to require.
let modules: { verify: typeof JwtVerify; cognito: typeof CognitoVerifier; assert: typeof JwtAssert } | undefined;
function jwtVerify(): NonNullable<typeof modules> {
  modules ??= { verify: require('aws-jwt-verify'), cognito: require('aws-jwt-verify/cognito-verifier'), assert: require('aws-jwt-verify/assert') };
  return modules;
}

type Verifier = { verifySync(jwt: string): JwtPayload; cacheJwks(jwks: unknown): void };

/**
 * Verifies tokens of one user pool with aws-jwt-verify, as API Gateway's Cognito authorizer does: the RS256
 * signature against the pool's JWKS (loaded into the verifier's cache, so nothing is fetched), the issuer, the
 * client (an app client of the pool: `aud` of an ID token, `client_id` of an access token) and the expiry at a
 * virtual instant. `accepts` then checks what one method asks: the token use and the scopes.
 */
export class PoolTokenVerifier {
  private verifier: Verifier | undefined;
  private loadedJwks: unknown;

  constructor(private readonly pool: CognitoUserPool) {}

  /** Verifies `token` as of `atEpochMs` (virtual time as epoch milliseconds). */
  public verify(token: string, atEpochMs: number): Verification {
    const verifier = this.verifierWithKeys();
    if (!verifier) return { ok: false, reason: `no token of ${this.pool.logicalId} was issued in this simulation, so it has no signing key yet` };
    try {
      return { ok: true, claims: atInstant(atEpochMs, () => verifier.verifySync(token)) };
    } catch (e) {
      return { ok: false, reason: (e as Error).message };
    }
  }

  /** Why verified `claims` do not satisfy `requirement` at `atEpochMs` (a cached verification is re-checked per method), or undefined. */
  public static refusal(claims: TokenClaims, requirement: TokenRequirement, atEpochMs: number): string | undefined {
    // The same rule as aws-jwt-verify's own expiry check (jwt.js): expired once exp is before now.
    if (claims.exp !== undefined && claims.exp < atEpochMs / 1000) return `Token expired at ${new Date(claims.exp * 1000).toISOString()}`;
    const { cognito } = jwtVerify();
    const assert: typeof JwtAssert = jwtVerify().assert;
    try {
      cognito.validateCognitoJwtFields(claims, { tokenUse: requirement.tokenUse, clientId: null });
      if (requirement.scopes.length > 0) assert.assertStringArraysOverlap('Scope', typeof claims.scope === 'string' ? claims.scope.split(' ') : undefined, requirement.scopes);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  }

  private verifierWithKeys(): Verifier | undefined {
    const jwks = this.pool.jwks;
    if (!jwks) return undefined;
    if (!this.verifier) {
      const clients = this.pool.clients.map((c) => c.clientId);
      this.verifier = jwtVerify().verify.CognitoJwtVerifier.create({ userPoolId: this.pool.id, tokenUse: null, clientId: clients.length > 0 ? clients : null }) as unknown as Verifier;
    }
    if (this.loadedJwks !== jwks) {
      this.verifier.cacheJwks(jwks);
      this.loadedJwks = jwks;
    }
    return this.verifier;
  }
}

const verifiers = new WeakMap<CognitoUserPool, PoolTokenVerifier>();

/** The verifier of a pool's tokens (aws-jwt-verify, keys from the pool's in-process JWKS), made on first use. */
export function tokenVerifier(pool: CognitoUserPool): PoolTokenVerifier {
  let v = verifiers.get(pool);
  if (!v) {
    v = new PoolTokenVerifier(pool);
    verifiers.set(pool, v);
  }
  return v;
}

/**
 * Runs `verify` with `Date.now` answering the virtual instant: aws-jwt-verify checks `exp` against `Date.now()`,
 * and a token's life is on the simulation's clock. The verification is synchronous, so nothing else runs while
 * `Date.now` is replaced, and it is put back before returning.
 */
function atInstant<T>(epochMs: number, verify: () => T): T {
  const now = Date.now;
  Date.now = () => epochMs;
  try {
    return verify();
  } finally {
    Date.now = now;
  }
}
