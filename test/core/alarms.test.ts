import { App, Duration, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AlarmSpec, alarmWanted, createAlarm, deadLetterDepthMetric } from '../../lib/core';

function setup() {
  const stack = new Stack(new App(), 'Alarms');
  const queue = new sqs.Queue(stack, 'Queue');
  const action = new cloudwatchActions.SnsAction(new sns.Topic(stack, 'Pager'));
  const spec = (more: Partial<AlarmSpec> = {}): AlarmSpec => ({ metric: deadLetterDepthMetric(queue), threshold: 5, description: 'first', ...more });
  const alarms = () => Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).map((r) => r.Properties);
  return { stack, queue, action, spec, alarms };
}

describe('createAlarm: one alarm per metric in a stack', () => {
  test('the same metric watched twice is one alarm that fires whenever either would: stricter threshold, fewer periods, both descriptions', () => {
    // GIVEN two patterns alarming on the same queue metric, the second stricter and quicker
    const { stack, action, spec, alarms } = setup();
    const first = createAlarm(stack, 'First', spec({ evaluationPeriods: 3 }), action);
    // WHEN the second asks for its alarm
    const second = createAlarm(stack, 'Second', spec({ threshold: 1, description: 'second' }), action);
    // THEN it gets the first, merged
    expect(second).toBe(first);
    expect(alarms()).toEqual([expect.objectContaining({
      Threshold: 1,
      EvaluationPeriods: 1,
      AlarmDescription: 'first Also: second',
      AlarmActions: [{ Ref: expect.stringMatching(/^Pager/) }],
    })]);
  });

  test('a laxer second spec changes nothing but adds its action', () => {
    const { stack, action, spec, alarms } = setup();
    createAlarm(stack, 'First', spec({ threshold: 1 }), action);
    createAlarm(stack, 'Second', spec({ threshold: 10, evaluationPeriods: 5 }), new cloudwatchActions.SnsAction(new sns.Topic(stack, 'Other')));
    const [alarm] = alarms();
    expect(alarm).toMatchObject({ Threshold: 1, EvaluationPeriods: 1, AlarmDescription: 'first' });
    expect(alarm.AlarmActions).toHaveLength(2);
  });

  test('for a "less than" alarm the higher threshold is the stricter one', () => {
    const { stack, action, spec, alarms } = setup();
    const below = cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD;
    createAlarm(stack, 'First', spec({ comparisonOperator: below, threshold: 2 }), action);
    createAlarm(stack, 'Second', spec({ comparisonOperator: below, threshold: 4 }), action);
    expect(alarms()).toEqual([expect.objectContaining({ Threshold: 4, ComparisonOperator: 'LessThanThreshold' })]);
  });

  test.each<[string, cloudwatch.MetricOptions]>([
    ['another statistic', { statistic: cloudwatch.Stats.AVERAGE }],
    ['another period', { period: Duration.minutes(5) }],
  ])('the same metric name with %s is another alarm', (_what, options) => {
    const { stack, queue, action, spec, alarms } = setup();
    createAlarm(stack, 'First', spec(), action);
    createAlarm(stack, 'Second', spec({ metric: deadLetterDepthMetric(queue, options) }), action);
    expect(alarms()).toHaveLength(2);
  });

  test('another queue (other dimensions) is another alarm', () => {
    const { stack, action, spec, alarms } = setup();
    createAlarm(stack, 'First', spec(), action);
    createAlarm(stack, 'Second', spec({ metric: deadLetterDepthMetric(new sqs.Queue(stack, 'Other')) }), action);
    expect(alarms()).toHaveLength(2);
  });

  test('the opposite direction on the same metric is another alarm', () => {
    const { stack, action, spec, alarms } = setup();
    createAlarm(stack, 'First', spec(), action);
    createAlarm(stack, 'Second', spec({ comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD }), action);
    expect(alarms()).toHaveLength(2);
  });

  test('the same metric in another stack is another alarm', () => {
    const { stack, queue, action, spec } = setup();
    const other = new Stack(stack.node.root as App, 'Other');
    const a = createAlarm(stack, 'First', spec(), action);
    const b = createAlarm(other, 'First', { metric: deadLetterDepthMetric(queue), threshold: 5, description: 'x' }, new cloudwatchActions.SnsAction(new sns.Topic(other, 'Pager')));
    expect(b).not.toBe(a);
  });

  test('a threshold known only at deploy, and a metric math expression, are never merged', () => {
    const { stack, queue, action, spec, alarms } = setup();
    const threshold = Token.asNumber({ Ref: 'Threshold' });
    createAlarm(stack, 'A', spec({ threshold }), action);
    createAlarm(stack, 'B', spec({ threshold }), action);
    const math = () => new cloudwatch.MathExpression({ expression: 'm * 2', usingMetrics: { m: deadLetterDepthMetric(queue) } });
    createAlarm(stack, 'C', spec({ metric: math() }), action);
    createAlarm(stack, 'D', spec({ metric: math() }), action);
    expect(alarms()).toHaveLength(4);
  });
});

describe('alarmWanted', () => {
  test('nothing, true, or a flag left out ask for the alarm; false, or its flag false, do not', () => {
    expect(alarmWanted(undefined, 'a')).toBe(true);
    expect(alarmWanted(true, 'a')).toBe(true);
    expect(alarmWanted<'a' | 'b'>({ b: false }, 'a')).toBe(true);
    expect(alarmWanted(false, 'a')).toBe(false);
    expect(alarmWanted<'a' | 'b'>({ a: false }, 'a')).toBe(false);
  });
});
