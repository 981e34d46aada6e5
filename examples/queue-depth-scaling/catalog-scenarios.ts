import { Duration } from 'aws-cdk-lib';
import { CatalogScenario } from '../../lib/catalog';
import { Simulation, burstArrivals, plotRun } from '../../lib/simulator';
import { ThumbnailsStack } from './thumbnails-stack';

// How the thumbnails workers scale, played when the catalog is built (docs/catalog.md, "Scenarios"). The tasks run
// the pattern's worker loop: 4 s an image, in service a minute after launch (docs/simulator-scaling.md).

const MINUTE = 60_000;
const PROCESSING = Duration.seconds(4);
const BURST = { at: 20, messages: 1_500, minutes: 2 };

const minute = (ms: number) => Math.round((ms / MINUTE) * 10) / 10;

/** A fresh simulation of the stack whose tasks render in 4 s (exponentially distributed when `varied`). */
function thumbnails(stack: ThumbnailsStack, options: { readonly varied: boolean; readonly scaleInProtection?: boolean }): Simulation {
  const sim = Simulation.fromStack(stack, { seed: 11, trace: 'summary' });
  sim.workload.workers(stack.service, { processingTime: options.varied ? { exponential: PROCESSING } : PROCESSING, scaleInProtection: options.scaleInProtection });
  return sim;
}

/** The scaling policies by the construct id the pattern gives them, instead of their generated names. */
function policyNames(sim: Simulation, stack: ThumbnailsStack): (name: string) => string {
  const names = new Map<string, string>([[sim.autoscaling.policy(stack.scaling.backlogPolicy).name, 'BacklogPerWorker']]);
  if (stack.scaling.scaleFromZeroPolicy) names.set(sim.autoscaling.policy(stack.scaling.scaleFromZeroPolicy).name, 'ScaleFromZero');
  return (name) => names.get(name) ?? name;
}

const burst: CatalogScenario<ThumbnailsStack> = {
  stack: ThumbnailsStack,
  name: 'A burst of 1,500 uploads, from zero tasks and back',
  shows: 'Nothing is uploaded for 20 minutes, so the deployed task is scaled in to zero; then 1,500 images arrive in 2 minutes. The scale-from-zero step wakes one task, the backlog-per-worker policy takes the tasks to backlog ÷ 30, capped at 20, the backlog drains, and the tasks go back to zero once 15 one-minute datapoints have stayed below 90 % of the target (27 a task).',
  async run(stack) {
    const sim = thumbnails(stack, { varied: false });
    const recorder = sim.workload.record({ workers: stack.service });
    sim.workload.play(stack.queue, burstArrivals({ messages: BURST.messages, at: Duration.minutes(BURST.at), burstLength: Duration.minutes(BURST.minutes), duration: Duration.minutes(BURST.at + BURST.minutes) }));
    await sim.advance(Duration.minutes(70));
    const result = recorder.result();
    const policy = policyNames(sim, stack);
    const activities = sim.autoscaling.activities();
    const wake = activities.find((a) => a.from === 0 && a.time >= BURST.at * MINUTE);
    const backToZero = activities.filter((a) => a.to === 0 && a.time > BURST.at * MINUTE).pop();
    const drained = result.series.find((p) => p.time > BURST.at * MINUTE && p.visible === 0 && p.inFlight === 0);
    const { totals } = result;
    return {
      outcomes: [
        `The first uploads woke a task at minute ${wake ? minute(wake.time) : '—'}; at most ${totals.maxInService} tasks rendered at once; the backlog was gone at minute ${drained ? minute(drained.time) : '—'}, and the tasks were back to zero at minute ${backToZero ? minute(backToZero.time) : '—'}.`,
        `${totals.sent} uploads, ${totals.processed} rendered, ${totals.interrupted} interrupted by a scale-in, ${totals.processedAgain} rendered twice, ${totals.movedToDeadLetterQueue} dead-lettered; the oldest upload waited at most ${totals.maxAgeOfOldestMessage} s (the acceptable latency is 120 s, which a burst of 1,500 into 20 tasks cannot keep); ${totals.workerHours.toFixed(2)} task-hours.`,
      ],
      tables: [{
        title: 'Scaling activities',
        columns: ['minute', 'policy', 'tasks'],
        rows: activities.map((a) => [minute(a.time), policy(a.policy), `${a.from} → ${a.to}`]),
      }],
      plots: [{ title: 'Queue, oldest upload and tasks, minute by minute', svg: await plotRun(result, { acceptableLatency: Duration.minutes(2), title: 'A burst of 1,500 uploads, from zero tasks and back' }) }],
    };
  },
};

/** A steady stream with a burst, played with the workers protecting themselves from scale-in or not. */
async function streamWithBurst(stack: ThumbnailsStack, scaleInProtection: boolean) {
  const sim = thumbnails(stack, { varied: true, scaleInProtection });
  sim.workload.play(stack.queue, burstArrivals({ baselinePerMinute: 60, messages: 1_000, at: Duration.minutes(5), duration: Duration.minutes(40) }));
  await sim.advance(Duration.minutes(50));
  const scaleIns = sim.autoscaling.activities().filter((a) => a.to < a.from).length;
  return { scaleIns, totals: sim.ecs.service(stack.service).fleet.totals };
}

const protection: CatalogScenario<ThumbnailsStack> = {
  stack: ThumbnailsStack,
  name: 'Scale-in while tasks render, with and without scale-in protection',
  shows: '60 uploads a minute for 40 minutes and a burst of 1,000 at minute 5: after the burst the policy scales in while tasks still hold images. With the pattern\'s worker loop each busy task has protected itself (ecs:UpdateTaskProtection), so only idle tasks stop; without it, a stopped task\'s image reappears after the visibility timeout and is rendered again.',
  async run(stack) {
    const runs = [{ label: 'protected (the pattern\'s worker loop)', ...await streamWithBurst(stack, true) }, { label: 'not protected', ...await streamWithBurst(stack, false) }];
    return {
      outcomes: runs.map((r) => `${r.label}: ${r.scaleIns} scale-ins, ${r.totals.processed} images rendered, ${r.totals.interrupted} interrupted by a scale-in and rendered again.`),
      tables: [{
        title: 'The same 3,400 uploads, with and without protection',
        columns: ['workers', 'scale-ins', 'rendered', 'interrupted by a scale-in, rendered again'],
        rows: runs.map((r) => [r.label, r.scaleIns, r.totals.processed, r.totals.interrupted]),
      }],
    };
  },
};

export const CATALOG_SCENARIOS = [burst, protection];
