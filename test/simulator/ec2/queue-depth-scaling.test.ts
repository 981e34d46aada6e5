import { Duration } from 'aws-cdk-lib';
import { QueueDepthScaling } from '../../../lib';
import { Simulation, burstArrivals } from '../../../lib/simulator';
import { BASE, workers } from '../../patterns/queue-depth-scaling/support';

/**
 * QueueDepthScaling on an EC2 Auto Scaling group, played on the simulator: the example (2 minutes at 4 s a
 * message, target 30, 0 to 20 instances), instances in service 300 s after launch (the default assumption).
 */

// GIVEN the pattern on the group, synthesized once for the file
const w = workers();
const scaling = new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, autoScalingGroup: w.autoScalingGroup, ...BASE });
const MINUTE = 60_000;

/** 20 quiet minutes, then 30 messages a minute with a burst of 1,500 over 5 minutes at minute 40; two hours in all. */
function play(scaleInProtection: boolean) {
  const sim = Simulation.fromStack(w.stack, { seed: 3, trace: 'summary' });
  const fleet = sim.workload.workers(w.autoScalingGroup, { queue: w.queue, processingTime: { exponential: BASE.messageProcessingTime }, scaleInProtection });
  const recorder = sim.workload.record({ workers: w.autoScalingGroup });
  sim.workload.play(w.queue, burstArrivals({ baselinePerMinute: 30, messages: 1500, at: Duration.minutes(20), burstLength: Duration.minutes(5), duration: Duration.minutes(100) }), { at: Duration.minutes(20) });
  sim.advance(Duration.hours(3));
  const policy = (ref: typeof scaling.backlogPolicy) => sim.autoscaling.policy(ref).name;
  return { sim, fleet, result: recorder.result(), backlog: policy(scaling.backlogPolicy), fromZero: policy(scaling.scaleFromZeroPolicy!) };
}

// In a hook, so a simulator that throws fails the tests rather than the file.
let protectedRun: ReturnType<typeof play>;
beforeAll(() => {
  protectedRun = play(true);
});

describe('QueueDepthScaling on an Auto Scaling group, simulated', () => {
  test('has no error findings, and reads the account and Region the stack\'s env sets, which its grants name', () => {
    const { sim } = protectedRun;
    expect(sim.findings().filter((f) => f.severity === 'error')).toEqual([]);
    expect(sim.queue(w.queue).arn).toMatch(/^arn:aws:sqs:eu-west-1:111111111111:/);
    expect(sim.trace.count('workers.protectionRefused')).toBe(0);
  });

  test('starts at zero instances and the scale-from-zero step launches the first within 3 minutes of the first message', () => {
    const { sim, fromZero } = protectedRun;
    const [first] = sim.autoscaling.activities();
    expect([first.from, first.to, first.policy]).toEqual([0, 1, fromZero]);
    expect(first.time - 20 * MINUTE).toBeGreaterThan(0);
    expect(first.time - 20 * MINUTE).toBeLessThanOrEqual(3 * MINUTE);
  });

  test('scales out under the burst to the maximum, then back in and to zero once the queue is empty', () => {
    const { sim, backlog, result } = protectedRun;
    const activities = sim.autoscaling.activities();
    // THEN the backlog of the baseline, waiting for instances that take 5 minutes, took the group to 20 before the
    // burst; it stayed there through the burst…
    const toMax = activities.find((a) => a.to === 20)!;
    expect(toMax.policy).toBe(backlog);
    const burst = result.series.filter((p) => p.time >= 40 * MINUTE && p.time < 50 * MINUTE);
    expect(burst.every((p) => p.desired === 20)).toBe(true);
    // …and scaled in once it had drained
    expect(activities.some((a) => a.time > 50 * MINUTE && a.from === 20 && a.to < 20)).toBe(true);
    expect(activities[activities.length - 1]).toMatchObject({ to: 0, policy: backlog });
    expect(result.series[result.series.length - 1]).toMatchObject({ desired: 0, inService: 0 });
  });

  test('the instances protect themselves while they hold messages: no message is processed twice', () => {
    const { sim, fleet, result } = protectedRun;
    expect(sim.autoscaling.activities().filter((a) => a.to < a.from && a.to > 0).length).toBeGreaterThan(0);
    expect(sim.trace.count('workers.protected')).toBeGreaterThan(0);
    expect(fleet.totals).toMatchObject({ processed: 30 * 100 + 1500, interrupted: 0, processedAgain: 0 });
    expect(result.totals.movedToDeadLetterQueue).toBe(0);
  });

  test('the same run without protection stops instances in the middle of messages, which are processed again', () => {
    const { fleet } = play(false);
    expect(fleet.totals.interrupted).toBeGreaterThan(0);
    expect(fleet.totals.processed).toBe(30 * 100 + 1500);
  });
});
