import { App, Duration } from 'aws-cdk-lib';
import { Simulation, TargetTrackingPolicy, burstArrivals, constantArrivals } from '../../lib/simulator';
import { ThumbnailsStack } from './thumbnails-stack';

/**
 * Scenarios of the thumbnails QueueDepthScaling (30 messages per task: 2 minutes at 4 s a message; 0 to 20 tasks;
 * cooldowns of 64 s; visibility timeout 60 s) on the simulator: the template's own policies and alarms, tasks
 * that start in a minute and run the pattern's worker loop (docs/patterns/queue-depth-scaling.md).
 */

// Synthesized once for the file; each test builds a fresh simulation from it.
const stack = new ThumbnailsStack(new App(), 'ThumbnailsScenarios');
const MINUTE = 60_000;
const PROCESSING = Duration.seconds(4);

function thumbnails(trace: 'full' | 'summary' = 'summary'): Simulation {
  return Simulation.fromStack(stack, { seed: 11, trace });
}

const minutes = (ms: number) => Math.round((ms / MINUTE) * 100) / 100;
const activities = (sim: Simulation) => sim.autoscaling.activities().map((a) => [minutes(a.time), a.from, a.to, a.policy.replace(/^ThumbnailsScenariosWorkers|[0-9A-F]{8}$/g, '')]);

describe('the thumbnails workers on the simulator', () => {
  test('has no findings', () => {
    expect(thumbnails().findings()).toEqual([]);
  });

  test('scales to zero once the queue has been empty for 15 minutes, and from zero within three minutes of a message', () => {
    // GIVEN the deployed service's one task, idle
    const sim = thumbnails();
    sim.workload.workers(stack.service, { processingTime: PROCESSING });
    sim.advance(Duration.minutes(17));
    // WHEN one image is uploaded at 17:00:01
    sim.advance(Duration.seconds(1));
    const { messageId } = sim.send(stack.queue, { body: 'image-1.png' });
    sim.advance(Duration.minutes(5));
    // THEN the backlog policy scaled 1 → 0 at 15:00 (its low alarm: 15 datapoints below 27), and the scale-from-zero
    // step added a task at 19:00 (the message is in the datapoint sampled at 18:00), in service at 20:00
    expect(activities(sim)).toEqual([[15, 1, 0, 'BacklogPerWorker'], [19, 0, 1, 'ScaleFromZero']]);
    const fleet = sim.ecs.service(stack.service).fleet;
    expect(fleet.totals.processed).toBe(1);
    expect(sim.queue(stack.queue).counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect(messageId).toBeDefined();
  });

  test('scales out under a burst to backlog ÷ 30 tasks, capped at 20, drains it, then scales back in', () => {
    // GIVEN 60 uploads a minute (one task's worth), and 1,500 more over two minutes from 20:00
    const sim = thumbnails();
    sim.workload.workers(stack.service, { processingTime: PROCESSING });
    const run = sim.workload.record({ workers: stack.service });
    sim.workload.play(stack.queue, burstArrivals({ baselinePerMinute: 15, messages: 1500, at: Duration.minutes(20), burstLength: Duration.minutes(2), duration: Duration.minutes(60) }));
    // WHEN the hour plays out
    sim.advance(Duration.minutes(75));
    const result = run.result();
    // THEN within 5 minutes of the burst the tasks were told to go to 20 (backlog ~1,500 ÷ 30 = 50, capped)
    const out = sim.autoscaling.activities().find((a) => a.time >= 20 * MINUTE && a.to === 20)!;
    expect(minutes(out.time)).toBeLessThanOrEqual(25);
    // AND every message was processed once, none lost; the burst took the oldest message past the acceptable latency
    expect(result.totals).toMatchObject({ sent: 15 * 60 + 1500, processed: 15 * 60 + 1500, interrupted: 0, processedAgain: 0, movedToDeadLetterQueue: 0 });
    expect(result.totals.maxAgeOfOldestMessage).toBeGreaterThan(120);
    expect(sim.cloudwatch.alarm(stack.scaling.alarms!.oldestMessageAge).history.map((h) => h.to)).toContain('ALARM');
    // AND the backlog cleared within 15 minutes, before the at-maximum alarm (15 datapoints) could fire
    expect(result.series.find((p) => p.time > 25 * MINUTE && p.visible === 0)!.time).toBeLessThan(35 * MINUTE);
    expect(sim.cloudwatch.alarm(stack.scaling.alarms!.atMaxCapacity).state).toBe('OK');
    // AND once the backlog stayed low, the policy scaled in
    expect(sim.autoscaling.activities().some((a) => a.time > out.time && a.to < 20)).toBe(true);
  });

  /** A steady stream with a burst, the workers protecting themselves or not; the trace is kept for every message. */
  function scaleIn(protection: boolean) {
    const sim = thumbnails('full');
    sim.workload.workers(stack.service, { processingTime: { exponential: PROCESSING }, scaleInProtection: protection });
    sim.workload.play(stack.queue, burstArrivals({ baselinePerMinute: 60, messages: 1000, at: Duration.minutes(5), duration: Duration.minutes(40) }));
    sim.advance(Duration.minutes(50));
    const starts = new Map<string, number>();
    for (const e of sim.events({ type: 'workers.processingStarted' })) starts.set(e.messageId!, (starts.get(e.messageId!) ?? 0) + 1);
    return { sim, starts, fleet: sim.ecs.service(stack.service).fleet };
  }

  test('scales in while tasks hold messages, and no message is processed twice: busy tasks are protected', () => {
    const { sim, starts, fleet } = scaleIn(true);
    // THEN the fleet was scaled in below the tasks still busy on the stream…
    const scaleIns = sim.autoscaling.activities().filter((a) => a.to < a.from && a.time > 10 * MINUTE);
    expect(scaleIns.length).toBeGreaterThan(0);
    expect(sim.events({ type: 'workers.protected' }).length).toBeGreaterThan(0);
    // …and every message was taken in hand exactly once, and processed
    expect([...starts.values()].every((n) => n === 1)).toBe(true);
    expect(starts.size).toBe(60 * 40 + 1000);
    expect(fleet.totals).toMatchObject({ processed: 60 * 40 + 1000, interrupted: 0, processedAgain: 0 });
  });

  test('the same scale-in without protection stops tasks in the middle of messages, which are processed again', () => {
    const { starts, fleet } = scaleIn(false);
    expect(fleet.totals.interrupted).toBeGreaterThan(0);
    expect([...starts.values()].filter((n) => n > 1).length).toBe(fleet.totals.interrupted);
  });

  test('fires the at-maximum-capacity alarm when 20 tasks cannot keep the latency, and notifies the alarm topic', () => {
    // GIVEN 400 uploads a minute: more than 20 tasks process (20 x 15 = 300 a minute)
    const sim = thumbnails('full');
    sim.workload.workers(stack.service, { processingTime: PROCESSING });
    sim.workload.play(stack.queue, constantArrivals(400, Duration.minutes(30)));
    // WHEN half an hour plays
    sim.advance(Duration.minutes(30));
    // THEN the tasks reached the maximum within minutes, and 15 minutes later the alarm went to ALARM
    const atMax = sim.autoscaling.activities().find((a) => a.to === 20)!;
    const alarm = sim.cloudwatch.alarm(stack.scaling.alarms!.atMaxCapacity);
    const fired = alarm.history.find((h) => h.to === 'ALARM')!;
    expect(minutes(atMax.time)).toBeLessThanOrEqual(5);
    expect(fired.time - atMax.time).toBeGreaterThanOrEqual(15 * MINUTE);
    expect(fired.time - atMax.time).toBeLessThanOrEqual(18 * MINUTE);
    expect(fired.reason).toMatch(/^Threshold Crossed: 15 out of the last 15 datapoints .* were greater than the threshold \(30\)$/);
    // AND its notification was published to the pattern's alarm topic
    const [published] = sim.events({ type: 'cloudwatch.actionInvoked', resource: stack.scaling.alarms!.atMaxCapacity });
    expect(published.detail).toMatchObject({ state: 'ALARM', target: sim.topic(stack.scaling.alarmTopic!).arn });
    // AND target tracking's own alarms are the believed shapes (AWS-FACTS §11)
    const policy = sim.autoscaling.policy(stack.scaling.backlogPolicy) as TargetTrackingPolicy;
    expect([policy.high!.settings.evaluationPeriods, policy.low!.settings.threshold]).toEqual([3, 27]);
  });
});
