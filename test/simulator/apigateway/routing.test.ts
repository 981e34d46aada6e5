import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Simulation } from '../../../lib/simulator';
import { echo, echoed, message, testFunction } from './support';

// GIVEN a REST API with literal, variable, greedy and ANY resources, all answered by one function (synthesized once)
const stack = new Stack(new App(), 'Routes');
const fn = testFunction(stack, 'Echo');
const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { stageName: 'prod' } });
const integration = new apigateway.LambdaIntegration(fn);
api.root.addMethod('GET', integration);
const orders = api.root.addResource('orders');
orders.addMethod('GET', integration);
orders.addResource('{id}').addMethod('GET', integration);
orders.addResource('special').addMethod('GET', integration);
api.root.addResource('files').addResource('{proxy+}').addMethod('ANY', integration);
api.root.addResource('anything').addMethod('ANY', integration);

function simulation(): Simulation {
  const sim = Simulation.fromStack(stack);
  echo(sim, fn);
  return sim;
}

describe('routing a request through the resource tree', () => {
  test('a path variable takes its segment; the root path is /', async () => {
    const sim = simulation();
    expect(echoed(await sim.request(api, { method: 'GET', path: '/orders/42' }))).toMatchObject({ resource: '/orders/{id}', path: '/orders/42', pathParameters: { id: '42' } });
    expect(echoed(await sim.request(api, { method: 'GET', path: '/' }))).toMatchObject({ resource: '/', pathParameters: null });
  });

  test('a literal part wins over a variable one', async () => {
    const sim = simulation();
    expect(echoed(await sim.request(api, { method: 'GET', path: '/orders/special' }))).toMatchObject({ resource: '/orders/special', pathParameters: null });
  });

  test('a greedy variable takes the rest of the path, one segment or more', async () => {
    const sim = simulation();
    expect(echoed(await sim.request(api, { method: 'PUT', path: '/files/a/b/c.txt' }))).toMatchObject({ resource: '/files/{proxy+}', httpMethod: 'PUT', pathParameters: { proxy: 'a/b/c.txt' } });
    expect(echoed(await sim.request(api, { method: 'GET', path: '/files/x' }))).toMatchObject({ pathParameters: { proxy: 'x' } });
    expect((await sim.request(api, { method: 'GET', path: '/files' })).status).toBe(403);
  });

  test('ANY answers every HTTP method, which the event names', async () => {
    const sim = simulation();
    for (const method of ['GET', 'DELETE', 'PATCH']) {
      expect(echoed(await sim.request(api, { method, path: '/anything' }))).toMatchObject({ resource: '/anything', httpMethod: method });
    }
  });

  test('a trailing slash and empty segments do not change the route; a query string in the path is read', async () => {
    const sim = simulation();
    const got = echoed(await sim.request(api, { method: 'GET', path: '/orders//42/?color=red&size=s&size=m', query: { page: '2' } }));
    expect(got).toMatchObject({ resource: '/orders/{id}', pathParameters: { id: '42' } });
    expect(got.event.queryStringParameters).toEqual({ color: 'red', size: 'm', page: '2' });
    expect(got.event.multiValueQueryStringParameters).toEqual({ color: ['red'], size: ['s', 'm'], page: ['2'] });
  });

  test('fails with 403 Missing Authentication Token for a path no resource matches, or a method the resource lacks', async () => {
    const sim = simulation();
    for (const [method, path] of [['GET', '/nope'], ['POST', '/orders'], ['GET', '/orders/42/items']]) {
      const r = await sim.request(api, { method, path });
      expect([method, path, r.status, message(r), r.headers['x-amzn-ErrorType']]).toEqual([method, path, 403, { message: 'Missing Authentication Token' }, 'MissingAuthenticationTokenException']);
    }
    const [rejected] = sim.events({ type: 'apigateway.rejected' });
    expect(rejected).toMatchObject({ resource: sim.apiGateway.restApi(api).logicalId, reason: expect.stringMatching(/^no method GET on \/nope/), detail: { responseType: 'MISSING_AUTHENTICATION_TOKEN', status: 403 } });
    expect(sim.lambdaFunction(fn).metrics.view().totals.invocations).toBe(0);
  });

  test('the API can be named by construct, path or logical id, and the stage by name', async () => {
    const sim = simulation();
    const logicalId = sim.apiGateway.restApi(api).logicalId;
    for (const ref of [api, 'Api', logicalId]) expect((await sim.request(ref, { method: 'GET', path: '/', stage: 'prod' })).status).toBe(200);
    await expect(sim.request(api, { method: 'GET', path: '/', stage: 'beta' })).rejects.toThrow(/has no stage beta \(it has prod\)/);
  });
});
