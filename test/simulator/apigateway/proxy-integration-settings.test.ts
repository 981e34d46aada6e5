import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { Resource, apiTemplate, method, resource, stage } from './hand-template';

const FN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:backend';
const proxy = (extra: Record<string, unknown> = {}) => ({ Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', Uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN_ARN}/invocations`, ...extra } });
const sourceArn = (suffix: string) => ({ 'Fn::Join': ['', ['arn:aws:execute-api:us-east-1:123456789012:', { Ref: 'Api' }, suffix]] });

/**
 * GIVEN an API whose methods proxy to one function: GET /items/{id} (API key required, in a plan with the key
 * Alice), GET /open, GET /denied (no permission covers it), GET /short (integration timeout 50 ms); the function
 * lets API Gateway invoke it from every stage's GET /items/*, GET /open and GET /short; the stage has variables.
 */
function template() {
  const permission = (suffix: string): Resource => ({ Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: FN_ARN, Principal: 'apigateway.amazonaws.com', SourceArn: sourceArn(suffix) } });
  return apiTemplate({
    Backend: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'backend', Handler: 'index.handler', Code: { ZipFile: '' }, Timeout: 10 } },
    AllowItems: permission('/*/GET/items/*'), AllowOpen: permission('/*/GET/open'), AllowShort: permission('/*/GET/short'),
    Items: resource('items'), Item: resource('{id}', 'Items'), Open: resource('open'), Denied: resource('denied'), Short: resource('short'),
    GetItem: method('GET', { ...proxy(), ApiKeyRequired: true }, 'Item'),
    GetOpen: method('GET', proxy(), 'Open'),
    GetDenied: method('GET', proxy(), 'Denied'),
    GetShort: method('GET', proxy({ TimeoutInMillis: 50 }), 'Short'),
    Prod: stage('prod', { Variables: { table: 'orders' } }),
    Plan: { Type: 'AWS::ApiGateway::UsagePlan', Properties: { ApiStages: [{ ApiId: { Ref: 'Api' }, Stage: 'prod' }] } },
    Alice: { Type: 'AWS::ApiGateway::ApiKey', Properties: { Value: 'alice-key-value-0123456789', Enabled: true } },
    PlanAlice: { Type: 'AWS::ApiGateway::UsagePlanKey', Properties: { UsagePlanId: { Ref: 'Plan' }, KeyId: { Ref: 'Alice' }, KeyType: 'API_KEY' } },
  });
}

describe('Lambda proxy integrations read from a hand-written template', () => {
  test('the event is whole: repeated headers and query values, stage variables, the API key and its id', async () => {
    // GIVEN the API and a function recording its event
    const sim = Simulation.fromTemplate(template());
    const events: unknown[] = [];
    sim.onInvoke('Backend', (e: unknown) => {
      events.push(e);
      return { statusCode: 200, body: 'ok' };
    });
    // WHEN Alice's key calls GET /items/7 with a repeated header and query value, as a browser
    const r = await sim.request('Api', {
      method: 'get', path: '/items/7?tag=a&tag=b', headers: { 'x-api-key': 'alice-key-value-0123456789', 'X-Multi': ['1', '2'], 'User-Agent': 'ua/1' }, body: 'raw', sourceIp: '203.0.113.5',
    });
    // THEN the function got AWS's event, and the answer has API Gateway's JSON content type
    const api = sim.apiGateway.restApi('Api');
    const keyId = String(sim.template.resource('Alice')!.ref);
    expect([r.status, r.body, r.headers]).toStrictEqual([200, 'ok', { 'x-amzn-RequestId': r.requestId, 'x-amz-apigw-id': r.requestId, 'Content-Type': 'application/json' }]);
    expect(events).toStrictEqual([{
      resource: '/items/{id}', path: '/items/7', httpMethod: 'GET',
      headers: { 'x-api-key': 'alice-key-value-0123456789', 'X-Multi': '2', 'User-Agent': 'ua/1' },
      multiValueHeaders: { 'x-api-key': ['alice-key-value-0123456789'], 'X-Multi': ['1', '2'], 'User-Agent': ['ua/1'] },
      queryStringParameters: { tag: 'b' }, multiValueQueryStringParameters: { tag: ['a', 'b'] },
      pathParameters: { id: '7' }, stageVariables: { table: 'orders' },
      requestContext: {
        resourceId: String(sim.template.resource('Item')!.ref), resourcePath: '/items/{id}', httpMethod: 'GET', extendedRequestId: r.requestId,
        requestTime: '01/Jan/2026:00:00:00 +0000', path: '/prod/items/7', accountId: '123456789012', protocol: 'HTTP/1.1', stage: 'prod',
        domainPrefix: api.id, requestTimeEpoch: Date.UTC(2026, 0, 1), requestId: r.requestId,
        identity: {
          cognitoIdentityPoolId: null, accountId: null, cognitoIdentityId: null, caller: null, sourceIp: '203.0.113.5', principalOrgId: null, accessKey: null,
          cognitoAuthenticationType: null, cognitoAuthenticationProvider: null, userArn: null, userAgent: 'ua/1', user: null,
          apiKey: 'alice-key-value-0123456789', apiKeyId: keyId,
        },
        domainName: `${api.id}.execute-api.us-east-1.amazonaws.com`, apiId: api.id,
      },
      body: 'raw', isBase64Encoded: false,
    }]);
  });

  test('a content type the function sets, in any case, is kept; API Gateway adds its own only when none is set', async () => {
    // GIVEN the API and a function answering with the headers the path names
    const sim = Simulation.fromTemplate(template());
    const answers: Record<string, Record<string, string>> = { a: { 'content-type': 'text/plain' }, b: { 'CONTENT-TYPE': 'text/csv' }, c: { 'Content-Typ': 'x', 'Content-Type-X': 'y' } };
    sim.onInvoke('Backend', (e: { queryStringParameters: { h: string } }) => ({ statusCode: 200, headers: answers[e.queryStringParameters.h] }));
    // WHEN each is asked for
    const got = [];
    for (const h of ['a', 'b', 'c']) got.push((await sim.request('Api', { method: 'GET', path: '/open', query: { h } })).headers);
    // THEN only the last gets application/json
    expect(got.map((headers) => Object.entries(headers).filter(([k]) => !k.startsWith('x-amz')))).toEqual([
      [['content-type', 'text/plain']],
      [['CONTENT-TYPE', 'text/csv']],
      [['Content-Typ', 'x'], ['Content-Type-X', 'y'], ['Content-Type', 'application/json']],
    ]);
  });

  test('an async handler is awaited', async () => {
    // GIVEN an async function WHEN it is called THEN its answer is sent on
    const sim = Simulation.fromTemplate(template());
    sim.onInvoke('Backend', async () => ({ statusCode: 201, body: 'later' }), { duration: Duration.millis(30) });
    const r = await sim.request('Api', { method: 'GET', path: '/open' });
    expect([r.status, r.body, r.latencyMs]).toEqual([201, 'later', 30]);
  });

  test('fails with 500 when no permission lets API Gateway invoke the function for the method, naming why', async () => {
    // GIVEN the API and a function WHEN the method no permission covers is called
    const sim = Simulation.fromTemplate(template());
    let invoked = 0;
    sim.onInvoke('Backend', () => {
      invoked++;
      return { statusCode: 200 };
    });
    const r = await sim.request('Api', { method: 'GET', path: '/denied' });
    // THEN API Gateway answers 500 without invoking it
    const arn = `${sim.apiGateway.restApi('Api').executeArnPrefix}prod/GET/denied`;
    expect([r.status, r.body, invoked]).toEqual([500, '{"message":"Internal server error"}', 0]);
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => [e.resource, e.reason, e.detail?.responseType, e.detail?.status])).toEqual([
      ['GetDenied', `API Gateway may not invoke the function: no AWS::Lambda::Permission lets apigateway.amazonaws.com invoke Backend from ${arn}`, 'API_CONFIGURATION_ERROR', 500],
    ]);
  });

  test('fails with 504 after the integration timeout: at 50 ms the answer is sent, at 51 ms it is not', async () => {
    // GIVEN a method waiting 50 ms and a function whose duration the query string sets
    const sim = Simulation.fromTemplate(template());
    sim.onInvoke('Backend', () => ({ statusCode: 200, body: 'done' }), { duration: (e: { queryStringParameters: { ms: string } }) => Duration.millis(Number(e.queryStringParameters.ms)) });
    // WHEN it runs 50 ms, then 51 ms
    const onTime = await sim.request('Api', { method: 'GET', path: '/short', query: { ms: '50' } });
    const late = await sim.request('Api', { method: 'GET', path: '/short', query: { ms: '51' } });
    // THEN the second is 504 after 50 ms
    expect([onTime.status, onTime.latencyMs, late.status, late.body, late.latencyMs]).toEqual([200, 50, 504, '{"message":"Endpoint request timed out"}', 50]);
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => e.reason)).toEqual(['the function ran 51 ms; the integration timeout is 50 ms']);
  });

  test('findings: the method no permission covers is an error, the function outlasting GET /short a warning', () => {
    // GIVEN the API (the function may run 10 s) WHEN its findings are listed
    const sim = Simulation.fromTemplate(template());
    const prefix = sim.apiGateway.restApi('Api').executeArnPrefix;
    // THEN both are whole
    expect(sim.findings()).toEqual([
      {
        code: 'decoupled-sim:api-integration-not-invokable', severity: 'error', resources: ['Backend', 'GetDenied'],
        message: `API Gateway cannot invoke Backend for GET /denied in stage prod: no AWS::Lambda::Permission lets apigateway.amazonaws.com invoke Backend from ${prefix}prod/GET/denied; every request gets 500`,
        fix: `Add an AWS::Lambda::Permission for apigateway.amazonaws.com with SourceArn ${prefix}prod/GET/denied (LambdaIntegration adds it).`,
      },
      {
        code: 'decoupled-sim:api-function-outlasts-integration', severity: 'warning', resources: ['Backend', 'GetShort'],
        message: 'Backend may run 10 s, but GET /short waits 0.05 s: a slow request is answered 504 while the function runs on',
        fix: 'Lower the function timeout to the integration timeout (29 s by default) or less.',
      },
    ]);
  });
});
