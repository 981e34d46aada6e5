/**
 * Side by side (issue 11): the same arrival profiles through (a) QueueDepthScaling, (b) aws-ecs-patterns'
 * QueueProcessingFargateService with its default scaling, (c) CPU target tracking at 50 %, on the simulator: the
 * templates' own policies and alarms, Fargate tasks that start in 60 s and take 4 s a message on average
 * (exponential), the pattern's worker loop (protected from scale-in while it holds messages only in (a): the other
 * two give their workers no protection grant).
 *
 *   npx ts-node --transpile-only bench/scaling-side-by-side.bench.ts [seeds] [--plots <dir>]
 *
 * For each subject and profile: the largest and the 95th percentile (over the minutes of the run) age of the
 * oldest message, messages lost (moved to the DLQ or expired) or processed twice (their worker stopped in the
 * middle of them, or processed after their visibility timeout), and task-hours. With several seeds, each figure
 * is the median over them, with the range beside the p95 age.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Duration } from 'aws-cdk-lib';
import { ArrivalProfile, RunResult, Simulation, burstArrivals, diurnalArrivals, plotRun } from '../lib/simulator';
import { ScalingSubject, SubjectOptions, cpuTargetTracking, queueDepthScaling, queueProcessingFargateService } from './scaling-stacks';

process.env.CDK_VALIDATION = 'false';

const SEEDS = Number(process.argv[2] ?? 3);
const plotsAt = process.argv.indexOf('--plots');
const PLOTS = plotsAt > 0 ? process.argv[plotsAt + 1] : undefined;
const OPTIONS: SubjectOptions = { maxCapacity: 20, processingTime: Duration.seconds(4), acceptableLatency: Duration.minutes(2) };

export const PROFILES: ArrivalProfile[] = [
  burstArrivals({ baselinePerMinute: 30, messages: 1500, at: Duration.minutes(60), burstLength: Duration.minutes(5), duration: Duration.hours(3) }),
  diurnalArrivals({ minPerMinute: 5, peakPerMinute: 200 }),
];

const SUBJECTS = [queueDepthScaling, queueProcessingFargateService, cpuTargetTracking];

function run(subject: ScalingSubject, profile: ArrivalProfile, seed: number): RunResult {
  const sim = Simulation.fromStack(subject.stack, { seed, trace: 'summary' });
  sim.workload.workers(subject.service, { queue: subject.queue, processingTime: { exponential: OPTIONS.processingTime }, scaleInProtection: subject.protection });
  const recorder = sim.workload.record({ workers: subject.service, queue: subject.queue, name: `${subject.description}: ${profile.name}` });
  sim.workload.play(subject.queue, profile);
  sim.runUntilIdle();
  return recorder.result();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const profile of PROFILES) {
    for (const make of SUBJECTS) {
      const subject = make(new App(), OPTIONS);
      const results = Array.from({ length: SEEDS }, (_, i) => run(subject, profile, i + 1));
      const t = results.map((r) => r.totals);
      const p95 = t.map((x) => x.p95AgeOfOldestMessage);
      const lost = t.map((x) => x.movedToDeadLetterQueue + x.expired);
      const twice = t.map((x) => x.interrupted + x.processedAgain);
      rows.push(`| ${profile.name} | ${subject.description} | ${median(t.map((x) => x.maxAgeOfOldestMessage))} s | ${median(p95)} s (${Math.min(...p95)}–${Math.max(...p95)}) | ${median(lost)} | ${median(twice)} | ${median(t.map((x) => x.workerHours)).toFixed(1)} |`);
      if (PLOTS) {
        fs.mkdirSync(PLOTS, { recursive: true });
        const file = path.join(PLOTS, `${subject.stack.stackName}-${profile.name.split(' ')[0]}.svg`);
        fs.writeFileSync(file, await plotRun(results[0], { acceptableLatency: OPTIONS.acceptableLatency }));
      }
      console.error(`done: ${profile.name} / ${subject.description}`);
    }
  }
  console.log(`${SEEDS} seed(s); acceptable latency ${OPTIONS.acceptableLatency.toSeconds()} s, 4 s a message (exponential), tasks in service 60 s after launch\n`);
  console.log('| profile | subject | max age of oldest | p95 age of oldest (range) | lost | processed twice | task-hours |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(r);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
