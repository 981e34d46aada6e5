import { App, Duration, Stack } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import { ThumbnailsStack } from '../examples/queue-depth-scaling/thumbnails-stack';
import { Simulation } from '../lib/simulator';
import { burstArrivals, diurnalArrivals, ArrivalProfile } from '../lib/simulator/workload/arrivals';

function policy(stack: ThumbnailsStack): appscaling.CfnScalingPolicy {
  return stack.node.findAll().find((c) => c instanceof appscaling.CfnScalingPolicy && c.node.path.endsWith('BacklogPerWorker')) as appscaling.CfnScalingPolicy;
}
const variants: Record<string, (s: ThumbnailsStack) => void> = {
  asIs: () => {},
  demand: (s) => {
    const p = policy(s);
    const c = p.targetTrackingScalingPolicyConfiguration as any;
    const metrics = Stack.of(s).resolve(c.customizedMetricSpecification.metrics) as any[];
    const sent = JSON.parse(JSON.stringify(metrics[0]));
    sent.id = 'sent'; sent.metricStat.metric.metricName = 'NumberOfMessagesSent';
    const w = 'IF(FILL(workers, 0) < 1, 1, FILL(workers, 0))';
    const b = `(FILL(visible, 0) + FILL(inflight, 0)) / ${w}`;
    const f = `CEIL(FILL(sent, 0) * 4 / 60) * 30 / ${w}`;
    metrics[metrics.length - 1].expression = `IF(${b} > ${f}, ${b}, ${f})`;
    p.targetTrackingScalingPolicyConfiguration = { ...c, customizedMetricSpecification: { metrics: [sent, ...metrics] } };
  },
  floor: (s) => {
    const p = policy(s);
    const c = p.targetTrackingScalingPolicyConfiguration as any;
    const metrics = Stack.of(s).resolve(c.customizedMetricSpecification.metrics) as any[];
    const sent = JSON.parse(JSON.stringify(metrics[0]));
    sent.id = 'sent'; sent.metricStat.metric.metricName = 'NumberOfMessagesSent';
    const w = 'IF(FILL(workers, 0) < 1, 1, FILL(workers, 0))';
    const b = `(FILL(visible, 0) + FILL(inflight, 0)) / ${w}`;
    const f = `IF(FILL(sent, 0) > 0, 30 / ${w}, 0)`;
    metrics[metrics.length - 1].expression = `IF(${b} > ${f}, ${b}, ${f})`;
    p.targetTrackingScalingPolicyConfiguration = { ...c, customizedMetricSpecification: { metrics: [sent, ...metrics] } };
  },
};
const profiles: ArrivalProfile[] = [
  burstArrivals({ baselinePerMinute: 30, messages: 1500, at: Duration.minutes(60), burstLength: Duration.minutes(5), duration: Duration.hours(3) }),
  diurnalArrivals({ minPerMinute: 5, peakPerMinute: 200 }),
];
for (const [name, mutate] of Object.entries(variants)) {
  for (const profile of profiles) {
    if (process.argv[2] && !profile.name.startsWith(process.argv[2])) continue;
    const app = new App();
    const stack = new ThumbnailsStack(app, 'T');
    mutate(stack);
    const sim = Simulation.fromStack(stack, { trace: 'summary' });
    sim.workload.workers(stack.service, { processingTime: { exponential: Duration.seconds(4) }, scaleInProtection: { renewAfter: Duration.minutes(30) } });
    const rec = sim.workload.record({ workers: stack.service });
    sim.workload.play(stack.queue, profile);
    sim.runUntilIdle();
    const t = rec.result().totals;
    const r = rec.result(); const night = r.series.filter((p) => p.time < 6 * 3600000 && p.ageOfOldestMessage > 120).length;
    console.log('night>120', night, name.padEnd(10), profile.name.padEnd(40), 'max', t.maxAgeOfOldestMessage, 'p95', t.p95AgeOfOldestMessage, 'hours', t.workerHours.toFixed(1), 'int', t.interrupted, 'again', t.processedAgain, 'acts', rec.result().activities.length);
  }
}
