import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { QueueConsumer } from '../../../lib';
import { FUNCTION_PROPS, newStack } from './support';

const topic = { Ref: expect.stringMatching(/^PaymentsAlarmTopic/) };

/** The one alarm on `metricName`, as synthesized. */
function alarmOn(template: Template, metricName: string): Record<string, unknown> {
  const found = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: metricName } }));
  expect(found).toHaveLength(1);
  return found[0].Properties;
}

describe('QueueConsumer alarms', () => {
  test('each alarm says what it means, and watches its metric over its period with its statistic', () => {
    // GIVEN a consumer with the default alarms
    const stack = newStack();
    const consumer = new QueueConsumer(stack, 'Payments', { functionProps: FUNCTION_PROPS });
    // WHEN it is synthesized
    const template = Template.fromStack(stack);
    // THEN every alarm has its full description, threshold, period and statistic, and notifies the alarm topic
    expect(alarmOn(template, 'ApproximateNumberOfMessagesVisible')).toMatchObject({
      AlarmDescription: 'Messages are in the dead-letter queue: the consumer gave up on them. Read them, fix the cause, then redrive.',
      Namespace: 'AWS/SQS', Threshold: 1, Period: 60, Statistic: 'Maximum', AlarmActions: [topic],
    });
    expect(alarmOn(template, 'ApproximateAgeOfOldestMessage')).toMatchObject({
      AlarmDescription: 'The oldest message has waited 15 minutes or more: the consumer is behind, throttled or failing.',
      Namespace: 'AWS/SQS', Threshold: 900, AlarmActions: [topic],
    });
    expect(alarmOn(template, 'Errors')).toMatchObject({
      AlarmDescription: 'The consumer function failed whole batches (an error thrown or a timeout): every message in them is retried.',
      Namespace: 'AWS/Lambda', Threshold: 1, Period: 300, Statistic: 'Sum', AlarmActions: [topic],
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: expect.stringMatching(/^PaymentsFunction/) } }],
    });
    expect(alarmOn(template, 'Throttles')).toMatchObject({
      AlarmDescription: 'The consumer function was throttled: throttled receives count toward maxReceiveCount. Check reserved concurrency and maxConcurrency.',
      Namespace: 'AWS/Lambda', Threshold: 1, Period: 300, Statistic: 'Sum', AlarmActions: [topic],
    });
    expect(consumer.alarms.deadLetterQueueDepth).toBeDefined();
    expect(consumer.alarms.oldestMessageAge).toBeDefined();
    expect(consumer.alarms.functionErrors).toBeDefined();
    expect(consumer.alarms.functionThrottles).toBeDefined();
  });

  test('the age alarm follows maxMessageAge, in its threshold and its description', () => {
    // GIVEN a consumer whose messages may wait 2 hours
    const stack = newStack();
    new QueueConsumer(stack, 'Payments', { functionProps: FUNCTION_PROPS, maxMessageAge: Duration.hours(2) });
    // THEN the age alarm fires at 7200 s and says so
    expect(alarmOn(Template.fromStack(stack), 'ApproximateAgeOfOldestMessage')).toMatchObject({
      Threshold: 7200,
      AlarmDescription: 'The oldest message has waited 2 hours or more: the consumer is behind, throttled or failing.',
    });
  });

  test.each([
    ['deadLetterQueueDepth', 'ApproximateNumberOfMessagesVisible'],
    ['oldestMessageAge', 'ApproximateAgeOfOldestMessage'],
    ['functionErrors', 'Errors'],
    ['functionThrottles', 'Throttles'],
  ] as const)('an alarm turned off (%s) is neither made nor exposed, and the others are', (name, metricName) => {
    // GIVEN a consumer with one alarm turned off
    const stack = newStack();
    const consumer = new QueueConsumer(stack, 'Payments', { functionProps: FUNCTION_PROPS, alarms: { [name]: false } });
    const template = Template.fromStack(stack);
    // THEN three alarms are made, not that one
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    expect(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: metricName } })).toEqual({});
    expect(consumer.alarms[name]).toBeUndefined();
    expect(Object.values(consumer.alarms).filter((a) => a !== undefined)).toHaveLength(3);
  });

  test('alarms: false makes no alarm and no alarm topic', () => {
    const stack = newStack();
    const consumer = new QueueConsumer(stack, 'Payments', { functionProps: FUNCTION_PROPS, alarms: false });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    expect(consumer.alarms).toEqual({});
    expect(consumer.alarmTopic).toBeUndefined();
  });

  test('every alarm turned off one by one is the same as alarms: false', () => {
    const stack = newStack();
    const consumer = new QueueConsumer(stack, 'Payments', {
      functionProps: FUNCTION_PROPS,
      alarms: { deadLetterQueueDepth: false, oldestMessageAge: false, functionErrors: false, functionThrottles: false },
    });
    Template.fromStack(stack).resourceCountIs('AWS::SNS::Topic', 0);
    expect(consumer.alarms).toEqual({});
  });
});
