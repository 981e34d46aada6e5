import { App, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Simulation } from '../../../lib/simulator';
import { echo, echoed, testFunction } from './support';

// GIVEN, synthesized once: a user pool (app client allowed orders/read and orders/write) and an API whose
// GET /profile takes ID tokens (no scopes) and whose GET /orders and POST /orders need the scopes orders/read and
// orders/write (access tokens); a second pool whose tokens the API does not accept
const stack = new Stack(new App(), 'CognitoApi');
const pool = new cognito.UserPool(stack, 'Pool');
const server = pool.addResourceServer('Orders', {
  identifier: 'orders',
  scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' }), new cognito.ResourceServerScope({ scopeName: 'write', scopeDescription: 'Write' })],
});
pool.addClient('Web', { oAuth: { scopes: ['read', 'write'].map((s) => cognito.OAuthScope.custom(`${server.userPoolResourceServerId}/${s}`)) } });
const strangers = new cognito.UserPool(stack, 'Strangers');
strangers.addClient('Client');
const backend = testFunction(stack, 'Backend');
const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { stageName: 'prod' } });
const authorizer = new apigateway.CognitoUserPoolsAuthorizer(stack, 'Authorizer', { cognitoUserPools: [pool] });
const integration = new apigateway.LambdaIntegration(backend);
const cognitoAuth = { authorizer, authorizationType: apigateway.AuthorizationType.COGNITO };
api.root.addResource('profile').addMethod('GET', integration, cognitoAuth);
const orders = api.root.addResource('orders');
orders.addMethod('GET', integration, { ...cognitoAuth, authorizationScopes: ['orders/read'] });
orders.addMethod('POST', integration, { ...cognitoAuth, authorizationScopes: ['orders/write'] });

function simulation(): Simulation {
  const sim = Simulation.fromStack(stack);
  echo(sim, backend);
  return sim;
}
const auth = (token: string) => ({ Authorization: token });

describe('a Cognito user pool authorizer', () => {
  test('a method without scopes takes an ID token, and hands its claims to the integration as strings', async () => {
    const sim = simulation();
    const { idToken, accessToken } = await sim.cognito.signIn(pool, { username: 'alice', groups: ['admins', 'staff'], attributes: { email: 'alice@example.com' } });
    const ok = await sim.request(api, { method: 'GET', path: '/profile', headers: auth(idToken) });
    expect(ok.status).toBe(200);
    expect(echoed(ok).event.requestContext.authorizer.claims).toMatchObject({ 'cognito:username': 'alice', email: 'alice@example.com', token_use: 'id', 'cognito:groups': 'admins,staff', exp: expect.any(String) });
    const withAccessToken = await sim.request(api, { method: 'GET', path: '/profile', headers: auth(accessToken) });
    expect([withAccessToken.status, JSON.parse(withAccessToken.body)]).toEqual([401, { message: 'Unauthorized' }]);
    expect(sim.events({ type: 'apigateway.rejected' })[0].reason).toMatch(/requires an ID token: .*token use/i);
  });

  test('a method with scopes takes an access token carrying one of them: a missing scope is 401', async () => {
    const sim = simulation();
    const reader = await sim.cognito.signIn(pool, { username: 'alice', scopes: ['orders/read'] });
    expect((await sim.request(api, { method: 'GET', path: '/orders', headers: auth(reader.accessToken) })).status).toBe(200);
    const write = await sim.request(api, { method: 'POST', path: '/orders', headers: auth(reader.accessToken), body: {} });
    expect(write.status).toBe(401);
    expect(sim.events({ type: 'apigateway.rejected' })[0].reason).toMatch(/POST \/orders requires an access token with one of the scopes orders\/write: Scope not allowed: orders\/read/);
    // An ID token carries no scope: refused on a method with scopes.
    expect((await sim.request(api, { method: 'GET', path: '/orders', headers: auth(reader.idToken) })).status).toBe(401);
  });

  test('an expired token is 401: valid through its last second (an hour), refused one second later, cached or not', async () => {
    const sim = simulation();
    const { idToken } = await sim.cognito.signIn(pool, { username: 'alice' });
    const profile = () => sim.request(api, { method: 'GET', path: '/profile', headers: auth(idToken) });
    await sim.advance(Duration.minutes(58));
    expect((await profile()).status).toBe(200);
    // Cached now (300 s): the cache does not outlive the token.
    await sim.advance(Duration.minutes(2));
    expect((await profile()).status).toBe(200);
    await sim.advance(Duration.seconds(1));
    const expired = await profile();
    expect(expired.status).toBe(401);
    expect(sim.events({ type: 'apigateway.authorizerCacheHit' })).toHaveLength(2);
    expect(sim.events({ type: 'apigateway.rejected' })[0].reason).toMatch(/Token expired at 2026-01-01T01:00:00.000Z/);
  });

  test('fails with 401 for a missing header, a token of another pool, or a tampered token', async () => {
    const sim = simulation();
    const theirs = await sim.cognito.signIn(strangers, { username: 'mallory' });
    const { idToken } = await sim.cognito.signIn(pool, { username: 'alice' });
    const [h, p, s] = idToken.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), 'cognito:username': 'root' })).toString('base64url')}.${s}`;
    for (const headers of [{}, auth(theirs.idToken), auth(tampered)]) {
      expect((await sim.request(api, { method: 'GET', path: '/profile', headers })).status).toBe(401);
    }
    expect(sim.lambdaFunction(backend).metrics.view().totals.invocations).toBe(0);
  });
});
