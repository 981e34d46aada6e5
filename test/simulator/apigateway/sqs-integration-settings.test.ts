import { Simulation } from '../../../lib/simulator';
import { Resource, apiTemplate, method, resource, stage } from './hand-template';

const ACCOUNT = '123456789012';
const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const allow = (action: string, resource: unknown) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
const FORM = '\'application/x-www-form-urlencoded\'';

/** An SQS integration to `queue` as `role`, with a request template and the given integration responses. */
function sqs(queue: string, role: string | undefined, template: string, responses: readonly Record<string, unknown>[], parameters: Record<string, string> = { 'integration.request.header.Content-Type': FORM }) {
  return {
    Integration: {
      Type: 'AWS', IntegrationHttpMethod: 'POST', Uri: `arn:aws:apigateway:us-east-1:sqs:path/${ACCOUNT}/${queue}`,
      ...(role ? { Credentials: { 'Fn::GetAtt': [role, 'Arn'] } } : {}),
      RequestParameters: parameters, RequestTemplates: { 'application/json': template }, PassthroughBehavior: 'NEVER', IntegrationResponses: responses,
    },
  };
}

const ANSWER = [{ StatusCode: '200', ResponseTemplates: { 'application/json': '{"id":"$input.path(\'$.SendMessageResponse.SendMessageResult.MessageId\')"}' } }, { StatusCode: '400', SelectionPattern: '4\\d\\d' }];

/**
 * GIVEN queues `plain` and `locked` (encrypted with a key whose policy lets only the account root use it) and a
 * role that may send to both (not use the key); POST /send sends the body with an attribute from the query
 * string and a header named by a stage variable's value; POST /locked sends to the locked queue; POST /narrow
 * maps only 5XX answers; POST /typed takes its Content-Type from the request's query string.
 */
function template() {
  const queue = (name: string, extra: Record<string, unknown> = {}): Resource => ({ Type: 'AWS::SQS::Queue', Properties: { QueueName: name, ...extra } });
  const send = 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)&MessageAttribute.1.Name=from&MessageAttribute.1.Value.StringValue=$util.urlEncode($input.params(\'from\'))&MessageAttribute.2.Name=stage&MessageAttribute.2.Value.DataType=String&MessageAttribute.2.Value.StringValue=$stageVariables.env';
  return apiTemplate({
    Plain: queue('plain'),
    Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] } } },
    Locked: queue('locked', { KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } }),
    Sender: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust, Policies: [{ PolicyName: 'send', PolicyDocument: allow('sqs:SendMessage', [`arn:aws:sqs:us-east-1:${ACCOUNT}:plain`, `arn:aws:sqs:us-east-1:${ACCOUNT}:locked`]) }] } },
    Send: resource('send'), LockedR: resource('locked'), Narrow: resource('narrow'), Typed: resource('typed'),
    PostSend: method('POST', sqs('plain', 'Sender', send, ANSWER, {
      'integration.request.header.Content-Type': FORM, 'integration.request.querystring.ignored': '\'x\'', 'integration.request.header.X-Unknown': 'context.requestId',
    }), 'Send'),
    PostLocked: method('POST', sqs('locked', 'Sender', 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)', ANSWER), 'LockedR'),
    PostNarrow: method('POST', sqs('plain', 'Sender', 'Action=SendMessage', [{ StatusCode: '500', SelectionPattern: '5\\d\\d' }]), 'Narrow'),
    PostTyped: method('POST', sqs('plain', 'Sender', 'Action=SendMessage&MessageBody=typed', ANSWER, { 'integration.request.header.Content-Type': 'method.request.querystring.type' }), 'Typed'),
    Prod: stage('prod', { Variables: { env: 'production' } }),
  });
}

const rejected = (sim: Simulation) => sim.events({ type: 'apigateway.rejected' }).map((e) => [e.resource, e.reason, e.detail?.status]);

describe('SQS integrations read from a hand-written template', () => {
  test('the request template reads the query string and stage variables; SQS\'s reply goes through the response template', async () => {
    // GIVEN the API WHEN a JSON body is posted with ?from=web
    const sim = Simulation.fromTemplate(template());
    const r = await sim.request('Api', { method: 'POST', path: '/send?from=web+app', body: { n: 1 } });
    // THEN the message holds the body and both attributes; the answer the message id
    const [m] = sim.queue('Plain').visible;
    expect([r.status, JSON.parse(r.body), m.body, m.attributes]).toEqual([200, { id: m.messageId }, '{"n":1}', {
      from: { DataType: 'String', StringValue: 'web app' }, stage: { DataType: 'String', StringValue: 'production' },
    }]);
    expect(sim.events({ type: 'apigateway.answered' }).map((e) => e.messageId)).toEqual([m.messageId]);
  });

  test('fails with SQS\'s KMS.AccessDeniedException (400) when the role may not use the queue\'s key', async () => {
    // GIVEN the API WHEN a message is posted to the locked queue
    const sim = Simulation.fromTemplate(template());
    const r = await sim.request('Api', { method: 'POST', path: '/locked', body: { n: 1 } });
    // THEN SQS's 400 is mapped by the 4XX response (its body passed on), and nothing is stored
    const reply = JSON.parse(r.body) as { Error: { Code: string; Message: string; Type: string }; RequestId: string };
    expect([r.status, reply.Error.Code, reply.Error.Type, sim.queue('Locked').visible]).toEqual([400, 'KMS.AccessDeniedException', 'Sender', []]);
    const keyArn = String(sim.template.resource('Key')!.getAtt('Arn'));
    expect(reply.Error.Message).toBe(`the key policy of Key leaves kms:GenerateDataKey to IAM policies, and no policy of Sender allows kms:GenerateDataKey on ${keyArn}`);
  });

  test('fails with 500 when no integration response matches SQS\'s answer, naming the status', async () => {
    // GIVEN the method mapping only 5XX WHEN SQS answers 400 (no MessageBody)
    const sim = Simulation.fromTemplate(template());
    const r = await sim.request('Api', { method: 'POST', path: '/narrow', body: {} });
    // THEN API Gateway's 500, with the reason
    expect([r.status, r.body]).toEqual([500, '{"message":"Internal server error"}']);
    expect(rejected(sim)).toEqual([['PostNarrow', 'no IntegrationResponse matches the status 400 and none is the default', 500]]);
  });

  test('the integration\'s Content-Type may come from the query string: the form type is read, another is refused by SQS', async () => {
    // GIVEN the API WHEN /typed is posted with the form type, then with text/plain, then with none
    const sim = Simulation.fromTemplate(template());
    const form = await sim.request('Api', { method: 'POST', path: '/typed', query: { type: 'application/x-www-form-urlencoded' }, body: {} });
    const text = await sim.request('Api', { method: 'POST', path: '/typed', query: { type: 'text/plain' }, body: {} });
    const none = await sim.request('Api', { method: 'POST', path: '/typed', body: {} });
    // THEN the first is stored; the others are SQS's MissingAction naming the type
    const message = (r: { body: string }) => (JSON.parse(r.body) as { Error: { Message: string } }).Error.Message;
    expect([form.status, text.status, none.status, sim.queue('Plain').visible.map((m) => m.body)]).toEqual([200, 400, 400, ['typed']]);
    expect([message(text), message(none)]).toEqual([
      'the integration sends Content-Type text/plain; SQS\'s query API reads application/x-www-form-urlencoded (set integration.request.header.Content-Type)',
      'the integration sends Content-Type (none); SQS\'s query API reads application/x-www-form-urlencoded (set integration.request.header.Content-Type)',
    ]);
  });
});
