import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AuthorizedApi } from '../../lib';
import { ApiResponse, RequestAuthorizerEvent, Simulation, TokenAuthorizerEvent } from '../../lib/simulator';
import { OrdersApiStack } from './orders-api-stack';

/**
 * Scenarios of the orders API example (a TOKEN authorizer with a 300 s cache, GET /orders/{id} answered by a
 * function, POST /orders sent straight to an encrypted queue, 100 requests per second with a burst of 200),
 * played on the simulator with the example's own handlers (`onInvoke(fn, 'inline')`) or a test's.
 */

// Synthesized once for the file; each test builds a fresh simulation from it.
const app = new App();
const orders = new OrdersApiStack(app, 'OrdersApiScenarios');
const authorizerFunction = orders.functions.authorizer.function;
const ordersFunction = orders.functions.getOrder.function;
const alice = { Authorization: 'Bearer alice' };

function ordersSimulation(): Simulation {
  const sim = Simulation.fromStack(orders);
  sim.onInvoke(ordersFunction, 'inline');
  return sim;
}

const statuses = (rs: ApiResponse[]) => rs.map((r) => r.status);

describe('the orders API on the simulator', () => {
  test('has no findings: every function may be invoked by API Gateway, the queue route\'s role may send and encrypt', () => {
    expect(ordersSimulation().findings()).toEqual([]);
  });

  test('the cache pitfall: an authorizer allowing only event.methodArn lets GET through and denies the POST that follows', async () => {
    // README: authorized-api-cache-pitfall
    // GIVEN an authorizer that allows only the method it was called for, cached 300 s (the example's TTL)
    const sim = Simulation.fromStack(orders);
    sim.onInvoke(ordersFunction, 'inline');
    sim.onInvoke(authorizerFunction, (event: TokenAuthorizerEvent) => ({
      principalId: 'alice',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] },
    }));
    // WHEN alice reads an order, then places one with the same token
    const read = await sim.request(orders.api, { method: 'GET', path: '/orders/42', headers: { Authorization: 'Bearer alice' } });
    const place = await sim.request(orders.api, { method: 'POST', path: '/orders', headers: { Authorization: 'Bearer alice', 'X-Tenant-Id': 'acme' }, body: { item: 'pen' } });
    // THEN the POST is denied by the policy cached for GET /orders/42: the authorizer ran once
    expect([read.status, place.status]).toEqual([200, 403]);
    expect(JSON.parse(place.body)).toEqual({ Message: 'User is not authorized to access this resource' });
    expect(sim.events({ type: 'apigateway.authorizerInvoked' })).toHaveLength(1);
    // README: end
    expect(sim.queue(orders.orders).visible).toEqual([]);
  });

  test('the fix: the example\'s own authorizer returns a policy for the whole stage, which holds for every route while cached', async () => {
    const sim = ordersSimulation();
    sim.onInvoke(authorizerFunction, 'inline');
    const read = await sim.request(orders.api, { method: 'GET', path: '/orders/42', headers: alice });
    const place = await sim.request(orders.api, { method: 'POST', path: '/orders', headers: { ...alice, 'X-Tenant-Id': 'acme' }, body: { item: 'pen' } });
    expect([read.status, place.status]).toEqual([200, 202]);
    expect(JSON.parse(read.body)).toEqual({ id: '42', owner: 'alice', status: 'placed' });
    expect(sim.events({ type: 'apigateway.authorizerInvoked' })).toHaveLength(1);
    expect(sim.events({ type: 'apigateway.authorizerCacheHit' })).toHaveLength(1);
  });

  test('an explicit deny: a read-only user may GET but is refused POST, even though the API-wide statement allows it', async () => {
    const sim = ordersSimulation();
    sim.onInvoke(authorizerFunction, (event: TokenAuthorizerEvent) => {
      const [apiArn, stage] = event.methodArn.split('/');
      const statements = [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${apiArn}/${stage}/*/*` }];
      if (event.authorizationToken === 'Bearer auditor') statements.push({ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: `${apiArn}/${stage}/POST/*` });
      return { principalId: event.authorizationToken.slice(7), policyDocument: { Version: '2012-10-17', Statement: statements } };
    });
    const auditor = { Authorization: 'Bearer auditor', 'X-Tenant-Id': 'acme' };
    expect((await sim.request(orders.api, { method: 'GET', path: '/orders/1', headers: auditor })).status).toBe(200);
    const denied = await sim.request(orders.api, { method: 'POST', path: '/orders', headers: auditor, body: {} });
    expect([denied.status, JSON.parse(denied.body)]).toEqual([403, { Message: 'User is not authorized to access this resource with an explicit deny' }]);
  });

  test('an unknown user is 401 and a request without a token never reaches the authorizer; /health is public', async () => {
    const sim = ordersSimulation();
    sim.onInvoke(authorizerFunction, 'inline');
    expect((await sim.request(orders.api, { method: 'GET', path: '/orders/1', headers: { Authorization: 'Bearer mallory' } })).status).toBe(401);
    expect((await sim.request(orders.api, { method: 'GET', path: '/orders/1' })).status).toBe(401);
    expect(sim.events({ type: 'apigateway.authorizerInvoked' })).toHaveLength(1);
    // The health handler calls SQS through the AWS SDK, which the simulator does not intercept: a test handler answers as it does.
    sim.onInvoke(orders.functions.health, () => ({ statusCode: 200, body: JSON.stringify({ status: 'ok' }) }));
    const health = await sim.request(orders.api, { method: 'GET', path: '/health' });
    expect([health.status, JSON.parse(health.body)]).toEqual([200, { status: 'ok' }]);
  });

  test('a POST lands in the queue: the body is the message, X-Tenant-Id an attribute, 202 with the message id', async () => {
    const sim = ordersSimulation();
    sim.onInvoke(authorizerFunction, 'inline');
    const r = await sim.request(orders.api, { method: 'POST', path: '/orders', headers: { ...alice, 'X-Tenant-Id': 'acme' }, body: { item: 'pen', quantity: 3 } });
    const [message] = sim.queue(orders.orders).visible;
    expect([r.status, JSON.parse(r.body)]).toEqual([202, { messageId: message.messageId }]);
    expect(JSON.parse(message.body)).toEqual({ item: 'pen', quantity: 3 });
    expect(message.attributes).toEqual({ 'X-Tenant-Id': { DataType: 'String', StringValue: 'acme' } });
  });

  test('throttling: a burst of 201 orders at one instant gets 200 through and one 429; 10 ms later one more is let in', async () => {
    const sim = ordersSimulation();
    sim.onInvoke(authorizerFunction, 'inline');
    const headers = { ...alice, 'X-Tenant-Id': 'acme' };
    // The first request fills the authorizer cache; two seconds later the bucket is full again (200).
    await sim.request(orders.api, { method: 'POST', path: '/orders', headers, body: {} });
    await sim.advance(Duration.seconds(2));
    const burst = await Promise.all(Array.from({ length: 201 }, (_, i) => sim.request(orders.api, { method: 'POST', path: '/orders', headers, body: { i } })));
    expect(statuses(burst).filter((s) => s === 202)).toHaveLength(200);
    expect(statuses(burst)[200]).toBe(429);
    expect(JSON.parse(burst[200].body)).toEqual({ message: 'Too Many Requests' });
    await sim.advance(Duration.millis(10));
    expect((await sim.request(orders.api, { method: 'POST', path: '/orders', headers, body: {} })).status).toBe(202);
    expect(sim.queue(orders.orders).counts.visible).toBe(202);
  });
});

// The same API authorized by a Cognito user pool: GET needs orders/read, POST orders/write (access tokens).
const cognitoStack = new Stack(app, 'CognitoOrdersScenarios', { env: { account: '123456789012', region: 'eu-west-1' } });
const pool = new cognito.UserPool(cognitoStack, 'Users');
pool.addResourceServer('Scopes', { identifier: 'orders', scopes: ['read', 'write'].map((scopeName) => new cognito.ResourceServerScope({ scopeName, scopeDescription: scopeName })) });
pool.addClient('Shop', { oAuth: { scopes: ['read', 'write'].map((s) => cognito.OAuthScope.custom(`orders/${s}`)) } });
const getOrder = new lambda.Function(cognitoStack, 'GetOrder', {
  runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromAsset(path.join(__dirname, 'handlers', 'orders')), timeout: Duration.seconds(10),
});
const cognitoQueue = new sqs.Queue(cognitoStack, 'OrdersQueue', { encryption: sqs.QueueEncryption.SQS_MANAGED });
const cognitoApi = new AuthorizedApi(cognitoStack, 'Orders', {
  authorizer: { type: 'cognito', userPool: pool, scopes: ['orders/read'] },
  routes: {
    'GET /orders/{id}': { function: getOrder },
    'POST /orders': { queue: cognitoQueue, scopes: ['orders/write'] },
  },
});

describe('the orders API with a Cognito authorizer', () => {
  test('an access token with orders/read reads an order; expired an hour later, it is 401', async () => {
    // README: authorized-api-cognito-expiry
    const sim = Simulation.fromStack(cognitoStack);
    sim.onInvoke(getOrder, 'inline');
    const { accessToken } = await sim.cognito.signIn(pool, { username: 'alice', scopes: ['orders/read'] });
    const read = () => sim.request(cognitoApi, { method: 'GET', path: '/orders/7', headers: { Authorization: accessToken } });
    expect((await read()).status).toBe(200);
    await sim.advance(Duration.hours(1).plus(Duration.seconds(1)));
    const expired = await read();
    expect([expired.status, JSON.parse(expired.body)]).toEqual([401, { message: 'Unauthorized' }]);
    expect(sim.events({ type: 'apigateway.rejected' })[0].reason).toMatch(/Token expired at 2026-01-01T01:00:00.000Z/);
    // README: end
  });

  test('a missing scope: a token with orders/read only may not POST (orders/write), and nothing reaches the queue', async () => {
    const sim = Simulation.fromStack(cognitoStack);
    const { accessToken } = await sim.cognito.signIn(pool, { username: 'alice', scopes: ['orders/read'] });
    const place = await sim.request(cognitoApi, { method: 'POST', path: '/orders', headers: { Authorization: accessToken }, body: { item: 'pen' } });
    expect(place.status).toBe(401);
    expect(sim.queue(cognitoQueue).counts.visible).toBe(0);
    const writer = await sim.cognito.signIn(pool, { username: 'bob', scopes: ['orders/write'] });
    expect((await sim.request(cognitoApi, { method: 'POST', path: '/orders', headers: { Authorization: writer.accessToken }, body: { item: 'pen' } })).status).toBe(202);
    expect(sim.queue(cognitoQueue).counts.visible).toBe(1);
  });
});

// The same routes behind a REQUEST authorizer (X-User header, one cache entry per user and route) and behind IAM.
const otherTypes = new Stack(app, 'OtherAuthorizersScenarios', { env: { account: '123456789012', region: 'eu-west-1' } });
const byRequestFn = new lambda.Function(otherTypes, 'RequestAuthorizer', {
  runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'), timeout: Duration.seconds(10),
});
const otherOrders = new lambda.Function(otherTypes, 'GetOrder', {
  runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromAsset(path.join(__dirname, 'handlers', 'orders')), timeout: Duration.seconds(10),
});
const byRequest = new AuthorizedApi(otherTypes, 'ByRequest', {
  authorizer: { type: 'request', function: byRequestFn, identitySources: ['method.request.header.X-User'], cachePerRoute: true },
  routes: { 'GET /orders/{id}': { function: otherOrders }, 'DELETE /orders/{id}': { function: otherOrders } },
});
const byIam = new AuthorizedApi(otherTypes, 'ByIam', {
  authorizer: { type: 'iam' },
  routes: { 'GET /orders/{id}': { function: otherOrders }, 'DELETE /orders/{id}': { function: otherOrders } },
});
const reader = new iam.Role(otherTypes, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
byIam.grantInvoke(reader, 'GET /orders/{id}');

describe('the orders API with a REQUEST or an IAM authorizer', () => {
  test('cachePerRoute keys the cache by route, not by path: a policy for event.methodArn still denies /orders/2 after /orders/1', async () => {
    // GIVEN an authorizer that allows only event.methodArn, cached per user, method and resource path
    const sim = Simulation.fromStack(otherTypes);
    sim.onInvoke(otherOrders, 'inline');
    sim.onInvoke(byRequestFn, (event: RequestAuthorizerEvent) => ({
      principalId: event.headers!['X-User'],
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] },
    }));
    const call = (method: string, id: string) => sim.request(byRequest, { method, path: `/orders/${id}`, headers: { 'X-User': 'alice' } });
    // WHEN alice reads order 1, then order 2, then deletes order 1
    const responses = [await call('GET', '1'), await call('GET', '2'), await call('DELETE', '1')];
    // THEN the second read reuses the policy cached for GET /orders/{id}, which names /orders/1 (the method ARN
    // carries the path): 403. The DELETE is another route, another cache entry, another invocation.
    expect(statuses(responses)).toEqual([200, 403, 200]);
    expect(sim.events({ type: 'apigateway.authorizerInvoked' }).map((e) => e.detail?.methodArn)).toEqual([
      expect.stringMatching(/\/GET\/orders\/1$/), expect.stringMatching(/\/DELETE\/orders\/1$/),
    ]);
  });

  test('cachePerRoute with a policy for the route\'s resource (a wildcard for the path variable) lets every order through', async () => {
    const sim = Simulation.fromStack(otherTypes);
    sim.onInvoke(otherOrders, 'inline');
    sim.onInvoke(byRequestFn, (event: RequestAuthorizerEvent) => ({
      principalId: event.headers!['X-User'],
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn.replace(/\/orders\/[^/]+$/, '/orders/*') }],
      },
    }));
    const read = (id: string) => sim.request(byRequest, { method: 'GET', path: `/orders/${id}`, headers: { 'X-User': 'alice' } });
    expect(statuses([await read('1'), await read('2'), await read('3')])).toEqual([200, 200, 200]);
    expect(sim.events({ type: 'apigateway.authorizerInvoked' })).toHaveLength(1);
  });

  test('IAM: a role granted GET reads an order and is refused DELETE; an unsigned request is 403', async () => {
    const sim = Simulation.fromStack(otherTypes);
    sim.onInvoke(otherOrders, 'inline');
    const read = await sim.request(byIam, { method: 'GET', path: '/orders/3', as: reader });
    const remove = await sim.request(byIam, { method: 'DELETE', path: '/orders/3', as: reader });
    const unsigned = await sim.request(byIam, { method: 'GET', path: '/orders/3' });
    expect(statuses([read, remove, unsigned])).toEqual([200, 403, 403]);
    expect(JSON.parse(unsigned.body)).toEqual({ message: 'Missing Authentication Token' });
  });
});
