import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueDepthScaling } from '../../../lib';
import { BASE, warningsOf, workers } from './support';

// Each stack is built inside its test, so the code that writes the template is covered by the test that reads it.

const PER_WORKER = 'IF(FILL(workers, 0) < 1, 1, FILL(workers, 0))';

/** The queue's three metrics as the target tracking policy reads them: exact namespace, name, dimension and statistic. */
function queueQueries(stack: Stack, queue: sqs.IQueue, countInFlight = true) {
  const dimensions = [{ Name: 'QueueName', Value: stack.resolve(queue.queueName) }];
  const query = (id: string, metricName: string) => ({ Id: id, ReturnData: false, MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: metricName, Dimensions: dimensions }, Stat: 'Sum' } });
  return [
    query('visible', 'ApproximateNumberOfMessagesVisible'),
    ...(countInFlight ? [query('inflight', 'ApproximateNumberOfMessagesNotVisible')] : []),
    query('sent', 'NumberOfMessagesSent'),
  ];
}

function expressionQueries(perWorkerPerMinute: number, target: number) {
  return [
    { Id: 'queued', ReturnData: false, Expression: `(FILL(visible, 0) + FILL(inflight, 0)) / ${PER_WORKER}` },
    { Id: 'needed', ReturnData: false, Expression: `CEIL(FILL(sent, 0) / ${perWorkerPerMinute}) * ${target} / ${PER_WORKER}` },
    { Id: 'backlog', ReturnData: true, Expression: 'IF(queued > needed, queued, needed)' },
  ];
}

/** A value as the template holds it (plain JSON, for toMatchObject). */
function resolved(stack: Stack, value: unknown): unknown {
  return JSON.parse(JSON.stringify(stack.resolve(value)));
}

interface AlarmQuery {
  readonly Id: string;
  readonly Expression?: string;
  readonly Label?: string;
  readonly ReturnData: boolean;
  readonly MetricStat?: { readonly Metric: { readonly Namespace: string; readonly MetricName: string }; readonly Stat: string; readonly Period: number };
}

/** One query of an alarm's metric math, in a line: what it computes (or reads), its label, and whether it is the series alarmed on. */
function summary(q: AlarmQuery): string {
  const what = q.Expression ?? `${q.MetricStat!.Metric.Namespace} ${q.MetricStat!.Metric.MetricName} ${q.MetricStat!.Stat} ${q.MetricStat!.Period}`;
  return `${q.Id} = ${what}${q.Label ? ` (${q.Label})` : ''}${q.ReturnData ? ' returned' : ''}`;
}

/** The single resource of `type` whose properties match `props`. */
function onlyResource(template: Template, type: string, props: object = {}) {
  const found = Object.values(template.findResources(type, { Properties: props }));
  expect(found).toHaveLength(1);
  return found[0].Properties;
}

describe('on an EC2 Auto Scaling group', () => {
  test('the target tracking policy holds the backlog per in-service instance at the target, on the exact metrics', () => {
    // GIVEN the issue's example on a group, 4 messages at once
    const w = workers();
    // WHEN
    new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, autoScalingGroup: w.autoScalingGroup, ...BASE, messagesInParallelPerWorker: 4 });
    // THEN
    const group = w.stack.resolve(w.autoScalingGroup.autoScalingGroupName);
    const dimensions = [{ Name: 'AutoScalingGroupName', Value: group }];
    expect(onlyResource(Template.fromStack(w.stack), 'AWS::AutoScaling::ScalingPolicy', { PolicyType: 'TargetTrackingScaling' })).toEqual({
      AutoScalingGroupName: group,
      PolicyType: 'TargetTrackingScaling',
      EstimatedInstanceWarmup: 304,
      TargetTrackingConfiguration: {
        TargetValue: 120,
        DisableScaleIn: false,
        CustomizedMetricSpecification: {
          Metrics: [
            ...queueQueries(w.stack, w.queue),
            { Id: 'workers', ReturnData: false, MetricStat: { Metric: { Namespace: 'AWS/AutoScaling', MetricName: 'GroupInServiceInstances', Dimensions: dimensions }, Stat: 'Average' } },
            ...expressionQueries(60, 120),
          ],
        },
      },
    });
  });

  test('the scale-from-zero step policy adds one instance, with the warm-up, on the maximum of the alarm\'s datapoints', () => {
    const w = workers();
    new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, autoScalingGroup: w.autoScalingGroup, ...BASE });
    expect(onlyResource(Template.fromStack(w.stack), 'AWS::AutoScaling::ScalingPolicy', { PolicyType: 'StepScaling' })).toEqual({
      AutoScalingGroupName: w.stack.resolve(w.autoScalingGroup.autoScalingGroupName),
      PolicyType: 'StepScaling',
      AdjustmentType: 'ChangeInCapacity',
      EstimatedInstanceWarmup: 304,
      MetricAggregationType: 'Maximum',
      StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
    });
  });

  test('the scale-from-zero alarm names the Auto Scaling group and reads its desired capacity', () => {
    const w = workers();
    const scaling = new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, autoScalingGroup: w.autoScalingGroup, ...BASE });
    const alarm = onlyResource(Template.fromStack(w.stack), 'AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp('^Messages wait') });
    expect(alarm.AlarmDescription).toBe('Messages wait and no worker is desired: adds the first worker to the Auto Scaling group.');
    expect(alarm.AlarmActions).toEqual([w.stack.resolve(scaling.scaleFromZeroPolicy!.ref)]);
    expect(alarm.TreatMissingData).toBe('notBreaching');
    expect(alarm.Metrics).toContainEqual({
      Id: 'desired', ReturnData: false,
      MetricStat: {
        Metric: { Namespace: 'AWS/AutoScaling', MetricName: 'GroupDesiredCapacity', Dimensions: [{ Name: 'AutoScalingGroupName', Value: w.stack.resolve(w.autoScalingGroup.autoScalingGroupName) }] },
        Period: 60, Stat: 'Average',
      },
    });
  });

  test('grants SetInstanceProtection on this group\'s ARN, its UUID a wildcard', () => {
    const w = workers();
    new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, autoScalingGroup: w.autoScalingGroup, ...BASE });
    const policy = onlyResource(Template.fromStack(w.stack), 'AWS::IAM::ManagedPolicy');
    expect(policy.PolicyDocument.Statement[1]).toEqual({
      Effect: 'Allow',
      Action: 'autoscaling:SetInstanceProtection',
      Resource: { 'Fn::Join': ['', ['arn:aws:autoscaling:eu-west-1:111111111111:autoScalingGroup:*:autoScalingGroupName/', w.stack.resolve(w.autoScalingGroup.autoScalingGroupName)]] },
    });
  });

  test('keeps the group metrics a user already collects, and adds the two the policies read', () => {
    const w = workers();
    const cfn = w.autoScalingGroup.node.defaultChild as autoscaling.CfnAutoScalingGroup;
    cfn.metricsCollection = [{ granularity: '1Minute', metrics: ['GroupMinSize'] }];
    new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, autoScalingGroup: w.autoScalingGroup, ...BASE });
    expect(onlyResource(Template.fromStack(w.stack), 'AWS::AutoScaling::AutoScalingGroup').MetricsCollection).toEqual([
      { Granularity: '1Minute', Metrics: ['GroupMinSize'] },
      { Granularity: '1Minute', Metrics: ['GroupInServiceInstances', 'GroupDesiredCapacity'] },
    ]);
  });

  test('adds nothing to a group that already collects every group metric', () => {
    const w = workers();
    const cfn = w.autoScalingGroup.node.defaultChild as autoscaling.CfnAutoScalingGroup;
    cfn.metricsCollection = [{ granularity: '1Minute' }];
    new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, autoScalingGroup: w.autoScalingGroup, ...BASE });
    expect(onlyResource(Template.fromStack(w.stack), 'AWS::AutoScaling::AutoScalingGroup').MetricsCollection).toEqual([{ Granularity: '1Minute' }]);
  });

  test('warns about a CPU policy on the same group, and not about one on another group', () => {
    const w = workers();
    w.autoScalingGroup.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 50 });
    new autoscaling.AutoScalingGroup(w.stack, 'Other', {
      vpc: w.cluster.vpc, instanceType: new ec2.InstanceType('m7g.medium'), machineImage: ec2.MachineImage.genericLinux({ 'eu-west-1': 'ami-12345678' }),
    }).scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 50 });
    new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, autoScalingGroup: w.autoScalingGroup, ...BASE });
    Template.fromStack(w.stack);
    expect(warningsOf(w.stack)).toEqual([
      'autoScalingGroup has another scaling policy on CPU or memory (Test/Group/ScalingPolicyCpu/Resource): it scales in while the backlog policy wants capacity, and out when the queue is empty (aws-cdk #20706). '
      + 'Remove the CPU or memory policy (disableCpuBasedScaling in aws-ecs-patterns), or acknowledge this warning if you want both. [ack: decoupled:queue-depth-scaling/competing-policy]',
    ]);
  });

  test('does not take its own policies for competing ones, even on a queue whose name says MemoryUtilization', () => {
    const w = workers();
    // an imported queue: its name is in the policy's metrics as written, not as a reference
    const queue = sqs.Queue.fromQueueArn(w.stack, 'Named', 'arn:aws:sqs:eu-west-1:111111111111:memoryutilization-reports');
    new QueueDepthScaling(w.stack, 'Workers', { queue, autoScalingGroup: w.autoScalingGroup, ...BASE, queueVisibilityTimeout: Duration.seconds(60), deadLetterQueue: w.deadLetterQueue });
    Template.fromStack(w.stack);
    expect(warningsOf(w.stack)).toEqual([]);
  });
});

describe('on an ECS service', () => {
  test('the target tracking policy holds the backlog per running task at the target, with both cooldowns, on the exact metrics', () => {
    const w = workers();
    new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE });
    const dimensions = [{ Name: 'ClusterName', Value: w.stack.resolve(w.cluster.clusterName) }, { Name: 'ServiceName', Value: w.stack.resolve(w.service.serviceName) }];
    const policy = onlyResource(Template.fromStack(w.stack), 'AWS::ApplicationAutoScaling::ScalingPolicy', { PolicyType: 'TargetTrackingScaling' });
    expect(policy).toEqual({
      // Application Auto Scaling wants a name unique per scalable target: the construct path makes it so
      PolicyName: expect.stringMatching(/^TestWorkersBacklogPerWorker[A-Z0-9]+$/),
      PolicyType: 'TargetTrackingScaling',
      ScalingTargetId: w.stack.resolve((w.service.node.findChild('TaskCount').node.findChild('Target') as appscaling.ScalableTarget).scalableTargetId),
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 30,
        DisableScaleIn: false,
        ScaleOutCooldown: 64,
        ScaleInCooldown: 64,
        CustomizedMetricSpecification: {
          Metrics: [
            ...queueQueries(w.stack, w.queue),
            { Id: 'workers', ReturnData: false, MetricStat: { Metric: { Namespace: 'ECS/ContainerInsights', MetricName: 'RunningTaskCount', Dimensions: dimensions }, Stat: 'Average' } },
            ...expressionQueries(15, 30),
          ],
        },
      },
    });
  });

  test('the scale-from-zero alarm names the ECS service and reads its desired task count', () => {
    const w = workers();
    new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE });
    const alarm = onlyResource(Template.fromStack(w.stack), 'AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp('^Messages wait') });
    expect(alarm.AlarmDescription).toBe('Messages wait and no worker is desired: adds the first worker to the ECS service.');
    expect(alarm.Metrics.map((m: { Id: string }) => m.Id)).toEqual(['expr_1', 'visible', 'inflight', 'desired']);
  });

  test('does not take its own policies for competing ones, even on a queue whose name says CPUUtilization', () => {
    const w = workers();
    // an imported queue: its name is in the policy's metrics as written, not as a reference
    const queue = sqs.Queue.fromQueueArn(w.stack, 'Named', 'arn:aws:sqs:eu-west-1:111111111111:cpuutilization-reports');
    new QueueDepthScaling(w.stack, 'Workers', { queue, service: w.service, ...BASE, queueVisibilityTimeout: Duration.seconds(60), deadLetterQueue: w.deadLetterQueue });
    Template.fromStack(w.stack);
    expect(warningsOf(w.stack)).toEqual([]);
  });
});

describe('the alarms', () => {
  test('each alarm has its full description, threshold, comparison, periods and the alarm topic as action', () => {
    // GIVEN the issue's example: 2 minutes, 30 messages per worker, at most 20 workers, at max for 15 minutes
    const w = workers();
    const scaling = new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE });
    const t = Template.fromStack(w.stack);
    const topic = [resolved(w.stack, scaling.alarmTopic!.topicArn)];
    const oldest = onlyResource(t, 'AWS::CloudWatch::Alarm', { MetricName: 'ApproximateAgeOfOldestMessage' });
    expect(oldest).toMatchObject({
      AlarmDescription: 'The oldest message has waited more than the acceptable latency (2 minutes): the workers are behind, '
        + 'failing, or at maximum capacity. Look at the at-maximum-capacity alarm and the workers\' logs.',
      Threshold: 120, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: topic,
      Dimensions: [{ Name: 'QueueName', Value: resolved(w.stack, w.queue.queueName) }],
    });
    const dead = onlyResource(t, 'AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible' });
    expect(dead).toMatchObject({
      AlarmDescription: 'Messages are in the dead-letter queue: the workers gave up on them. Read them, fix the cause, then redrive.',
      Threshold: 1, AlarmActions: topic,
      Dimensions: [{ Name: 'QueueName', Value: resolved(w.stack, w.deadLetterQueue.queueName) }],
    });
    const atMax = onlyResource(t, 'AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp('^The workers have been at maxCapacity') });
    expect(atMax).toMatchObject({
      AlarmDescription: 'The workers have been at maxCapacity (20) for 15 minutes with more than 30 messages per worker: '
        + 'the acceptable latency (2 minutes) cannot be kept. Raise maxCapacity or speed up processing.',
      Threshold: 30, EvaluationPeriods: 15, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: topic,
    });
    expect(atMax.Metrics.map(summary)).toEqual([
      'expr_1 = IF(FILL(desired, 0) >= 20, backlog, 0) (Backlog per worker at maximum capacity) returned',
      'desired = ECS/ContainerInsights DesiredTaskCount Average 60',
      'backlog = IF(queued > needed, queued, needed) (Backlog per worker)',
      `queued = (FILL(visible, 0) + FILL(inflight, 0)) / ${PER_WORKER} (Messages waiting per worker)`,
      'visible = AWS/SQS ApproximateNumberOfMessagesVisible Sum 60',
      'inflight = AWS/SQS ApproximateNumberOfMessagesNotVisible Sum 60',
      'workers = ECS/ContainerInsights RunningTaskCount Average 60',
      `needed = CEIL(FILL(sent, 0) / 15) * 30 / ${PER_WORKER} (Backlog the arrivals need per worker)`,
      'sent = AWS/SQS NumberOfMessagesSent Sum 60',
    ]);
  });

  test('with countMessagesInFlight: false the at-maximum-capacity alarm reads visible messages only', () => {
    const w = workers();
    new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, countMessagesInFlight: false });
    const atMax = onlyResource(Template.fromStack(w.stack), 'AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp('^The workers have been at maxCapacity') });
    expect(atMax.Metrics.map(summary).filter((m: string) => /^(queued|visible|inflight|workers) /.test(m))).toEqual([
      `queued = (FILL(visible, 0)) / ${PER_WORKER} (Messages waiting per worker)`,
      'visible = AWS/SQS ApproximateNumberOfMessagesVisible Sum 60',
      'workers = ECS/ContainerInsights RunningTaskCount Average 60',
    ]);
  });

  test('the at-maximum-capacity alarm follows atMaxCapacityFor: 1 minute is one period', () => {
    const w = workers();
    new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, atMaxCapacityFor: Duration.minutes(1), maxCapacity: 7 });
    const atMax = onlyResource(Template.fromStack(w.stack), 'AWS::CloudWatch::Alarm', { AlarmDescription: Match.stringLikeRegexp('^The workers have been at maxCapacity') });
    expect(atMax.EvaluationPeriods).toBe(1);
    expect(atMax.AlarmDescription).toMatch(/^The workers have been at maxCapacity \(7\) for 1 minute with more than 30 messages per worker/);
  });
});
