import { Simulation } from '../../../lib/simulator';
import { apiTemplate, method, mock, ofApi, resource, stage } from './hand-template';

const NOT_FOUND = { StatusCode: '404', SelectionPattern: '4\\d\\d', ResponseParameters: { 'method.response.header.X-Kind': '\'missing\'', 'method.response.header.X-Skipped': 'integration.response.header.a', 'other.header.Y': '\'y\'' }, ResponseTemplates: { 'application/json': '{"gone":"$context.resourcePath"}' } };
const OK = { StatusCode: '200', ResponseTemplates: { 'text/plain': 'stage=$stageVariables.color id=$input.params(\'id\') q=$input.params().querystring.get(\'q\') h=$input.params().header.get(\'X-H\')' } };

/**
 * GIVEN a REST API with MOCK integrations: GET /items/{id} answers the status its template reads from the query
 * string; POST /strict refuses what it has no template for (NEVER), POST /some does WHEN_NO_TEMPLATES with a
 * template, POST /none WHEN_NO_TEMPLATES without one (the body passes through to the mock), GET /only404 has no
 * default response.
 */
function template() {
  return apiTemplate({
    Items: resource('items'),
    Item: resource('{id}', 'Items'),
    GetItem: method('GET', mock({ 'application/json': '{"statusCode": $input.params(\'code\')}' }, [NOT_FOUND, OK]), 'Item'),
    Strict: resource('strict'),
    PostStrict: method('POST', mock({ 'application/json': '{"statusCode": 200}' }, [OK], { PassthroughBehavior: 'never' }), 'Strict'),
    Some: resource('some'),
    PostSome: method('POST', mock({ 'application/json': '{"statusCode": 200}' }, [OK], { PassthroughBehavior: 'WHEN_NO_TEMPLATES' }), 'Some'),
    None: resource('none'),
    PostNone: method('POST', mock({}, [NOT_FOUND, OK], { PassthroughBehavior: 'WHEN_NO_TEMPLATES' }), 'None'),
    Only404: resource('only404'),
    GetOnly404: method('GET', mock({}, [NOT_FOUND]), 'Only404'),
    Prod: stage('prod', { Variables: { color: 'blue' } }),
  });
}

describe('MOCK integrations: request templates, integration responses, passthrough', () => {
  test('the integration response is chosen by its SelectionPattern: its status, static headers and template', async () => {
    // GIVEN the API
    const sim = Simulation.fromTemplate(template());
    // WHEN the request template names 404, then 200, then no status
    const missing = await sim.request('Api', { method: 'GET', path: '/items/7', query: { code: '404' } });
    const found = await sim.request('Api', { method: 'GET', path: '/items/7', query: { code: '200', q: 'x' }, headers: { 'x-h': 'hv' } });
    // THEN the 4XX pattern answers with its header and template; the default response renders its only template
    expect([missing.status, missing.body, missing.headers]).toEqual([404, '{"gone":"/items/{id}"}', {
      'Content-Type': 'application/json', 'X-Kind': 'missing', 'x-amzn-RequestId': missing.requestId, 'x-amz-apigw-id': missing.requestId,
    }]);
    expect([found.status, found.body]).toEqual([200, 'stage=blue id=7 q=x h=hv']);
    expect(sim.events({ type: 'apigateway.answered' }).map((e) => [e.resource, e.reason, e.detail])).toEqual([
      ['GetItem', undefined, { requestId: missing.requestId, method: 'GET', path: '/items/7', status: 404, latencyMs: 0 }],
      ['GetItem', undefined, { requestId: found.requestId, method: 'GET', path: '/items/7', status: 200, latencyMs: 0 }],
    ]);
  });

  test('a mock without a request template for the type answers 200 (WHEN_NO_MATCH passes the empty body)', async () => {
    // GIVEN the API WHEN a text/plain request reaches GET /items/{id} (its only template is for JSON)
    const sim = Simulation.fromTemplate(template());
    const r = await sim.request('Api', { method: 'GET', path: '/items/1', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, query: { code: '404' } });
    // THEN the default response answers: the template was not used
    expect([r.status, r.body]).toEqual([200, 'stage=blue id=1 q= h=']);
  });

  test('fails with 415 when PassthroughBehavior NEVER or WHEN_NO_TEMPLATES (with templates) has no template for the type', async () => {
    // GIVEN the API
    const sim = Simulation.fromTemplate(template());
    // WHEN text/plain bodies reach the NEVER and the WHEN_NO_TEMPLATES methods
    const strict = await sim.request('Api', { method: 'POST', path: '/strict', headers: { 'content-type': 'Text/Plain' }, body: 'x' });
    const some = await sim.request('Api', { method: 'POST', path: '/some', headers: { 'content-type': 'text/csv' }, body: 'x' });
    // THEN both are API Gateway's 415, traced with the type and the behaviour
    for (const r of [strict, some]) {
      expect([r.status, r.body, r.headers['x-amzn-ErrorType']]).toEqual([415, '{"message":"Unsupported Media Type"}', 'UnsupportedMediaTypeException']);
    }
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => [e.resource, e.reason, e.detail?.responseType, e.detail?.status])).toEqual([
      ['PostStrict', 'no request template for text/plain and PassthroughBehavior NEVER', 'UNSUPPORTED_MEDIA_TYPE', 415],
      ['PostSome', 'no request template for text/csv and PassthroughBehavior WHEN_NO_TEMPLATES', 'UNSUPPORTED_MEDIA_TYPE', 415],
    ]);
    // AND JSON requests to them pass (their templates name 200)
    expect((await sim.request('Api', { method: 'POST', path: '/strict', body: {} })).status).toBe(200);
    expect((await sim.request('Api', { method: 'POST', path: '/some', body: {} })).status).toBe(200);
  });

  test('WHEN_NO_TEMPLATES without any template passes the body through: the mock reads its status there', async () => {
    // GIVEN the API WHEN bodies naming 404 and nothing reach POST /none
    const sim = Simulation.fromTemplate(template());
    const named = await sim.request('Api', { method: 'POST', path: '/none', headers: { 'content-type': 'text/plain' }, body: '{statusCode:404}' });
    const spaced = await sim.request('Api', { method: 'POST', path: '/none', body: '"statusCode" :  404' });
    const bare = await sim.request('Api', { method: 'POST', path: '/none' });
    // THEN the body decides; without a body the status is 200
    expect([named.status, named.body, spaced.status, bare.status, bare.body]).toEqual([404, '{"gone":"/none"}', 404, 200, 'stage=blue id= q= h=']);
  });

  test('fails with 500 when no IntegrationResponse matches the status and none is the default', async () => {
    // GIVEN a method whose only integration response is for 4XX WHEN the mock answers 200
    const sim = Simulation.fromTemplate(template());
    const r = await sim.request('Api', { method: 'GET', path: '/only404' });
    // THEN API Gateway answers 500 and says why
    expect([r.status, r.body, r.headers['x-amzn-ErrorType']]).toEqual([500, '{"message":"Internal server error"}', 'InternalServerErrorException']);
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => [e.resource, e.reason, e.detail?.responseType])).toEqual([
      ['GetOnly404', 'no IntegrationResponse matches the status 200 and none is the default', 'API_CONFIGURATION_ERROR'],
    ]);
  });

  test('counts answers and rejections without records in a summary trace', async () => {
    // GIVEN the API in a summary trace WHEN two requests are answered and one is rejected
    const sim = Simulation.fromTemplate(template(), { trace: 'summary' });
    await sim.request('Api', { method: 'GET', path: '/items/1' });
    await sim.request('Api', { method: 'GET', path: '/items/2' });
    await sim.request('Api', { method: 'GET', path: '/only404' });
    await sim.request('Api', { method: 'GET', path: '/nothing' });
    // THEN the counts are exact and no record is kept
    expect([sim.trace.count('apigateway.answered'), sim.trace.count('apigateway.rejected'), sim.trace.events.length]).toEqual([2, 2, 0]);
  });

  test('fails at load when a SelectionPattern is not a regular expression, naming where', () => {
    // GIVEN a method whose second integration response has a broken pattern
    const broken = apiTemplate({ Get: method('GET', mock({}, [OK, { StatusCode: '400', SelectionPattern: '4(' }])), Prod: stage('prod') });
    // WHEN the template is loaded THEN the error names the resource, the property and the pattern
    expect(() => Simulation.fromTemplate(broken)).toThrow('Get.Properties.Integration.IntegrationResponses[1].SelectionPattern: "4(" is not a regular expression');
  });

  test('a request validator decides whether required parameters are checked; all missing ones are named', async () => {
    // GIVEN methods requiring a header, a query string and a path value: one with a parameter validator, one with a
    // body-only validator, one with none
    const required = { 'method.request.header.X-Tenant': true, 'method.request.querystring.page': 'true', 'method.request.path.id': true, 'method.request.querystring.opt': false, 'method.response.header.Z': true };
    const sim = Simulation.fromTemplate(apiTemplate({
      Params: ofApi('AWS::ApiGateway::RequestValidator', { ValidateRequestParameters: true }),
      BodyOnly: ofApi('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true }),
      A: resource('a'), AId: resource('{id}', 'A'),
      B: resource('b'), BId: resource('{id}', 'B'),
      C: resource('c'), CId: resource('{id}', 'C'),
      GetA: method('GET', { ...mock({}, [OK]), RequestParameters: required, RequestValidatorId: { Ref: 'Params' } }, 'AId'),
      GetB: method('GET', { ...mock({}, [OK]), RequestParameters: required, RequestValidatorId: { Ref: 'BodyOnly' } }, 'BId'),
      GetC: method('GET', { ...mock({}, [OK]), RequestParameters: required }, 'CId'),
      Prod: stage('prod'),
    }));
    // WHEN requests come without the header and the query string, then with an empty header, then complete
    const none = await sim.request('Api', { method: 'GET', path: '/a/1' });
    const empty = await sim.request('Api', { method: 'GET', path: '/a/1', headers: { 'X-Tenant': '' }, query: { page: '1' } });
    const full = await sim.request('Api', { method: 'GET', path: '/a/1', headers: { 'x-tenant': 't' }, query: { page: '1' } });
    // THEN the validated method answers 400 naming every missing parameter, in the template's order
    expect([none.status, none.body, none.headers['x-amzn-ErrorType']]).toEqual([400, '{"message":"Missing required request parameters: [X-Tenant, page]"}', 'BadRequestException']);
    expect([empty.status, empty.body]).toEqual([400, '{"message":"Missing required request parameters: [X-Tenant]"}']);
    expect(full.status).toBe(200);
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => e.reason)).toEqual(['Missing required request parameters: [X-Tenant, page]', 'Missing required request parameters: [X-Tenant]']);
    // AND the methods without a parameter validator do not check
    expect((await sim.request('Api', { method: 'GET', path: '/b/1' })).status).toBe(200);
    expect((await sim.request('Api', { method: 'GET', path: '/c/1' })).status).toBe(200);
  });

  test('fails with 413 for a body over 10,485,760 bytes; a body at the limit passes', async () => {
    // GIVEN a mock method WHEN bodies of the limit and one byte more (multi-byte text) are posted
    const sim = Simulation.fromTemplate(apiTemplate({ Post: method('POST', mock({}, [OK])), Prod: stage('prod') }));
    const limit = 10_485_760;
    const atLimit = await sim.request('Api', { method: 'POST', path: '/', headers: { 'content-type': 'text/plain' }, body: 'é'.repeat(limit / 2) });
    const over = await sim.request('Api', { method: 'POST', path: '/', headers: { 'content-type': 'text/plain' }, body: `${'é'.repeat(limit / 2)}a` });
    // THEN the first is answered, the second is API Gateway's 413
    expect(atLimit.status).toBe(200);
    expect([over.status, over.body, over.headers['x-amzn-ErrorType']]).toEqual([413, '{"message":"Request Too Long"}', 'RequestTooLargeException']);
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => [e.reason, e.detail?.responseType])).toEqual([['the body is over 10485760 bytes', 'REQUEST_TOO_LARGE']]);
  });

  test('fails with 500 when a mock has no integration responses at all', async () => {
    // GIVEN a MOCK method without IntegrationResponses WHEN it is called
    const sim = Simulation.fromTemplate(apiTemplate({ Get: method('GET', { Integration: { Type: 'MOCK' } }), Prod: stage('prod') }));
    const r = await sim.request('Api', { method: 'GET', path: '/' });
    // THEN API Gateway's 500, naming the status the mock answered
    expect([r.status, sim.events({ type: 'apigateway.rejected' }).map((e) => e.reason)]).toEqual([500, ['no IntegrationResponse matches the status 200 and none is the default']]);
  });
});
