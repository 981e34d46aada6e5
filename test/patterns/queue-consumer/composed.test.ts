import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QUEUE_CONSUMER_RULES as R, QueueConsumer, SubscriberProps, TopicFanOut, nagFindings } from '../../../lib';
import { alarmActions, alarmsOnTheSameMetric } from '../../support/alarms';
import { FUNCTION_PROPS, validationErrorOf } from './support';

/** A fan-out with one subscriber, fulfilment, in a fresh stack: the queue a QueueConsumer is then given. */
function fanOut(fulfilment: SubscriberProps = {}) {
  const stack = new Stack(new App(), 'Shop');
  return { stack, orders: new TopicFanOut(stack, 'Orders', { subscribers: { fulfilment } }) };
}

const visibilityOf = (queue: sqs.IQueue) => (queue.node.defaultChild as sqs.CfnQueue).visibilityTimeout;

describe('a QueueConsumer given a fan-out\'s queue (two constructs)', () => {
  // GIVEN the fan-out with defaults, and a consumer of its queue with defaults; synthesized once (in beforeAll, so a throw fails the tests)
  let stack: Stack;
  let orders: TopicFanOut;
  let consumer: QueueConsumer;
  let template: Template;
  beforeAll(() => {
    ({ stack, orders } = fanOut());
    consumer = new QueueConsumer(stack, 'Fulfilment', { queue: orders.queue('fulfilment'), functionProps: FUNCTION_PROPS });
    template = Template.fromStack(stack);
  });

  test('works with defaults: the visibility timeout the fan-out left to SQS is derived from the function, 6 x 30 s', () => {
    expect(visibilityOf(orders.queue('fulfilment'))).toBe(180);
    expect(consumer.deadLetterQueue).toBe(orders.deadLetterQueue('fulfilment'));
  });

  test('reuses the fan-out\'s key and alarm topic: one of each in the stack', () => {
    expect(consumer.encryptionKey).toBe(orders.encryptionKey);
    expect(consumer.alarmTopic).toBe(orders.alarmTopic);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.resourceCountIs('AWS::SNS::Topic', 2);
    expect(alarmActions(template)).toEqual([JSON.stringify(stack.resolve(orders.alarmTopic!.topicArn))]);
  });

  test('makes no alarm the fan-out already made: no two alarms on the same metric', () => {
    expect(alarmsOnTheSameMetric(template)).toEqual([]);
    expect(orders.alarms('fulfilment')).toContain(consumer.alarms.deadLetterQueueDepth);
    expect(orders.alarms('fulfilment')).toContain(consumer.alarms.oldestMessageAge);
  });

  test('the five cdk-nag packs report no error', () => {
    expect(nagFindings(stack).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('a QueueConsumer given a fan-out\'s queue, configured', () => {
  test('fails if the fan-out\'s queueProps.visibilityTimeout is one second short, naming that prop on the fan-out and the one-call option', () => {
    const { stack, orders } = fanOut({ queueProps: { visibilityTimeout: Duration.seconds(179) } });
    const e = validationErrorOf({ queue: orders.queue('fulfilment'), functionProps: FUNCTION_PROPS }, stack);
    expect(e.problems.map((p) => [p.code, p.path, p.prop])).toEqual([[R.visibilityTimeout, 'Shop/Orders', 'subscribers.fulfilment.queueProps.visibilityTimeout']]);
    expect(e.message).toBe('Shop/Consumer has an invalid setting:\n'
      + '  ✖ Shop/Orders: subscribers.fulfilment.queueProps.visibilityTimeout 179s is less than 6 x the function timeout (functionProps.timeout 30s) + the batching window (0s) = 180s: '
      + 'messages would reappear while still being processed, and AWS rejects the mapping outright below 1 x the timeout (Lambda developer guide, configuring SQS event sources). '
      + 'Raise Shop/Orders subscribers.fulfilment.queueProps.visibilityTimeout to at least 180s, or lower the function timeout; '
      + 'or let Shop/Orders make the consumer with subscribers.fulfilment.consumer, which derives the visibility timeout from the function. [decoupled:queue-consumer/visibility-timeout]');
  });

  test('accepts the fan-out\'s queueProps.visibilityTimeout at exactly 6 x the function timeout, and keeps it', () => {
    const { stack, orders } = fanOut({ queueProps: { visibilityTimeout: Duration.seconds(180) } });
    expect(() => new QueueConsumer(stack, 'Consumer', { queue: orders.queue('fulfilment'), functionProps: FUNCTION_PROPS })).not.toThrow();
    expect(visibilityOf(orders.queue('fulfilment'))).toBe(180);
  });

  test('two consumers of one queue: the visibility timeout fits the slower', () => {
    const { stack, orders } = fanOut();
    new QueueConsumer(stack, 'Slow', { queue: orders.queue('fulfilment'), functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(60) } });
    new QueueConsumer(stack, 'Fast', { queue: orders.queue('fulfilment'), functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(10) } });
    expect(visibilityOf(orders.queue('fulfilment'))).toBe(360);
  });

  test('a maxReceiveCount below 5 on the fan-out is warned about once, by the fan-out', () => {
    const { stack, orders } = fanOut({ maxReceiveCount: 3 });
    new QueueConsumer(stack, 'Consumer', { queue: orders.queue('fulfilment'), functionProps: FUNCTION_PROPS });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('max-receive-count')).map((w) => String(w.entry.data));
    expect(warnings).toEqual([expect.stringContaining('subscribers.fulfilment.maxReceiveCount 3 is below 5')]);
  });

  test('a queue of the user\'s, not a pattern\'s, still gets its own warning', () => {
    const stack = new Stack(new App(), 'Shop');
    const dlq = new sqs.Queue(stack, 'Dlq', { retentionPeriod: Duration.days(14) });
    const queue = new sqs.Queue(stack, 'Queue', { visibilityTimeout: Duration.minutes(3), deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    new QueueConsumer(stack, 'Consumer', { queue, functionProps: FUNCTION_PROPS });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(R.maxReceiveCount)).map((w) => String(w.entry.data));
    expect(warnings).toEqual([expect.stringContaining('queue deadLetterQueue.maxReceiveCount 3 is below 5')]);
  });

  test('a key and alarm topic given to the consumer win over the fan-out\'s', () => {
    const { stack, orders } = fanOut();
    const pager = new sns.Topic(stack, 'Pager');
    const consumer = new QueueConsumer(stack, 'Consumer', { queue: orders.queue('fulfilment'), functionProps: FUNCTION_PROPS, alarmTopic: pager });
    expect(consumer.alarmTopic).toBe(pager);
    expect(consumer.alarms.functionErrors).toBeDefined();
  });

  test('a QueueConsumer given another QueueConsumer\'s queue reuses its key and alarm topic and merges its alarms', () => {
    const stack = new Stack(new App(), 'Chain');
    const first = new QueueConsumer(stack, 'First', { functionProps: FUNCTION_PROPS });
    const second = new QueueConsumer(stack, 'Second', { queue: first.queue, functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(60) } });
    expect(second.encryptionKey).toBe(first.encryptionKey);
    expect(second.alarmTopic).toBe(first.alarmTopic);
    expect(visibilityOf(first.queue)).toBe(360);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    expect(alarmsOnTheSameMetric(template)).toEqual([]);
  });

  test('fails if the first consumer\'s queueProps.visibilityTimeout is too short for the second, naming the first\'s prop', () => {
    const stack = new Stack(new App(), 'Chain');
    const first = new QueueConsumer(stack, 'First', { functionProps: FUNCTION_PROPS, queueProps: { visibilityTimeout: Duration.seconds(180) } });
    const e = validationErrorOf({ queue: first.queue, functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(60) } }, stack);
    expect(e.problems.map((p) => [p.path, p.prop])).toEqual([['Chain/First', 'queueProps.visibilityTimeout']]);
  });
});

describe('QueueConsumer alarms: off, or some of them', () => {
  test('alarms: false makes no alarm and no alarm topic', () => {
    const stack = new Stack(new App(), 'Quiet');
    const consumer = new QueueConsumer(stack, 'Consumer', { functionProps: FUNCTION_PROPS, alarms: false });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    expect(consumer.alarmTopic).toBeUndefined();
    expect(consumer.alarms).toEqual({});
  });

  test('one flag false leaves out that alarm only; the metric is there to make your own', () => {
    const stack = new Stack(new App(), 'Some');
    const consumer = new QueueConsumer(stack, 'Consumer', { functionProps: FUNCTION_PROPS, alarms: { functionThrottles: false, oldestMessageAge: false } });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { MetricName: 'Throttles' }, 0);
    expect(consumer.alarms.functionThrottles).toBeUndefined();
    expect(consumer.alarms.functionErrors).toBeDefined();
    expect(consumer.metricOldestMessageAge().metricName).toBe('ApproximateAgeOfOldestMessage');
  });
});
