import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AuthorizedApi, MessageValue } from '../../../lib';
import { CloudFormationTemplate, Simulation } from '../../../lib/simulator';
import { message, testFunction } from './support';

// GIVEN, synthesized once: an AuthorizedApi (IAM authorization, routes public on purpose) sending POST /orders to a
// KMS-encrypted queue (header X-Tenant-Id as an attribute) and POST /events to a FIFO queue (group id from the
// header X-Group); the AuthorizedApi pattern writes the request template and the role
const stack = new Stack(new App(), 'QueueApi', { env: { account: '111111111111', region: 'eu-west-1' } });
const orders = new sqs.Queue(stack, 'Orders', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: new kms.Key(stack, 'OrdersKey') });
const events = new sqs.Queue(stack, 'Events', { fifo: true });
const api = new AuthorizedApi(stack, 'Api', {
  authorizer: { type: 'iam' },
  routes: {
    'POST /orders': { queue: orders, authorization: 'none', messageAttributes: ['X-Tenant-Id'] },
    'POST /events': { queue: events, authorization: 'none', messageGroupId: MessageValue.header('X-Group') },
    'GET /health': { function: testFunction(stack, 'Health'), authorization: 'none' },
  },
});
const template = Simulation.fromStack(stack).template.template;

const tenant = { 'X-Tenant-Id': 'acme' };

describe('the SQS integration (AuthorizedApi queue routes)', () => {
  test('a POST lands in the queue: the body is the message, the header an attribute; 202 with the message id', async () => {
    const sim = Simulation.fromStack(stack);
    const body = JSON.stringify({ item: 'pen & ink', note: 'ünïcode +%/=?' });
    const r = await sim.request(api, { method: 'POST', path: '/orders', headers: { ...tenant, 'Content-Type': 'application/json' }, body });
    const [m] = sim.queue(orders).visible;
    expect(r.status).toBe(202);
    expect(JSON.parse(r.body)).toEqual({ messageId: m.messageId });
    expect(m.body).toBe(body);
    expect(m.attributes).toEqual({ 'X-Tenant-Id': { DataType: 'String', StringValue: 'acme' } });
    expect(sim.events({ type: 'apigateway.answered' })[0]).toMatchObject({ messageId: m.messageId, detail: { status: 202 } });
  });

  test('a FIFO route sends with the group id from its header and the request id as deduplication id', async () => {
    const sim = Simulation.fromStack(stack);
    const r = await sim.request(api, { method: 'POST', path: '/events', headers: { 'X-Group': 'g-1' }, body: { n: 1 } });
    expect(r.status).toBe(202);
    const [m] = sim.queue(events).visible;
    expect([m.groupId, m.deduplicationId]).toEqual(['g-1', r.requestId]);
  });

  test('fails with 400 before SQS when a header the message needs is missing', async () => {
    const sim = Simulation.fromStack(stack);
    const r = await sim.request(api, { method: 'POST', path: '/orders', body: {} });
    expect([r.status, message(r), r.headers['x-amzn-ErrorType']]).toEqual([400, { message: 'Missing required request parameters: [X-Tenant-Id]' }, 'BadRequestException']);
    expect(sim.queue(orders).visible).toEqual([]);
  });

  test('fails with 415 for a body that is not JSON (PassthroughBehavior NEVER)', async () => {
    const sim = Simulation.fromStack(stack);
    const r = await sim.request(api, { method: 'POST', path: '/orders', headers: { ...tenant, 'Content-Type': 'text/plain' }, body: 'hello' });
    expect([r.status, message(r)]).toEqual([415, { message: 'Unsupported Media Type' }]);
  });

  test('fails with the route\'s 500 when the role may not send: SQS\'s 4XX mapped by the pattern, and a finding', async () => {
    // GIVEN the template without the managed policy that lets the route's role send and use the key
    const json = JSON.parse(JSON.stringify(template)) as CloudFormationTemplate & { Resources: Record<string, { Type: string; Properties: { Description?: string } }> };
    const policyId = Object.keys(json.Resources).find((id) => json.Resources[id].Type === 'AWS::IAM::ManagedPolicy' && /POST \/orders/.test(json.Resources[id].Properties.Description ?? ''))!;
    delete json.Resources[policyId];
    const sim = Simulation.fromTemplate(json, { stackName: 'QueueApi', environment: { account: '111111111111', region: 'eu-west-1', partition: 'aws', urlSuffix: 'amazonaws.com' } });
    const apiId = Simulation.fromStack(stack).apiGateway.restApi(api).logicalId;
    // WHEN a client posts an order
    const r = await sim.request(apiId, { method: 'POST', path: '/orders', headers: tenant, body: {} });
    // THEN the client gets the pattern's answer for an SQS 4XX, and nothing is in the queue
    expect([r.status, JSON.parse(r.body)]).toEqual([500, { message: 'The queue did not accept the message', requestId: r.requestId }]);
    expect(sim.events({ type: 'apigateway.answered' })[0]).toMatchObject({ detail: { status: 500 } });
    expect(sim.findings().map((f) => [f.code, f.message])).toEqual([['decoupled-sim:api-queue-route-refused', expect.stringMatching(/POST \/orders cannot send to .*: the integration role may not sqs:SendMessage/)]]);
  });
});
