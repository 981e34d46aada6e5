import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { TopicFanOut, TopicFanOutProps } from '../../../lib';

/**
 * Which alarms a fan-out makes for each `alarms` selection, each alarm whole; and whether it then makes an alarm topic
 * (only when some alarm, its own or a consumer's, needs one).
 */

function fanOut(props: Partial<TopicFanOutProps> = {}) {
  const stack = new Stack(new App(), 'Shop');
  const orders = new TopicFanOut(stack, 'Orders', { subscribers: { billing: {} }, ...props });
  return { stack, orders };
}

const idsOf = (alarms: cloudwatch.Alarm[]) => alarms.map((a) => a.node.id);

describe('TopicFanOut alarms, selected one by one', () => {
  test.each<[string, TopicFanOutProps['alarms'], string[], boolean]>([
    ['all, by default', undefined, ['OldestMessageAlarm', 'SubscriptionDeadLetterAlarm', 'DeadLetterAlarm'], true],
    ['all, with true', true, ['OldestMessageAlarm', 'SubscriptionDeadLetterAlarm', 'DeadLetterAlarm'], true],
    ['all but the subscription dead-letter alarm', { subscriptionDeadLetterQueueDepth: false }, ['OldestMessageAlarm', 'DeadLetterAlarm'], true],
    ['all but the dead-letter alarm', { deadLetterQueueDepth: false }, ['OldestMessageAlarm', 'SubscriptionDeadLetterAlarm'], true],
    ['all but the failed-deliveries alarm', { failedDeliveries: false }, ['OldestMessageAlarm', 'SubscriptionDeadLetterAlarm', 'DeadLetterAlarm'], false],
    ['only the failed-deliveries alarm', { oldestMessageAge: false, subscriptionDeadLetterQueueDepth: false, deadLetterQueueDepth: false }, [], true],
  ])('%s', (_title, alarms, subscriberAlarmIds, failedDeliveries) => {
    // GIVEN a fan-out with one subscriber and this selection
    const { stack, orders } = fanOut({ alarms });
    // THEN the subscriber has exactly these alarms, and the topic-level alarm is there or not
    expect(idsOf(orders.alarms('billing'))).toEqual(subscriberAlarmIds);
    expect(orders.failedDeliveriesAlarm !== undefined).toBe(failedDeliveries);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', subscriberAlarmIds.length + (failedDeliveries ? 1 : 0));
    // and an alarm topic is made, since some alarm notifies it
    expect(orders.alarmTopic?.node.path).toBe('Shop/Orders/AlarmTopic');
  });

  test('with every alarm selected off, no alarm and no alarm topic', () => {
    const { stack, orders } = fanOut({ alarms: { oldestMessageAge: false, subscriptionDeadLetterQueueDepth: false, deadLetterQueueDepth: false, failedDeliveries: false } });
    expect(orders.alarms('billing')).toEqual([]);
    expect(orders.failedDeliveriesAlarm).toBeUndefined();
    expect(orders.alarmTopic).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::SNS::Topic', 1);
  });

  test('a subscriber bringing a queue without dead-letter queue has no dead-letter alarm', () => {
    const stack = new Stack(new App(), 'Shop');
    const orders = new TopicFanOut(stack, 'Orders', { subscribers: { billing: { queue: new sqs.Queue(stack, 'Q') } } });
    expect(idsOf(orders.alarms('billing'))).toEqual(['OldestMessageAlarm', 'SubscriptionDeadLetterAlarm']);
  });
});

describe('TopicFanOut alarms, whole', () => {
  // GIVEN a fan-out with one subscriber and every alarm, synthesized once
  let stack: Stack;
  let orders: TopicFanOut;
  let template: Template;
  beforeAll(() => {
    ({ stack, orders } = fanOut());
    template = Template.fromStack(stack);
  });

  const propertiesOf = (alarm: cloudwatch.Alarm) => template.toJSON().Resources[stack.getLogicalId(alarm.node.defaultChild as cloudwatch.CfnAlarm)].Properties;
  const queueName = (queue: sqs.IQueue) => [{ Name: 'QueueName', Value: stack.resolve(queue.queueName) }];
  const common = () => ({ AlarmActions: [stack.resolve(orders.alarmTopic!.topicArn)], Period: 60, TreatMissingData: 'notBreaching' });

  test('the oldest-message alarm: 15 minutes, three periods running', () => {
    const [oldest] = orders.alarms('billing');
    expect(propertiesOf(oldest)).toEqual({
      ...common(),
      AlarmDescription: 'Messages for subscriber \'billing\' wait longer than 15 minutes: its consumer is slow or stopped.',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Dimensions: queueName(orders.queue('billing')),
      EvaluationPeriods: 3,
      MetricName: 'ApproximateAgeOfOldestMessage',
      Namespace: 'AWS/SQS',
      Statistic: 'Maximum',
      Threshold: 900,
    });
  });

  test('the two dead-letter alarms: one message in the subscription dead-letter queue, one in the dead-letter queue', () => {
    const [, subscription, deadLetter] = orders.alarms('billing');
    const depth = { ...common(), ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1, MetricName: 'ApproximateNumberOfMessagesVisible', Namespace: 'AWS/SQS', Statistic: 'Maximum', Threshold: 1 };
    expect(propertiesOf(subscription)).toEqual({
      ...depth,
      AlarmDescription: 'SNS could not deliver messages to subscriber \'billing\': check the queue policy and key policy.',
      Dimensions: queueName(orders.subscriptionDeadLetterQueue('billing')),
    });
    expect(propertiesOf(deadLetter)).toEqual({
      ...depth,
      AlarmDescription: 'Subscriber \'billing\' failed to process messages maxReceiveCount times; they are in its dead-letter queue.',
      Dimensions: queueName(orders.deadLetterQueue('billing')),
    });
  });

  test('the failed-deliveries alarm: one failed notification of the topic in a minute', () => {
    expect(propertiesOf(orders.failedDeliveriesAlarm!)).toEqual({
      ...common(),
      AlarmDescription: 'SNS failed to deliver a message from Shop/Orders. Look in the subscription dead-letter queues.',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Dimensions: [{ Name: 'TopicName', Value: stack.resolve((orders.topic as unknown as { topicName: string }).topicName) }],
      EvaluationPeriods: 1,
      MetricName: 'NumberOfNotificationsFailed',
      Namespace: 'AWS/SNS',
      Statistic: 'Sum',
      Threshold: 1,
    });
  });
});
