import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { Resource, apiTemplate, method, mock, resource, stage } from './hand-template';

const FIELDS = ['requestId', 'extendedRequestId', 'apiId', 'accountId', 'stage', 'httpMethod', 'resourcePath', 'resourceId', 'path', 'domainName', 'requestTimeEpoch', 'requestTime', 'protocol',
  'identity.sourceIp', 'identity.userAgent', 'identity.apiKeyId', 'identity.apiKey', 'identity.caller', 'identity.userArn', 'identity.accountId'];
const CONTEXT = mock({}, [{ StatusCode: '200', ResponseTemplates: { 'application/json': FIELDS.map((f) => `$context.${f}`).join('|') } }]);
const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

/** A MOCK method answering `status` (its request template names it). */
const answering = (status: number) => mock({ 'application/json': `{"statusCode": ${status}}` }, [{ StatusCode: String(status), SelectionPattern: String(status) }]);

/**
 * GIVEN an API whose root and GET /items/{id} answer every $context variable; an IAM method GET /signed answering
 * the same, that the role Caller may invoke; and GET /s/{code} methods answering 399, 400, 499, 500 and 599.
 */
function template() {
  const statusRoutes: Record<string, Resource> = {};
  for (const code of [399, 400, 499, 500, 599]) {
    statusRoutes[`R${code}`] = resource(String(code), 'S');
    statusRoutes[`M${code}`] = method('GET', answering(code), `R${code}`);
  }
  return apiTemplate({
    Root: method('GET', CONTEXT),
    Items: resource('items'), Item: resource('{id}', 'Items'), GetItem: method('GET', CONTEXT, 'Item'),
    Signed: resource('signed'), GetSigned: method('GET', { ...CONTEXT, AuthorizationType: 'AWS_IAM' }, 'Signed'),
    Caller: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'caller-role', AssumeRolePolicyDocument: trust, Policies: [{ PolicyName: 'invoke', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }] } }] } },
    S: resource('s'), ...statusRoutes,
    Prod: stage('prod'),
  });
}

describe('$context as API Gateway fills it', () => {
  test('every variable for an unsigned request, at a later virtual time; the root path keeps its slash', async () => {
    // GIVEN the API, 2 days 3 h 4 min 5.678 s after the start
    const sim = Simulation.fromTemplate(template());
    sim.advance(Duration.millis(((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000 + 678));
    // WHEN the root and an item are requested
    const root = await sim.request('Api', { method: 'GET', path: '/', headers: { 'User-Agent': 'curl/8' }, sourceIp: '192.0.2.7' });
    const item = await sim.request('Api', { method: 'get', path: '/items/42' });
    // THEN each variable has API Gateway's value; absent ones are empty
    const api = sim.apiGateway.restApi('Api');
    const epoch = Date.UTC(2026, 0, 3, 3, 4, 5, 678);
    const common = (r: { requestId: string }) => [r.requestId, r.requestId, api.id, '123456789012', 'prod', 'GET'];
    const time = [`${api.id}.execute-api.us-east-1.amazonaws.com`, String(epoch), '03/Jan/2026:03:04:05 +0000', 'HTTP/1.1'];
    expect(root.body.split('|')).toEqual([...common(root), '/', api.root.id, '/prod/', ...time, '192.0.2.7', 'curl/8', '', '', '', '', '']);
    expect(item.body.split('|')).toEqual([...common(item), '/items/{id}', String(sim.template.resource('Item')!.ref), '/prod/items/42', ...time, '198.51.100.1', '', '', '', '', '', '']);
  });

  test('the request time is written per second, in two-digit fields, and changes with the clock', async () => {
    // GIVEN the API WHEN requests come at 0, 0.999 s, 1 s, and 41 days 10 h later
    const sim = Simulation.fromTemplate(template());
    const times: string[] = [];
    for (const step of [0, 999, 1, ((41 * 24 + 10) * 3600) * 1000]) {
      sim.advance(Duration.millis(step));
      times.push((await sim.request('Api', { method: 'GET', path: '/' })).body.split('|')[11]);
    }
    // THEN
    expect(times).toEqual(['01/Jan/2026:00:00:00 +0000', '01/Jan/2026:00:00:00 +0000', '01/Jan/2026:00:00:01 +0000', '11/Feb/2026:10:00:01 +0000']);
  });

  test('a signed request names its caller, ARN and account', async () => {
    // GIVEN the API WHEN the IAM method is called as the role
    const sim = Simulation.fromTemplate(template());
    const r = await sim.request('Api', { method: 'GET', path: '/signed', as: 'Caller' });
    // THEN the identity is the role's session
    const roleId = String(sim.template.resource('Caller')!.getAtt('RoleId'));
    expect([r.status, ...r.body.split('|').slice(17)]).toEqual([200, `${roleId}:simulation`, 'arn:aws:sts::123456789012:assumed-role/caller-role/simulation', '123456789012']);
  });
});

describe('a stage\'s metrics', () => {
  test('4XXError counts 400 to 499, 5XXError 500 and over; IntegrationLatency only requests that reached an integration', async () => {
    // GIVEN the API WHEN each status route is called once, and a path no method matches
    const sim = Simulation.fromTemplate(template());
    const statuses = [];
    for (const code of [399, 400, 499, 500, 599]) statuses.push((await sim.request('Api', { method: 'GET', path: `/s/${code}` })).status);
    statuses.push((await sim.request('Api', { method: 'GET', path: '/nowhere' })).status);
    // THEN the sums are exact
    const stat = (metricName: string) => sim.metrics.find({ namespace: 'AWS/ApiGateway', metricName, dimensions: { ApiName: 'hand-api', Stage: 'prod' } })!.datapoints(0, 60_000, 60_000)[0];
    expect(statuses).toEqual([399, 400, 499, 500, 599, 403]);
    expect([stat('Count').sum, stat('4XXError').sum, stat('5XXError').sum, stat('4XXError').sampleCount, stat('Latency').sampleCount, stat('IntegrationLatency').sampleCount]).toEqual([6, 3, 2, 6, 6, 5]);
  });
});
