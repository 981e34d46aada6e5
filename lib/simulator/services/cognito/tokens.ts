import { InvalidRequestError } from '../../requests';
import { SimulationRuntime } from '../../runtime';
import { deterministicUuid } from '../../template';
import { jose, poolSigningKey } from './signing-key';
import { CognitoUserPool, CognitoUserPoolClient } from './user-pool';

/** The scope Cognito puts in an access token of a user who signed in through its API (no OAuth scopes asked). */
export const SIGN_IN_SCOPE = 'aws.cognito.signin.user.admin';

/** Who signs in, and what the tokens should carry. */
export interface SignInOptions {
  /** The user name (`cognito:username` in the ID token, `username` in the access token). */
  readonly username: string;
  /**
   * The app client the user signs in through: its construct, path, logical id or client id.
   * @default - the pool's only app client in the template
   */
  readonly client?: string | object;
  /**
   * The user's groups (`cognito:groups`).
   * @default - none
   */
  readonly groups?: readonly string[];
  /**
   * The access token's scopes; custom scopes (`orders/read`) must be among the client's AllowedOAuthScopes when it lists them.
   * @default ['aws.cognito.signin.user.admin']
   */
  readonly scopes?: readonly string[];
  /**
   * More ID token claims: user attributes (`email`, `custom:tenant`).
   * @default - none
   */
  readonly attributes?: Readonly<Record<string, string | number | boolean>>;
}

/** What InitiateAuth returns: an ID token, an access token, their validity and type. */
export interface CognitoTokens {
  readonly idToken: string;
  readonly accessToken: string;
  /** Seconds the access token is valid from now (on the virtual clock). */
  readonly expiresIn: number;
  readonly tokenType: 'Bearer';
}

/**
 * Issues an ID and an access token for `username`, as Cognito does after a sign-in: signed with RS256 under the
 * pool's key id, issued at the current virtual time and valid for the client's token validity. The claims are
 * Cognito's (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html).
 */
export async function issueTokens(runtime: SimulationRuntime, pool: CognitoUserPool, client: CognitoUserPoolClient, options: SignInOptions): Promise<CognitoTokens> {
  const scopes = options.scopes ?? [SIGN_IN_SCOPE];
  const refused = scopes.filter((s) => s !== SIGN_IN_SCOPE && client.allowedScopes !== undefined && !client.allowedScopes.includes(s));
  if (refused.length > 0) {
    throw new InvalidRequestError('invalid_scope', `the app client ${client.logicalId} of ${pool.logicalId} does not allow the scopes ${refused.join(', ')} (AllowedOAuthScopes: ${(client.allowedScopes ?? []).join(', ') || 'none'}); add them to the client's OAuth scopes`);
  }
  const key = await poolSigningKey(pool);
  const now = Math.floor(runtime.epoch(runtime.clock.now) / 1000);
  const sub = deterministicUuid(`${pool.id}/${options.username}`);
  const originJti = runtime.nextId();
  const eventId = runtime.nextId();
  const groups = options.groups && options.groups.length > 0 ? { 'cognito:groups': [...options.groups] } : {};
  const common = { sub, ...groups, iss: pool.issuer, origin_jti: originJti, event_id: eventId, auth_time: now, iat: now };
  const idClaims = {
    ...options.attributes, ...common, 'cognito:username': options.username, aud: client.clientId, token_use: 'id',
    exp: now + Math.floor(client.idTokenValidityMs / 1000), jti: runtime.nextId(),
  };
  const accessClaims = {
    ...common, client_id: client.clientId, token_use: 'access', scope: scopes.join(' '), username: options.username,
    exp: now + Math.floor(client.accessTokenValidityMs / 1000), jti: runtime.nextId(),
  };
  const { SignJWT } = jose();
  const sign = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: pool.keyId }).sign(key.privateKey);
  const [idToken, accessToken] = await Promise.all([sign(idClaims), sign(accessClaims)]);
  runtime.record('cognito.signedIn', pool.logicalId, undefined, undefined, { username: options.username, clientId: client.clientId, scopes });
  return { idToken, accessToken, expiresIn: Math.floor(client.accessTokenValidityMs / 1000), tokenType: 'Bearer' };
}
