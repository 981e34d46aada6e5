import * as path from 'path';
import { App, Duration } from 'aws-cdk-lib';
import { compareTraffic, fleetConsumer, playArrivals, readTrafficCsv, renderComparison, summarizeTraffic } from '../../lib/replay';
import { Simulation } from '../../lib/simulator';
import { ThumbnailsStack } from './thumbnails-stack';

const FIXTURE = path.join(__dirname, '..', '..', 'test', 'fixtures', 'replay', 'recorded-day.csv');
const production = readTrafficCsv(FIXTURE, { queueName: 'orders' });
const stack = new ThumbnailsStack(new App(), 'Thumbnails');

test('experiment', async () => {
  for (const t of [Number(process.env.T ?? 2000)]) {
    const t0 = Date.now();
    const run = await playArrivals({ arrivals: production.arrivals, simulate: (o) => Simulation.fromStack(stack, o), consumer: fleetConsumer({ timePerMessage: Duration.millis(t) }) });
    console.log(t, Date.now() - t0, run.leftInQueue, renderComparison(compareTraffic(summarizeTraffic(production), [run])));
    console.log(run.capacityPerMinute.filter((_, i) => i % 30 === 0).join(','));
    console.log(run.ageOfOldest.values.filter((_, i) => i % 30 === 0).join(','));
  }
}, 300_000);
