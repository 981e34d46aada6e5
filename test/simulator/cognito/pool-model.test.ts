import { SignJWT, decodeJwt } from 'jose';
import { CloudFormationTemplate, Simulation } from '../../../lib/simulator';
import { poolSigningKey, tokenVerifier } from '../../../lib/simulator/services/cognito';
import { Unresolved } from '../../../lib/simulator/template';

// The user pool model read from a hand-written template: ids and attributes, app clients (validity units, scopes,
// the pool they belong to) and which client a sign-in goes through.

const POOL = { Ref: 'Pool' };
const client = (props: Record<string, unknown> = {}) => ({ Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: POOL, ...props } });

function template(resources: Record<string, unknown>): CloudFormationTemplate {
  return { Resources: { Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} }, ...resources } } as CloudFormationTemplate;
}

/** 2026-01-01T00:00:00Z in seconds: when a fresh simulation's tokens are issued. */
const START_S = Date.UTC(2026, 0, 1) / 1000;

describe('Cognito user pools and app clients from a template', () => {
  test('a pool\'s Ref and attributes: its id, ARN, provider name and URL; another attribute is unresolved', () => {
    // GIVEN a pool WHEN its Ref and attributes are read
    const sim = Simulation.fromTemplate(template({}));
    const r = sim.template.resource('Pool')!;
    const id = String(r.ref);
    // THEN they are Cognito's shapes, and the model agrees
    expect(id).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect([r.getAtt('Arn'), r.getAtt('ProviderName'), r.getAtt('ProviderURL'), r.getAtt('UserPoolId')]).toEqual([
      `arn:aws:cognito-idp:us-east-1:123456789012:userpool/${id}`, `cognito-idp.us-east-1.amazonaws.com/${id}`, `https://cognito-idp.us-east-1.amazonaws.com/${id}`, id,
    ]);
    expect(r.getAtt('Nope')).toEqual(new Unresolved('Pool.Nope'));
    expect(sim.cognito.userPool('Pool')).toMatchObject({ logicalId: 'Pool', id, arn: `arn:aws:cognito-idp:us-east-1:123456789012:userpool/${id}`, issuer: `https://cognito-idp.us-east-1.amazonaws.com/${id}`, keyId: `${id}-simulated` });
  });

  test('a client\'s Ref and ClientId are its id; Name is its ClientName, else its id; another attribute is unresolved', () => {
    // GIVEN a named and an unnamed client
    const sim = Simulation.fromTemplate(template({ Named: client({ ClientName: 'web' }), Unnamed: client() }));
    const named = sim.template.resource('Named')!;
    const unnamed = sim.template.resource('Unnamed')!;
    // WHEN their attributes are read THEN
    expect(String(named.ref)).toMatch(/^[a-z0-9]{26}$/);
    expect([named.getAtt('ClientId'), named.getAtt('Name'), unnamed.getAtt('Name'), named.getAtt('Secret')]).toEqual([named.ref, 'web', unnamed.ref, new Unresolved('Named.Secret')]);
    expect(named.ref).not.toBe(unnamed.ref);
  });

  test('token validity: hours without units, each unit as written, an unknown unit as hours, 60 minutes when unset', async () => {
    // GIVEN clients with validities in the default unit, in minutes/days/seconds, in an unknown unit, and unset
    const sim = Simulation.fromTemplate(template({
      A: client({ IdTokenValidity: 2, AccessTokenValidity: 3 }),
      B: client({ IdTokenValidity: 5, AccessTokenValidity: 1, TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'days' } }),
      C: client({ IdTokenValidity: 90, AccessTokenValidity: 2, TokenValidityUnits: { IdToken: 'seconds', AccessToken: 'fortnights' } }),
      D: client({ AllowedOAuthScopes: ['orders/read'] }),
    }));
    // WHEN the model is read THEN the validities are in milliseconds
    expect(sim.cognito.userPool('Pool').clients.map((c) => [c.logicalId, c.idTokenValidityMs, c.accessTokenValidityMs, c.allowedScopes])).toEqual([
      ['A', 7_200_000, 10_800_000, undefined],
      ['B', 300_000, 86_400_000, undefined],
      ['C', 90_000, 7_200_000, undefined],
      ['D', 3_600_000, 3_600_000, ['orders/read']],
    ]);
    // AND the tokens of B expire after 5 minutes (ID) and a day (access), which expiresIn says
    const tokens = await sim.cognito.signIn('Pool', { username: 'u', client: 'B' });
    expect([decodeJwt(tokens.idToken).exp, decodeJwt(tokens.accessToken).exp, tokens.expiresIn]).toEqual([START_S + 300, START_S + 86_400, 86_400]);
  });

  test('a client names its pool: one of another pool or of none is not the pool\'s', () => {
    // GIVEN a client of Pool, one of Other, one without UserPoolId, listed before the pools
    const sim = Simulation.fromTemplate({
      Resources: {
        Mine: client(), Theirs: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Other' } } }, Loose: { Type: 'AWS::Cognito::UserPoolClient', Properties: {} },
        Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} }, Other: { Type: 'AWS::Cognito::UserPool', Properties: {} },
      },
    } as CloudFormationTemplate);
    // THEN each pool holds its own
    expect([sim.cognito.userPool('Pool').clients.map((c) => c.logicalId), sim.cognito.userPool('Other').clients.map((c) => c.logicalId)]).toEqual([['Mine'], ['Theirs']]);
  });

  test('a sign-in goes through the client named by logical id or client id; fails if several and none is named', async () => {
    // GIVEN a pool with two clients of different validities
    const sim = Simulation.fromTemplate(template({ Web: client({ IdTokenValidity: 1 }), Mobile: client({ IdTokenValidity: 2 }) }));
    const mobileId = String(sim.template.resource('Mobile')!.ref);
    // WHEN users sign in naming a client, and naming none
    const byLogicalId = decodeJwt((await sim.cognito.signIn('Pool', { username: 'a', client: 'Web' })).idToken);
    const byClientId = decodeJwt((await sim.cognito.signIn('Pool', { username: 'a', client: mobileId })).idToken);
    // THEN each token is the named client's
    expect([byLogicalId.aud, byLogicalId.exp, byClientId.aud, byClientId.exp]).toEqual([String(sim.template.resource('Web')!.ref), START_S + 3_600, mobileId, START_S + 7_200]);
    await expect(sim.cognito.signIn('Pool', { username: 'a' })).rejects.toThrow('Pool has several app clients (Web, Mobile): name one with signIn(pool, { client, ... })');
  });

  test('fails if the pool has no client, or the client named is another pool\'s', async () => {
    // GIVEN a pool without a client and a pool with one
    const sim = Simulation.fromTemplate(template({ Other: { Type: 'AWS::Cognito::UserPool', Properties: {} }, Theirs: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Other' } } } }));
    // WHEN users sign in to the first THEN the errors say what is wrong and what to do
    await expect(sim.cognito.signIn('Pool', { username: 'a' })).rejects.toThrow('Pool has no app client in the template, and Cognito signs users in only through one: add one (userPool.addClient(\'Client\'))');
    await expect(sim.cognito.signIn('Pool', { username: 'a', client: 'Theirs' })).rejects.toThrow('Theirs is an app client of another user pool, not of Pool');
  });

  test('fails if a scope is refused by a client with an empty AllowedOAuthScopes, saying none is allowed; without the list any scope passes', async () => {
    // GIVEN a client listing no scopes and a client without the property
    const sim = Simulation.fromTemplate(template({ Strict: client({ AllowedOAuthScopes: [] }), Open: client() }));
    // WHEN users ask for a custom scope through each
    await expect(sim.cognito.signIn('Pool', { username: 'a', client: 'Strict', scopes: ['orders/read'] })).rejects.toThrow(
      'the app client Strict of Pool does not allow the scopes orders/read (AllowedOAuthScopes: none); add them to the client\'s OAuth scopes');
    // THEN the open client issues it
    expect(decodeJwt((await sim.cognito.signIn('Pool', { username: 'a', client: 'Open', scopes: ['orders/read'] })).accessToken).scope).toBe('orders/read');
  });

  test('a pool without app clients verifies a token\'s signature and issuer, not its audience; with clients the audience must be one', async () => {
    // GIVEN a pool without clients and a pool with one, and an ID token of each signed with the pool's key for an unknown audience
    const sim = Simulation.fromTemplate(template({ Other: { Type: 'AWS::Cognito::UserPool', Properties: {} }, Theirs: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Other' } } } }));
    const forged = async (ref: string) => {
      const pool = sim.cognito.userPool(ref);
      const key = await poolSigningKey(pool);
      return new SignJWT({ token_use: 'id', aud: 'someone-else', iss: pool.issuer, iat: START_S, exp: START_S + 60 }).setProtectedHeader({ alg: 'RS256', kid: pool.keyId }).sign(key.privateKey);
    };
    const [bare, withClient] = [await forged('Pool'), await forged('Other')];
    // WHEN each pool verifies its own
    const at = START_S * 1000;
    // THEN the bare pool accepts it; the other refuses the audience
    expect(tokenVerifier(sim.cognito.userPool('Pool')).verify(bare, at)).toEqual({ ok: true, claims: { token_use: 'id', aud: 'someone-else', iss: sim.cognito.userPool('Pool').issuer, iat: START_S, exp: START_S + 60 } });
    expect(tokenVerifier(sim.cognito.userPool('Other')).verify(withClient, at)).toEqual({ ok: false, reason: `Client ID ("audience") not allowed: someone-else. Expected: ${String(sim.template.resource('Theirs')!.ref)}` });
    // AND the JWKS a test reads is the one the pool verifies with
    expect((await sim.cognito.jwks('Pool')).keys.map((k) => k.kid)).toEqual([sim.cognito.userPool('Pool').keyId]);
  });

  test('fails if a pool or a client is named by something else, saying what it is', async () => {
    // GIVEN a pool, its client and an API
    const sim = Simulation.fromTemplate(template({ Client: client(), Api: { Type: 'AWS::ApiGateway::RestApi', Properties: {} } }));
    // WHEN the client is taken for a pool and the API for a client THEN both errors say what each is
    expect(() => sim.cognito.userPool('Client')).toThrow('Client is an AWS::Cognito::UserPoolClient, not a Cognito user pool');
    await expect(sim.cognito.signIn('Pool', { username: 'a', client: 'Api' })).rejects.toThrow('Api is an AWS::ApiGateway::RestApi, not a Cognito user pool client');
  });
});
