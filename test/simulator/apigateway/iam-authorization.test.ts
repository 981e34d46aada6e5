import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Simulation } from '../../../lib/simulator';
import { echo, echoed, message, testFunction } from './support';

// GIVEN, synthesized once: an API whose methods require SigV4 (AWS_IAM) — GET and DELETE /orders/{id} — and a
// public GET /status, with a resource policy that denies one address range and lets the Auditor role read; a
// Reader role granted GET only; a Stranger role granted nothing
const stack = new Stack(new App(), 'IamApi');
const backend = testFunction(stack, 'Backend');
const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
const auditor = new iam.Role(stack, 'Auditor', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
const stranger = new iam.Role(stack, 'Stranger', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
const api = new apigateway.RestApi(stack, 'Api', {
  deployOptions: { stageName: 'prod' },
  policy: new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['execute-api:Invoke'], resources: ['execute-api:/prod/GET/status'] }),
      new iam.PolicyStatement({ principals: [new iam.ArnPrincipal(auditor.roleArn)], actions: ['execute-api:Invoke'], resources: ['execute-api:/prod/GET/orders/*'] }),
      new iam.PolicyStatement({ effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['execute-api:Invoke'], resources: ['execute-api:/*'], conditions: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }),
    ],
  }),
});
const integration = new apigateway.LambdaIntegration(backend);
const order = api.root.addResource('orders').addResource('{id}');
const getOrder = order.addMethod('GET', integration, { authorizationType: apigateway.AuthorizationType.IAM });
order.addMethod('DELETE', integration, { authorizationType: apigateway.AuthorizationType.IAM });
api.root.addResource('status').addMethod('GET', integration);
reader.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: [getOrder.methodArn.replace('*/GET', 'prod/GET')] }));

function simulation(): Simulation {
  const sim = Simulation.fromStack(stack);
  echo(sim, backend);
  return sim;
}

describe('IAM authorization (AWS_IAM methods) and the resource policy', () => {
  test('a role whose policy allows execute-api:Invoke on the method calls it; the event names the caller', async () => {
    const sim = simulation();
    const r = await sim.request(api, { method: 'GET', path: '/orders/1', as: reader });
    expect(r.status).toBe(200);
    expect(echoed(r).event.requestContext.identity).toMatchObject({
      accountId: '123456789012', userArn: expect.stringMatching(/^arn:aws:sts::123456789012:assumed-role\/IamApi-Reader.*\/simulation$/), caller: expect.stringMatching(/^AROA.*:simulation$/),
    });
  });

  test('fails with 403 naming the caller and the ARN when neither its policies nor the resource policy allow the method', async () => {
    const sim = simulation();
    const r = await sim.request(api, { method: 'DELETE', path: '/orders/1', as: reader });
    expect(r.status).toBe(403);
    expect((message(r) as { Message: string }).Message).toMatch(/^User: arn:aws:sts::123456789012:assumed-role\/.*\/simulation is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:\w+\/prod\/DELETE\/orders\/1$/);
    expect((await sim.request(api, { method: 'GET', path: '/orders/1', as: stranger })).status).toBe(403);
  });

  test('the resource policy alone can allow a role of the account', async () => {
    const sim = simulation();
    expect((await sim.request(api, { method: 'GET', path: '/orders/1', as: auditor })).status).toBe(200);
    expect((await sim.request(api, { method: 'DELETE', path: '/orders/1', as: auditor })).status).toBe(403);
  });

  test('fails with 403 Missing Authentication Token for an unsigned request to an IAM method', async () => {
    const sim = simulation();
    const r = await sim.request(api, { method: 'GET', path: '/orders/1' });
    expect([r.status, message(r)]).toEqual([403, { message: 'Missing Authentication Token' }]);
  });

  test('an explicit Deny of the resource policy wins, for signed and public methods alike; addresses outside the range pass', async () => {
    const sim = simulation();
    const blocked = { sourceIp: '203.0.113.255' };
    const signed = await sim.request(api, { method: 'GET', path: '/orders/1', as: reader, ...blocked });
    expect((message(signed) as { Message: string }).Message).toMatch(/is not authorized to perform: execute-api:Invoke on resource: .* with an explicit deny$/);
    const anonymous = await sim.request(api, { method: 'GET', path: '/status', ...blocked });
    expect([anonymous.status, message(anonymous)]).toEqual([403, { Message: expect.stringMatching(/^User: anonymous is not authorized .* with an explicit deny$/) }]);
    expect((await sim.request(api, { method: 'GET', path: '/status', sourceIp: '203.0.114.0' })).status).toBe(200);
  });

  test('fails if the request is made as something other than a role of the template', async () => {
    const sim = simulation();
    await expect(sim.request(api, { method: 'GET', path: '/orders/1', as: backend })).rejects.toThrow(/takes an IAM role of the template .* is a AWS::Lambda::Function/);
  });

  test('each refusal is recorded with the whole reason: the role\'s policies and the resource policy, or the missing signature', async () => {
    const sim = simulation();
    await sim.request(api, { method: 'DELETE', path: '/orders/1', as: stranger });
    await sim.request(api, { method: 'GET', path: '/orders/1' });
    await sim.request(api, { method: 'GET', path: '/status', sourceIp: '203.0.113.1' });
    await sim.request(api, { method: 'GET', path: '/orders/1', as: reader, sourceIp: '203.0.113.1' });
    const arn = (suffix: string) => `${sim.apiGateway.restApi(api).executeArnPrefix}prod/${suffix}`;
    const template = sim.world.template;
    const strangerRole = template.ofType('AWS::IAM::Role').find((r) => r.logicalId.startsWith('Stranger'))!;
    const readerPolicy = template.ofType('AWS::IAM::Policy').find((r) => r.logicalId.startsWith('ReaderDefaultPolicy'))!.logicalId;
    const [strangerId, strangerArn] = [strangerRole.logicalId, strangerRole.getAtt('Arn') as string];
    const events = sim.events({ type: 'apigateway.rejected' });
    expect(events.map((e) => e.detail?.responseType)).toEqual(['ACCESS_DENIED', 'MISSING_AUTHENTICATION_TOKEN', 'ACCESS_DENIED', 'ACCESS_DENIED']);
    expect(events.map((e) => e.reason)).toEqual([
      `no policy of ${strangerId} allows execute-api:Invoke on ${arn('DELETE/orders/1')} (${strangerId} has no policies); the resource policy: no statement allows ${strangerArn} `
        + `to execute-api:Invoke on ${arn('DELETE/orders/1')} (statement 0: resource ${arn('DELETE/orders/1')} not listed; `
        + 'statement 2: condition IpAddress aws:SourceIp ["203.0.113.0/24"] does not hold for "198.51.100.1")',
      'GET /orders/{id} is authorized by IAM and the request is not signed: make it as a role ({ as: role })',
      'the resource policy: statement 2 denies execute-api:Invoke',
      `the policy ${readerPolicy}: statement 0 allows execute-api:Invoke; the resource policy: statement 2 denies execute-api:Invoke`,
    ]);
  });
});

