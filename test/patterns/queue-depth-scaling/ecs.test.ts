import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { QueueDepthScaling, nagFindings } from '../../../lib';
import { neededExpression, queuedExpression } from '../../../lib/patterns/queue-depth-scaling';
import { BASE, exampleOnService, workers } from './support';

describe('QueueDepthScaling on an ECS service', () => {
  // GIVEN the example on a Fargate service, synthesized once for the file (in beforeAll, so a throw fails the tests)
  let w: ReturnType<typeof workers>;
  let scaling: QueueDepthScaling;
  let template: Template;
  beforeAll(() => {
    ({ w, scaling, template } = exampleOnService());
  });

  test('derives the target backlog per worker: 2 minutes ÷ 4 s × 1 = 30', () => {
    expect(scaling.targetBacklogPerWorker).toBe(30);
  });

  test('the arrivals a worker takes per metric period follow the processing time and parallelism (7 s, 2 at once: 17.1429 a minute)', () => {
    expect(neededExpression({ countInFlight: true, targetBacklogPerWorker: 17.14, messagesPerWorkerPerMetricPeriod: (60 / 7) * 2 }))
      .toBe('CEIL(FILL(sent, 0) / 17.1429) * 17.14 / IF(FILL(workers, 0) < 1, 1, FILL(workers, 0))');
  });

  test('scales the service\'s desired count between minCapacity and maxCapacity', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 0, MaxCapacity: 20, ScalableDimension: 'ecs:service:DesiredCount',
    });
  });

  test('wakes from zero: a step policy adds one task while messages wait and no task is desired', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity', Cooldown: 64, MetricAggregationType: 'Maximum',
        StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^WorkersScaleFromZero') }],
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'IF(FILL(desired, 0) < 1, FILL(visible, 0) + FILL(inflight, 0), 0)', ReturnData: true })]),
    });
  });

  test('turns on Container Insights on the cluster, which publishes RunningTaskCount', () => {
    template.hasResourceProperties('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] });
  });

  test('grants the task role what the worker loop needs, in a managed policy: consume, and protect its own task', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^TaskTaskRole') }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'] }),
          Match.objectLike({ Action: 'ecs:UpdateTaskProtection', Resource: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':task/$'), '/*'])] } }),
        ],
      },
    });
  });

  test('alarms when the oldest message is older than the latency, on the dead-letter queue, and when behind at max capacity for 15 minutes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 120, ComparisonOperator: 'GreaterThanThreshold' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 30, EvaluationPeriods: 15, ComparisonOperator: 'GreaterThanThreshold',
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'IF(FILL(desired, 0) >= 20, backlog, 0)' })]),
    });
    expect(scaling.alarms?.deadLetterQueueDepth).toBeDefined();
  });

  test('fails if the pattern\'s own resources break a cdk-nag rule (the protection wildcard is acknowledged, with its reason)', () => {
    const findings = nagFindings(w.stack).filter((f) => f.constructPath.startsWith('Test/Workers')).map((f) => `${f.rule} ${f.constructPath}`);
    expect(findings).toEqual([]);
    const acks = scaling.workerPolicy!.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules' || /acknowledg/i.test(m.type));
    expect(JSON.stringify(acks)).toMatch(/AwsSolutions-IAM5\[Resource::arn:aws:ecs:eu-west-1:111111111111:task\/<Cluster\w+>\/\*\]/);
  });
});

describe('QueueDepthScaling options on an ECS service', () => {
  test('with minCapacity 1 makes no scale-from-zero policy', () => {
    const g = workers();
    const s = new QueueDepthScaling(g.stack, 'Workers', { queue: g.queue, service: g.service, ...BASE, minCapacity: 1 });
    expect(s.scaleFromZeroPolicy).toBeUndefined();
    Template.fromStack(g.stack).resourcePropertiesCountIs('AWS::ApplicationAutoScaling::ScalingPolicy', { PolicyType: 'StepScaling' }, 0);
  });

  test('countMessagesInFlight: false divides visible messages only (AWS\'s metric as written)', () => {
    const g = workers();
    new QueueDepthScaling(g.stack, 'Workers', { queue: g.queue, service: g.service, ...BASE, countMessagesInFlight: false });
    expect(queuedExpression(false)).toBe('(FILL(visible, 0)) / IF(FILL(workers, 0) < 1, 1, FILL(workers, 0))');
    const policy = Object.values(Template.fromStack(g.stack).findResources('AWS::ApplicationAutoScaling::ScalingPolicy', { Properties: { PolicyType: 'TargetTrackingScaling' } }))[0];
    const metrics = policy.Properties.TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification.Metrics as { Id: string; Expression?: string }[];
    expect(metrics.map((m) => m.Id)).toEqual(['visible', 'sent', 'workers', 'queued', 'needed', 'backlog']);
    expect(metrics.find((m) => m.Id === 'queued')!.Expression).toBe(queuedExpression(false));
  });

  test('alarms: false makes no alarm, topic or key', () => {
    const g = workers();
    new QueueDepthScaling(g.stack, 'Workers', { queue: g.queue, service: g.service, ...BASE, minCapacity: 1, alarms: false });
    const t = Template.fromStack(g.stack);
    t.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    t.resourceCountIs('AWS::SNS::Topic', 0);
    t.resourceCountIs('AWS::KMS::Key', 0);
  });

  test('takes over a scalable target made with autoScaleTaskCount, and warns about its CPU policy', () => {
    const g = workers();
    g.service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 4 }).scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 50 });
    new QueueDepthScaling(g.stack, 'Workers', { queue: g.queue, service: g.service, ...BASE });
    const t = Template.fromStack(g.stack);
    t.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 1);
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 0, MaxCapacity: 20 });
    expect(Annotations(g)).toEqual([expect.stringMatching(/\(Test\/Service\/TaskCount\/Target\/Cpu\/Resource\).*\[ack: decoupled:queue-depth-scaling\/competing-policy\]/)]);
  });

  test('warns about a CPU policy added after the pattern (checked when the app is complete)', () => {
    const g = workers();
    new QueueDepthScaling(g.stack, 'Workers', { queue: g.queue, service: g.service, ...BASE });
    const taskCount = g.service.node.findChild('TaskCount') as ecs.ScalableTaskCount;
    taskCount.scaleOnMemoryUtilization('Memory', { targetUtilizationPercent: 60 });
    expect(Annotations(g)).toEqual([expect.stringMatching(/\(Test\/Service\/TaskCount\/Target\/Memory\/Resource\).*competing-policy/)]);
  });

  test('without a CPU or memory policy, warns about none', () => {
    const g = workers();
    new QueueDepthScaling(g.stack, 'Workers', { queue: g.queue, service: g.service, ...BASE });
    expect(Annotations(g)).toEqual([]);
  });
});

/** The competing-policy warnings, read after a synth (the check runs at validation). */
function Annotations(g: ReturnType<typeof workers>): string[] {
  Template.fromStack(g.stack);
  return g.stack.node.findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => `${String(m.data)} ${c.node.path}`))
    .filter((m) => m.includes('competing-policy'));
}
