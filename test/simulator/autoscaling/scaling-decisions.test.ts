import { Clock } from '../../../lib/simulator/clock';
import { SimulationRuntime } from '../../../lib/simulator/runtime';
import { ExecutePolicyInput, aggregate } from '../../../lib/simulator/services/autoscaling/policy';
import { Scalable } from '../../../lib/simulator/services/autoscaling/scalable';
import { SimpleScalingPolicy, StepScalingPolicy, StepScalingSettings, adjustedCapacity, stepMatches } from '../../../lib/simulator/services/autoscaling/step-scaling';
import { QueueWorkerFleet } from '../../../lib/simulator/workload/fleet';

// What step and simple scaling decide from an alarm's datapoints, and how a scalable capacity takes a request.

/** A fleet as Auto Scaling sees it: a desired count, workers in service, and the launch times of the live workers. */
class FakeFleet {
  public readonly live: { launchedAt: number }[] = [];
  constructor(public desired: number, public running = desired) {}
  public setDesired(n: number): void {
    this.desired = n;
  }
}

/** A scalable of 1..10 on a fake fleet, its clock, and what it recorded in the trace. */
function setup(desired: number, bounds = { min: 1, max: 10 }) {
  const clock = new Clock();
  const recorded: unknown[][] = [];
  const runtime = { clock, record: (...args: unknown[]) => recorded.push(args) } as unknown as SimulationRuntime;
  const fleet = new FakeFleet(desired);
  const scalable = new Scalable(runtime, 'Target', 'service/c/s', fleet as unknown as QueueWorkerFleet, bounds);
  return { clock, recorded, fleet, scalable };
}

const input = (values: number[], comparison: ExecutePolicyInput['comparison'] = 'GreaterThanOrEqualToThreshold', threshold = 10): ExecutePolicyInput => ({
  alarmName: 'alarm', alarmArn: 'arn:alarm', state: 'ALARM', threshold, comparison, values,
});

function step(service: 'application' | 'ec2', settings: Partial<StepScalingSettings>): StepScalingPolicy {
  return new StepScalingPolicy('Step', 'step', 'arn:step', service, { adjustmentType: 'ChangeInCapacity', aggregation: 'Maximum', steps: [], ...settings });
}

describe('a scalable capacity', () => {
  test('takes a request within its bounds, records the activity and the trace event, and remembers the scale-out', () => {
    // GIVEN a capacity of 3 at 1:00
    const { clock, recorded, fleet, scalable } = setup(3);
    clock.run(60_000);
    // WHEN a policy asks for 12 (above the maximum of 10)
    const effect = scalable.scale({ to: 12, policy: 'up', alarm: 'high' });
    // THEN the desired count is 10, the activity and trace say why
    const cause = 'monitor alarm high in state ALARM triggered policy up changing the desired capacity from 3 to 10';
    expect([effect, fleet.desired, scalable.desired, scalable.now]).toEqual(['changed', 10, 10, 60_000]);
    expect(scalable.activities).toEqual([{ time: 60_000, resource: 'Target', policy: 'up', alarm: 'high', from: 3, to: 10, cause }]);
    expect(recorded).toEqual([['autoscaling.scaled', 'Target', undefined, cause, { policy: 'up', alarm: 'high', from: 3, to: 10 }]]);
    expect([scalable.lastScaleOut, scalable.lastScaleIn]).toEqual([{ at: 60_000, from: 3 }, undefined]);
    expect([scalable.logicalId, scalable.resourceId]).toEqual(['Target', 'service/c/s']);
  });

  test('a request for what it has, or beyond a bound it is at, changes nothing; below the minimum is the minimum', () => {
    const { scalable, recorded } = setup(10);
    expect([scalable.scale({ to: 10, policy: 'p', alarm: 'a' }), scalable.scale({ to: 11, policy: 'p', alarm: 'a' })]).toEqual(['unchanged', 'unchanged']);
    expect([scalable.activities, recorded]).toEqual([[], []]);
    expect([scalable.clamp(0), scalable.clamp(1), scalable.clamp(5), scalable.clamp(10), scalable.clamp(11)]).toEqual([1, 1, 5, 10, 10]);
  });

  test('a scale-in asked at the instant of a scale-out does not undo it; a moment later it does, and is remembered', () => {
    const { clock, scalable } = setup(2);
    clock.run(1000);
    expect(scalable.scale({ to: 5, policy: 'out', alarm: 'a' })).toBe('changed');
    expect(scalable.scale({ to: 3, policy: 'in', alarm: 'b' })).toBe('unchanged');
    expect(scalable.scale({ to: 6, policy: 'out', alarm: 'a' })).toBe('changed');
    clock.run(1001);
    expect(scalable.scale({ to: 0, policy: 'in', alarm: 'b' })).toBe('changed');
    expect(scalable.activities.map((a) => [a.time, a.from, a.to])).toEqual([[1000, 2, 5], [1000, 5, 6], [1001, 6, 1]]);
    expect([scalable.lastScaleOut, scalable.lastScaleIn]).toEqual([{ at: 1000, from: 5 }, { at: 1001 }]);
  });

  test('counts the workers in service, and those launched less than the warm-up ago as warming', () => {
    const { clock, fleet, scalable } = setup(3);
    fleet.running = 2;
    fleet.live.push({ launchedAt: 0 }, { launchedAt: 40_000 }, { launchedAt: 50_000 });
    clock.run(100_000);
    expect([scalable.inService, scalable.warming(50_000), scalable.warming(50_001), scalable.warming(60_001), scalable.warming(0)]).toEqual([2, 0, 1, 2, 0]);
  });
});

describe('step scaling decisions', () => {
  test('aggregates the datapoints the alarm evaluated, skipping missing ones', () => {
    const values = [4, NaN, 1, 7];
    expect([aggregate(values, 'Minimum'), aggregate(values, 'Maximum'), aggregate(values, 'Average')]).toEqual([1, 7, 4]);
    expect([aggregate([NaN, NaN], 'Average'), aggregate([], 'Maximum'), aggregate([NaN], 'Minimum')]).toEqual([NaN, NaN, NaN]);
  });

  test('a step with no bounds matches anything; bounds are compared with the distance from the threshold', () => {
    expect([stepMatches({ adjustment: 1 }, -1e9, true), stepMatches({ adjustment: 1 }, 1e9, false)]).toEqual([true, true]);
    expect([stepMatches({ upper: 5, adjustment: 1 }, 5, false), stepMatches({ upper: 5, adjustment: 1 }, 5, true), stepMatches({ lower: 5, adjustment: 1 }, 5, false)]).toEqual([true, false, false]);
  });

  test('percent changes: exactly one is one, a change rounding to zero stays zero, the minimum magnitude applies on both sides', () => {
    expect(adjustedCapacity(10, 10, { adjustmentType: 'PercentChangeInCapacity' })).toBe(11);
    expect(adjustedCapacity(10, -10, { adjustmentType: 'PercentChangeInCapacity' })).toBe(9);
    expect(adjustedCapacity(4, 50, { adjustmentType: 'PercentChangeInCapacity' })).toBe(6);
    expect(adjustedCapacity(3, -50, { adjustmentType: 'PercentChangeInCapacity' })).toBe(2);
    expect(adjustedCapacity(0, 50, { adjustmentType: 'PercentChangeInCapacity', minAdjustmentMagnitude: 2 })).toBe(0);
    expect(adjustedCapacity(10, -10, { adjustmentType: 'PercentChangeInCapacity', minAdjustmentMagnitude: 3 })).toBe(7);
    expect(adjustedCapacity(10, -50, { adjustmentType: 'PercentChangeInCapacity', minAdjustmentMagnitude: 3 })).toBe(5);
    expect(adjustedCapacity(10, 30, { adjustmentType: 'PercentChangeInCapacity', minAdjustmentMagnitude: 3 })).toBe(13);
    expect(adjustedCapacity(3, -1, { adjustmentType: 'ChangeInCapacity' })).toBe(2);
    expect(adjustedCapacity(3, 0, { adjustmentType: 'ExactCapacity' })).toBe(0);
  });

  test('does nothing without a capacity to scale, without a datapoint, or when no step matches', () => {
    const policy = step('application', { steps: [{ lower: 0, upper: 5, adjustment: 1 }] });
    expect(policy.execute(input([20]))).toBe('unchanged');
    const { scalable } = setup(2);
    policy.attach(undefined as never, scalable);
    expect([policy.execute(input([NaN, NaN])), policy.execute(input([15])), policy.execute(input([9]))]).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(policy.execute(input([12]))).toBe('changed');
    expect(scalable.desired).toBe(3);
  });

  test('picks the step by the aggregated value\'s distance, above the threshold for "Greater" alarms and below it for "Less" ones', () => {
    const steps = [{ upper: -5, adjustment: -2 }, { lower: -5, upper: 0, adjustment: -1 }, { lower: 0, upper: 5, adjustment: 1 }, { lower: 5, adjustment: 3 }];
    const { clock, scalable } = setup(5);
    const policy = step('application', { steps, aggregation: 'Average', cooldownMs: 0 });
    policy.attach(undefined as never, scalable);
    // WHEN a Greater alarm reads an average of 15 (5 above), then 10 (0 above)
    policy.execute(input([12, 18]));
    clock.run(1);
    policy.execute(input([10], 'GreaterThanThreshold'));
    clock.run(2);
    // AND a Less alarm reads 6 (-4: the second step), then 5 (-5: the first, its upper bound inclusive below the threshold)
    policy.execute(input([6], 'LessThanThreshold'));
    clock.run(3);
    policy.execute(input([5], 'LessThanOrEqualToThreshold'));
    // THEN +3, +1, -1, -2
    expect(scalable.activities.map((a) => [a.from, a.to])).toEqual([[5, 8], [8, 9], [9, 8], [8, 6]]);
  });

  test('Application Auto Scaling: a scale-out within the cooldown counts the capacity the last one added; after it, it adds again', () => {
    const { clock, scalable } = setup(2);
    const policy = step('application', { steps: [{ lower: 0, adjustment: 2 }], cooldownMs: 60_000 });
    policy.attach(undefined as never, scalable);
    expect(policy.execute(input([10]))).toBe('changed');
    clock.run(59_999);
    expect(policy.execute(input([10]))).toBe('unchanged');
    clock.run(60_000);
    expect(policy.execute(input([10]))).toBe('changed');
    expect(scalable.activities.map((a) => [a.time, a.from, a.to])).toEqual([[0, 2, 4], [60_000, 4, 6]]);
  });

  test('Application Auto Scaling: a larger step within the cooldown adds what it asks beyond the last scale-out\'s start', () => {
    const { clock, scalable } = setup(2);
    const policy = step('application', { steps: [{ lower: 0, upper: 10, adjustment: 1 }, { lower: 10, adjustment: 4 }], cooldownMs: 60_000 });
    policy.attach(undefined as never, scalable);
    policy.execute(input([10]));
    clock.run(30_000);
    policy.execute(input([25]));
    expect(scalable.activities.map((a) => [a.time, a.from, a.to])).toEqual([[0, 2, 3], [30_000, 3, 6]]);
  });

  test('Application Auto Scaling: a scale-in waits for the cooldown after the last scale-in, and not at all without a cooldown', () => {
    const { clock, scalable } = setup(6);
    const policy = step('application', { steps: [{ upper: 0, adjustment: -1 }], cooldownMs: 60_000 });
    policy.attach(undefined as never, scalable);
    const low = input([0], 'LessThanThreshold');
    expect(policy.execute(low)).toBe('changed');
    clock.run(59_999);
    expect(policy.execute(low)).toBe('retryLater');
    clock.run(60_000);
    expect(policy.execute(low)).toBe('changed');
    const free = step('application', { steps: [{ upper: 0, adjustment: -1 }] });
    free.attach(undefined as never, scalable);
    expect(free.execute(low)).toBe('changed');
    expect(scalable.activities.map((a) => [a.time, a.to])).toEqual([[0, 5], [60_000, 4], [60_000, 3]]);
  });

  test('EC2 Auto Scaling: a scale-out counts warming instances as added; a scale-in waits until none is warming', () => {
    const { clock, fleet, scalable } = setup(2);
    const policy = step('ec2', { steps: [{ lower: 0, adjustment: 1 }, { upper: 0, adjustment: -1 }], warmupMs: 60_000 });
    policy.attach(undefined as never, scalable);
    fleet.live.push({ launchedAt: -60_000 }, { launchedAt: -60_000 });
    clock.run(10_000);
    expect(policy.execute(input([10]))).toBe('changed');
    fleet.live.push({ launchedAt: 10_000 });
    clock.run(20_000);
    expect(policy.execute(input([10]))).toBe('unchanged');
    expect(policy.execute(input([5], 'GreaterThanThreshold'))).toBe('retryLater');
    clock.run(70_000);
    expect(policy.execute(input([10]))).toBe('changed');
    expect(policy.execute(input([5], 'GreaterThanThreshold'))).toBe('unchanged');
    clock.run(70_001);
    expect(policy.execute(input([5], 'GreaterThanThreshold'))).toBe('changed');
    expect(scalable.activities.map((a) => [a.time, a.from, a.to])).toEqual([[10_000, 2, 3], [70_000, 3, 4], [70_001, 4, 3]]);
  });

  test('EC2 Auto Scaling without a warm-up: nothing is warming', () => {
    const { fleet, scalable } = setup(2);
    const policy = step('ec2', { steps: [{ upper: 0, adjustment: -1 }] });
    policy.attach(undefined as never, scalable);
    fleet.live.push({ launchedAt: 0 });
    expect(policy.execute(input([0]))).toBe('changed');
    expect(scalable.desired).toBe(1);
  });
});

describe('simple scaling decisions', () => {
  test('adjusts once, then waits its cooldown after an activity; an adjustment that changes nothing starts no cooldown', () => {
    const { clock, scalable } = setup(9);
    const policy = new SimpleScalingPolicy('Simple', 'simple', 'arn:simple', { adjustmentType: 'ChangeInCapacity', adjustment: 1, cooldownMs: 60_000 });
    expect([policy.service, policy.execute(input([1]))]).toEqual(['ec2', 'unchanged']);
    policy.attach(undefined as never, scalable);
    expect(policy.execute(input([1]))).toBe('changed');
    clock.run(59_999);
    expect(policy.execute(input([1]))).toBe('retryLater');
    clock.run(60_000);
    expect(policy.execute(input([1]))).toBe('unchanged');
    clock.run(60_001);
    expect(policy.execute(input([1]))).toBe('unchanged');
    expect(scalable.activities.map((a) => [a.time, a.from, a.to, a.policy, a.alarm])).toEqual([[0, 9, 10, 'simple', 'alarm']]);
  });
});

describe('a step that asks for the capacity there is', () => {
  test('changes nothing, without waiting for anything', () => {
    const { scalable } = setup(4);
    const policy = step('application', { adjustmentType: 'ExactCapacity', steps: [{ adjustment: 4 }], cooldownMs: 60_000 });
    policy.attach(undefined as never, scalable);
    expect(policy.execute(input([20]))).toBe('unchanged');
    expect(scalable.activities).toEqual([]);
  });
});
