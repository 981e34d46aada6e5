import { Match, Template } from 'aws-cdk-lib/assertions';
import { QueueDepthScaling, nagFindings } from '../../../lib';
import { BASE, workers } from './support';

// GIVEN the example on an Auto Scaling group, processing 4 messages at once, synthesized once for the file
// (in beforeAll, so a throw fails the tests)
let w: ReturnType<typeof workers>;
let scaling: QueueDepthScaling;
let template: Template;
beforeAll(() => {
  w = workers();
  scaling = new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, autoScalingGroup: w.autoScalingGroup, ...BASE, messagesInParallelPerWorker: 4 });
  template = Template.fromStack(w.stack);
});

describe('QueueDepthScaling on an EC2 Auto Scaling group', () => {
  test('derives the target from the parallelism: 2 minutes ÷ 4 s × 4 = 120', () => {
    expect(scaling.targetBacklogPerWorker).toBe(120);
  });

  test('sets the group\'s size range and collects the group metrics the policies read, each minute', () => {
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MinSize: '0',
      MaxSize: '20',
      MetricsCollection: [{ Granularity: '1Minute', Metrics: ['GroupInServiceInstances', 'GroupDesiredCapacity'] }],
    });
  });

  test('wakes from zero with a step policy on the group\'s desired capacity', () => {
    template.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', {
      PolicyType: 'StepScaling', AdjustmentType: 'ChangeInCapacity', MetricAggregationType: 'Maximum',
      StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([Match.objectLike({ Id: 'desired', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'GroupDesiredCapacity' }) }) })]),
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^WorkersScaleFromZero') }],
    });
  });

  test('grants the instance role SetInstanceProtection on this group only', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^GroupInstanceRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 'autoscaling:SetInstanceProtection',
          Resource: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':autoScalingGroup:\\*:autoScalingGroupName/$'), { Ref: Match.stringLikeRegexp('^GroupASG') }])] },
        })]),
      },
    });
  });

  test('fails if the pattern\'s own resources break a cdk-nag rule', () => {
    expect(nagFindings(w.stack).filter((f) => f.constructPath.startsWith('Test/Workers')).map((f) => f.rule)).toEqual([]);
  });
});
