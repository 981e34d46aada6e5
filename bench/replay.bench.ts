/**
 * Replay speed: the recorded day of test/fixtures/replay/recorded-day.csv (235,631 arrivals over 1,440 minutes,
 * 2,076 in the busiest) played through the QueueConsumer example on the simulator, each record taking 300 ms
 * after 100 ms per invocation; or, with `scaling`, through the QueueDepthScaling example (the thumbnails ECS
 * workers), each message taking 4 s. Reports the real time the play took (the synth before it not counted),
 * arrivals per second of real time, and peak memory.
 *
 *   CDK_VALIDATION=false npx ts-node --transpile-only bench/replay.bench.ts [hours] [consumer|scaling]
 */
import * as path from 'path';
import { App, Duration } from 'aws-cdk-lib';
import { ThumbnailsStack } from '../examples/queue-depth-scaling/thumbnails-stack';
import { PaymentsConsumerStack } from '../examples/queue-consumer/payments-stack';
import { ReplayConsumer, fleetConsumer, lambdaConsumer, playArrivals, readTrafficCsv } from '../lib/replay';
import { Simulation } from '../lib/simulator';

const HOURS = Number(process.argv[2] ?? 24);
const EXAMPLE = process.argv[3] ?? 'consumer';
const FIXTURE = path.join(__dirname, '..', 'test', 'fixtures', 'replay', 'recorded-day.csv');
const DAY_START = Date.parse('2026-11-18T00:00:00Z');

async function main(): Promise<void> {
  const traffic = readTrafficCsv(FIXTURE, { queueName: 'orders', to: new Date(DAY_START + HOURS * 3_600_000) });
  if (EXAMPLE !== 'consumer' && EXAMPLE !== 'scaling') throw new Error(`the example is consumer or scaling (got ${EXAMPLE})`);
  const scaling = EXAMPLE === 'scaling';
  const stack = scaling ? new ThumbnailsStack(new App(), 'Thumbnails') : new PaymentsConsumerStack(new App(), 'Payments');
  const consumer: ReplayConsumer = scaling
    ? fleetConsumer({ timePerMessage: Duration.seconds(4) })
    : lambdaConsumer({ timePerInvocation: Duration.millis(100), timePerMessage: Duration.millis(300) });
  Simulation.fromStack(stack); // synthesizes once; the play below reuses the synthesized stack
  let peakRss = 0;
  const start = process.hrtime.bigint();
  const run = await playArrivals({
    arrivals: traffic.arrivals,
    simulate: (o) => Simulation.fromStack(stack, o),
    consumer,
    progressEvery: 60,
    onProgress: () => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const messages = run.summary.messages;
  console.log(`${messages.toLocaleString('en-US')} arrivals over ${traffic.arrivals.perMinute.length.toLocaleString('en-US')} minutes played through ${run.heading} in ${seconds.toFixed(1)} s`
    + ` (${Math.round(messages / seconds).toLocaleString('en-US')} arrivals/s), peak RSS ${Math.round(peakRss / 1_048_576)} MiB`);
}

void main();
