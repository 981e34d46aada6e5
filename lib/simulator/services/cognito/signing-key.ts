import type * as Jose from 'jose';
import type { CognitoUserPool } from './user-pool';

/**
 * jose, loaded on first use: requiring `decoupled-cdk/simulator` must stay cheap for a test that signs no token.
 * jose 5 is CommonJS-compatible (jose 6 is ESM only and does not load under Jest's CommonJS runtime).
 */
export function jose(): typeof Jose {
  return require('jose') as typeof Jose;
}

/** The RS256 key pair the simulation signs Cognito tokens with, and the public half as a JWK. */
export interface SigningKey {
  readonly privateKey: Jose.KeyLike;
  readonly publicJwk: Jose.JWK;
}

let made: Promise<SigningKey> | undefined;

/**
 * The key pair, generated once per process (an RSA key takes ~100 ms to make): every simulated user pool signs
 * with it under its own key id, so a pool's JWKS holds only its own `kid`, and a token of one pool does not
 * verify against another's (their issuers differ too). Cognito signs with RS256; so does the simulation.
 */
export function signingKey(): Promise<SigningKey> {
  made ??= (async () => {
    const { generateKeyPair, exportJWK } = jose();
    const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
    return { privateKey, publicJwk: await exportJWK(publicKey) };
  })();
  return made;
}

/** The signing key, the pool's JWKS made from its public half on first use (the pool's `kid`, RS256, `sig`). */
export async function poolSigningKey(pool: CognitoUserPool): Promise<SigningKey> {
  const key = await signingKey();
  pool.jwks ??= { keys: [{ ...key.publicJwk, kid: pool.keyId, alg: 'RS256', use: 'sig' }] };
  return key;
}
