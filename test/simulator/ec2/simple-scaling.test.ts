import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { GROUP, groupTemplate } from '../fixtures/scaling';

const MINUTE = 60_000;
const activities = (sim: Simulation) => sim.autoscaling.activities().map((a) => [a.time / MINUTE, a.from, a.to]);

/** A group of `desired` instances whose in-service count alarms (`comparison` against `threshold`) into one simple scaling policy. */
function simpleScaling(o: { policy: Record<string, unknown>; groupCooldown?: string; desired?: number; comparison?: string; threshold?: number }) {
  const template = groupTemplate({
    min: 1, max: 5, desired: o.desired ?? 1,
    extra: {
      Simple: { Type: 'AWS::AutoScaling::ScalingPolicy', Properties: { AutoScalingGroupName: GROUP, PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', ...o.policy } },
      Busy: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          Namespace: 'AWS/AutoScaling', MetricName: 'GroupInServiceInstances', Dimensions: [{ Name: 'AutoScalingGroupName', Value: GROUP }], Statistic: 'Average',
          Period: 60, EvaluationPeriods: 1, Threshold: o.threshold ?? 1, ComparisonOperator: o.comparison ?? 'GreaterThanOrEqualToThreshold', AlarmActions: [{ Ref: 'Simple' }],
        },
      },
    },
  });
  if (o.groupCooldown !== undefined) (template.Resources!.Group.Properties as Record<string, unknown>).Cooldown = o.groupCooldown;
  const sim = Simulation.fromTemplate(template);
  sim.advance(Duration.minutes(20));
  return sim;
}

describe('simple scaling (EC2 Auto Scaling)', () => {
  test('one adjustment per alarm action, then nothing until the policy\'s Cooldown has passed; it stops at MaxSize', () => {
    // GIVEN an alarm that is always in ALARM and a +1 policy with a 4-minute cooldown
    const sim = simpleScaling({ policy: { ScalingAdjustment: 1, Cooldown: '240' } });
    // THEN the group grows by one every 4 minutes, to its maximum of 5
    expect(activities(sim)).toEqual([[1, 1, 2], [5, 2, 3], [9, 3, 4], [13, 4, 5]]);
    expect(sim.ec2.group('Group').fleet.desired).toBe(5);
    // AND each activity names the alarm and the policy that caused it
    const [first] = sim.autoscaling.activities();
    expect(first.resource).toBe('Group');
    expect(first.policy).toMatch(/^SimulatedStack-Simple-/);
    expect(first.alarm).toMatch(/^SimulatedStack-Busy-/);
    expect(first.cause).toBe(`monitor alarm ${first.alarm} in state ALARM triggered policy ${first.policy} changing the desired capacity from 1 to 2`);
  });

  test('without its own Cooldown the policy waits the group\'s Cooldown', () => {
    expect(activities(simpleScaling({ policy: { ScalingAdjustment: 1 }, groupCooldown: '120' }))).toEqual([[1, 1, 2], [3, 2, 3], [5, 3, 4], [7, 4, 5]]);
  });

  test('without any Cooldown it waits the group default of 300 seconds', () => {
    expect(activities(simpleScaling({ policy: { ScalingAdjustment: 1 } }))).toEqual([[1, 1, 2], [6, 2, 3], [11, 3, 4], [16, 4, 5]]);
  });

  test('a negative adjustment scales in, down to MinSize', () => {
    const sim = simpleScaling({ policy: { ScalingAdjustment: -1, Cooldown: '180' }, desired: 4, comparison: 'LessThanThreshold', threshold: 10 });
    expect(activities(sim)).toEqual([[1, 4, 3], [4, 3, 2], [7, 2, 1]]);
  });
});
