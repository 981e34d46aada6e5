import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ApiResponse, Simulation } from '../../../lib/simulator';

// SQS's own replies to API Gateway's SendMessage call, seen whole: the integration below passes the client's body
// and Content-Type through (no request template) and SQS's reply back (no response template), 200 for a
// success and 400 for SQS's 4XX. GIVEN, synthesized once: POST /send to a queue the role may send to, POST /lost
// to a queue of another template, POST /nocreds without Credentials, and MOCK routes answering the status their
// request template names.
const stack = new Stack(new App(), 'SqsReplies', { env: { account: '111111111111', region: 'eu-west-1' } });
const queue = new sqs.Queue(stack, 'Queue', { queueName: 'orders' });
const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
queue.grantSendMessages(role);
const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { stageName: 'prod' } });
const passThrough = (queueName: string, credentialsRole?: iam.IRole) => new apigateway.AwsIntegration({
  service: 'sqs', path: `111111111111/${queueName}`,
  options: {
    credentialsRole,
    passthroughBehavior: apigateway.PassthroughBehavior.WHEN_NO_MATCH,
    requestParameters: { 'integration.request.header.Content-Type': 'method.request.header.Content-Type' },
    integrationResponses: [{ statusCode: '200' }, { statusCode: '400', selectionPattern: '4\\d\\d' }],
  },
});
const methodOptions = { methodResponses: [{ statusCode: '200' }, { statusCode: '400' }] };
api.root.addResource('send').addMethod('POST', passThrough('orders', role), methodOptions);
api.root.addResource('lost').addMethod('POST', passThrough('elsewhere', role), methodOptions);
api.root.addResource('nocreds').addMethod('POST', passThrough('orders'), methodOptions);
const mock = (template: string) => new apigateway.MockIntegration({
  requestTemplates: { 'application/json': template },
  integrationResponses: [{ statusCode: '200' }, { statusCode: '204', selectionPattern: '204' }, { statusCode: '404', selectionPattern: '404' }],
});
const mockOptions = { methodResponses: [{ statusCode: '200' }, { statusCode: '204' }, { statusCode: '404' }] };
api.root.addResource('tight').addMethod('GET', mock('{"statusCode":204}'), mockOptions);
api.root.addResource('spaced').addMethod('GET', mock('{ "statusCode" :   404 }'), mockOptions);
api.root.addResource('bare').addMethod('GET', mock('{statusCode: 204}'), mockOptions);
api.root.addResource('none').addMethod('GET', mock('{}'), mockOptions);

const FORM = 'application/x-www-form-urlencoded';

/** POSTs `body` with `contentType` (`null`: no Content-Type header). */
async function post(sim: Simulation, path: string, body: string, contentType: string | null = FORM): Promise<ApiResponse> {
  return sim.request(api, { method: 'POST', path, body, headers: contentType === null ? {} : { 'Content-Type': contentType } });
}

/** SQS's error reply, with the request id SQS gave it. */
function sqsError(r: ApiResponse, code: string, message: string, type = 'Sender') {
  const body = JSON.parse(r.body);
  expect(body).toEqual({ Error: { Code: code, Message: message, Type: type }, RequestId: expect.any(String) });
  return body;
}

describe('SQS replies to the SQS integration', () => {
  test('GIVEN a SendMessage form THEN SQS answers 200 with the message id and the body\'s MD5, and the message has its attributes and delay', async () => {
    const sim = Simulation.fromStack(stack);
    const r = await post(sim, '/send', 'Action=SendMessage&MessageBody=hello&DelaySeconds=5&MessageAttribute.1.Name=tenant&MessageAttribute.1.Value.StringValue=acme'
      + '&MessageAttribute.1.Value.DataType=String&MessageAttribute.2.Name=n&MessageAttribute.2.Value.DataType=Number&MessageAttribute.2.Value.StringValue=3'
      + '&MessageAttribute.3.Name=plain');
    expect(r.status).toBe(200);
    const reply = JSON.parse(r.body);
    const [m] = sim.queue(queue).delayed;
    expect(reply).toEqual({
      SendMessageResponse: {
        ResponseMetadata: { RequestId: expect.any(String) },
        SendMessageResult: { MD5OfMessageAttributes: null, MD5OfMessageBody: '5d41402abc4b2a76b9719d911017c592', MD5OfMessageSystemAttributes: null, MessageId: m.messageId, SequenceNumber: null },
      },
    });
    expect(m.body).toBe('hello');
    expect(m.attributes).toEqual({ tenant: { DataType: 'String', StringValue: 'acme' }, n: { DataType: 'Number', StringValue: '3' }, plain: { DataType: 'String', StringValue: '' } });
    expect(sim.queue(queue).counts).toMatchObject({ visible: 0, delayed: 1 });
    expect(sim.events({ type: 'apigateway.answered' })[0]).toMatchObject({ messageId: m.messageId, detail: { status: 200 } });
  });

  test('GIVEN a Content-Type with parameters in another case THEN it is still the form SQS reads', async () => {
    const sim = Simulation.fromStack(stack);
    const r = await post(sim, '/send', 'Action=SendMessage&MessageBody=x', 'Application/X-WWW-Form-Urlencoded; charset=utf-8');
    expect(r.status).toBe(200);
    expect(sim.queue(queue).visible.map((m) => m.body)).toEqual(['x']);
  });

  test('fails with SQS\'s MissingAction when the integration sends no form Content-Type', async () => {
    const sim = Simulation.fromStack(stack);
    const json = await post(sim, '/send', 'Action=SendMessage&MessageBody=x', 'application/json');
    expect(json.status).toBe(400);
    sqsError(json, 'MissingAction', 'the integration sends Content-Type application/json; SQS\'s query API reads application/x-www-form-urlencoded (set integration.request.header.Content-Type)');
    const none = await post(sim, '/send', 'Action=SendMessage&MessageBody=x', null);
    sqsError(none, 'MissingAction', 'the integration sends Content-Type (none); SQS\'s query API reads application/x-www-form-urlencoded (set integration.request.header.Content-Type)');
    expect(sim.queue(queue).counts).toMatchObject({ visible: 0, delayed: 0 });
  });

  test('fails with MissingAction without an Action, InvalidAction for another one, and MissingParameter without a body', async () => {
    const sim = Simulation.fromStack(stack);
    sqsError(await post(sim, '/send', 'MessageBody=x'), 'MissingAction', 'the simulator\'s SQS integration performs SendMessage, not a missing Action');
    sqsError(await post(sim, '/send', 'Action=DeleteQueue&MessageBody=x'), 'InvalidAction', 'the simulator\'s SQS integration performs SendMessage, not DeleteQueue');
    sqsError(await post(sim, '/send', 'Action=SendMessage'), 'MissingParameter', 'The request must contain the parameter MessageBody.');
    sqsError(await post(sim, '/send', 'Action=SendMessage&MessageBody='), 'MissingParameter', 'The request must contain the parameter MessageBody.');
    expect(sim.queue(queue).counts).toMatchObject({ visible: 0, delayed: 0 });
  });

  test('fails with InvalidParameterValue when SQS refuses the message', async () => {
    const sim = Simulation.fromStack(stack);
    const r = await post(sim, '/send', 'Action=SendMessage&MessageBody=x&DelaySeconds=901');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).Error).toMatchObject({ Code: 'InvalidParameterValue', Type: 'Sender', Message: expect.stringContaining('900') });
  });

  test('fails with NonExistentQueue for a queue of no template', async () => {
    const sim = Simulation.fromStack(stack);
    const r = await post(sim, '/lost', 'Action=SendMessage&MessageBody=x');
    expect(r.status).toBe(400);
    sqsError(r, 'AWS.SimpleQueueService.NonExistentQueue', 'no queue arn:aws:sqs:eu-west-1:111111111111:elsewhere in the template');
  });

  test('fails with 500 and a configuration error without Credentials, with a finding naming the route', async () => {
    const sim = Simulation.fromStack(stack);
    const r = await post(sim, '/nocreds', 'Action=SendMessage&MessageBody=x');
    expect(r.status).toBe(500);
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => e.reason)).toEqual(['the SQS integration has no Credentials (a role API Gateway calls SQS with)']);
    const method = sim.apiGateway.restApi(api).methods.find((m) => m.routeKey === 'POST /nocreds')!;
    expect(sim.findings().filter((f) => f.code === 'decoupled-sim:api-queue-route-refused')).toEqual([{
      code: 'decoupled-sim:api-queue-route-refused', severity: 'error', resources: [method.logicalId],
      message: 'POST /nocreds sends to arn:aws:sqs:eu-west-1:111111111111:orders without Credentials: API Gateway has no role to call SQS with',
      fix: 'Give the integration a role (credentialsRole) that may sqs:SendMessage to the queue.',
    }]);
  });

  test('a MOCK integration answers the statusCode its template names, with or without spaces and quotes; 200 without one', async () => {
    const sim = Simulation.fromStack(stack);
    const status = async (path: string) => (await sim.request(api, { method: 'GET', path, headers: { 'Content-Type': 'application/json' } })).status;
    expect([await status('/tight'), await status('/spaced'), await status('/bare'), await status('/none')]).toEqual([204, 404, 204, 200]);
  });
});
