import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { autoScaling } from '../../../lib/simulator/services/autoscaling/state';
import { serviceTemplate, stepScaling, visibleAlarm } from '../fixtures/scaling';

// A scalable target is one capacity: the one its policies scale is the one `target(…).scalable` shows.

describe('the capacity of a scalable target', () => {
  test('is made once: its policies scale it, and its activities and last scale-out are those the facade shows', () => {
    // GIVEN a service of 1 task, a +1 step policy and an alarm always in ALARM (no message is visible)
    const sim = Simulation.fromTemplate(serviceTemplate({
      desiredCount: 1,
      extra: {
        Up: stepScaling('up', [{ MetricIntervalUpperBound: 0, ScalingAdjustment: 1 }], { Cooldown: 0 }),
        Empty: visibleAlarm({ Threshold: 0, ComparisonOperator: 'LessThanOrEqualToThreshold', AlarmActions: [{ Ref: 'Up' }] }),
      },
    }));
    const scalable = sim.autoscaling.target('Target').scalable!;
    // THEN one capacity exists, the policy's
    expect(autoScaling(sim.world).scalables).toEqual([scalable]);
    expect(sim.autoscaling.policy('Up').scalable).toBe(scalable);
    // WHEN the alarm runs the policy at 1:00
    sim.advance(Duration.minutes(1));
    // THEN the target's capacity holds the activity
    expect([scalable.desired, scalable.activities.map((a) => [a.time, a.from, a.to]), scalable.lastScaleOut]).toEqual([2, [[60_000, 1, 2]], { at: 60_000, from: 1 }]);
  });
});
