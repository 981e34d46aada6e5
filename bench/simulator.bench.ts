/**
 * Simulator throughput: messages published to a 10-subscriber fan-out with filter policies, delivered to the
 * queues, received and deleted. Reports deliveries per second of real time and peak memory, then shows that a
 * long virtual time with few events costs nothing.
 *
 *   npx ts-node --transpile-only bench/simulator.bench.ts [messages]      (add node --expose-gc for steadier memory)
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulation } from '../lib/simulator';

const MESSAGES = Number(process.argv[2] ?? 1_000_000);
const BATCH = 1_000;
const EVENT_TYPES = ['order_placed', 'order_paid', 'order_shipped', 'order_cancelled', 'order_returned'];

const app = new App();
const stack = new Stack(app, 'Bench');
const topic = new sns.Topic(stack, 'Topic');
const queues: sqs.Queue[] = [];
for (let i = 0; i < 10; i++) {
  const q = new sqs.Queue(stack, `Q${i}`);
  queues.push(q);
  // Half filter on an attribute, half on a numeric range; every other subscription is raw.
  const filterPolicy: Record<string, sns.SubscriptionFilter> = i % 2 === 0
    ? { eventType: sns.SubscriptionFilter.stringFilter({ allowlist: [EVENT_TYPES[i % 5], EVENT_TYPES[(i + 1) % 5]] }) }
    : { total: sns.SubscriptionFilter.numericFilter({ greaterThan: i * 10 }) };
  topic.addSubscription(new subs.SqsSubscription(q, { filterPolicy, rawMessageDelivery: i % 4 < 2 }));
}

const sim = Simulation.fromStack(stack, { trace: 'summary' });
const topicModel = sim.topic(topic);
const queueModels = queues.map((q) => sim.queue(q));
const attributes = EVENT_TYPES.map((eventType, i) => ({ eventType: { Type: 'String' as const, Value: eventType }, total: { Type: 'Number' as const, Value: String(i * 25) } }));

let peakRss = 0;
let peakHeap = 0;
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const start = process.hrtime.bigint();
let deliveries = 0;
for (let sent = 0; sent < MESSAGES; sent += BATCH) {
  for (let i = 0; i < BATCH; i++) topicModel.publish({ message: '{"orderId":"o-1","total":42}', attributes: attributes[(sent + i) % 5] });
  for (const q of queueModels) {
    for (;;) {
      const got = q.receive({ maxMessages: 10 });
      if (got.length === 0) break;
      for (const m of got) q.delete(m.receiptHandle);
      deliveries += got.length;
    }
  }
  if ((sent / BATCH) % 50 === 0) {
    const mem = process.memoryUsage();
    peakRss = Math.max(peakRss, mem.rss);
    peakHeap = Math.max(peakHeap, mem.heapUsed);
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
console.log(`${MESSAGES.toLocaleString('en-US')} messages, ${deliveries.toLocaleString('en-US')} deliveries received and deleted in ${seconds.toFixed(2)} s`);
console.log(`  ${Math.round(deliveries / seconds).toLocaleString('en-US')} deliveries/s; ${Math.round(MESSAGES / seconds).toLocaleString('en-US')} publishes/s`);
console.log(`  peak heap ${mb(peakHeap)}, peak RSS ${mb(peakRss)}; trace ${JSON.stringify(sim.trace.summary())}`);

// Twelve hours of visibility timeout: the cost is the events, not the virtual time.
const idle = Simulation.fromStack(stack, { trace: 'summary' });
idle.send(queues[0], { body: 'slow' });
const [m] = idle.receive(queues[0], { visibilityTimeout: Duration.hours(12) });
const t0 = process.hrtime.bigint();
idle.advance(Duration.hours(12));
const idleMs = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(`12 h of virtual visibility timeout: ${idleMs.toFixed(3)} ms of real time; message visible again: ${idle.queue(queues[0]).visible.length === 1} (receipt ${m.receiptHandle !== undefined})`);
