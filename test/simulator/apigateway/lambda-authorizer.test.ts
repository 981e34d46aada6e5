import { App, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Simulation } from '../../../lib/simulator';
import { echo, echoed, message, policy, testFunction } from './support';

// GIVEN, synthesized once: a TOKEN authorizer (cache 300 s, tokens "Bearer <word>") in front of GET /orders,
// GET /orders/{id} and DELETE /orders/{id}; a REQUEST authorizer (header X-User and query string tenant) in front
// of GET /reports; a TOKEN authorizer without cache in front of GET /live
const stack = new Stack(new App(), 'Authorizers');
const backend = testFunction(stack, 'Backend');
// A timeout above API Gateway's 29 s wait: the rule the AuthorizedApi pattern enforces, broken here on purpose.
const tokenFn = testFunction(stack, 'TokenAuth', Duration.seconds(60));
const requestFn = testFunction(stack, 'RequestAuth');
const uncachedFn = testFunction(stack, 'UncachedAuth');
const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { stageName: 'prod' } });
const integration = new apigateway.LambdaIntegration(backend);
const token = new apigateway.TokenAuthorizer(stack, 'Token', { handler: tokenFn, validationRegex: '^Bearer \\w+$', resultsCacheTtl: Duration.minutes(5) });
const request = new apigateway.RequestAuthorizer(stack, 'Request', {
  handler: requestFn, identitySources: [apigateway.IdentitySource.header('X-User'), apigateway.IdentitySource.queryString('tenant')], resultsCacheTtl: Duration.minutes(5),
});
const uncached = new apigateway.TokenAuthorizer(stack, 'Uncached', { handler: uncachedFn, resultsCacheTtl: Duration.seconds(0) });
const orders = api.root.addResource('orders');
orders.addMethod('GET', integration, { authorizer: token });
const order = orders.addResource('{id}');
order.addMethod('GET', integration, { authorizer: token });
order.addMethod('DELETE', integration, { authorizer: token });
api.root.addResource('reports').addMethod('GET', integration, { authorizer: request });
api.root.addResource('live').addMethod('GET', integration, { authorizer: uncached });

const bearer = (user: string) => ({ Authorization: `Bearer ${user}` });

function simulation(): Simulation {
  const sim = Simulation.fromStack(stack);
  echo(sim, backend);
  return sim;
}

/** ARN of a method of the simulated API: `arn:aws:execute-api:us-east-1:123456789012:{id}/prod/GET/orders/1`. */
function arnOf(sim: Simulation, suffix: string): string {
  return `${sim.apiGateway.restApi(api).executeArnPrefix}prod/${suffix}`;
}

describe('a TOKEN authorizer', () => {
  test('gets AWS\'s event: type, the token and the method ARN of the request (its path, not its resource)', async () => {
    const sim = simulation();
    const events: unknown[] = [];
    sim.onInvoke(tokenFn, (e: { methodArn: string }) => {
      events.push(e);
      return policy('alice', 'Allow', e.methodArn);
    });
    expect((await sim.request(api, { method: 'GET', path: '/orders/7', headers: bearer('alice') })).status).toBe(200);
    expect(events).toEqual([{ type: 'TOKEN', authorizationToken: 'Bearer alice', methodArn: arnOf(sim, 'GET/orders/7') }]);
  });

  test('fails with 401 without invoking the function when the header is missing, empty, or does not match validationRegex', async () => {
    const sim = simulation();
    let calls = 0;
    sim.onInvoke(tokenFn, (e: { methodArn: string }) => {
      calls++;
      return policy('u', 'Allow', e.methodArn);
    });
    for (const headers of [{}, { Authorization: '' }, { Authorization: 'Basic abc' }, { Authorization: 'Bearer a b' }] as Record<string, string>[]) {
      const r = await sim.request(api, { method: 'GET', path: '/orders', headers });
      expect([r.status, message(r), r.headers['x-amzn-ErrorType']]).toEqual([401, { message: 'Unauthorized' }, 'UnauthorizedException']);
    }
    expect(calls).toBe(0);
    // The header name is case-insensitive; a token matching the expression reaches the function.
    expect((await sim.request(api, { method: 'GET', path: '/orders', headers: { authorization: 'Bearer bob' } })).status).toBe(200);
    expect(calls).toBe(1);
  });

  test('caches the answer per token for the TTL: invoked again at 300 s, not at 299.999 s', async () => {
    const sim = simulation();
    sim.onInvoke(tokenFn, () => policy('alice', 'Allow', arnOf(sim, '*/*')));
    const get = () => sim.request(api, { method: 'GET', path: '/orders', headers: bearer('alice') });
    await get();
    await sim.advance(Duration.millis(299_999));
    await get();
    expect(sim.events({ type: 'apigateway.authorizerInvoked' })).toHaveLength(1);
    expect(sim.events({ type: 'apigateway.authorizerCacheHit' })).toHaveLength(1);
    await sim.advance(Duration.millis(1));
    await get();
    expect(sim.events({ type: 'apigateway.authorizerInvoked' })).toHaveLength(2);
    // Another token is another entry.
    await sim.request(api, { method: 'GET', path: '/orders', headers: bearer('bob') });
    expect(sim.events({ type: 'apigateway.authorizerInvoked' })).toHaveLength(3);
  });

  test('the cache pitfall: a policy for the first method only denies the next, different method from the cache', async () => {
    // GIVEN an authorizer that allows exactly the method ARN it was called for (a common mistake)
    const sim = simulation();
    sim.onInvoke(tokenFn, (e: { methodArn: string }) => policy('alice', 'Allow', e.methodArn));
    // WHEN alice reads order 1, then order 2, then deletes order 1
    const first = await sim.request(api, { method: 'GET', path: '/orders/1', headers: bearer('alice') });
    const second = await sim.request(api, { method: 'GET', path: '/orders/2', headers: bearer('alice') });
    const third = await sim.request(api, { method: 'DELETE', path: '/orders/1', headers: bearer('alice') });
    // THEN only the first is allowed: the cached policy names /prod/GET/orders/1 alone
    expect([first.status, second.status, third.status]).toEqual([200, 403, 403]);
    expect(message(second)).toEqual({ Message: 'User is not authorized to access this resource' });
    expect(second.headers['x-amzn-ErrorType']).toBe('AccessDeniedException');
    expect(sim.events({ type: 'apigateway.authorizerInvoked' })).toHaveLength(1);
    // AND after the TTL the authorizer runs again, and allows the method it is now called for
    await sim.advance(Duration.minutes(5));
    expect((await sim.request(api, { method: 'DELETE', path: '/orders/1', headers: bearer('alice') })).status).toBe(200);
  });

  test('the fix: a policy for the whole API holds for every method while cached', async () => {
    const sim = simulation();
    sim.onInvoke(tokenFn, (e: { methodArn: string }) => {
      const [apiArn, stage] = e.methodArn.split('/');
      return policy('alice', 'Allow', `${apiArn}/${stage}/*/*`);
    });
    const statuses = [];
    for (const [method, path] of [['GET', '/orders/1'], ['GET', '/orders/2'], ['DELETE', '/orders/1'], ['GET', '/orders']]) {
      statuses.push((await sim.request(api, { method, path, headers: bearer('alice') })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(sim.events({ type: 'apigateway.authorizerInvoked' })).toHaveLength(1);
  });

  test('an explicit Deny wins over an Allow, with AWS\'s explicit-deny message; wildcards match across the path', async () => {
    const sim = simulation();
    sim.onInvoke(tokenFn, () => ({
      principalId: 'carol',
      policyDocument: { Version: '2012-10-17', Statement: [
        { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: arnOf(sim, '*') },
        { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: arnOf(sim, 'DELETE/orders/*') },
      ] },
    }));
    expect((await sim.request(api, { method: 'GET', path: '/orders/9', headers: bearer('carol') })).status).toBe(200);
    const denied = await sim.request(api, { method: 'DELETE', path: '/orders/9', headers: bearer('carol') });
    expect([denied.status, message(denied)]).toEqual([403, { Message: 'User is not authorized to access this resource with an explicit deny' }]);
    expect(sim.events({ type: 'apigateway.rejected' })[0]).toMatchObject({ detail: { responseType: 'ACCESS_DENIED' }, reason: expect.stringMatching(/denies .*DELETE\/orders\/9$/) });
  });

  test('the authorizer\'s context reaches the integration as strings, with the principalId', async () => {
    const sim = simulation();
    sim.onInvoke(tokenFn, () => policy('alice', 'Allow', arnOf(sim, '*'), { tenant: 't-1', tier: 3, admin: false }));
    const got = echoed(await sim.request(api, { method: 'GET', path: '/orders', headers: bearer('alice') }));
    expect(got.event.requestContext.authorizer).toEqual({ principalId: 'alice', tenant: 't-1', tier: '3', admin: 'false' });
  });

  test('fails with 401 when the function throws Unauthorized, and does not cache it', async () => {
    const sim = simulation();
    sim.onInvoke(tokenFn, () => {
      throw new Error('Unauthorized');
    });
    for (let i = 0; i < 2; i++) expect((await sim.request(api, { method: 'GET', path: '/orders', headers: bearer('mallory') })).status).toBe(401);
    expect(sim.events({ type: 'apigateway.authorizerInvoked' })).toHaveLength(2);
  });

  test('fails with 500 for another error, a timeout, or a malformed answer, which is not cached', async () => {
    const sim = simulation();
    const answers: (() => unknown)[] = [
      () => {
        throw new Error('database down');
      },
      () => ({ policyDocument: { Statement: [] } }),
      () => ({ principalId: 'a', policyDocument: { Statement: [{ Effect: 'Maybe', Action: 'execute-api:Invoke', Resource: '*' }] } }),
      () => policy('a', 'Allow', '*', { nested: { no: 'objects' } }),
      () => 'Allow',
    ];
    let i = 0;
    sim.onInvoke(tokenFn, () => answers[i++]());
    for (let n = 0; n < answers.length; n++) {
      const r = await sim.request(api, { method: 'GET', path: '/orders', headers: bearer('alice') });
      expect([n, r.status, message(r), r.headers['x-amzn-ErrorType']]).toEqual([n, 500, { message: null }, 'AuthorizerConfigurationException']);
    }
    expect(sim.events({ type: 'apigateway.authorizerInvoked' })).toHaveLength(answers.length);
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => e.reason)).toEqual([
      expect.stringMatching(/failed: Error: database down/), expect.stringMatching(/principalId is missing/), expect.stringMatching(/statement 0 needs Effect/),
      expect.stringMatching(/context.nested is .* must be strings, numbers or booleans/), expect.stringMatching(/expected an object/),
    ]);
    // A function running past API Gateway's wait (29 s) is a failure too; at 29 s it still answers.
    sim.onInvoke(tokenFn, () => policy('a', 'Allow', '*'), { duration: (e: { authorizationToken: string }) => Duration.millis(e.authorizationToken === 'Bearer slow' ? 29_001 : 29_000) });
    const slow = await sim.request(api, { method: 'GET', path: '/orders', headers: bearer('slow') });
    expect([slow.status, slow.headers['x-amzn-ErrorType'], slow.latencyMs]).toEqual([500, 'AuthorizerFailureException', 29_000]);
    expect((await sim.request(api, { method: 'GET', path: '/orders', headers: bearer('intime') })).status).toBe(200);
  });

  test('an async handler is awaited; a TTL of 0 invokes the function for every request', async () => {
    const sim = simulation();
    sim.onInvoke(uncachedFn, async (e: { methodArn: string }) => policy('alice', 'Allow', e.methodArn));
    for (let i = 0; i < 3; i++) expect((await sim.request(api, { method: 'GET', path: '/live', headers: bearer('alice') })).status).toBe(200);
    expect(sim.events({ type: 'apigateway.authorizerInvoked' })).toHaveLength(3);
  });

  test('adds the authorizer\'s latency to the request\'s', async () => {
    const sim = simulation();
    sim.onInvoke(tokenFn, () => policy('alice', 'Allow', arnOf(sim, '*')), { duration: Duration.millis(120) });
    echo(sim, backend, Duration.millis(30));
    expect((await sim.request(api, { method: 'GET', path: '/orders', headers: bearer('alice') })).latencyMs).toBe(150);
    await sim.advance(Duration.seconds(1));
    expect((await sim.request(api, { method: 'GET', path: '/orders', headers: bearer('alice') })).latencyMs).toBe(30);
  });
});

describe('a REQUEST authorizer', () => {
  test('gets the request (headers, query string, path, context) with the method ARN', async () => {
    const sim = simulation();
    const events: Record<string, any>[] = [];
    sim.onInvoke(requestFn, (e: Record<string, any>) => {
      events.push(e);
      return policy('u1', 'Allow', e.methodArn);
    });
    await sim.request(api, { method: 'GET', path: '/reports?tenant=acme', headers: { 'X-User': 'u1' }, sourceIp: '203.0.113.9' });
    expect(events[0]).toMatchObject({
      type: 'REQUEST', methodArn: arnOf(sim, 'GET/reports'), resource: '/reports', path: '/reports', httpMethod: 'GET',
      headers: { 'X-User': 'u1' }, queryStringParameters: { tenant: 'acme' }, pathParameters: null,
      requestContext: { stage: 'prod', resourcePath: '/reports', identity: { sourceIp: '203.0.113.9' } },
    });
  });

  test('fails with 401 without invoking when an identity source is missing; caches by all of them together', async () => {
    const sim = simulation();
    sim.onInvoke(requestFn, (e: { methodArn: string }) => policy('u', 'Allow', e.methodArn));
    expect((await sim.request(api, { method: 'GET', path: '/reports', headers: { 'X-User': 'u1' } })).status).toBe(401);
    expect((await sim.request(api, { method: 'GET', path: '/reports?tenant=acme' })).status).toBe(401);
    expect(sim.events({ type: 'apigateway.authorizerInvoked' })).toHaveLength(0);
    for (const tenant of ['acme', 'acme', 'globex']) await sim.request(api, { method: 'GET', path: `/reports?tenant=${tenant}`, headers: { 'X-User': 'u1' } });
    expect(sim.events({ type: 'apigateway.authorizerInvoked' })).toHaveLength(2);
  });
});

describe('the authorizer\'s invocation', () => {
  test('fails with 500 when the function\'s permissions do not let API Gateway invoke it, and findings() says so', async () => {
    // GIVEN the template without the permission TokenAuthorizer adds for API Gateway
    const original = Simulation.fromStack(stack);
    const [backendId, tokenId, apiId] = [original.lambdaFunction(backend).logicalId, original.lambdaFunction(tokenFn).logicalId, original.apiGateway.restApi(api).logicalId];
    const json = JSON.parse(JSON.stringify(original.template.template)) as { Resources: Record<string, { Type: string; Properties: { FunctionName?: unknown } }> };
    const permission = Object.entries(json.Resources).find(([, r]) => r.Type === 'AWS::Lambda::Permission' && JSON.stringify(r.Properties.FunctionName).includes(tokenId))![0];
    delete json.Resources[permission];
    const sim = Simulation.fromTemplate(json as never, { stackName: 'Authorizers' });
    echo(sim, backendId);
    sim.onInvoke(tokenId, () => policy('a', 'Allow', '*'));
    // WHEN a request comes
    const r = await sim.request(apiId, { method: 'GET', path: '/orders', headers: bearer('alice') });
    // THEN API Gateway answers 500, and the findings name the authorizer
    expect([r.status, message(r)]).toEqual([500, { message: null }]);
    expect(sim.findings()).toEqual([expect.objectContaining({ code: 'decoupled-sim:api-authorizer-not-invokable', severity: 'error', message: expect.stringMatching(/no AWS::Lambda::Permission lets apigateway.amazonaws.com invoke/) })]);
  });
});

describe('the authorizer cache\'s scope', () => {
  test('an answer is cached per stage: the same token on another stage of the API invokes the authorizer again', async () => {
    // GIVEN an API with the stages prod and beta, one cached TOKEN authorizer
    const staged = new Stack(new App(), 'Staged');
    const fn = testFunction(staged, 'Backend');
    const auth = testFunction(staged, 'Auth');
    const rest = new apigateway.RestApi(staged, 'Api', { deployOptions: { stageName: 'prod' } });
    // scopePermissionToMethod: false lets every stage invoke the function (by default only the deployment stage may).
    rest.root.addMethod('GET', new apigateway.LambdaIntegration(fn, { scopePermissionToMethod: false }), { authorizer: new apigateway.TokenAuthorizer(staged, 'Token', { handler: auth }) });
    new apigateway.Stage(staged, 'Beta', { deployment: rest.latestDeployment!, stageName: 'beta' });
    const sim = Simulation.fromStack(staged);
    echo(sim, fn);
    sim.onInvoke(auth, (e: { methodArn: string }) => policy('alice', 'Allow', `${e.methodArn.split('/')[0]}/*`));
    // WHEN alice calls prod twice, then beta twice
    const statuses: number[] = [];
    for (const stage of ['prod', 'prod', 'beta', 'beta']) statuses.push((await sim.request(rest, { method: 'GET', path: '/', stage, headers: bearer('alice') })).status);
    // THEN one invocation per stage, the second call of each from the cache
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(sim.events({ type: 'apigateway.authorizerInvoked' }).map((e) => (e.detail?.methodArn as string).split('/')[1])).toEqual(['prod', 'beta']);
    expect(sim.events({ type: 'apigateway.authorizerCacheHit' })).toHaveLength(2);
  });
});

describe('the authorizer\'s refusals, each with its whole reason', () => {
  const rejections = (sim: Simulation) => sim.events({ type: 'apigateway.rejected' }).map((e) => [e.reason, e.detail?.responseType]);

  test('fails with 401 naming the missing identity source or the validation expression', async () => {
    const sim = simulation();
    sim.onInvoke(tokenFn, (e: { methodArn: string }) => policy('u', 'Allow', e.methodArn));
    sim.onInvoke(requestFn, (e: { methodArn: string }) => policy('u', 'Allow', e.methodArn));
    await sim.request(api, { method: 'GET', path: '/orders' });
    await sim.request(api, { method: 'GET', path: '/orders', headers: { Authorization: 'Basic x' } });
    await sim.request(api, { method: 'GET', path: '/reports', headers: { 'X-User': 'u1' } });
    await sim.request(api, { method: 'GET', path: '/reports?tenant=acme', headers: { 'X-User': '' } });
    expect(rejections(sim)).toEqual([
      ['the identity source method.request.header.Authorization is missing or empty', 'UNAUTHORIZED'],
      ['the token does not match the IdentityValidationExpression ^(?:^Bearer \\w+$)$', 'UNAUTHORIZED'],
      ['the identity source method.request.querystring.tenant is missing or empty', 'UNAUTHORIZED'],
      ['the identity source method.request.header.X-User is missing or empty', 'UNAUTHORIZED'],
    ]);
  });

  test('fails with the function\'s error, Unauthorized, a denial or a malformed answer, each named', async () => {
    const sim = simulation();
    const answers: (() => unknown)[] = [
      () => {
        throw new Error('Unauthorized');
      },
      () => {
        throw new RangeError('database down');
      },
      () => policy('alice', 'Deny', arnOf(sim, 'GET/orders')),
      () => policy('bob', 'Allow', arnOf(sim, 'DELETE/*')),
      () => null,
      () => ({ principalId: 'a' }),
      () => ({ principalId: 'a', policyDocument: { Statement: { Effect: 'Allow', Action: 'execute-api:Invoke' } } }),
      () => ({ ...policy('a', 'Allow', '*'), context: 'text' }),
      () => ({ ...policy('a', 'Allow', '*'), context: [1] }),
    ];
    let i = 0;
    sim.onInvoke(tokenFn, () => answers[i++]());
    for (let n = 0; n < answers.length; n++) await sim.request(api, { method: 'GET', path: '/orders', headers: bearer(`user${n}`) });
    expect(rejections(sim)).toEqual([
      ['the authorizer function answered Unauthorized', 'UNAUTHORIZED'],
      ['the authorizer function failed: RangeError: database down', 'AUTHORIZER_CONFIGURATION_ERROR'],
      [`the authorizer's policy for alice denies ${arnOf(sim, 'GET/orders')}`, 'ACCESS_DENIED'],
      [`the authorizer's policy for bob does not allow ${arnOf(sim, 'GET/orders')}`, 'ACCESS_DENIED'],
      ['the authorizer\'s answer is malformed (not cached): expected an object with principalId and policyDocument, got null', 'AUTHORIZER_CONFIGURATION_ERROR'],
      ['the authorizer\'s answer is malformed (not cached): policyDocument has no Statement', 'AUTHORIZER_CONFIGURATION_ERROR'],
      ['the authorizer\'s answer is malformed (not cached): statement 0 needs Effect (Allow or Deny), Action and Resource: {"Effect":"Allow","Action":"execute-api:Invoke"}', 'AUTHORIZER_CONFIGURATION_ERROR'],
      ['the authorizer\'s answer is malformed (not cached): context is not an object', 'AUTHORIZER_CONFIGURATION_ERROR'],
      ['the authorizer\'s answer is malformed (not cached): context is not an object', 'AUTHORIZER_CONFIGURATION_ERROR'],
    ]);
  });

  test('a numeric principalId and scalar context values reach the integration as strings', async () => {
    const sim = simulation();
    sim.onInvoke(tokenFn, (e: { methodArn: string }) => ({ ...policy('x', 'Allow', e.methodArn), principalId: 42, context: { n: 1, b: false, s: 'v' } }));
    const r = await sim.request(api, { method: 'GET', path: '/orders', headers: bearer('alice') });
    expect(echoed(r).event.requestContext.authorizer).toEqual({ principalId: '42', n: '1', b: 'false', s: 'v' });
  });

  test('fails with 500 when the function takes longer than API Gateway waits, naming both durations', async () => {
    const sim = simulation();
    sim.onInvoke(tokenFn, () => policy('a', 'Allow', '*'), { duration: Duration.millis(29_001) });
    await sim.request(api, { method: 'GET', path: '/orders', headers: bearer('slow') });
    expect(rejections(sim)).toEqual([['the authorizer function took 29001 ms; API Gateway waits 29000 ms', 'AUTHORIZER_FAILURE']]);
  });
});
