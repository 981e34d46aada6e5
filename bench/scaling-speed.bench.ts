/**
 * Simulator speed with scaling (issue 11): a day of one-minute metrics, up to 50 workers and about a million
 * messages through QueueDepthScaling on ECS: the arrivals played on the clock, the workers' loop for every
 * message, CloudWatch sampling every metric each minute and evaluating the alarms (the pattern's and target
 * tracking's), Auto Scaling acting on them. Target: under 5 s on one core.
 *
 *   taskset -c 1 node --expose-gc -r ts-node/register/transpile-only bench/scaling-speed.bench.ts [runs]
 *
 * Prints, per run, the simulation's CPU time and wall time (synthesis excluded) and the heap retained before it,
 * and the best and the median.
 */
import { App, Duration } from 'aws-cdk-lib';
import { Simulation, diurnalArrivals, totalArrivals } from '../lib/simulator';
import { queueDepthScaling } from './scaling-stacks';

process.env.CDK_VALIDATION = 'false';

const RUNS = Number(process.argv[2] ?? 3);
// A day averaging ~694 messages a minute (1 M), 4 s each: ~46 busy workers on average, 60 at the peak.
const DAY = diurnalArrivals({ minPerMinute: 200, peakPerMinute: 1189 });
const subject = queueDepthScaling(new App(), { maxCapacity: 50, processingTime: Duration.seconds(4), acceptableLatency: Duration.minutes(2) });

function once(): { cpuMs: number; wallMs: number; processed: number; maxWorkers: number; minutes: number } {
  const sim = Simulation.fromStack(subject.stack, { seed: 1, trace: 'summary' });
  sim.workload.workers(subject.service, { queue: subject.queue, processingTime: { exponential: Duration.seconds(4) } });
  const recorder = sim.workload.record({ workers: subject.service, queue: subject.queue });
  sim.workload.play(subject.queue, DAY);
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  sim.runUntilIdle();
  const wallMs = Number(process.hrtime.bigint() - wall) / 1e6;
  const used = process.cpuUsage(cpu);
  const t = recorder.result().totals;
  return { cpuMs: (used.user + used.system) / 1000, wallMs, processed: t.processed, maxWorkers: t.maxInService, minutes: t.minutes };
}

const gc = (globalThis as { gc?: () => void }).gc;
const retainedMb = () => (gc ? (gc(), (process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)) : '?');
const results = Array.from({ length: RUNS }, () => {
  const before = retainedMb();
  const r = once();
  console.log(`run: ${r.cpuMs.toFixed(0)} ms CPU, ${r.wallMs.toFixed(0)} ms wall; ${r.processed.toLocaleString('en-US')} messages processed, at most ${r.maxWorkers} workers, ${r.minutes} minutes sampled; heap after GC ${before} MB before the run`);
  return r;
});
const cpu = results.map((r) => r.cpuMs).sort((a, b) => a - b);
console.log(`${totalArrivals(DAY).toLocaleString('en-US')} messages over a day: best ${cpu[0].toFixed(0)} ms CPU, median ${cpu[Math.floor(cpu.length / 2)].toFixed(0)} ms CPU (target 5,000 ms)`);
console.log(`peak heap ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB, RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
