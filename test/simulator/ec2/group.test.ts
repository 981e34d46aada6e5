import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { GROUP, groupMetric, groupTemplate } from '../fixtures/scaling';

const MINUTE = 60_000;
const activities = (sim: Simulation) => sim.autoscaling.activities().map((a) => [a.time / MINUTE, a.from, a.to]);
const groupMetricNames = (sim: Simulation) => sim.metrics.list({ namespace: 'AWS/AutoScaling' }).map((m) => m.metricName).sort();

describe('an Auto Scaling group\'s instances', () => {
  test('the desired capacity is DesiredCapacity, or MinSize; instances in service when the simulation starts', () => {
    const sim = Simulation.fromTemplate(groupTemplate({ min: 2, max: 4 }));
    expect([sim.ec2.group('Group').fleet.desired, sim.ec2.group('Group').fleet.running]).toEqual([2, 2]);
    expect(Simulation.fromTemplate(groupTemplate({ min: 1, desired: 3 })).ec2.group('Group').fleet.running).toBe(3);
  });

  test('publishes the group metrics its MetricsCollection names, all of them for an entry without a list, none without MetricsCollection', () => {
    expect(groupMetricNames(Simulation.fromTemplate(groupTemplate()))).toEqual(['GroupDesiredCapacity', 'GroupInServiceInstances']);
    expect(groupMetricNames(Simulation.fromTemplate(groupTemplate({ metricsCollection: [{ Granularity: '1Minute' }] })))).toEqual([
      'GroupDesiredCapacity', 'GroupInServiceInstances', 'GroupMaxSize', 'GroupMinSize', 'GroupPendingInstances', 'GroupTotalInstances',
    ]);
    expect(groupMetricNames(Simulation.fromTemplate(groupTemplate({ metricsCollection: null })))).toEqual([]);
  });

  test('an instance protects itself with SetInstanceProtection, checked against the role of its instance profile', () => {
    const run = (protectionGranted: boolean) => {
      const sim = Simulation.fromTemplate(groupTemplate({ desired: 1, protectionGranted }));
      const fleet = sim.workload.workers('Group', { queue: 'Jobs', processingTime: Duration.seconds(10) });
      sim.send('Jobs', { body: 'x' });
      sim.advance(Duration.seconds(1));
      return { sim, fleet };
    };
    const granted = run(true);
    expect(granted.fleet.live[0].isProtected(granted.sim.now)).toBe(true);
    const refused = run(false);
    expect(refused.fleet.live[0].isProtected(refused.sim.now)).toBe(false);
    expect(refused.sim.events({ type: 'workers.protectionRefused' })[0].reason).toMatch(/^the instance role may not autoscaling:SetInstanceProtection: no policy of InstanceRole allows/);
  });

  test('fails if the workers of a group are not told their queue', () => {
    const sim = Simulation.fromTemplate(groupTemplate());
    expect(() => sim.workload.workers('Group', { processingTime: Duration.seconds(1) })).toThrow('an Auto Scaling group of this template does not say which queue it reads');
  });

  test('fails if a run is recorded without a queue it can find, or with a resource that is not a queue', () => {
    const sim = Simulation.fromTemplate(groupTemplate());
    expect(() => sim.workload.record({ workers: 'Group' })).toThrow('record(…): name the queue (`queue`), or configure the workers of Group first');
    expect(() => sim.workload.record({ workers: 'Group', queue: 'Nope' })).toThrow('No resource Nope in stack SimulatedStack (expected an SQS queue)');
    expect(() => sim.workload.record({ workers: 'Group', queue: 'Profile' })).toThrow('Profile is a AWS::IAM::InstanceProfile, not an SQS queue');
  });

  test('NewInstancesProtectedFromScaleIn: a scale-in lowers the desired capacity but stops no instance until its protection is cleared', () => {
    const sim = Simulation.fromTemplate(groupTemplate({ desired: 2, newInstancesProtected: true }));
    const fleet = sim.ec2.group('Group').fleet;
    fleet.setDesired(0);
    expect([fleet.desired, fleet.running]).toEqual([0, 2]);
  });

  test.each([
    [600, [[24, 3, 1]]],
    [60, [[15, 3, 1]]],
  ])('target tracking with EstimatedInstanceWarmup %i s: instances launched at 14:00 hold the scale-in back while they warm', (warmup, expected) => {
    // GIVEN a policy whose metric is always 0 (it wants the minimum once its low alarm has 15 datapoints, at 15:00)
    const policy = {
      Type: 'AWS::AutoScaling::ScalingPolicy',
      Properties: {
        AutoScalingGroupName: GROUP, PolicyType: 'TargetTrackingScaling', EstimatedInstanceWarmup: warmup,
        TargetTrackingConfiguration: {
          TargetValue: 10,
          CustomizedMetricSpecification: { Metrics: [{ Id: 'n', MetricStat: groupMetric('GroupInServiceInstances'), ReturnData: false }, { Id: 'e', Expression: 'FILL(n, 0) * 0', ReturnData: true }] },
        },
      },
    };
    const sim = Simulation.fromTemplate(groupTemplate({ min: 1, max: 3, desired: 1, extra: { Tracking: policy } }));
    // WHEN two more instances are launched at 14:00
    sim.advance(Duration.minutes(14));
    sim.ec2.group('Group').fleet.setDesired(3);
    sim.advance(Duration.minutes(12));
    // THEN the scale-in to 1 waits until the last launch has warmed up
    expect(activities(sim)).toEqual(expected);
    expect(sim.autoscaling.activities()[0].resource).toBe('Group');
  });
});
