import { SignJWT } from 'jose';
import { Simulation } from '../../../lib/simulator';
import { poolSigningKey } from '../../../lib/simulator/services/cognito';
import { apiTemplate, method, mock, ofApi, resource, stage } from './hand-template';

const POOL_ARN = { 'Fn::GetAtt': ['Pool', 'Arn'] };
const CLAIMS = mock({}, [{ StatusCode: '200', ResponseTemplates: { 'application/json': '$context.authorizer.claims[\'cognito:groups\']|$context.authorizer.claims.level|$context.authorizer.claims.admin|$context.authorizer.claims.token_use|$context.authorizer.claims.address' } }]);
const cognito = (authorizer: string, extra: Record<string, unknown> = {}) => ({ ...CLAIMS, AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: { Ref: authorizer }, ...extra });

/**
 * GIVEN a user pool with an app client, and an API with Cognito authorizers: Header (reads X-Id, tokens whose
 * audience matches the client's id), Strict (audience must be "nobody"), Empty (no ProviderARNs); GET /header,
 * GET /strict, GET /empty, and GET /scoped (Header, scope orders/read).
 */
function template() {
  return apiTemplate({
    Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
    Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' } } },
    Header: ofApi('AWS::ApiGateway::Authorizer', { Type: 'COGNITO_USER_POOLS', ProviderARNs: [POOL_ARN], IdentitySource: 'method.request.header.X-Id', IdentityValidationExpression: '[a-z0-9]{26}' }),
    Strict: ofApi('AWS::ApiGateway::Authorizer', { Type: 'COGNITO_USER_POOLS', ProviderARNs: [POOL_ARN], IdentityValidationExpression: 'nobody' }),
    Empty: ofApi('AWS::ApiGateway::Authorizer', { Type: 'COGNITO_USER_POOLS' }),
    HeaderR: resource('header'), StrictR: resource('strict'), EmptyR: resource('empty'), ScopedR: resource('scoped'),
    GetHeader: method('GET', cognito('Header'), 'HeaderR'),
    GetStrict: method('GET', cognito('Strict'), 'StrictR'),
    GetEmpty: method('GET', cognito('Empty'), 'EmptyR'),
    GetScoped: method('GET', cognito('Header', { AuthorizationScopes: ['orders/read'] }), 'ScopedR'),
    Prod: stage('prod'),
  });
}

const reasons = (sim: Simulation) => sim.events({ type: 'apigateway.rejected' }).map((e) => [e.resource, e.reason, e.detail?.status]);

describe('Cognito authorizer settings read from a hand-written template', () => {
  test('claims reach the integration as strings: a list joined with commas, numbers and booleans as text', async () => {
    // GIVEN the API WHEN a user with groups and typed attributes calls through the X-Id header
    const sim = Simulation.fromTemplate(template());
    const { idToken } = await sim.cognito.signIn('Pool', { username: 'ann', groups: ['admins', 'ops'], attributes: { level: 3, admin: true } });
    const r = await sim.request('Api', { method: 'GET', path: '/header', headers: { 'X-Id': idToken } });
    // THEN the template reads each claim as text
    expect([r.status, r.body]).toEqual([200, 'admins,ops|3|true|id|']);
  });

  test('fails with 401 when the token\'s audience does not match IdentityValidationExpression, naming both', async () => {
    // GIVEN the API and an ID token WHEN it is sent to the strict method (the default Authorization header)
    const sim = Simulation.fromTemplate(template());
    const { idToken } = await sim.cognito.signIn('Pool', { username: 'ann' });
    const clientId = String(sim.template.resource('Client')!.ref);
    const r = await sim.request('Api', { method: 'GET', path: '/strict', headers: { Authorization: idToken } });
    // THEN 401, and the reason names the audience and the expression as written
    expect([r.status, r.body]).toEqual([401, '{"message":"Unauthorized"}']);
    expect(reasons(sim)).toEqual([['GetStrict', `the token's audience ${clientId} does not match the IdentityValidationExpression nobody`, 401]]);
  });

  test('an access token\'s audience is its client_id; a method with scopes names them when one is missing', async () => {
    // GIVEN the API and access tokens with and without orders/read
    const sim = Simulation.fromTemplate(template());
    const withScope = (await sim.cognito.signIn('Pool', { username: 'ann', scopes: ['orders/read'] })).accessToken;
    const without = (await sim.cognito.signIn('Pool', { username: 'ann' })).accessToken;
    // WHEN both call the scoped method, and the ID-token method gets an access token
    const ok = await sim.request('Api', { method: 'GET', path: '/scoped', headers: { 'X-Id': withScope } });
    const missing = await sim.request('Api', { method: 'GET', path: '/scoped', headers: { 'X-Id': without } });
    const wrongUse = await sim.request('Api', { method: 'GET', path: '/header', headers: { 'X-Id': withScope } });
    // THEN only the first passes (its client_id matches the expression); the others say what the method requires
    expect([ok.status, ok.body, missing.status, wrongUse.status]).toEqual([200, '|||access|', 401, 401]);
    expect(reasons(sim)).toEqual([
      ['GetScoped', 'GET /scoped requires an access token with one of the scopes orders/read: Scope not allowed: aws.cognito.signin.user.admin. Expected: orders/read', 401],
      ['GetHeader', 'GET /header requires an ID token: Token use not allowed: access. Expected: id', 401],
    ]);
  });

  test('fails with 401 when the authorizer names no user pool, or the header it reads is missing', async () => {
    // GIVEN the API and a token
    const sim = Simulation.fromTemplate(template());
    const { idToken } = await sim.cognito.signIn('Pool', { username: 'ann' });
    // WHEN the pool-less method and the X-Id method (without X-Id) are called
    await sim.request('Api', { method: 'GET', path: '/empty', headers: { Authorization: idToken } });
    await sim.request('Api', { method: 'GET', path: '/header', headers: { Authorization: idToken } });
    // THEN both reasons are whole
    expect(reasons(sim)).toEqual([
      ['GetEmpty', 'none of the authorizer\'s user pools () is in the template', 401],
      ['GetHeader', 'the identity source method.request.header.X-Id is missing or empty', 401],
    ]);
  });

  test('a verified token is cached: a summary trace counts the hits', async () => {
    // GIVEN the API in a summary trace WHEN one token calls three times
    const sim = Simulation.fromTemplate(template(), { trace: 'summary' });
    const { idToken } = await sim.cognito.signIn('Pool', { username: 'ann' });
    for (let i = 0; i < 3; i++) expect((await sim.request('Api', { method: 'GET', path: '/header', headers: { 'X-Id': idToken } })).status).toBe(200);
    // THEN two of them came from the cache
    expect([sim.trace.count('apigateway.authorizerCacheHit'), sim.trace.count('apigateway.answered')]).toEqual([2, 3]);
  });

  test('an object claim reaches the integration as JSON', async () => {
    // GIVEN the API and an ID token of the pool carrying an object claim (signed with the pool's key)
    const sim = Simulation.fromTemplate(template());
    await sim.cognito.signIn('Pool', { username: 'ann' });
    const pool = sim.cognito.userPool('Pool');
    const key = await poolSigningKey(pool);
    const start = Date.UTC(2026, 0, 1) / 1000;
    const token = await new SignJWT({ token_use: 'id', aud: pool.clients[0].clientId, iss: pool.issuer, iat: start, exp: start + 60, address: { city: 'Lyon', zip: 69001 } })
      .setProtectedHeader({ alg: 'RS256', kid: pool.keyId }).sign(key.privateKey);
    // WHEN it calls THEN the claim is its JSON text
    const r = await sim.request('Api', { method: 'GET', path: '/header', headers: { 'X-Id': token } });
    expect([r.status, r.body]).toEqual([200, '|||id|{"city":"Lyon","zip":69001}']);
  });
});
