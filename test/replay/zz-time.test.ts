import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { PaymentsConsumerStack } from '../../examples/queue-consumer/payments-stack';
import { readTrafficCsv } from '../../lib/replay';
import { playArrivals } from '../../lib/replay/play';
import { lambdaConsumer } from '../../lib/replay/lambda-consumer';
import { Simulation } from '../../lib/simulator';
test('time', async () => {
  const stack = new PaymentsConsumerStack(new App(), 'P');
  const hours = Number(process.env.HOURS ?? 2);
  const t = readTrafficCsv(path.join('/work/wt/replay/test/fixtures/replay/recorded-day.csv'), { queueName: 'orders', to: new Date(Date.parse('2026-11-18T00:00:00Z') + hours * 3600000) });
  const t0 = Date.now();
  const run = await playArrivals({ arrivals: t.arrivals, simulate: (o) => Simulation.fromStack(stack, o), consumer: lambdaConsumer({ timePerMessage: require('aws-cdk-lib').Duration.millis(100) }) });
  console.log(Date.now() - t0, 'ms', JSON.stringify(run.summary), run.heading, run.leftInQueue);
}, 600000);
