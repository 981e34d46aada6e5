import { Simulation } from '../../../lib/simulator';
import { apiTemplate, method, mock, ofApi, resource, stage } from './hand-template';

const OK = mock({}, [{ StatusCode: '200' }]);
const ONLY_404 = mock({}, [{ StatusCode: '404', SelectionPattern: '404' }]);

/**
 * GIVEN an API whose DEFAULT_4XX answer is 400 with a header from the query string and a text template, whose
 * DEFAULT_5XX has only a static header (no template, no status), and whose THROTTLED answer has a JSON template
 * reading $context.error; GET / answers, GET /broken has no default integration response (500), GET /slow is
 * throttled (burst 0), GET /bad-param requires a header.
 */
function responsesTemplate() {
  return apiTemplate({
    Get: method('GET', OK),
    Broken: resource('broken'), GetBroken: method('GET', ONLY_404, 'Broken'),
    Slow: resource('slow'), GetSlow: method('GET', OK, 'Slow'),
    Four: ofApi('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_4XX', StatusCode: '400',
      ResponseParameters: { 'gatewayresponse.header.X-From-Query': 'method.request.querystring.trace', 'gatewayresponse.header.X-Missing': 'method.request.header.nope', 'gatewayresponse.header.X-Path': 'method.request.path.id', 'method.response.header.Ignored': '\'x\'' },
      ResponseTemplates: { 'text/plain': '$context.error.responseType: $context.error.message' },
    }),
    Five: ofApi('AWS::ApiGateway::GatewayResponse', { ResponseType: 'DEFAULT_5XX', ResponseParameters: { 'gatewayresponse.header.Retry-After': '\'5\'' } }),
    Throttled: ofApi('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'THROTTLED',
      ResponseTemplates: { 'text/html': '<p>ignored</p>', 'application/json': '{"m":$context.error.messageString,"id":"$context.requestId","ip":"$context.identity.sourceIp","q":"$input.params(\'trace\')","h":"$input.params().header.get(\'X-H\')"}' },
    }),
    Prod: stage('prod', { MethodSettings: [{ ResourcePath: '/~1slow', HttpMethod: 'GET', ThrottlingBurstLimit: 0, ThrottlingRateLimit: 0 }] }),
  });
}

describe('gateway responses read from a hand-written template', () => {
  test('DEFAULT_4XX shapes a 403 it has no own setting for: its status, headers from the request, its only template', async () => {
    // GIVEN the API WHEN a path no method matches is called with the query string the header reads
    const sim = Simulation.fromTemplate(responsesTemplate());
    const r = await sim.request('Api', { method: 'GET', path: '/nowhere?trace=t-1' });
    // THEN the answer is DEFAULT_4XX's
    expect([r.status, r.body, r.headers]).toStrictEqual([400, 'MISSING_AUTHENTICATION_TOKEN: Missing Authentication Token', {
      'Content-Type': 'application/json', 'x-amzn-ErrorType': 'MissingAuthenticationTokenException', 'X-From-Query': 't-1', 'x-amzn-RequestId': r.requestId, 'x-amz-apigw-id': r.requestId,
    }]);
  });

  test('DEFAULT_5XX without a template or status keeps the default body and status, adding its header', async () => {
    // GIVEN the API WHEN the method without a matching integration response is called
    const sim = Simulation.fromTemplate(responsesTemplate());
    const r = await sim.request('Api', { method: 'GET', path: '/broken' });
    // THEN 500 with the default body and the static header
    expect([r.status, r.body, r.headers['Retry-After'], r.headers['x-amzn-ErrorType']]).toEqual([500, '{"message":"Internal server error"}', '5', 'InternalServerErrorException']);
  });

  test('a type\'s own setting wins over DEFAULT_4XX; its JSON template reads the error, the context and the request', async () => {
    // GIVEN the API WHEN the throttled method is called
    const sim = Simulation.fromTemplate(responsesTemplate());
    const r = await sim.request('Api', { method: 'GET', path: '/slow', query: { trace: 'q-1' }, headers: { 'x-h': 'hv' } });
    // THEN the THROTTLED setting answers with the default 429 and its JSON template (not the HTML one)
    expect([r.status, JSON.parse(r.body), r.headers['X-From-Query']]).toEqual([429, { m: 'Too Many Requests', id: r.requestId, ip: '198.51.100.1', q: 'q-1', h: 'hv' }, undefined]);
    // AND the method that answers is untouched
    expect((await sim.request('Api', { method: 'GET', path: '/' })).status).toBe(200);
  });
});

const ANY = { AWS: '*' };

describe('the resource policy', () => {
  test('a single Statement object with execute-api:/ shorthand allows only what it names', async () => {
    // GIVEN an API whose policy (one statement, not a list) allows GET /open on any stage
    const sim = Simulation.fromTemplate(apiTemplate({
      Open: resource('open'), Closed: resource('closed'),
      GetOpen: method('GET', OK, 'Open'), GetClosed: method('GET', OK, 'Closed'), Prod: stage('prod'),
    }, { Policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: ANY, Action: 'execute-api:Invoke', Resource: 'execute-api:/*/GET/open' } } }));
    // WHEN both methods are called
    const open = await sim.request('Api', { method: 'GET', path: '/open' });
    const closed = await sim.request('Api', { method: 'GET', path: '/closed' });
    // THEN the named one passes, the other is 403 with AWS's message naming the method ARN
    const arn = `${sim.apiGateway.restApi('Api').executeArnPrefix}prod/GET/closed`;
    expect([open.status, closed.status, JSON.parse(closed.body)]).toEqual([200, 403, { Message: `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${arn}` }]);
    expect(sim.apiGateway.restApi('Api').policy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: ANY, Action: 'execute-api:Invoke', Resource: `${sim.apiGateway.restApi('Api').executeArnPrefix}*/GET/open` }],
    });
  });

  test('NotResource and lists are written out too; a deny through a VPC endpoint condition reads aws:SourceVpce', async () => {
    // GIVEN a policy allowing everything listed, and denying all but GET /public to requests not from vpce-1
    const sim = Simulation.fromTemplate(apiTemplate({
      Public: resource('public'), Private: resource('private'),
      GetPublic: method('GET', OK, 'Public'), GetPrivate: method('GET', OK, 'Private'), Prod: stage('prod'),
    }, { Policy: { Statement: [
      { Effect: 'Allow', Principal: ANY, Action: 'execute-api:Invoke', Resource: ['execute-api:/*/GET/public', 'execute-api:/*/GET/private', 'arn:aws:execute-api:us-east-1:123456789012:other/*'] },
      { Effect: 'Deny', Principal: ANY, Action: 'execute-api:Invoke', NotResource: 'execute-api:/*/GET/public', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } },
    ] } }));
    // WHEN the private method is called through vpce-1, through another endpoint and directly, and the public one directly
    const through = await sim.request('Api', { method: 'GET', path: '/private', sourceVpce: 'vpce-1' });
    const other = await sim.request('Api', { method: 'GET', path: '/private', sourceVpce: 'vpce-2' });
    const direct = await sim.request('Api', { method: 'GET', path: '/private' });
    const pub = await sim.request('Api', { method: 'GET', path: '/public' });
    // THEN only the endpoint the policy names reaches the private method; the denial is explicit
    const prefix = sim.apiGateway.restApi('Api').executeArnPrefix;
    expect([through.status, other.status, direct.status, pub.status]).toEqual([200, 403, 403, 200]);
    expect(JSON.parse(other.body)).toEqual({ Message: `User: anonymous is not authorized to perform: execute-api:Invoke on resource: ${prefix}prod/GET/private with an explicit deny` });
    expect((sim.apiGateway.restApi('Api').policy as { Statement: unknown[] }).Statement).toEqual([
      { Effect: 'Allow', Principal: ANY, Action: 'execute-api:Invoke', Resource: [`${prefix}*/GET/public`, `${prefix}*/GET/private`, 'arn:aws:execute-api:us-east-1:123456789012:other/*'] },
      { Effect: 'Deny', Principal: ANY, Action: 'execute-api:Invoke', NotResource: `${prefix}*/GET/public`, Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } },
    ]);
  });

  test('a policy without statements allows nothing; an API without a policy has none', async () => {
    // GIVEN an API with an empty policy and one without
    const empty = Simulation.fromTemplate(apiTemplate({ Get: method('GET', OK), Prod: stage('prod') }, { Policy: { Version: '2012-10-17' } }));
    const none = Simulation.fromTemplate(apiTemplate({ Get: method('GET', OK), Prod: stage('prod') }));
    // WHEN each is called THEN the empty policy refuses, the absent one lets through
    expect([(await empty.request('Api', { method: 'GET', path: '/' })).status, (await none.request('Api', { method: 'GET', path: '/' })).status]).toEqual([403, 200]);
    expect([empty.apiGateway.restApi('Api').policy, none.apiGateway.restApi('Api').policy]).toEqual([{ Version: '2012-10-17', Statement: [] }, undefined]);
  });

  test('a request is over HTTPS from its address; a signed one carries its account: conditions on them decide', async () => {
    // GIVEN a policy allowing HTTPS requests from 192.0.2.0/24 to GET /, and signed ones of the account (its principal and its aws:PrincipalAccount) to the IAM method GET /iam
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const sim = Simulation.fromTemplate(apiTemplate({
      Get: method('GET', OK), Iam: resource('iam'), GetIam: method('GET', { ...OK, AuthorizationType: 'AWS_IAM' }, 'Iam'), Prod: stage('prod'),
      Bare: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust } },
    }, { Policy: { Statement: [
      { Effect: 'Allow', Principal: ANY, Action: 'execute-api:Invoke', Resource: 'execute-api:/*/GET/', Condition: { Bool: { 'aws:SecureTransport': 'true' }, IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } } },
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'execute-api:Invoke', Resource: 'execute-api:/*/GET/iam', Condition: { StringEquals: { 'aws:PrincipalAccount': '123456789012' } } },
    ] } }));
    // WHEN GET / comes from inside and outside the range, and GET /iam is called signed by a role without policies
    const inside = await sim.request('Api', { method: 'GET', path: '/', sourceIp: '192.0.2.9' });
    const outside = await sim.request('Api', { method: 'GET', path: '/', sourceIp: '198.51.100.9' });
    const signed = await sim.request('Api', { method: 'GET', path: '/iam', as: 'Bare' });
    // THEN the conditions hold for the first and the signed one only
    expect([inside.status, outside.status, signed.status]).toEqual([200, 403, 200]);
  });
});
