import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AUTHORIZED_API_RULES as R, AuthorizedApi, AuthorizedApiProps, MessageValue, TopicFanOut, TopicFanOutProps, nagFindings } from '../../../lib';
import { TOPIC_KEY_ACKNOWLEDGEMENTS, publishTemplate } from '../../../lib/patterns/authorized-api/message-integration';
import { TargetFacts, topicFacts } from '../../../lib/patterns/authorized-api/target-facts';
import { acknowledgedOn, apiErrorOf, newFunction, newStack, warningsOf } from './support';

/** The statements of the customer-managed policy attached to `role`. */
function statementsOf(template: Template, stack: Stack, role: iam.IRole | undefined): unknown[] {
  const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [stack.resolve(role!.roleName)] } }));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument.Statement;
}

/** A fan-out with an intake subscriber, in a stack of its own app; the API is added to the same stack. */
function shop(more: Partial<TopicFanOutProps> = {}) {
  const stack = newStack('Shop');
  const orders = new TopicFanOut(stack, 'Orders', { ...more, subscribers: { intake: { filter: { eventType: ['order_placed'] } } } });
  return { stack, orders };
}

/** The fan-out of `shop()` and an API in its stack behind a TOKEN authorizer, with these routes to it; synthesized. */
function shopApi(routes: (orders: TopicFanOut) => AuthorizedApiProps['routes']) {
  const { stack, orders } = shop();
  const api = new AuthorizedApi(stack, 'Api', { authorizer: { type: 'token', function: newFunction(stack, 'AuthFn') }, routes: routes(orders) });
  return { stack, orders, api, template: Template.fromStack(stack) };
}

/** The errors the five packs report on what the two patterns made (the test's inline functions aside). */
function patternNagErrors(stack: Stack): string[] {
  return nagFindings(stack).filter((f) => f.severity === 'error' && /^Shop\/(Orders|Api)\//.test(f.constructPath)).map((f) => `${f.rule} ${f.constructPath}`);
}

describe('an AuthorizedApi route to a fan-out\'s queue (POST /orders → fanOut.queue(\'intake\'))', () => {
  // GIVEN a fan-out, and an API whose POST /orders sends to its intake queue; synthesized once
  let stack: Stack;
  let orders: TopicFanOut;
  let api: AuthorizedApi;
  let template: Template;
  beforeAll(() => {
    ({ stack, orders, api, template } = shopApi((fanOut) => ({ 'POST /orders': { queue: fanOut.queue('intake') } })));
  });

  test('the integration role sends to that queue and uses the fan-out\'s key, each granted once', () => {
    expect(statementsOf(template, stack, api.queueRole('POST /orders'))).toEqual([
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: stack.resolve(orders.queue('intake').queueArn) },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: stack.resolve(orders.encryptionKey.keyArn) },
    ]);
  });

  test('one key: the API\'s log groups are encrypted with the fan-out\'s key, and the API makes none', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.stringLikeRegexp('/access$'), KmsKeyId: stack.resolve(orders.encryptionKey.keyArn),
    });
  });

  test('the five cdk-nag packs report no error on what the fan-out and the API made', () => {
    expect(patternNagErrors(stack)).toEqual([]);
  });
});

describe('an AuthorizedApi route to a fan-out\'s topic (POST /events → fanOut.topic): API → SNS Publish', () => {
  // GIVEN a fan-out, and an API whose POST /events publishes to its topic with the X-Event-Type header as eventType
  let stack: Stack;
  let orders: TopicFanOut;
  let api: AuthorizedApi;
  let template: Template;
  beforeAll(() => {
    ({ stack, orders, api, template } = shopApi((fanOut) => ({ 'POST /events': { topic: fanOut.topic, messageAttributes: ['eventType'] } })));
  });

  test('the integration role may publish to that topic and use its key, and nothing else', () => {
    expect(statementsOf(template, stack, api.topicRole('POST /events'))).toEqual([
      { Effect: 'Allow', Action: 'sns:Publish', Resource: stack.resolve(orders.topic.topicArn) },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: stack.resolve(orders.encryptionKey.keyArn) },
    ]);
    expect(api.queueRole('POST /events')).toBeUndefined();
  });

  test('calls SNS Publish with the body as the message and the header as a message attribute, which the subscribers\' filters match', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      RequestParameters: { 'method.request.header.eventType': true },
      MethodResponses: [{ StatusCode: '202' }, { StatusCode: '500' }, { StatusCode: '502' }],
      Integration: Match.objectLike({
        Type: 'AWS',
        IntegrationHttpMethod: 'POST',
        Credentials: stack.resolve((api.topicRole('POST /events') as iam.Role).roleArn),
        Uri: Match.stringLikeRegexp(':apigateway:eu-west-1:sns:action/Publish$'),
        RequestParameters: { 'integration.request.header.Content-Type': '\'application/x-www-form-urlencoded\'' },
        PassthroughBehavior: 'NEVER',
      }),
    });
  });

  test('one key: the API shares the fan-out\'s, which encrypts the topic', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
  });

  test('the five cdk-nag packs report no error on what the fan-out and the API made (the key wildcard action is acknowledged)', () => {
    expect(patternNagErrors(stack)).toEqual([]);
    const policy = api.node.findChild('Routes').node.findChild('POST /events').node.findChild('Policy');
    expect(acknowledgedOn(policy)).toEqual(Object.fromEntries(TOPIC_KEY_ACKNOWLEDGEMENTS.map((a) => [a.id, a.reason])));
  });
});

describe('the Publish request template', () => {
  const arn = 'arn:aws:sns:eu-west-1:111111111111:orders';
  let standard: TargetFacts;
  let fifo: TargetFacts;
  beforeAll(() => {
    const stack = new Stack(new App(), 'T', { env: { account: '111111111111', region: 'eu-west-1' } });
    standard = topicFacts(stack, sns.Topic.fromTopicArn(stack, 'Standard', arn));
    fifo = topicFacts(stack, new sns.Topic(stack, 'Fifo', { fifo: true }));
  });

  test('is one form-encoded line: Publish, the topic, the body, then each header as a String attribute', () => {
    expect(publishTemplate({ messageAttributes: ['eventType'] }, standard, arn)).toBe([
      'Action=Publish', `TopicArn=$util.urlEncode('${arn}')`, 'Message=$util.urlEncode($input.body)',
      'MessageAttributes.entry.1.Name=eventType', 'MessageAttributes.entry.1.Value.DataType=String',
      'MessageAttributes.entry.1.Value.StringValue=$util.urlEncode($input.params().header.get(\'eventType\'))',
    ].join('&'));
  });

  test('to a FIFO topic: the group id, and the request id as the deduplication id without content-based deduplication', () => {
    const template = publishTemplate({ messageGroupId: MessageValue.header('X-Customer') }, fifo, arn);
    expect(template).toContain('&MessageGroupId=$util.urlEncode($input.params().header.get(\'X-Customer\'))');
    expect(template).toContain('&MessageDeduplicationId=$util.urlEncode($context.requestId)');
  });
});

describe('topic route rules', () => {
  const auth = (s: Stack) => ({ type: 'token' as const, function: newFunction(s, 'AuthFn') });

  test('fails if a route to a FIFO topic has no messageGroupId, naming SNS', () => {
    const e = apiErrorOf((s) => ({ authorizer: auth(s), routes: { 'POST /events': { topic: new sns.Topic(s, 'T', { fifo: true }) } } }));
    expect(e.problems.map((p) => [p.code, p.prop])).toEqual([[R.fifoWithoutGroupId, 'routes[\'POST /events\'].messageGroupId']]);
    expect(e.message).toContain('for a FIFO topic: SNS rejects a message to a FIFO topic without a message group id');
  });

  test('accepts 10 headers as attributes of a topic\'s messages, and fails at 11', () => {
    const headers = (n: number) => Array.from({ length: n }, (_, i) => `X-H${i}`);
    expect(() => new AuthorizedApi(newStack(), 'Api', { authorizer: { type: 'iam' }, routes: { 'POST /e': { topic: sns.Topic.fromTopicArn(newStack(), 'T', 'arn:aws:sns:eu-west-1:111111111111:t'), messageAttributes: headers(10) } } }))
      .not.toThrow();
    const e = apiErrorOf((s) => ({ authorizer: { type: 'iam' }, routes: { 'POST /e': { topic: new sns.Topic(s, 'T'), messageAttributes: headers(11) } } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.messageAttributes]);
    expect(e.message).toContain('but a topic delivers at most 10 attributes to an SQS subscriber with raw delivery');
  });

  test('fails if a route has both a queue and a topic, naming both', () => {
    const { stack, orders } = shop();
    let message = '';
    try {
      new AuthorizedApi(stack, 'Api', { authorizer: { type: 'iam' }, routes: { 'POST /e': { queue: orders.queue('intake'), topic: orders.topic } } });
    } catch (e) {
      message = String(e);
    }
    expect(message).toContain(`routes['POST /e'] has queue and topic: a route answers with a Lambda function, sends to an SQS queue or publishes to an SNS topic. Give the route exactly one of function, queue and topic. [${R.exactlyOneTarget}]`);
  });

  test('fails if a function route has messageAttributes, which only shape a queue\'s or topic\'s message', () => {
    const e = apiErrorOf((s) => ({ authorizer: { type: 'iam' }, routes: { 'POST /e': { function: newFunction(s, 'Fn'), messageAttributes: ['X-A'] } } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.routeOptionNotForTarget]);
    expect(e.message).toContain('Remove them, or route to a queue or topic.');
  });

  test('warns about an imported topic without its key, and grants the key of one imported with it', () => {
    const arn = 'arn:aws:sns:eu-west-1:111111111111:t';
    const unknown = warningsOf((s) => new AuthorizedApi(s, 'Api', { authorizer: { type: 'iam' }, routes: { 'POST /e': { topic: sns.Topic.fromTopicArn(s, 'T', arn) } } }));
    expect(unknown.filter((w) => w.includes(R.topicEncryptionUnknown))).toEqual([expect.stringContaining('sns.Topic.fromTopicAttributes({ topicArn, keyArn })')]);
    const keyArn = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const imported = warningsOf((s) => new AuthorizedApi(s, 'Api', { authorizer: { type: 'iam' }, routes: { 'POST /e': { topic: sns.Topic.fromTopicAttributes(s, 'T', { topicArn: arn, keyArn }) } } }));
    expect(imported.filter((w) => w.includes(R.topicKeyImported))).toEqual([expect.stringContaining('api.topicRole(\'POST /e\')')]);
  });

  test('fails if the topic is another account\'s and uses alias/aws/sns, and accepts it in the API\'s own account', () => {
    const route = (s: Stack, account: string) => ({ 'POST /e': { topic: sns.Topic.fromTopicAttributes(s, 'T', { topicArn: `arn:aws:sns:eu-west-1:${account}:t`, keyArn: `arn:aws:kms:eu-west-1:${account}:alias/aws/sns` }) } });
    expect(() => new AuthorizedApi(newStack(), 'Api', { authorizer: { type: 'iam' }, routes: route(newStack(), '111111111111') })).not.toThrow();
    const e = apiErrorOf((s) => ({ authorizer: { type: 'iam' }, routes: route(s, '222222222222') }));
    expect(e.problems.map((p) => p.code)).toEqual([R.topicKeyNotUsable]);
  });
});

describe('a route to a queue another pattern made, whose key is not the app\'s to share', () => {
  test('the fan-out\'s imported key: granted to the role, warned about where it is set, and not used for the API\'s logs', () => {
    // GIVEN a fan-out encrypted with a key from outside the app
    const keyArn = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { stack, orders } = shop({ encryptionKey: kms.Key.fromKeyArn(newStack('Keys'), 'Imported', keyArn) });
    // WHEN an API routes to its queue
    const api = new AuthorizedApi(stack, 'Api', { authorizer: { type: 'iam' }, routes: { 'POST /orders': { queue: orders.queue('intake') } } });
    const template = Template.fromStack(stack);
    // THEN the role may use that key, the warning names the fan-out's prop, and the API's logs have a key of its own
    expect(statementsOf(template, stack, api.queueRole('POST /orders'))).toContainEqual({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: keyArn });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(R.queueKeyImported)).map((w) => String(w.entry.data));
    expect(warnings).toEqual([expect.stringContaining(`(key ${keyArn}, set by Shop/Orders encryptionKey)`)]);
    template.resourceCountIs('AWS::KMS::Key', 1);
  });

  test('a fan-out in another stack: the API makes its own key, so neither stack refers to the other\'s log groups', () => {
    const app = new App();
    const env = { account: '111111111111', region: 'eu-west-1' };
    const orders = new TopicFanOut(new Stack(app, 'Messaging', { env }), 'Orders', { subscribers: { intake: {} } });
    const stack = new Stack(app, 'Web', { env });
    new AuthorizedApi(stack, 'Api', { authorizer: { type: 'iam' }, routes: { 'POST /orders': { queue: orders.queue('intake') } } });
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 1);
    expect(() => app.synth()).not.toThrow();
  });
});

describe('a route to a fan-out\'s topic, checked against what the fan-out recorded', () => {
  /** The warnings of one code on a stack with a fan-out (these subscribers) and an API publishing to its topic. */
  function publishWarnings(subscribers: TopicFanOutProps['subscribers'], messageAttributes?: string[]): string[] {
    const stack = newStack('Shop');
    const orders = new TopicFanOut(stack, 'Orders', { subscribers });
    new AuthorizedApi(stack, 'Api', { authorizer: { type: 'iam' }, routes: { 'POST /events': { topic: orders.topic, messageAttributes } } });
    return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(R.noSubscriberReceives)).map((w) => String(w.entry.data));
  }

  test('warns if every subscriber filters on an attribute the route never sets, naming the route\'s prop and each filter', () => {
    const warnings = publishWarnings({ billing: { filter: { eventType: ['order_placed'] } }, audit: { filter: { source: ['web'] } } }, ['X-Trace']);
    expect(warnings).toEqual([expect.stringContaining(
      'routes[\'POST /events\'].messageAttributes (X-Trace) reach no subscriber of Shop/Orders: each filters on a message attribute the route never sets '
      + '(Shop/Orders subscribers.billing.filter; Shop/Orders subscribers.audit.filter), so SNS accepts every message and delivers it to no one. '
      + 'Add the header each filter matches to routes[\'POST /events\'].messageAttributes',
    )]);
  });

  test('no warning once one subscriber can receive: the header its filter matches, no filter, or a body filter', () => {
    expect(publishWarnings({ billing: { filter: { eventType: ['order_placed'] } }, audit: { filter: { source: ['web'] } } }, ['source'])).toEqual([]);
    expect(publishWarnings({ billing: { filter: { eventType: ['order_placed'] } }, all: {} })).toEqual([]);
    expect(publishWarnings({ billing: { filter: { eventType: ['order_placed'] }, filterScope: 'MessageBody' } })).toEqual([]);
  });

  test('fails if a route to a FIFO fan-out\'s topic has no messageGroupId, saying where the topic is made FIFO', () => {
    const e = apiErrorOf((s) => {
      const orders = new TopicFanOut(s, 'Orders', { fifo: true, subscribers: { intake: {} } });
      return { authorizer: { type: 'iam' }, routes: { 'POST /events': { topic: orders.topic } } };
    });
    expect(e.problems.map((p) => [p.code, p.prop])).toEqual([[R.fifoWithoutGroupId, 'routes[\'POST /events\'].messageGroupId']]);
    expect(e.message).toMatch(/messageGroupId is missing for a FIFO topic \(\S+\/Orders fifo\): SNS rejects/);
  });

  test('the fan-out\'s imported key: granted to the topic role, and the warning names where it is set', () => {
    const keyArn = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { stack, orders } = shop({ encryptionKey: kms.Key.fromKeyArn(newStack('Keys'), 'Imported', keyArn) });
    const api = new AuthorizedApi(stack, 'Api', { authorizer: { type: 'iam' }, routes: { 'POST /events': { topic: orders.topic, messageAttributes: ['eventType'] } } });
    const template = Template.fromStack(stack);
    expect(statementsOf(template, stack, api.topicRole('POST /events'))).toContainEqual({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: keyArn });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(R.topicKeyImported)).map((w) => String(w.entry.data));
    expect(warnings).toEqual([expect.stringContaining(`(key ${keyArn}, set by Shop/Orders encryptionKey)`)]);
  });
});
