import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueDepthScaling } from '../../../lib';
import { BASE, workers } from './support';

/** A metric in one line: namespace, name, statistic, period and its dimensions as resolved. */
function describeMetric(w: ReturnType<typeof workers>, m: cloudwatch.Metric): string {
  return `${m.namespace} ${m.metricName} ${m.statistic} ${m.period.toSeconds()} ${JSON.stringify(w.stack.resolve(m.dimensions))}`;
}

describe('the metric methods', () => {
  test('read the exact metrics the policies read: running and desired tasks, oldest age, dead-letter depth', () => {
    const w = workers();
    const scaling = new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, alarms: false });
    const service = JSON.stringify({ ClusterName: w.stack.resolve(w.cluster.clusterName), ServiceName: w.stack.resolve(w.service.serviceName) });
    expect(describeMetric(w, scaling.metricInServiceWorkers())).toBe(`ECS/ContainerInsights RunningTaskCount Average 60 ${service}`);
    expect(describeMetric(w, scaling.metricDesiredWorkers())).toBe(`ECS/ContainerInsights DesiredTaskCount Average 60 ${service}`);
    expect(describeMetric(w, scaling.metricOldestMessageAge())).toBe(`AWS/SQS ApproximateAgeOfOldestMessage Maximum 60 ${JSON.stringify({ QueueName: w.stack.resolve(w.queue.queueName) })}`);
    expect(describeMetric(w, scaling.metricDeadLetterQueueDepth()!)).toBe(`AWS/SQS ApproximateNumberOfMessagesVisible Maximum 60 ${JSON.stringify({ QueueName: w.stack.resolve(w.deadLetterQueue.queueName) })}`);
    const backlog = scaling.metricBacklogPerWorker();
    expect([backlog.expression, backlog.label, Object.keys(backlog.usingMetrics)]).toEqual(['IF(queued > needed, queued, needed)', 'Backlog per worker', ['queued', 'needed']]);
  });

  test('on a group, the worker metrics are the group\'s; without a dead-letter queue there is no depth metric', () => {
    const w = workers();
    const bare = new sqs.Queue(w.stack, 'Bare', { visibilityTimeout: Duration.seconds(60) });
    const scaling = new QueueDepthScaling(w.stack, 'Workers', { queue: bare, autoScalingGroup: w.autoScalingGroup, ...BASE, alarms: false });
    const group = JSON.stringify({ AutoScalingGroupName: w.stack.resolve(w.autoScalingGroup.autoScalingGroupName) });
    expect(describeMetric(w, scaling.metricInServiceWorkers())).toBe(`AWS/AutoScaling GroupInServiceInstances Average 60 ${group}`);
    expect(describeMetric(w, scaling.metricDesiredWorkers())).toBe(`AWS/AutoScaling GroupDesiredCapacity Average 60 ${group}`);
    expect(scaling.metricDeadLetterQueueDepth()).toBeUndefined();
    expect(scaling.deadLetterQueue).toBeUndefined();
  });
});

describe('the grants', () => {
  test('grantScaleInProtection and grantConsumeMessages give another principal exactly the worker loop\'s actions', () => {
    const w = workers();
    const scaling = new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, alarms: false });
    const sidecar = new iam.Role(w.stack, 'Sidecar', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    scaling.grantScaleInProtection(sidecar);
    scaling.grantConsumeMessages(sidecar);
    const policy = Object.values(Template.fromStack(w.stack).findResources('AWS::IAM::Policy', { Properties: { Roles: [w.stack.resolve(sidecar.roleName)] } }))[0];
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow', Action: 'ecs:UpdateTaskProtection',
        Resource: { 'Fn::Join': ['', ['arn:aws:ecs:eu-west-1:111111111111:task/', w.stack.resolve(w.cluster.clusterName), '/*']] },
      },
      {
        Effect: 'Allow',
        Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
        Resource: w.stack.resolve(w.queue.queueArn),
      },
    ]);
  });

  test('the worker policy has its description, and decrypts a queue encrypted with a key of the app', () => {
    const w = workers();
    const queue = new sqs.Queue(w.stack, 'Encrypted', { encryption: sqs.QueueEncryption.KMS, visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: w.deadLetterQueue, maxReceiveCount: 5 } });
    const scaling = new QueueDepthScaling(w.stack, 'Workers', { queue, service: w.service, ...BASE, alarms: false });
    const policy = Object.values(Template.fromStack(w.stack).findResources('AWS::IAM::ManagedPolicy'))[0].Properties;
    expect(policy.Description).toBe('What the workers of Test/Workers need: consume the queue, protect themselves from scale-in while busy');
    expect(policy.PolicyDocument.Statement[2]).toEqual({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: w.stack.resolve(queue.encryptionMasterKey!.keyArn) });
    expect(scaling.workerPolicy).toBeDefined();
  });

  test('grantWorkers: false makes no worker policy', () => {
    const w = workers();
    const scaling = new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, grantWorkers: false });
    expect(scaling.workerPolicy).toBeUndefined();
    Template.fromStack(w.stack).resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });

  test('the alarm topic\'s own key says what it encrypts', () => {
    const w = workers();
    new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE });
    Template.fromStack(w.stack).hasResourceProperties('AWS::KMS::Key', { Description: 'Encrypts the alarm topic of Test/Workers', EnableKeyRotation: true });
  });
});

describe('the timings', () => {
  test('a worker that starts in 10 s still waits one metric period between scale-outs; scale-in waits a period past the processing time', () => {
    const w = workers();
    const scaling = new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, workerStartupTime: Duration.seconds(10), messageProcessingTime: Duration.millis(4_500) });
    expect([scaling.warmUp, scaling.scaleOutCooldown, scaling.scaleInCooldown].map((d) => d.toSeconds())).toEqual([15, 60, 65]);
  });

  test('given cooldowns go to the policy as they are', () => {
    const w = workers();
    const scaling = new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, scaleOutCooldown: Duration.seconds(90), scaleInCooldown: Duration.seconds(300) });
    expect([scaling.scaleOutCooldown, scaling.scaleInCooldown].map((d) => d.toSeconds())).toEqual([90, 300]);
    Template.fromStack(w.stack).hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: { ScaleOutCooldown: 90, ScaleInCooldown: 300 },
    });
    Template.fromStack(w.stack).hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', { StepScalingPolicyConfiguration: { Cooldown: 90 } });
  });

  test('the target is rounded down to two decimals: 2 minutes ÷ 7 s = 17.14', () => {
    const w = workers();
    expect(new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, messageProcessingTime: Duration.seconds(7) }).targetBacklogPerWorker).toBe(17.14);
  });

  test('a target of exactly two decimals is kept, whatever floating point makes of it: 69 s ÷ 60 s = 1.15, not 1.14', () => {
    // GIVEN 1.15 x 100, which floating point computes as 114.99999999999999
    const w = workers();
    // WHEN the target is derived THEN it is 1.15
    expect(new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, acceptableLatency: Duration.seconds(69), messageProcessingTime: Duration.seconds(60) })
      .targetBacklogPerWorker).toBe(1.15);
  });
});

describe('the ECS service\'s scaling', () => {
  test('the scalable target and the step policy, in full', () => {
    const w = workers();
    new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, workerStartupTime: Duration.seconds(100) });
    const t = Template.fromStack(w.stack);
    const target = w.service.node.findChild('TaskCount').node.findChild('Target') as appscaling.ScalableTarget;
    const step = Object.values(t.findResources('AWS::ApplicationAutoScaling::ScalingPolicy', { Properties: { PolicyType: 'StepScaling' } }))[0].Properties;
    expect(step).toEqual({
      PolicyName: expect.stringMatching(/^TestWorkersScaleFromZero[A-Z0-9]+$/),
      PolicyType: 'StepScaling',
      ScalingTargetId: w.stack.resolve(target.scalableTargetId),
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity', Cooldown: 104, MetricAggregationType: 'Maximum',
        StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
      },
    });
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 0, MaxCapacity: 20, ScalableDimension: 'ecs:service:DesiredCount', ServiceNamespace: 'ecs',
    });
  });

  test('keeps Container Insights a cluster already has on, even when the pattern may not turn it on', () => {
    const w = workers({ containerInsightsV2: ecs.ContainerInsights.ENABLED });
    new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, enableContainerInsights: false });
    Template.fromStack(w.stack).hasResourceProperties('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] });
  });
});
