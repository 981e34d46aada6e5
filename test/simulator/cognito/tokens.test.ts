import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { InvalidRequestError, Simulation } from '../../../lib/simulator';
import { PoolTokenVerifier, TokenClaims, tokenVerifier } from '../../../lib/simulator/services/cognito';

// GIVEN a user pool with an app client allowed the scope orders/read (ID tokens valid 30 minutes), and a second
// pool; synthesized once for the file
const app = new App();
const stack = new Stack(app, 'Identity');
const pool = new cognito.UserPool(stack, 'Pool');
pool.addResourceServer('Orders', { identifier: 'orders', scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read orders' })] });
const web = pool.addClient('Web', { oAuth: { scopes: [cognito.OAuthScope.custom('orders/read')] }, idTokenValidity: Duration.minutes(30) });
const other = new cognito.UserPool(stack, 'OtherPool');
other.addClient('Client');

/** 2026-01-01T00:00:00Z, virtual time 0, in seconds: when every token of a fresh simulation is issued. */
const START_S = Date.UTC(2026, 0, 1) / 1000;

describe('Cognito tokens', () => {
  test('signIn issues an ID and an access token with Cognito\'s claims, signed RS256 under the pool\'s key id', async () => {
    const sim = Simulation.fromStack(stack);
    const tokens = await sim.cognito.signIn(pool, { username: 'alice', groups: ['admins'], scopes: ['orders/read'], attributes: { email: 'alice@example.com' } });
    const userPool = sim.cognito.userPool(pool);
    const clientId = sim.cognito.userPool(pool).clients[0].clientId;
    expect(decodeProtectedHeader(tokens.idToken)).toEqual({ alg: 'RS256', kid: userPool.keyId });
    expect(decodeJwt(tokens.idToken)).toMatchObject({
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${userPool.id}`, aud: clientId, token_use: 'id', 'cognito:username': 'alice',
      'cognito:groups': ['admins'], email: 'alice@example.com', iat: START_S, exp: START_S + 30 * 60,
    });
    expect(decodeJwt(tokens.accessToken)).toMatchObject({ client_id: clientId, token_use: 'access', scope: 'orders/read', username: 'alice', exp: START_S + 60 * 60 });
    expect(tokens).toMatchObject({ expiresIn: 3_600, tokenType: 'Bearer' });
    expect(userPool.id).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(clientId).toMatch(/^[a-z0-9]{26}$/);
    expect(sim.events({ type: 'cognito.signedIn' })).toEqual([expect.objectContaining({ resource: userPool.logicalId, detail: { username: 'alice', clientId, scopes: ['orders/read'] } })]);
  });

  test('the pool\'s JWKS holds the public key under the pool\'s key id, and nothing private', async () => {
    const sim = Simulation.fromStack(stack);
    const jwks = await sim.cognito.jwks(pool);
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: sim.cognito.userPool(pool).keyId, e: 'AQAB' })]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  test('aws-jwt-verify accepts a token up to its expiry second and refuses it one second later', async () => {
    const sim = Simulation.fromStack(stack);
    const { idToken } = await sim.cognito.signIn(pool, { username: 'alice' });
    const verifier = tokenVerifier(sim.cognito.userPool(pool));
    const exp = (START_S + 30 * 60) * 1000;
    expect(verifier.verify(idToken, exp)).toMatchObject({ ok: true, claims: { 'cognito:username': 'alice' } });
    expect(verifier.verify(idToken, exp + 1_000)).toEqual({ ok: false, reason: 'Token expired at 2026-01-01T00:30:00.000Z' });
  });

  test('a method\'s requirement: the token use, then one of the scopes', async () => {
    const sim = Simulation.fromStack(stack);
    const { idToken, accessToken } = await sim.cognito.signIn(pool, { username: 'alice', scopes: ['orders/read'] });
    const verifier = tokenVerifier(sim.cognito.userPool(pool));
    const at = START_S * 1000;
    const claims = (token: string) => (verifier.verify(token, at) as { claims: TokenClaims }).claims;
    expect(PoolTokenVerifier.refusal(claims(idToken), { tokenUse: 'id', scopes: [] }, at)).toBeUndefined();
    expect(PoolTokenVerifier.refusal(claims(accessToken), { tokenUse: 'access', scopes: ['orders/write', 'orders/read'] }, at)).toBeUndefined();
    expect(PoolTokenVerifier.refusal(claims(accessToken), { tokenUse: 'id', scopes: [] }, at)).toMatch(/token use/i);
    expect(PoolTokenVerifier.refusal(claims(accessToken), { tokenUse: 'access', scopes: ['orders/write'] }, at)).toMatch(/Scope not allowed: orders\/read/);
  });

  test('fails if the token is of another pool, tampered with, or issued by no simulation', async () => {
    const sim = Simulation.fromStack(stack);
    const theirs = await sim.cognito.signIn(other, { username: 'mallory' });
    const { idToken } = await sim.cognito.signIn(pool, { username: 'alice' });
    const verifier = tokenVerifier(sim.cognito.userPool(pool));
    expect(verifier.verify(theirs.idToken, START_S * 1000)).toMatchObject({ ok: false, reason: expect.stringMatching(/issuer/i) });
    const [header, payload, signature] = idToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(idToken), 'cognito:groups': ['admins'] })).toString('base64url');
    expect(payload).not.toBe(forged);
    expect(verifier.verify(`${header}.${forged}.${signature}`, START_S * 1000)).toMatchObject({ ok: false, reason: expect.stringMatching(/signature/i) });
    const fresh = Simulation.fromStack(stack);
    expect(tokenVerifier(fresh.cognito.userPool(pool)).verify(idToken, START_S * 1000)).toMatchObject({ ok: false, reason: expect.stringMatching(/no token of .* was issued/) });
  });

  test('fails if a scope is not among the client\'s AllowedOAuthScopes, naming the client and the fix', async () => {
    const sim = Simulation.fromStack(stack);
    await expect(sim.cognito.signIn(pool, { username: 'alice', scopes: ['orders/write'] })).rejects.toThrow(InvalidRequestError);
    await expect(sim.cognito.signIn(pool, { username: 'alice', scopes: ['orders/write'] })).rejects.toThrow(/does not allow the scopes orders\/write \(AllowedOAuthScopes: orders\/read\); add them/);
  });

  test('fails if the client named belongs to another pool, or the pool has no client to sign in through', async () => {
    const sim = Simulation.fromStack(stack);
    await expect(sim.cognito.signIn(other, { username: 'alice', client: web })).rejects.toThrow(/is an app client of another user pool/);
    const bare = new Stack(new App(), 'Bare');
    const lonely = new cognito.UserPool(bare, 'Lonely');
    await expect(Simulation.fromStack(bare).cognito.signIn(lonely, { username: 'a' })).rejects.toThrow(/has no app client in the template/);
  });

  test('without scopes the tokens carry Cognito\'s sign-in scope and every claim, exactly', async () => {
    const sim = Simulation.fromStack(stack);
    const tokens = await sim.cognito.signIn(pool, { username: 'bob' });
    const userPool = sim.cognito.userPool(pool);
    const clientId = userPool.clients[0].clientId;
    const id = decodeJwt(tokens.idToken);
    const access = decodeJwt(tokens.accessToken);
    const common = { sub: id.sub, iss: `https://cognito-idp.us-east-1.amazonaws.com/${userPool.id}`, origin_jti: id.origin_jti, event_id: id.event_id, auth_time: START_S, iat: START_S };
    expect(id).toEqual({ ...common, 'cognito:username': 'bob', aud: clientId, token_use: 'id', exp: START_S + 30 * 60, jti: id.jti });
    expect(access).toEqual({ ...common, client_id: clientId, token_use: 'access', scope: 'aws.cognito.signin.user.admin', username: 'bob', exp: START_S + 60 * 60, jti: access.jti });
    expect(id.sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set([id.origin_jti, id.event_id, id.jti, access.jti]).size).toBe(4);
    expect(access.origin_jti).toBe(id.origin_jti);
    expect(tokens).toEqual({ idToken: tokens.idToken, accessToken: tokens.accessToken, expiresIn: 3_600, tokenType: 'Bearer' });
    expect(sim.events({ type: 'cognito.signedIn' }).map((e) => e.detail)).toEqual([{ username: 'bob', clientId, scopes: ['aws.cognito.signin.user.admin'] }]);
    // The same user of the same pool is the same sub in a later sign-in; another user is another.
    expect(decodeJwt((await sim.cognito.signIn(pool, { username: 'bob' })).idToken).sub).toBe(id.sub);
    expect(decodeJwt((await sim.cognito.signIn(pool, { username: 'carol' })).idToken).sub).not.toBe(id.sub);
  });

  test('an empty group list adds no cognito:groups claim; the sign-in scope is always allowed', async () => {
    const sim = Simulation.fromStack(stack);
    const tokens = await sim.cognito.signIn(pool, { username: 'bob', groups: [], scopes: ['aws.cognito.signin.user.admin', 'orders/read'] });
    expect(decodeJwt(tokens.idToken)).not.toHaveProperty('cognito:groups');
    expect(decodeJwt(tokens.accessToken)).toMatchObject({ scope: 'aws.cognito.signin.user.admin orders/read' });
  });

  test('fails if several scopes are refused, listing them all and the allowed ones', async () => {
    const sim = Simulation.fromStack(stack);
    const clientId = sim.cognito.userPool(pool).clients[0].logicalId;
    await expect(sim.cognito.signIn(pool, { username: 'alice', scopes: ['orders/read', 'orders/write', 'admin'] })).rejects.toThrow(
      `the app client ${clientId} of ${sim.cognito.userPool(pool).logicalId} does not allow the scopes orders/write, admin (AllowedOAuthScopes: orders/read); add them to the client's OAuth scopes`,
    );
  });

  test('a method\'s requirement refuses with whole reasons: expiry (valid through its exp second), token use, scopes', () => {
    const exp = START_S + 60;
    const claims = (extra: Record<string, unknown>) => ({ token_use: 'access', scope: 'orders/read aws.cognito.signin.user.admin', exp, ...extra }) as unknown as TokenClaims;
    const access = { tokenUse: 'access' as const, scopes: ['orders/read'] };
    expect(PoolTokenVerifier.refusal(claims({}), access, exp * 1000)).toBeUndefined();
    expect(PoolTokenVerifier.refusal(claims({}), access, exp * 1000 + 1)).toBe('Token expired at 2026-01-01T00:01:00.000Z');
    expect(PoolTokenVerifier.refusal(claims({ exp: undefined }), access, exp * 1000 + 1)).toBeUndefined();
    expect(PoolTokenVerifier.refusal(claims({}), { tokenUse: 'id', scopes: [] }, START_S * 1000)).toBe('Token use not allowed: access. Expected: id');
    expect(PoolTokenVerifier.refusal(claims({}), { tokenUse: 'access', scopes: ['orders/write', 'admin'] }, START_S * 1000)).toBe('Scope not allowed: orders/read, aws.cognito.signin.user.admin. Expected one of: orders/write, admin');
    expect(PoolTokenVerifier.refusal(claims({ scope: undefined }), access, START_S * 1000)).toBe('Missing Scope. Expected: orders/read');
    expect(PoolTokenVerifier.refusal(claims({ scope: undefined }), { tokenUse: 'access', scopes: [] }, START_S * 1000)).toBeUndefined();
  });
});

