import { Annotations, App, Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { RunResult, Simulation, perMinuteCounts, plotRun } from '../../lib/simulator';
import { ThumbnailsStack } from './thumbnails-stack';

/**
 * A day of uploads through the thumbnails QueueDepthScaling (30 messages per task, 0 to 20 tasks, 2 minutes of
 * acceptable latency, 4 s a message on average): nothing at night, a rise from 06:00 to 150 a minute at 14:00,
 * a burst of 1,000 at 11:00, nothing again from 22:00. Then the same day with a CPU policy added to the service.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const LATENCY_S = 120;
const BURST = { at: 11 * 60, minutes: 5, messages: 1000 };

// A cosine peaking at 150 a minute at 14:00, below zero (no upload) from 22:00 to 06:00, plus the burst.
const rate = (m: number) => Math.max(0, Math.round(50 + 100 * Math.cos((2 * Math.PI * (m - 14 * 60)) / (24 * 60))));
const burst = (m: number) => (m >= BURST.at && m < BURST.at + BURST.minutes ? BURST.messages / BURST.minutes : 0);
const day = perMinuteCounts(Array.from({ length: 24 * 60 }, (_, m) => rate(m) + burst(m)), undefined, 'a day of uploads');

const WAKE_UP = day.perMinute.findIndex((n) => n > 0) * MINUTE;
const LAST_ARRIVAL = (day.perMinute.length - [...day.perMinute].reverse().findIndex((n) => n > 0)) * MINUTE;

// Synthesized once for the file: the example as it is, and the same stack with CPU target tracking at 50 % added.
const thumbnails = new ThumbnailsStack(new App(), 'ThumbnailsDay');
const withCpu = new ThumbnailsStack(new App(), 'ThumbnailsDayCpu');
(withCpu.service.node.findChild('TaskCount') as ecs.ScalableTaskCount).scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 50 });
Annotations.of(withCpu).acknowledgeWarning('decoupled:queue-depth-scaling/competing-policy', 'This stack shows the fight the warning is about.');

interface Day {
  readonly sim: Simulation;
  readonly result: RunResult;
  /** The scaling activities, named by the policy's construct id. */
  readonly activities: { readonly time: number; readonly from: number; readonly to: number; readonly policy: string }[];
}

function playDay(stack: ThumbnailsStack): Day {
  // README: simulate-a-day
  const sim = Simulation.fromStack(stack, { seed: 7, trace: 'summary' });
  // The tasks run the pattern's worker loop: 4 s a message on average, in service 60 s after launch.
  sim.workload.workers(stack.service, { processingTime: { exponential: Duration.seconds(4) } });
  const recorder = sim.workload.record({ workers: stack.service });
  sim.workload.play(stack.queue, day);
  sim.advance(Duration.hours(25));
  // README: end
  const names = new Map<string, string>([[sim.autoscaling.policy(stack.scaling.backlogPolicy).name, 'BacklogPerWorker'], [sim.autoscaling.policy(stack.scaling.scaleFromZeroPolicy!).name, 'ScaleFromZero']]);
  const activities = sim.autoscaling.activities().map((a) => ({ time: a.time, from: a.from, to: a.to, policy: names.get(a.policy) ?? 'another policy' }));
  return { sim, result: recorder.result(), activities };
}

const pattern = playDay(thumbnails);
const fought = playDay(withCpu);

describe('a day of uploads through the thumbnails workers', () => {
  test('sleeps at zero tasks through the night, wakes at the first upload, and goes back to zero after the last', () => {
    const { activities } = pattern;
    // THEN the one deployed task is scaled in to zero once 15 quiet minutes have passed
    expect(activities[0]).toEqual({ time: 15 * MINUTE, from: 1, to: 0, policy: 'BacklogPerWorker' });
    // AND the first upload (at 06:00) wakes one task within 3 minutes, by the scale-from-zero step
    const wake = activities.find((a) => a.from === 0 && a.time >= WAKE_UP)!;
    expect(wake).toMatchObject({ to: 1, policy: 'ScaleFromZero' });
    expect(wake.time - WAKE_UP).toBeLessThanOrEqual(3 * MINUTE);
    // AND nothing runs from 30 minutes after the last upload to the end of the day
    const last = activities[activities.length - 1];
    expect(last).toMatchObject({ to: 0, policy: 'BacklogPerWorker' });
    expect(last.time).toBeLessThanOrEqual(LAST_ARRIVAL + 30 * MINUTE);
    expect(pattern.result.series.filter((p) => p.time > last.time + MINUTE).every((p) => p.inService === 0)).toBe(true);
  });

  test('scales in during the day without stopping a busy task: every upload processed exactly once', () => {
    // THEN the policy scaled in, again and again, at minutes when tasks held uploads…
    const busyAt = (t: number) => pattern.result.series.find((p) => p.time >= t)!.busy;
    const scaleIns = pattern.activities.filter((a) => a.to < a.from && a.to > 0);
    expect(scaleIns.filter((a) => busyAt(a.time) > 0).length).toBeGreaterThanOrEqual(5);
    // …the busy tasks had protected themselves, so no task was stopped in the middle of an upload
    expect(pattern.sim.trace.count('workers.protected')).toBeGreaterThan(0);
    const sent = day.perMinute.reduce((a, b) => a + b, 0);
    expect(pattern.result.totals).toMatchObject({ sent, processed: sent, interrupted: 0, processedAgain: 0, movedToDeadLetterQueue: 0, expired: 0 });
  });

  test('keeps the oldest upload under 2 minutes, except while the first task starts and while the burst drains', () => {
    const { series, totals } = pattern.result;
    // The first upload waits for the alarm's minute and a task's start (60 s); the burst brings 1,000 uploads in
    // 5 minutes, more than 20 tasks render (300 a minute)
    const excused = (t: number) => (t >= WAKE_UP && t < WAKE_UP + 6 * MINUTE) || (t >= BURST.at * MINUTE && t < (BURST.at + 10) * MINUTE);
    const late = series.filter((p) => p.ageOfOldestMessage > LATENCY_S);
    expect(late.length).toBeGreaterThan(0);
    expect(late.filter((p) => !excused(p.time))).toEqual([]);
    expect(totals.p95AgeOfOldestMessage).toBeLessThanOrEqual(LATENCY_S);
  });

  test('only the pattern\'s two policies scale the tasks: no CPU policy fights the backlog', () => {
    expect(new Set(pattern.activities.map((a) => a.policy))).toEqual(new Set(['BacklogPerWorker', 'ScaleFromZero']));
  });

  test('with a CPU policy added, the CPU policy takes over: it scales both ways all day, and the tasks cost more', () => {
    const cpu = fought.activities.filter((a) => a.policy === 'another policy');
    // THEN most of the day's activities are the CPU policy's, in both directions…
    expect(cpu.length).toBeGreaterThan(fought.activities.length / 2);
    expect(cpu.some((a) => a.to > a.from) && cpu.some((a) => a.to < a.from)).toBe(true);
    // …its 50 % target holds twice the tasks the backlog needs while they render, so the day costs more task-hours
    expect(fought.result.totals.workerHours).toBeGreaterThan(pattern.result.totals.workerHours * 1.1);
    expect(fought.result.totals.processed).toBe(pattern.result.totals.processed);
  });

  test('draws the day: the age of the oldest upload against the 2 minutes, and the tasks with each scaling activity', async () => {
    const { result } = pattern;
    // README: plot-a-run
    const svg = await plotRun(result, { acceptableLatency: Duration.minutes(2), title: 'A day of uploads' });
    // README: end
    expect(svg).toContain('A day of uploads');
    expect(svg).toMatch(/<line aria-label="value: 120" role="graphics-symbol" aria-roledescription="rule mark"/);
    expect(svg.match(/aria-roledescription="point"/g)).toHaveLength(result.activities.length);
  });

  test('the day is as described: uploads from 06:00 to 22:00, about 90,000 of them', () => {
    expect([Math.round(WAKE_UP / HOUR), Math.round(LAST_ARRIVAL / HOUR)]).toEqual([6, 22]);
    expect(pattern.result.totals.sent).toBe(88_700);
  });
});
