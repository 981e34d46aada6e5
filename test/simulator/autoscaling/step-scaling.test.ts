import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { adjustedCapacity, stepMatches } from '../../../lib/simulator/services/autoscaling/step-scaling';
import { queueMetric, serviceMetric, serviceTemplate, stepScaling, visibleAlarm } from '../fixtures/scaling';

const MINUTE = 60_000;
const activities = (sim: Simulation) => sim.autoscaling.activities().map((a) => [a.time / MINUTE, a.from, a.to]);

describe('step adjustments', () => {
  test('above the threshold a step\'s lower bound is inclusive and its upper exclusive; below it, the other way round', () => {
    const step = { lower: 0, upper: 400, adjustment: 1 };
    expect([stepMatches(step, 0, true), stepMatches(step, 399.9, true), stepMatches(step, 400, true)]).toEqual([true, true, false]);
    const down = { upper: 0, adjustment: -1 };
    expect([stepMatches(down, 0, false), stepMatches(down, -5, false), stepMatches(down, 0.1, false)]).toEqual([true, true, false]);
    expect(stepMatches({ lower: -10, upper: 0, adjustment: -1 }, -10, false)).toBe(false);
  });

  test('ChangeInCapacity adds, ExactCapacity sets, PercentChangeInCapacity rounds toward zero but moves at least one (and MinAdjustmentMagnitude)', () => {
    expect(adjustedCapacity(3, 2, { adjustmentType: 'ChangeInCapacity' })).toBe(5);
    expect(adjustedCapacity(3, 7, { adjustmentType: 'ExactCapacity' })).toBe(7);
    expect(adjustedCapacity(5, 10, { adjustmentType: 'PercentChangeInCapacity' })).toBe(6);
    expect(adjustedCapacity(5, -10, { adjustmentType: 'PercentChangeInCapacity' })).toBe(4);
    expect(adjustedCapacity(10, 25, { adjustmentType: 'PercentChangeInCapacity' })).toBe(12);
    expect(adjustedCapacity(10, 10, { adjustmentType: 'PercentChangeInCapacity', minAdjustmentMagnitude: 3 })).toBe(13);
    expect(adjustedCapacity(10, 30, { adjustmentType: 'PercentChangeInCapacity', minAdjustmentMagnitude: 3 })).toBe(13);
  });
});

describe('step scaling (Application Auto Scaling)', () => {
  /** The pattern's scale from zero: +1 for any value at or above 1, on a 1-of-1 alarm with missing data not breaching. */
  function fromZero(cooldownSeconds: number) {
    const desired = [{ Id: 'desired', MetricStat: { ...serviceMetric('DesiredTaskCount'), Period: 60 }, ReturnData: false }];
    const visible = [{ Id: 'visible', MetricStat: { ...queueMetric('ApproximateNumberOfMessagesVisible'), Period: 60 }, ReturnData: false }];
    const sim = Simulation.fromTemplate(serviceTemplate({
      desiredCount: 0,
      extra: {
        FromZero: stepScaling('from-zero', [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }], { Cooldown: cooldownSeconds }),
        Wake: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            Metrics: [...desired, ...visible, { Id: 'e', Expression: 'IF(FILL(desired, 0) < 1, FILL(visible, 0), 0)', ReturnData: true }],
            EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching', AlarmActions: [{ Ref: 'FromZero' }],
          },
        },
      },
    }));
    sim.advance(Duration.seconds(1));
    sim.send('Jobs', { body: 'first' });
    sim.advance(Duration.minutes(4));
    return sim;
  }

  test('a message while no worker is desired adds one; the alarm, still in ALARM a minute later, adds nothing within the cooldown', () => {
    // THEN 0 → 1 at 2:00 (the message shows in the datapoint sampled at 1:00); at 3:00 the alarm still reads desired 0
    // (sampled at 2:00, before the scale-out) and is invoked again, but the capacity added in the cooldown counts
    const sim = fromZero(64);
    expect(activities(sim)).toEqual([[2, 0, 1]]);
    expect(sim.cloudwatch.alarm('Wake').history.map((h) => [h.time / MINUTE, h.to])).toEqual([[1, 'OK'], [2, 'ALARM'], [4, 'OK']]);
  });

  test('without a cooldown covering the metric\'s lag, the repeated alarm adds a second worker', () => {
    expect(activities(fromZero(0))).toEqual([[2, 0, 1], [3, 1, 2]]);
  });

  test('a scale-in step waits for the cooldown of the previous scale-in (aws-ecs-patterns\' −1 when no message is visible)', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({
      desiredCount: 4,
      extra: {
        Lower: stepScaling('lower', [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }], { Cooldown: 180 }),
        Empty: visibleAlarm({ Threshold: 0, ComparisonOperator: 'LessThanOrEqualToThreshold', AlarmActions: [{ Ref: 'Lower' }] }),
      },
    }));
    sim.advance(Duration.minutes(8));
    expect(activities(sim)).toEqual([[1, 4, 3], [4, 3, 2], [7, 2, 1]]);
  });
});
