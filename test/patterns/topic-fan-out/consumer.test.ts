import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ShopStack } from '../../../examples/quick-start/shop-stack';
import { QueueConsumer, TopicFanOut, TopicFanOutProps, nagFindings } from '../../../lib';
import { QueueSetting, describeLocation, queueProvenance } from '../../../lib/core';
import { alarmActions, alarmsOnTheSameMetric } from '../../support/alarms';

const FUNCTION_PROPS = { handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });') };

/** A fan-out whose one subscriber, fulfilment, is consumed by Lambda with these consumer props. */
function fanOutWithConsumer(consumer: object = {}, more: Partial<TopicFanOutProps> = {}) {
  const stack = new Stack(new App(), 'Shop');
  const fanOut = new TopicFanOut(stack, 'Orders', {
    ...more,
    subscribers: { fulfilment: { consumer: { functionProps: FUNCTION_PROPS, ...consumer } }, ...more.subscribers },
  });
  return { stack, fanOut, template: () => Template.fromStack(stack) };
}

describe('a fan-out subscriber consumed by Lambda in one call (the quick-start example)', () => {
  // GIVEN the catalog's example, synthesized once (in beforeAll, so a throw fails the tests)
  let shop: ShopStack;
  let template: Template;
  let consumer: QueueConsumer;
  beforeAll(() => {
    shop = new ShopStack(new App(), 'Shop');
    template = Template.fromStack(shop);
    consumer = shop.orders.consumer('fulfilment');
  });

  test('fanOut.consumer() is a QueueConsumer on the subscriber\'s queue and dead-letter queue', () => {
    expect(consumer).toBeInstanceOf(QueueConsumer);
    expect(consumer.queue).toBe(shop.orders.queue('fulfilment'));
    expect(consumer.deadLetterQueue).toBe(shop.orders.deadLetterQueue('fulfilment'));
    expect(consumer.node.path).toBe('Shop/Orders/fulfilment/Consumer');
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: shop.resolve(consumer.queue.queueArn),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  test('the queue\'s visibility timeout is derived from the function as QueueConsumer derives it: 6 x 30 s', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 180, RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() } });
  });

  test('one KMS key encrypts the topic, the queues, the function\'s log group and the alarm topic', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    expect(consumer.encryptionKey).toBe(shop.orders.encryptionKey);
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: shop.resolve(shop.orders.encryptionKey.keyArn) });
  });

  test('one alarm topic: every alarm, the fan-out\'s and the consumer\'s, notifies it', () => {
    template.resourceCountIs('AWS::SNS::Topic', 2);
    expect(consumer.alarmTopic).toBe(shop.orders.alarmTopic);
    expect(alarmActions(template)).toEqual([JSON.stringify(shop.resolve(shop.orders.alarmTopic!.topicArn))]);
  });

  test('no two alarms watch the same metric: the consumer\'s queue alarms are the fan-out\'s, merged to fire when either would', () => {
    expect(alarmsOnTheSameMetric(template)).toEqual([]);
    // 3 of the fan-out's subscriber + 1 topic-level + the consumer's function errors and throttles
    template.resourceCountIs('AWS::CloudWatch::Alarm', 6);
    expect(consumer.alarms.deadLetterQueueDepth).toBeDefined();
    expect(shop.orders.alarms('fulfilment')).toContain(consumer.alarms.deadLetterQueueDepth);
    expect(shop.orders.alarms('fulfilment')).toContain(consumer.alarms.oldestMessageAge);
    // The fan-out's age alarm waits 3 periods, the consumer's 1: the merged alarm takes the quicker.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 900, EvaluationPeriods: 1 });
  });

  test('the five cdk-nag packs report nothing, errors or warnings', () => {
    expect(nagFindings(shop).map((f) => `${f.rule} at ${f.constructPath}`)).toEqual([]);
  });

  test('no warning is shown', () => {
    expect(Annotations.fromStack(shop).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('a fan-out subscriber consumed in one call, configured', () => {
  test('the derived visibility timeout adds the batching window: 6 x 20 s + 5 s', () => {
    const template = fanOutWithConsumer({ functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(20) }, maxBatchingWindow: Duration.seconds(5) }).template();
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 125 });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { MaximumBatchingWindowInSeconds: 5 });
  });

  test('a visibility timeout the user gives is kept, not derived', () => {
    const { fanOut } = fanOutWithConsumer({}, {
      subscribers: { fulfilment: { queueProps: { visibilityTimeout: Duration.minutes(10) }, consumer: { functionProps: FUNCTION_PROPS } } },
    });
    expect((fanOut.queue('fulfilment').node.defaultChild as sqs.CfnQueue).visibilityTimeout).toBe(600);
  });

  test('subscribers.<name>.maxMessageAge sets the age alarm of the fan-out and the consumer alike', () => {
    const template = fanOutWithConsumer({}, { subscribers: { fulfilment: { maxMessageAge: Duration.minutes(5), consumer: { functionProps: FUNCTION_PROPS } } } }).template();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 300 });
    expect(alarmsOnTheSameMetric(template)).toEqual([]);
  });

  test('a brought function consumes the queue, and is granted it', () => {
    const stack = new Stack(new App(), 'Shop');
    const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X, timeout: Duration.seconds(10) });
    const fanOut = new TopicFanOut(stack, 'Orders', { subscribers: { fulfilment: { consumer: { function: fn } } } });
    expect(fanOut.consumer('fulfilment').function).toBe(fn);
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 60 });
  });

  test('a subscriber without consumer has none, and asking for it fails naming the prop to set', () => {
    const { fanOut } = fanOutWithConsumer({}, { subscribers: { audit: {} } });
    expect(() => fanOut.consumer('audit')).toThrow(/Shop\/Orders: subscribers.audit.consumer is not set: .*Give subscribers.audit a consumer/);
  });

  test('with the fan-out\'s alarms off, the consumer\'s alarms still have one alarm topic, made by the fan-out', () => {
    const { stack, fanOut, template: synth } = fanOutWithConsumer({}, { alarms: false });
    const template = synth();
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    template.resourceCountIs('AWS::SNS::Topic', 2);
    expect(fanOut.alarmTopic?.node.path).toBe('Shop/Orders/AlarmTopic');
    expect(alarmActions(template)).toEqual([JSON.stringify(stack.resolve(fanOut.alarmTopic!.topicArn))]);
  });

  test('with every alarm off in both, there are no alarms and no alarm topic', () => {
    const { fanOut, template: synth } = fanOutWithConsumer({ alarms: false }, { alarms: false });
    const template = synth();
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    expect(fanOut.alarmTopic).toBeUndefined();
    expect(fanOut.consumer('fulfilment').alarmTopic).toBeUndefined();
  });

  test('a FIFO fan-out\'s consumer polls its FIFO queue', () => {
    const template = fanOutWithConsumer({ batchSize: 10 }, { fifo: true }).template();
    template.hasResourceProperties('AWS::SQS::Queue', { FifoQueue: true, VisibilityTimeout: 180 });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 10, MaximumBatchingWindowInSeconds: Match.absent() });
  });
});

describe('what the fan-out records for patterns given its queues', () => {
  // GIVEN a fan-out whose subscriber sets a retention and leaves the visibility timeout to the pattern
  let stack: Stack;
  let orders: TopicFanOut;
  beforeAll(() => {
    stack = new Stack(new App(), 'Shop');
    orders = new TopicFanOut(stack, 'Orders', { subscribers: { fulfilment: { queueProps: { retentionPeriod: Duration.days(2) } } } });
  });
  const where = (queue: sqs.IQueue, setting: QueueSetting) => {
    const location = queueProvenance(queue)?.settings[setting];
    return location && [describeLocation(location), location.givenByUser];
  };

  test('the subscriber queue: owner, key, alarm topic, dead-letter queue, and where each setting is set', () => {
    const record = queueProvenance(orders.queue('fulfilment'))!;
    expect(record).toMatchObject({ owner: orders, name: 'fulfilment', encryptionKey: orders.encryptionKey, deadLetterQueue: orders.deadLetterQueue('fulfilment') });
    expect(record.alarmTopic?.()).toBe(orders.alarmTopic);
    expect(where(orders.queue('fulfilment'), 'visibilityTimeout')).toEqual(['Shop/Orders subscribers.fulfilment.queueProps.visibilityTimeout', false]);
    expect(where(orders.queue('fulfilment'), 'retentionPeriod')).toEqual(['Shop/Orders subscribers.fulfilment.queueProps.retentionPeriod', true]);
    expect(where(orders.queue('fulfilment'), 'deadLetterRetentionPeriod')).toEqual(['Shop/Orders subscribers.fulfilment.deadLetterQueueProps.retentionPeriod', false]);
    expect(where(orders.queue('fulfilment'), 'encryptionKey')).toEqual(['Shop/Orders encryptionKey', false]);
  });

  test('the dead-letter queues: theirs are the deadLetterQueueProps; the subscription DLQ has only the key', () => {
    expect(where(orders.deadLetterQueue('fulfilment'), 'retentionPeriod')).toEqual(['Shop/Orders subscribers.fulfilment.deadLetterQueueProps.retentionPeriod', false]);
    expect(queueProvenance(orders.subscriptionDeadLetterQueue('fulfilment'))?.settings).toEqual({ encryptionKey: expect.anything() });
  });

  test('a brought queue is the user\'s: nothing is recorded for it', () => {
    const mine = new sqs.Queue(stack, 'Mine', { deadLetterQueue: { queue: new sqs.Queue(stack, 'MineDlq', { retentionPeriod: Duration.days(14) }), maxReceiveCount: 5 } });
    new TopicFanOut(stack, 'Other', { subscribers: { a: { queue: mine } } });
    expect(queueProvenance(mine)).toBeUndefined();
  });
});

describe('the template assertion behind "no two alarms on the same metric"', () => {
  test('sees a second alarm on the same metric when one is made outside the shared factory', () => {
    const { stack, fanOut } = fanOutWithConsumer();
    new cloudwatch.Alarm(stack, 'Mine', { metric: fanOut.metricDeadLetterQueueDepth('fulfilment'), threshold: 1, evaluationPeriods: 1 });
    const [twice] = alarmsOnTheSameMetric(Template.fromStack(stack));
    expect(twice).toEqual([expect.stringMatching(/^OrdersfulfilmentDeadLetterAlarm/), expect.stringMatching(/^Mine/)]);
  });
});
