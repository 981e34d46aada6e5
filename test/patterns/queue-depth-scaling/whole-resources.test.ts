import { CfnElement, Stack } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import { Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { QueueDepthScaling } from '../../../lib';
import { BASE, exampleOnService, workers } from './support';

/**
 * The resources a QueueDepthScaling adds, each asserted whole: the scalable range, the step policy and the alarm that wake
 * the workers from zero, and the three alarms that notify the alarm topic. Built once per fleet kind for the file.
 */

/** The properties of the CloudFormation resource behind `construct`. */
function propertiesOf(template: Template, stack: Stack, construct: IConstruct | undefined): Record<string, unknown> {
  const element = construct instanceof CfnElement ? construct : construct?.node.defaultChild as CfnElement;
  return template.toJSON().Resources[stack.getLogicalId(element)].Properties;
}

/** A queue metric query of the scale-from-zero alarm: summed over the one-minute period. */
function queueQuery(stack: Stack, queue: sqs.IQueue, id: string, metricName: string) {
  return {
    Id: id, ReturnData: false,
    MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: metricName, Dimensions: [{ Name: 'QueueName', Value: stack.resolve(queue.queueName) }] }, Period: 60, Stat: 'Sum' },
  };
}

const WAKE_EXPRESSION = {
  Expression: 'IF(FILL(desired, 0) < 1, FILL(visible, 0) + FILL(inflight, 0), 0)', Id: 'expr_1', Label: 'Messages while no worker is desired', ReturnData: true,
};

/** The scale-from-zero alarm, whole: messages waiting while no worker of the `noun` is desired (`desired`), one datapoint, runs the step policy. */
function scaleFromZeroAlarm(stack: Stack, queue: sqs.IQueue, scaling: QueueDepthScaling, noun: string, desired: Record<string, unknown>) {
  return {
    AlarmActions: [stack.resolve(scaling.scaleFromZeroPolicy!.ref)],
    AlarmDescription: `Messages wait and no worker is desired: adds the first worker to the ${noun}.`,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    DatapointsToAlarm: 1,
    EvaluationPeriods: 1,
    Threshold: 1,
    TreatMissingData: 'notBreaching',
    Metrics: [
      WAKE_EXPRESSION,
      queueQuery(stack, queue, 'visible', 'ApproximateNumberOfMessagesVisible'),
      queueQuery(stack, queue, 'inflight', 'ApproximateNumberOfMessagesNotVisible'),
      { Id: 'desired', ReturnData: false, MetricStat: { Metric: desired, Period: 60, Stat: 'Average' } },
    ],
  };
}

describe('QueueDepthScaling on an ECS service, resource by resource', () => {
  // GIVEN the example on a Fargate service (2 minutes, 4 s a message, 0 to 20 tasks), synthesized once
  let w: ReturnType<typeof workers>;
  let scaling: QueueDepthScaling;
  let template: Template;
  beforeAll(() => {
    ({ w, scaling, template } = exampleOnService());
  });

  test('the scalable target: the service\'s desired count, 0 to 20', () => {
    const target = w.service.node.findChild('TaskCount').node.findChild('Target') as appscaling.ScalableTarget;
    expect(propertiesOf(template, w.stack, target)).toEqual({
      MinCapacity: 0,
      MaxCapacity: 20,
      ResourceId: { 'Fn::Join': ['', ['service/', w.stack.resolve(w.cluster.clusterName), '/', w.stack.resolve(w.service.serviceName)]] },
      RoleARN: 'arn:aws:iam::111111111111:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService',
      ScalableDimension: 'ecs:service:DesiredCount',
      ServiceNamespace: 'ecs',
    });
  });

  test('the scale-from-zero step policy: one task more, once per cooldown of startup + processing time, on the target', () => {
    const target = w.service.node.findChild('TaskCount').node.findChild('Target') as appscaling.ScalableTarget;
    expect(propertiesOf(template, w.stack, scaling.scaleFromZeroPolicy)).toEqual({
      // Application Auto Scaling wants a name unique per scalable target: the construct path makes it so
      PolicyName: expect.stringMatching(/^TestWorkersScaleFromZero[A-Z0-9]+$/),
      PolicyType: 'StepScaling',
      ScalingTargetId: w.stack.resolve(target.scalableTargetId),
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity',
        Cooldown: 64,
        MetricAggregationType: 'Maximum',
        StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
      },
    });
  });

  test('the scale-from-zero alarm: messages waiting while no task is desired, one datapoint, runs the step policy', () => {
    expect(propertiesOf(template, w.stack, scaling.scaleFromZeroAlarm)).toEqual(scaleFromZeroAlarm(w.stack, w.queue, scaling, 'ECS service', {
      Namespace: 'ECS/ContainerInsights', MetricName: 'DesiredTaskCount',
      Dimensions: [{ Name: 'ClusterName', Value: w.stack.resolve(w.cluster.clusterName) }, { Name: 'ServiceName', Value: w.stack.resolve(w.service.serviceName) }],
    }));
  });

  test('the oldest-message alarm: older than the 120 s latency, notifying the alarm topic', () => {
    expect(propertiesOf(template, w.stack, scaling.alarms!.oldestMessageAge)).toEqual({
      AlarmActions: [w.stack.resolve(scaling.alarmTopic!.topicArn)],
      AlarmDescription: 'The oldest message has waited more than the acceptable latency (2 minutes): the workers are behind, failing, or at maximum capacity. '
        + 'Look at the at-maximum-capacity alarm and the workers\' logs.',
      ComparisonOperator: 'GreaterThanThreshold',
      Dimensions: [{ Name: 'QueueName', Value: w.stack.resolve(w.queue.queueName) }],
      EvaluationPeriods: 1,
      MetricName: 'ApproximateAgeOfOldestMessage',
      Namespace: 'AWS/SQS',
      Period: 60,
      Statistic: 'Maximum',
      Threshold: 120,
      TreatMissingData: 'notBreaching',
    });
  });

  test('the dead-letter alarm: one message in the dead-letter queue, notifying the alarm topic', () => {
    expect(propertiesOf(template, w.stack, scaling.alarms!.deadLetterQueueDepth)).toEqual({
      AlarmActions: [w.stack.resolve(scaling.alarmTopic!.topicArn)],
      AlarmDescription: 'Messages are in the dead-letter queue: the workers gave up on them. Read them, fix the cause, then redrive.',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Dimensions: [{ Name: 'QueueName', Value: w.stack.resolve(w.deadLetterQueue.queueName) }],
      EvaluationPeriods: 1,
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Period: 60,
      Statistic: 'Maximum',
      Threshold: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  test('the at-maximum-capacity alarm: above 30 per worker at 20 tasks for 15 one-minute periods, notifying the alarm topic', () => {
    expect(propertiesOf(template, w.stack, scaling.alarms!.atMaxCapacity)).toEqual({
      AlarmActions: [w.stack.resolve(scaling.alarmTopic!.topicArn)],
      AlarmDescription: 'The workers have been at maxCapacity (20) for 15 minutes with more than 30 messages per worker: the acceptable latency (2 minutes) cannot be kept. '
        + 'Raise maxCapacity or speed up processing.',
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 15,
      Threshold: 30,
      TreatMissingData: 'notBreaching',
      Metrics: expect.arrayContaining([{ Expression: 'IF(FILL(desired, 0) >= 20, backlog, 0)', Id: 'expr_1', Label: 'Backlog per worker at maximum capacity', ReturnData: true }]),
    });
  });
});

describe('QueueDepthScaling on an Auto Scaling group: the scale-from-zero alarm', () => {
  test('reads the group\'s desired capacity and names the group', () => {
    // GIVEN the example on an Auto Scaling group
    const g = workers();
    const scaling = new QueueDepthScaling(g.stack, 'Workers', { queue: g.queue, autoScalingGroup: g.autoScalingGroup, ...BASE });
    // WHEN it is synthesized THEN the alarm is whole
    expect(propertiesOf(Template.fromStack(g.stack), g.stack, scaling.scaleFromZeroAlarm)).toEqual(scaleFromZeroAlarm(g.stack, g.queue, scaling, 'Auto Scaling group', {
      Namespace: 'AWS/AutoScaling', MetricName: 'GroupDesiredCapacity', Dimensions: [{ Name: 'AutoScalingGroupName', Value: g.stack.resolve(g.autoScalingGroup.autoScalingGroupName) }],
    }));
  });
});
