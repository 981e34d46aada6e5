import { Simulation } from '../../../lib/simulator';
import { IncomingRequest } from '../../../lib/simulator/services/apigateway';
import { Unresolved } from '../../../lib/simulator/template';
import { apiTemplate, method, mock, ofApi, resource, stage } from './hand-template';

const ECHO = mock({}, [{ StatusCode: '200', ResponseTemplates: { 'application/json': '$context.resourcePath|$input.params().querystring.get(\'tag\')|$input.params().header.get(\'content-type\')' } }]);

describe('a request as the pipeline reads it', () => {
  test('query values from the path and from options (single or lists) add up; headers keep their names and last values', () => {
    // GIVEN a request with a query string in its path, query options of both shapes and a repeated header
    const r = new IncomingRequest({ method: 'post', path: 'orders//7/?a=1&a=2', query: { a: '3', b: ['x', 'y'] }, headers: { 'X-Tag': ['p', 'q'], Accept: 'text/csv' } });
    // THEN
    expect([r.httpMethod, r.path, r.query, r.headers, [...r.headerValues], r.queryValue('a'), r.queryValue('c'), r.header('x-tag'), r.body, r.sourceIp, r.contentType]).toEqual([
      'POST', '/orders/7', { a: ['1', '2', '3'], b: ['x', 'y'] }, { 'X-Tag': ['p', 'q'], Accept: ['text/csv'] }, [['x-tag', 'q'], ['accept', 'text/csv']], '3', undefined, 'q', null, '198.51.100.1', 'application/json',
    ]);
  });

  test('paths made only of slashes, or empty, are the root', () => {
    expect(['/', '', '//', '///?x=1'].map((path) => new IncomingRequest({ method: 'GET', path }).path)).toEqual(['/', '/', '/', '/']);
  });

  test('a body given as a value is JSON with that content type, unless the request names one; a string body is as sent', () => {
    // GIVEN bodies as a value, as a value with a content type, and as text
    const json = new IncomingRequest({ method: 'POST', path: '/', body: { a: 1 } });
    const typed = new IncomingRequest({ method: 'POST', path: '/', body: { a: 1 }, headers: { 'content-type': 'Text/Plain; charset=utf-8' } });
    const text = new IncomingRequest({ method: 'POST', path: '/', body: '{"a":1}' });
    // THEN
    expect([json.body, json.headers, json.contentType]).toEqual(['{"a":1}', { 'Content-Type': ['application/json'] }, 'application/json']);
    expect([typed.body, typed.headers, typed.contentType]).toEqual(['{"a":1}', { 'content-type': ['Text/Plain; charset=utf-8'] }, 'text/plain']);
    expect([text.body, text.headers, text.contentType]).toEqual(['{"a":1}', {}, 'application/json']);
  });

  test('a request through an API: list query options, a root path of slashes, a required path value the root lacks', async () => {
    // GIVEN an API whose root method requires a path value id (validated), and GET /tags
    const sim = Simulation.fromTemplate(apiTemplate({
      Check: ofApi('AWS::ApiGateway::RequestValidator', { ValidateRequestParameters: true }),
      Root: method('GET', { ...ECHO, RequestParameters: { 'method.request.path.id': true }, RequestValidatorId: { Ref: 'Check' } }),
      Tags: resource('tags'), GetTags: method('GET', ECHO, 'Tags'),
      Prod: stage('prod'),
    }));
    // WHEN GET /tags gets a list, and the root is called as //
    const tags = await sim.request('Api', { method: 'GET', path: '/tags', query: { tag: ['a', 'b'] }, headers: { 'Content-Type': 'application/json' } });
    const root = await sim.request('Api', { method: 'GET', path: '//' });
    // THEN the last value is read; the root has no path value, so it is 400
    expect([tags.status, tags.body, root.status, root.body]).toEqual([200, '/tags|b|application/json', 400, '{"message":"Missing required request parameters: [id]"}']);
  });
});

describe('the ids API Gateway gives a template\'s resources', () => {
  test('Refs and attributes: 10-character API ids, 6-character others, a stage\'s name; other attributes unresolved', () => {
    // GIVEN an API with a resource, an authorizer, a deployment, a usage plan, a validator, a method, a stage and a key
    const sim = Simulation.fromTemplate(apiTemplate({
      Items: resource('items'), Auth: ofApi('AWS::ApiGateway::Authorizer', { Type: 'TOKEN' }), Deploy: ofApi('AWS::ApiGateway::Deployment', {}),
      Plan: { Type: 'AWS::ApiGateway::UsagePlan', Properties: {} }, Check: ofApi('AWS::ApiGateway::RequestValidator', {}), Get: method('GET', ECHO, 'Items'),
      Prod: stage('prod'), Key: { Type: 'AWS::ApiGateway::ApiKey', Properties: {} },
    }));
    const r = (id: string) => sim.template.resource(id)!;
    // THEN each Ref has API Gateway's shape and the id attribute gives the same value
    const api = String(r('Api').ref);
    expect(api).toMatch(/^[a-z0-9]{10}$/);
    expect([r('Api').getAtt('RestApiId'), r('Api').getAtt('RootResourceId'), r('Api').getAtt('Arn')]).toEqual([api, sim.apiGateway.restApi('Api').root.id, new Unresolved('Api.Arn')]);
    expect(r('Api').getAtt('RootResourceId')).toMatch(/^[a-z0-9]{10}$/);
    expect(r('Api').getAtt('RootResourceId')).not.toBe(api);
    for (const [id, attribute] of [['Items', 'ResourceId'], ['Auth', 'AuthorizerId'], ['Deploy', 'DeploymentId'], ['Plan', 'Id'], ['Check', 'RequestValidatorId']]) {
      expect([id, r(id).ref, r(id).getAtt(attribute), r(id).getAtt('Other')]).toEqual([id, expect.stringMatching(/^[a-z0-9]{6}$/), r(id).ref, new Unresolved(`${id}.Other`)]);
    }
    expect([r('Key').ref, r('Key').getAtt('APIKeyId'), r('Get').getAtt('MethodId'), r('Prod').ref]).toEqual([expect.stringMatching(/^[a-z0-9]{10}$/), r('Key').ref, new Unresolved('Get.MethodId'), 'prod']);
    expect(new Set(['Items', 'Auth', 'Deploy', 'Plan', 'Check', 'Get'].map((id) => r(id).ref)).size).toBe(6);
  });

  test('the same template gives the same ids; another stack name others', () => {
    const t = apiTemplate({ Items: resource('items') });
    const ids = (stackName: string) => {
      const s = Simulation.fromTemplate(t, { stackName });
      return [s.template.resource('Api')!.ref, s.template.resource('Items')!.ref];
    };
    expect(ids('A')).toEqual(ids('A'));
    expect(ids('A')[0]).not.toBe(ids('B')[0]);
  });
});
