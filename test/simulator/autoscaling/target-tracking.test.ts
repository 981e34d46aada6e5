import { Duration } from 'aws-cdk-lib';
import { Simulation, TargetTrackingPolicy, TemplateError } from '../../../lib/simulator';
import { BACKLOG_PER_WORKER, queueMetric, serviceMetric, serviceTemplate, targetTracking } from '../fixtures/scaling';

const MINUTE = 60_000;
const SLOW = Duration.minutes(1);

function send(sim: Simulation, n: number): void {
  for (let i = 0; i < n; i++) sim.send('Jobs', { body: `m${i}` });
}

const activities = (sim: Simulation) => sim.autoscaling.activities().map((a) => [a.time / MINUTE, a.from, a.to]);

describe('target tracking (Application Auto Scaling, ECS)', () => {
  test('Auto Scaling makes AlarmHigh (3 of 3 above the target) and AlarmLow (15 of 15 below 90 %): believed shapes, settable before the run', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({ extra: { Tracking: targetTracking(10, BACKLOG_PER_WORKER) } }));
    const policy = sim.autoscaling.policy('Tracking') as TargetTrackingPolicy;
    const alarm = (kind: string) => ({
      logicalId: 'Tracking',
      name: expect.stringMatching(new RegExp(`^TargetTracking-service/workers/svc-${kind}-[0-9a-f-]{36}$`)),
      description: `${kind} of the target tracking policy tracking: made by Auto Scaling (shape: AWS-FACTS §11)`,
      periodMs: MINUTE,
      treatMissingData: 'missing',
      actionsEnabled: true,
    });
    expect(policy.high!.settings).toEqual({
      ...alarm('AlarmHigh'), arn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${policy.high!.name}`,
      evaluationPeriods: 3, datapointsToAlarm: 3, threshold: 10, comparison: 'GreaterThanThreshold',
    });
    expect(policy.low!.settings).toEqual({
      ...alarm('AlarmLow'), arn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${policy.low!.name}`,
      evaluationPeriods: 15, datapointsToAlarm: 15, threshold: 9, comparison: 'LessThanThreshold',
    });
    expect(policy.high!.name).toMatch(/^TargetTracking-service\/workers\/svc-AlarmHigh-/);
    sim.autoscaling.configure({ targetTrackingAlarms: { highEvaluationPeriods: 2, lowThresholdRatio: 0.5 } });
    expect([policy.high!.settings.evaluationPeriods, policy.low!.settings.threshold]).toEqual([2, 5]);
    sim.advance(Duration.minutes(1));
    expect(() => sim.autoscaling.configure({ targetTrackingAlarms: { highEvaluationPeriods: 3 } })).toThrow(/has been evaluated already: set its shape before the simulation runs/);
  });

  /** One task taking a minute per message, 50 messages sent at 0:01, a target of 10 per worker; six minutes. */
  function scaleOut(scaleOutCooldownSeconds: number) {
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1, extra: { Tracking: targetTracking(10, BACKLOG_PER_WORKER, { out: scaleOutCooldownSeconds }) } }));
    sim.workload.workers('Service', { processingTime: SLOW });
    sim.advance(Duration.seconds(1));
    send(sim, 50);
    sim.advance(Duration.minutes(6));
    return sim;
  }

  test('scales out after three datapoints above the target, to in-service x metric / target rounded up, then waits for the scale-out cooldown', () => {
    // WHEN the scale-out cooldown (120 s) outlasts the new tasks' startup and one metric period
    const sim = scaleOut(120);
    // THEN the datapoints of 1:00, 2:00 and 3:00 are above 10; at 4:00 the policy sets ceil(1 x 48 / 10) = 5; at 5:00 the
    // alarm still shows one task (the datapoint of 4:00) but the cooldown holds, and at 6:00 the five tasks show
    expect(activities(sim)).toEqual([[4, 1, 5]]);
    expect(sim.autoscaling.activities()[0].cause).toMatch(/^monitor alarm TargetTracking-service\/workers\/svc-AlarmHigh-\S+ in state ALARM triggered policy tracking changing the desired capacity from 1 to 5$/);
  });

  test('a scale-out cooldown no longer than the metric\'s lag lets a datapoint from before the scale-out scale out again', () => {
    expect(activities(scaleOut(60))).toEqual([[4, 1, 5], [5, 5, 10]]);
  });

  test('from zero in service it adds one worker (the "minimal amount"), whatever the metric', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 0, extra: { Tracking: targetTracking(10, BACKLOG_PER_WORKER) } }));
    sim.workload.workers('Service', { processingTime: SLOW });
    sim.advance(Duration.seconds(1));
    send(sim, 500);
    sim.advance(Duration.minutes(4));
    expect(activities(sim)).toEqual([[4, 0, 1]]);
  });

  test.each([
    [300, [[15, 4, 2], [20, 2, 1]]],
    [60, [[15, 4, 2], [16, 2, 1]]],
  ])('a scale-in cooldown of %i s spaces the scale-ins of a metric that stays at half the target', (cooldown, expected) => {
    const half = [{ Id: 'workers', MetricStat: serviceMetric('RunningTaskCount'), ReturnData: false }, { Id: 'e', Expression: 'FILL(workers, 0) * 0 + 5', ReturnData: true }];
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 4, min: 1, extra: { Tracking: targetTracking(10, half, { in: cooldown }) } }));
    sim.advance(Duration.minutes(25));
    expect(activities(sim)).toEqual(expected);
  });

  test('scales in after fifteen datapoints below 90 % of the target, in proportion, down to the minimum', () => {
    // GIVEN 4 idle tasks and a target of 10: the backlog per worker is 0
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 4, min: 1, extra: { Tracking: targetTracking(10, BACKLOG_PER_WORKER, { in: 300 }) } }));
    sim.workload.workers('Service', { processingTime: SLOW });
    // WHEN half an hour passes with no message
    sim.advance(Duration.minutes(30));
    // THEN at 15:00 the first fifteen datapoints are in: 4 → ceil(4 x 0 / 10) = 0, kept at the minimum 1; no second scale-in
    expect(activities(sim)).toEqual([[15, 4, 1]]);
  });

  test('scales in only when every target tracking policy of the target that may scale in agrees', () => {
    // GIVEN a second policy whose metric (in flight + 95) reads between 90 % of its target of 100 and the target: it
    // wants neither more nor less
    const busy = [{ Id: 'inflight', MetricStat: queueMetric('ApproximateNumberOfMessagesNotVisible'), ReturnData: false }, { Id: 'e', Expression: 'FILL(inflight, 0) + 95', ReturnData: true }];
    const build = (disableScaleIn: boolean) => {
      const other = targetTracking(100, busy);
      const props = other.Properties as { PolicyName: string; TargetTrackingScalingPolicyConfiguration: Record<string, unknown> };
      props.PolicyName = 'other';
      props.TargetTrackingScalingPolicyConfiguration.DisableScaleIn = disableScaleIn;
      const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 4, min: 1, max: 4, extra: { Tracking: targetTracking(10, BACKLOG_PER_WORKER), Other: other } }));
      sim.advance(Duration.minutes(20));
      return activities(sim);
    };
    // THEN the backlog policy cannot scale in while the other disagrees, and can once the other may not scale in at all
    expect(build(false)).toEqual([]);
    expect(build(true)).toEqual([[15, 4, 1]]);
  });

  test('missing data leaves its alarms in INSUFFICIENT_DATA: no scaling (a metric nobody publishes: Container Insights off)', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 2, containerInsights: false, extra: { Tracking: targetTracking(10, [{ Id: 'w', MetricStat: serviceMetric('RunningTaskCount'), ReturnData: true }]) } }));
    sim.advance(Duration.minutes(20));
    const policy = sim.autoscaling.policy('Tracking') as TargetTrackingPolicy;
    expect([policy.high!.state, policy.low!.state, activities(sim)]).toEqual(['INSUFFICIENT_DATA', 'INSUFFICIENT_DATA', []]);
  });

  test('the predefined ECS CPU metric reads the service\'s CPUUtilization; an unmodelled predefined metric is a TemplateError', () => {
    const cpu = (PredefinedMetricType: string) => ({
      Type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      Properties: { PolicyName: 'cpu', PolicyType: 'TargetTrackingScaling', ScalingTargetId: { Ref: 'Target' }, TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType } } },
    });
    const sim = Simulation.fromTemplate(serviceTemplate({ desiredCount: 1, extra: { Cpu: cpu('ECSServiceAverageCPUUtilization') } }));
    expect((sim.autoscaling.policy('Cpu') as TargetTrackingPolicy).high!.queries.description).toBe('AWS/ECS CPUUtilization (Average)');
    // GIVEN the task busy all the time: CPU 100 % > 50 % in the minutes from 0:00, 1:00 and 2:00
    sim.workload.workers('Service', { processingTime: Duration.minutes(10) });
    send(sim, 1);
    sim.advance(Duration.minutes(5));
    // THEN 1 → 2 at 3:00; at 4:00 the new task is in service but the default cooldown (300 s for ECS) holds
    expect(activities(sim)).toEqual([[3, 1, 2]]);
    const build = () => Simulation.fromTemplate(serviceTemplate({ extra: { Cpu: cpu('ALBRequestCountPerTarget') } }));
    expect(build).toThrow(TemplateError);
    expect(build).toThrow('Cpu.Properties.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType: ALBRequestCountPerTarget is not simulated');
  });
});
