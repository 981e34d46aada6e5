import { ResourceRef } from '../../resource-ref';
import { FacadeContext } from '../../world/world';
import { CognitoTokens, SignInOptions, issueTokens } from './tokens';
import { Jwks, CognitoUserPool, CognitoUserPoolClient } from './user-pool';
import { poolSigningKey } from './signing-key';

/** `sim.cognito`: user pools as a test uses them: sign a user in, read a pool's JWKS. */
export class CognitoFacade {
  constructor(private readonly context: FacadeContext) {}

  /** The user pool model: id, ARN, issuer, app clients. */
  public userPool(ref: ResourceRef): CognitoUserPool {
    return this.context.model(ref, CognitoUserPool, 'a Cognito user pool');
  }

  /**
   * Signs a user in to a user pool of the template and returns the ID and access tokens Cognito would issue,
   * signed with a key the simulation holds and valid from the current virtual time for the client's token
   * validity (60 minutes by default). Any user name signs in: the simulation keeps no users.
   */
  public async signIn(pool: ResourceRef, options: SignInOptions): Promise<CognitoTokens> {
    const p = this.userPool(pool);
    return issueTokens(this.context.world.runtime, p, this.client(p, options.client), options);
  }

  /** The pool's JSON Web Key Set, as `{issuer}/.well-known/jwks.json` serves it (in-process: nothing listens). */
  public async jwks(pool: ResourceRef): Promise<Jwks> {
    const p = this.userPool(pool);
    await poolSigningKey(p);
    return p.jwks!;
  }

  private client(pool: CognitoUserPool, ref: SignInOptions['client']): CognitoUserPoolClient {
    if (ref === undefined) {
      if (pool.clients.length === 1) return pool.clients[0];
      const found = pool.clients.map((c) => c.logicalId).join(', ');
      throw new Error(pool.clients.length === 0
        ? `${pool.logicalId} has no app client in the template, and Cognito signs users in only through one: add one (userPool.addClient('Client'))`
        : `${pool.logicalId} has several app clients (${found}): name one with signIn(pool, { client, ... })`);
    }
    const byId = typeof ref === 'string' ? pool.clients.find((c) => c.clientId === ref) : undefined;
    if (byId) return byId;
    const client = this.context.model(ref as ResourceRef, CognitoUserPoolClient, 'a Cognito user pool client');
    if (!pool.clients.includes(client)) throw new Error(`${client.logicalId} is an app client of another user pool, not of ${pool.logicalId}`);
    return client;
  }
}
