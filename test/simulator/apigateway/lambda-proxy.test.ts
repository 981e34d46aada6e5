import { App, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Simulation } from '../../../lib/simulator';
import { echo, echoed, message, testFunction } from './support';

// GIVEN, synthesized once: GET /items/{id} and POST /items to a function (timeout 10 s) with a 2 s integration
// timeout on POST, and stage variables
const stack = new Stack(new App(), 'Proxy');
const backend = testFunction(stack, 'Backend');
const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { stageName: 'v1', variables: { table: 'items-v1' } } });
const items = api.root.addResource('items');
items.addResource('{id}').addMethod('GET', new apigateway.LambdaIntegration(backend));
items.addMethod('POST', new apigateway.LambdaIntegration(backend, { timeout: Duration.seconds(2) }));

function simulation(): Simulation {
  return Simulation.fromStack(stack);
}

describe('the Lambda proxy integration', () => {
  test('the function gets the proxy event (payload 1.0) and its response goes to the client', async () => {
    const sim = simulation();
    echo(sim, backend);
    const r = await sim.request(api, {
      method: 'GET', path: '/items/abc?x=1', headers: { Accept: 'application/json', 'X-Trace': ['a', 'b'] }, sourceIp: '198.51.100.7',
    });
    const { event } = echoed(r);
    expect(event).toEqual({
      resource: '/items/{id}', path: '/items/abc', httpMethod: 'GET',
      headers: { Accept: 'application/json', 'X-Trace': 'b' }, multiValueHeaders: { Accept: ['application/json'], 'X-Trace': ['a', 'b'] },
      queryStringParameters: { x: '1' }, multiValueQueryStringParameters: { x: ['1'] }, pathParameters: { id: 'abc' },
      stageVariables: { table: 'items-v1' }, body: null, isBase64Encoded: false,
      requestContext: expect.objectContaining({
        resourcePath: '/items/{id}', httpMethod: 'GET', path: '/v1/items/abc', stage: 'v1', accountId: '123456789012', protocol: 'HTTP/1.1',
        requestId: r.requestId, requestTimeEpoch: Date.UTC(2026, 0, 1), requestTime: '01/Jan/2026:00:00:00 +0000',
        apiId: sim.apiGateway.restApi(api).id, domainName: `${sim.apiGateway.restApi(api).id}.execute-api.us-east-1.amazonaws.com`,
        identity: expect.objectContaining({ sourceIp: '198.51.100.7', caller: null, userArn: null }),
      }),
    });
    expect(event.requestContext).not.toHaveProperty('authorizer');
    expect(r.headers).toMatchObject({ 'content-type': 'application/json', 'x-amzn-RequestId': r.requestId });
  });

  test('a JSON body is sent as a string with its Content-Type; headers and multiValueHeaders of the response are merged', async () => {
    const sim = simulation();
    sim.onInvoke(backend, (e: { body: string; headers: Record<string, string> }) => ({
      statusCode: 201, headers: { Location: '/items/1' }, multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] }, body: `${e.headers['Content-Type']} ${e.body}`,
    }));
    const r = await sim.request(api, { method: 'POST', path: '/items', body: { name: 'pen' } });
    expect(r).toMatchObject({ status: 201, body: 'application/json {"name":"pen"}', headers: { Location: '/items/1', 'Set-Cookie': 'a=1,b=2', 'Content-Type': 'application/json' } });
  });

  test('fails with 502 Internal server error for a malformed proxy response', async () => {
    const sim = simulation();
    const malformed: unknown[] = [{ statusCode: '200', body: 'x' }, { statusCode: 200, body: { not: 'a string' } }, { statusCode: 200, extra: true }, 'just text', null, { statusCode: 200.5 }];
    let i = 0;
    sim.onInvoke(backend, () => malformed[i++]);
    for (const sent of malformed) {
      const r = await sim.request(api, { method: 'GET', path: '/items/1' });
      expect([sent, r.status, message(r)]).toEqual([sent, 502, { message: 'Internal server error' }]);
      await sim.advance(Duration.millis(1));
    }
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => e.reason)).toEqual([
      expect.stringMatching(/statusCode "200" is not a whole number/), expect.stringMatching(/body is an object; it must be a string/),
      expect.stringMatching(/the field extra/), expect.stringMatching(/not an object/), expect.stringMatching(/not an object/), expect.stringMatching(/200.5/),
    ]);
  });

  test('fails with 502 when the function throws or times out itself', async () => {
    const sim = simulation();
    sim.onInvoke(backend, (e: { pathParameters: { id: string } }) => {
      if (e.pathParameters.id === 'boom') throw new Error('boom');
      return { statusCode: 200 };
    }, { duration: (e: { pathParameters: { id: string } }) => Duration.seconds(e.pathParameters.id === 'slow' ? 11 : 1) });
    expect((await sim.request(api, { method: 'GET', path: '/items/boom' })).status).toBe(502);
    const slow = await sim.request(api, { method: 'GET', path: '/items/slow' });
    expect([slow.status, slow.latencyMs]).toEqual([502, 10_000]);
    expect(sim.events({ type: 'apigateway.rejected' })[1].reason).toMatch(/Sandbox.Timedout/);
  });

  test('fails with 504 Endpoint request timed out when the function outlasts the integration timeout; at the limit it answers', async () => {
    const sim = simulation();
    sim.onInvoke(backend, () => ({ statusCode: 200, body: 'ok' }), { duration: (e: { body: string }) => Duration.millis(Number(e.body)) });
    const inTime = await sim.request(api, { method: 'POST', path: '/items', body: '2000' });
    expect([inTime.status, inTime.latencyMs]).toEqual([200, 2_000]);
    const late = await sim.request(api, { method: 'POST', path: '/items', body: '2001' });
    expect([late.status, message(late), late.latencyMs]).toEqual([504, { message: 'Endpoint request timed out' }, 2_000]);
    // The function runs on (billed), its invocation ends at 2,001 ms.
    expect(sim.lambdaFunction(backend).running).toBe(2);
  });

  test('fails with 500 when Lambda throttles the invocation', async () => {
    const sim = simulation();
    sim.lambda.configure({ accountConcurrency: 1 });
    echo(sim, backend, Duration.seconds(1));
    const [first, second] = await Promise.all([sim.request(api, { method: 'GET', path: '/items/1' }), sim.request(api, { method: 'GET', path: '/items/2' })]);
    expect([first.status, second.status, message(second)]).toEqual([200, 500, { message: 'Internal server error' }]);
    expect(sim.events({ type: 'apigateway.rejected' })[0].reason).toMatch(/Lambda throttled the invocation \(ConcurrentInvocationLimitExceeded\)/);
  });

  test('counts requests, 4XX and 5XX errors and latencies per stage in AWS/ApiGateway', async () => {
    const sim = simulation();
    echo(sim, backend, Duration.millis(40));
    await sim.request(api, { method: 'GET', path: '/items/1' });
    await sim.request(api, { method: 'GET', path: '/nothing' });
    const stat = (metricName: string) => sim.metrics.find({ namespace: 'AWS/ApiGateway', metricName, dimensions: { ApiName: 'Api', Stage: 'v1' } })!.datapoints(0, 60_000, 60_000)[0];
    expect([stat('Count').sum, stat('4XXError').sum, stat('5XXError').sum, stat('Latency').maximum, stat('IntegrationLatency').sampleCount]).toEqual([2, 1, 0, 40, 1]);
  });
});

describe('the proxy event, whole', () => {
  test('GIVEN a request without headers, query string or body THEN those fields are null and the request context is complete', async () => {
    const sim = simulation();
    echo(sim, backend);
    const r = await sim.request(api, { method: 'GET', path: '/items/abc', headers: { 'User-Agent': 'curl/8' } });
    const { event } = echoed(r);
    const restApi = sim.apiGateway.restApi(api);
    const resourceId = restApi.methods.find((m) => m.routeKey === 'GET /items/{id}')!.resource!.id;
    expect(event).toEqual({
      resource: '/items/{id}', path: '/items/abc', httpMethod: 'GET',
      headers: { 'User-Agent': 'curl/8' }, multiValueHeaders: { 'User-Agent': ['curl/8'] },
      queryStringParameters: null, multiValueQueryStringParameters: null, pathParameters: { id: 'abc' },
      stageVariables: { table: 'items-v1' }, body: null, isBase64Encoded: false,
      requestContext: {
        resourceId, resourcePath: '/items/{id}', httpMethod: 'GET', extendedRequestId: r.requestId, requestTime: '01/Jan/2026:00:00:00 +0000',
        path: '/v1/items/abc', accountId: '123456789012', protocol: 'HTTP/1.1', stage: 'v1', domainPrefix: restApi.id,
        requestTimeEpoch: Date.UTC(2026, 0, 1), requestId: r.requestId, domainName: `${restApi.id}.execute-api.us-east-1.amazonaws.com`, apiId: restApi.id,
        identity: {
          cognitoIdentityPoolId: null, accountId: null, cognitoIdentityId: null, caller: null, sourceIp: '198.51.100.1', principalOrgId: null,
          accessKey: null, cognitoAuthenticationType: null, cognitoAuthenticationProvider: null, userArn: null, userAgent: 'curl/8', user: null,
        },
      },
    });
  });

  test('GIVEN a POST with a string body and repeated query values THEN the last value is the single one and the body is passed as sent', async () => {
    const sim = simulation();
    echo(sim, backend);
    const r = await sim.request(api, { method: 'POST', path: '/items?tag=a&tag=b', body: 'raw text', headers: { 'Content-Type': 'text/plain' } });
    const { event } = echoed(r);
    expect([event.queryStringParameters, event.multiValueQueryStringParameters, event.body, event.pathParameters, event.requestContext.identity.userAgent])
      .toEqual([{ tag: 'b' }, { tag: ['a', 'b'] }, 'raw text', null, null]);
  });
});

