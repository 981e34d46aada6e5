import { Duration } from 'aws-cdk-lib';
import { CloudFormationTemplate, Simulation, TargetTrackingPolicy } from '../../../lib/simulator';
import { BACKLOG_PER_WORKER, GROUP, groupTemplate, serviceTemplate, stepScaling, targetTracking, visibleAlarm } from '../fixtures/scaling';

// What a target tracking policy decides when one of its alarms runs it: capacity in proportion, cooldowns at the
// millisecond, warm-up, and the agreement of the other policies of the same target before a scale-in.

type Resources = NonNullable<CloudFormationTemplate['Resources']>;

/** A service of `desired` tasks (1..20) with the policy `Tracking` (target 10) and the given other resources. */
function service(desired: number, extra: Resources = {}) {
  const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: desired, min: 1, max: 20, extra: { Tracking: targetTracking(10, BACKLOG_PER_WORKER, { in: 60, out: 60 }), ...extra } }));
  return { sim, policy: sim.autoscaling.policy('Tracking') as TargetTrackingPolicy };
}

/** Runs the policy as its AlarmHigh (scale-out) or AlarmLow (scale-in) would, with these datapoints. */
const out = (p: TargetTrackingPolicy, values: number[]) => p.high!.actions.ALARM[0].invoke(p.high!, values, undefined);
const scaleIn = (p: TargetTrackingPolicy, values: number[]) => p.low!.actions.ALARM[0].invoke(p.low!, values, undefined);
const activities = (sim: Simulation) => sim.autoscaling.activities().map((a) => [a.time, a.from, a.to]);

/** A second target tracking policy of the same service, target 20, named `other`. */
function other(disableScaleIn = false): Resources[string] {
  const o = targetTracking(20, BACKLOG_PER_WORKER);
  const props = o.Properties as { PolicyName: string; TargetTrackingScalingPolicyConfiguration: Record<string, unknown> };
  props.PolicyName = 'other';
  props.TargetTrackingScalingPolicyConfiguration.DisableScaleIn = disableScaleIn;
  return o;
}

describe('target tracking decisions', () => {
  test('asks for in-service x metric / target rounded up (on target exactly: no more); from zero in service one above the target, else none', () => {
    const { policy } = service(4);
    expect([policy.capacityFor(25), policy.capacityFor(10), policy.capacityFor(10.1), policy.capacityFor(1), policy.capacityFor(10 * (0.1 + 0.2) / 0.3)]).toEqual([10, 4, 5, 1, 4]);
    const idle = service(0).policy;
    expect([idle.capacityFor(10), idle.capacityFor(10.5), idle.capacityFor(0)]).toEqual([0, 1, 0]);
  });

  test('scales out on the latest datapoint present; nothing without one or when it asks for no more', () => {
    const { sim, policy } = service(4);
    expect([out(policy, [NaN, NaN]), out(policy, [40, 10]), out(policy, [8])]).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(out(policy, [5, 30, NaN])).toBe('changed');
    expect(activities(sim)).toEqual([[0, 4, 12]]);
    expect(sim.autoscaling.activities()[0]).toMatchObject({ policy: 'tracking', alarm: policy.high!.name, resource: 'Target' });
  });

  test('Application Auto Scaling: no scale-out within the scale-out cooldown of the last one, one at its end', () => {
    const { sim, policy } = service(2);
    expect(out(policy, [20])).toBe('changed');
    sim.advance(Duration.millis(59_999));
    expect(out(policy, [100])).toBe('retryLater');
    sim.advance(Duration.millis(1));
    expect(out(policy, [100])).toBe('changed');
    expect(activities(sim)).toEqual([[0, 2, 4], [60_000, 4, 20]]);
  });

  test('scales in on the latest datapoint present; nothing without one or when it asks for no less; not within the scale-in cooldown', () => {
    const { sim, policy } = service(8);
    expect([scaleIn(policy, [NaN]), scaleIn(policy, [10]), scaleIn(policy, [12])]).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(scaleIn(policy, [1, 5, NaN])).toBe('changed');
    sim.advance(Duration.millis(59_999));
    expect(scaleIn(policy, [1])).toBe('retryLater');
    sim.advance(Duration.millis(1));
    expect(scaleIn(policy, [0])).toBe('changed');
    expect(activities(sim)).toEqual([[0, 8, 4], [60_000, 4, 1]]);
  });

  test('a scale-in waits for every other policy that may scale in, to the largest capacity they ask for; one that wants more vetoes it', () => {
    // GIVEN 8 tasks, this policy asking for 4 (metric 5 of 10) and the other (target 20)
    const { sim, policy } = service(8, { Other: other() });
    const second = sim.autoscaling.policy('Other') as TargetTrackingPolicy;
    // WHEN the other's alarms are OK: no scale-in
    second.high!.state = 'OK';
    second.low!.state = 'OK';
    expect(scaleIn(policy, [5])).toBe('unchanged');
    // AND when the other's AlarmHigh is in ALARM (even with its AlarmLow too, at a value asking for 1): no scale-in
    second.high!.state = 'ALARM';
    second.low!.state = 'ALARM';
    second.low!.lastValues = [1];
    expect(scaleIn(policy, [5])).toBe('unchanged');
    // AND when the other's AlarmLow is in ALARM at a latest value of 15 of 20 (it asks for 6): to 6
    second.high!.state = 'OK';
    second.low!.lastValues = [1, 15, NaN];
    expect(scaleIn(policy, [5])).toBe('changed');
    expect(activities(sim)).toEqual([[0, 8, 6]]);
  });

  test('a scale-in the others agree on but that leaves the capacity as it is changes nothing', () => {
    const { sim, policy } = service(8, { Other: other() });
    const second = sim.autoscaling.policy('Other') as TargetTrackingPolicy;
    second.high!.state = 'OK';
    second.low!.state = 'ALARM';
    second.low!.lastValues = [20];
    expect(scaleIn(policy, [5])).toBe('unchanged');
    expect(activities(sim)).toEqual([]);
  });

  test('a policy that may not scale in has one alarm only and does not take part in the agreement', () => {
    const { sim, policy } = service(8, { Other: other(true) });
    const second = sim.autoscaling.policy('Other') as TargetTrackingPolicy;
    expect(second.low).toBeUndefined();
    second.high!.state = 'OK';
    expect(scaleIn(policy, [5])).toBe('changed');
    expect(activities(sim)).toEqual([[0, 8, 4]]);
    // AND reshaping its alarms reshapes the one it has
    sim.autoscaling.configure({ targetTrackingAlarms: { highEvaluationPeriods: 5 } });
    expect([second.high!.settings.evaluationPeriods, policy.low!.settings.evaluationPeriods]).toEqual([5, 15]);
    sim.autoscaling.configure({});
    expect(second.high!.settings.evaluationPeriods).toBe(5);
  });

  test('template alarms do not run a target tracking policy directly', () => {
    const { policy } = service(4);
    expect(policy.execute({ alarmName: 'a', alarmArn: 'arn', state: 'ALARM', threshold: 1, comparison: 'GreaterThanThreshold', values: [100] })).toBe('unchanged');
  });
});

describe('target tracking of an Auto Scaling group', () => {
  function group(warmup: number) {
    const sim = Simulation.fromTemplate(groupTemplate({
      min: 1, max: 10, desired: 4,
      extra: { Tracking: { Type: 'AWS::AutoScaling::ScalingPolicy', Properties: { AutoScalingGroupName: GROUP, PolicyType: 'TargetTrackingScaling', EstimatedInstanceWarmup: warmup, TargetTrackingConfiguration: { TargetValue: 10, CustomizedMetricSpecification: { Metrics: BACKLOG_PER_WORKER } } } } },
    }));
    return { sim, policy: sim.autoscaling.policy('Tracking') as TargetTrackingPolicy };
  }

  test('scales out again at once (no cooldown: warming capacity counts as desired)', () => {
    const { sim, policy } = group(120);
    expect([out(policy, [20]), out(policy, [25])]).toEqual(['changed', 'changed']);
    expect(activities(sim)).toEqual([[0, 4, 8], [0, 8, 10]]);
  });

  test('a scale-in waits until no instance is warming (the instances of the start included)', () => {
    const { sim, policy } = group(120);
    expect(scaleIn(policy, [5])).toBe('retryLater');
    sim.advance(Duration.millis(119_999));
    expect(scaleIn(policy, [5])).toBe('retryLater');
    sim.advance(Duration.millis(1));
    expect(scaleIn(policy, [5])).toBe('changed');
    expect(activities(sim)).toEqual([[120_000, 4, 2]]);
  });
});

describe('the scaling activities the facade lists', () => {
  test('all of them in time order, or those of one scalable target or group', () => {
    // GIVEN a service and a group, each with a +1 step policy run by an alarm always in ALARM (no message is visible)
    const service = serviceTemplate({ desiredCount: 1, extra: { ServiceUp: stepScaling('service-up', [{ MetricIntervalUpperBound: 0, ScalingAdjustment: 1 }], { Cooldown: 0 }) } });
    const ec2 = groupTemplate({ min: 0, max: 10, desired: 1 });
    const sim = Simulation.fromTemplate({
      Resources: {
        ...ec2.Resources, ...service.Resources,
        GroupUp: { Type: 'AWS::AutoScaling::ScalingPolicy', Properties: { AutoScalingGroupName: GROUP, PolicyType: 'SimpleScaling', ScalingAdjustment: 1, Cooldown: 120 } },
        Empty: visibleAlarm({ Threshold: 0, ComparisonOperator: 'LessThanOrEqualToThreshold', AlarmActions: [{ Ref: 'GroupUp' }, { Ref: 'ServiceUp' }] }),
      },
    });
    // WHEN three minutes pass
    sim.advance(Duration.minutes(3));
    // THEN the group grew at 1:00 and 3:00 (cooldown 120 s), the service at 1:00, 2:00 and 3:00; at one instant the scalable target (linked first) comes first
    const of = (ref?: string) => sim.autoscaling.activities(ref).map((a) => [a.time / 60_000, a.resource, a.to]);
    expect(of()).toEqual([[1, 'Target', 2], [1, 'Group', 2], [2, 'Target', 3], [3, 'Target', 4], [3, 'Group', 3]]);
    expect(of('Target')).toEqual([[1, 'Target', 2], [2, 'Target', 3], [3, 'Target', 4]]);
    expect(of('Group')).toEqual([[1, 'Group', 2], [3, 'Group', 3]]);
  });
});
