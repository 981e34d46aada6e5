/**
 * Simulator throughput (issue 5): messages published to a topic with 10 SQS subscriptions that filter, delivered
 * to the queues, received and deleted. Reports deliveries and publishes per second of real time and memory, shows
 * that memory follows the messages in queues (not the messages ever sent), and that a long virtual time with few
 * events costs nothing.
 *
 * Two figures of throughput: "bodies not read" (the consumer deletes what it receives without reading `body`, so a
 * deferred SNS envelope is never written out) and "bodies read" (issue 10: a topic with 5 enveloped subscriptions
 * that filter, every delivery received, its body read as a string whose characters are looked at, and deleted:
 * what a test that asserts on messages pays).
 *
 *   node --expose-gc -r ts-node/register/transpile-only bench/simulator.bench.ts [messages] [runs]
 *
 * The machine is shared, so each figure is the best of `runs` (default 3) and the median is printed beside it.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Simulation } from '../lib/simulator';
import { SqsQueue } from '../lib/simulator/services/sqs/queue';

const MESSAGES = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 3);
const BATCH = 1_000;
const EVENT_TYPES = ['order_placed', 'order_paid', 'order_shipped', 'order_cancelled', 'order_returned'];
const BODY = '{"orderId":"o-1","total":42}';
const RECEIVE = { maxMessages: 10 };
// Rounds are this far apart in virtual time, so messages differ in enqueue, visibility and expiry times.
const ROUND = Duration.millis(10);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.log('(run node with --expose-gc for the retained-memory figures)');
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const retainedHeap = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

const app = new App();
const stack = new Stack(app, 'Bench');
const topic = new sns.Topic(stack, 'Topic');
const queues: sqs.Queue[] = [];
for (let i = 0; i < 10; i++) {
  const q = new sqs.Queue(stack, `Q${i}`);
  queues.push(q);
  // Half filter on an attribute, half on a numeric range; half the subscriptions are raw, half get the SNS envelope.
  const filterPolicy: Record<string, sns.SubscriptionFilter> = i % 2 === 0
    ? { eventType: sns.SubscriptionFilter.stringFilter({ allowlist: [EVENT_TYPES[i % 5], EVENT_TYPES[(i + 1) % 5]] }) }
    : { total: sns.SubscriptionFilter.numericFilter({ greaterThan: i * 10 }) };
  topic.addSubscription(new subs.SqsSubscription(q, { filterPolicy, rawMessageDelivery: i % 4 < 2 }));
}
// Bodies read: 5 subscriptions with the SNS envelope (raw delivery off, the default), each allowing 3 of the 5
// event types, so a publish reaches 3 of them.
const envelopeTopic = new sns.Topic(stack, 'EnvelopeTopic');
const envelopeQueues: sqs.Queue[] = [];
for (let i = 0; i < 5; i++) {
  const q = new sqs.Queue(stack, `E${i}`);
  envelopeQueues.push(q);
  const allowlist = [EVENT_TYPES[i], EVENT_TYPES[(i + 1) % 5], EVENT_TYPES[(i + 2) % 5]];
  envelopeTopic.addSubscription(new subs.SqsSubscription(q, { filterPolicy: { eventType: sns.SubscriptionFilter.stringFilter({ allowlist }) } }));
}
const attributes = EVENT_TYPES.map((eventType, i) => ({ eventType: { Type: 'String' as const, Value: eventType }, total: { Type: 'Number' as const, Value: String(i * 25) } }));

interface Run { seconds: number; deliveries: number; peakHeap: number; peakRss: number; retained: number[] }

/** One run on the models (what the simulator costs): rounds of BATCH publishes, then every queue drained. */
function runModels(messages: number): Run {
  const sim = Simulation.fromStack(stack, { trace: 'summary' });
  const topicModel = sim.topic(topic);
  const queueModels = queues.map((q) => sim.queue(q));
  const run: Run = { seconds: 0, deliveries: 0, peakHeap: 0, peakRss: 0, retained: [] };
  const checkpoints = new Set([0.1, 0.5, 1].map((f) => Math.floor((messages * f) / BATCH) * BATCH));
  let elapsed = 0n;
  let start = process.hrtime.bigint();
  for (let sent = 0; sent < messages;) {
    for (let i = 0; i < BATCH; i++) topicModel.publish({ message: BODY, attributes: attributes[(sent + i) % 5] });
    run.deliveries += drain(queueModels);
    sim.advance(ROUND);
    sent += BATCH;
    if ((sent / BATCH) % 50 === 0) {
      const mem = process.memoryUsage();
      run.peakRss = Math.max(run.peakRss, mem.rss);
      run.peakHeap = Math.max(run.peakHeap, mem.heapUsed);
    }
    if (checkpoints.has(sent)) {
      // Forced collections are not the simulator's time: the clock stops around them.
      elapsed += process.hrtime.bigint() - start;
      run.retained.push(retainedHeap());
      start = process.hrtime.bigint();
    }
  }
  elapsed += process.hrtime.bigint() - start;
  run.seconds = Number(elapsed) / 1e9;
  if (sim.trace.count('sqs.deleted') !== run.deliveries) throw new Error('not every delivery was received and deleted');
  return run;
}

function drain(queueModels: SqsQueue[]): number {
  let deliveries = 0;
  for (const q of queueModels) {
    for (;;) {
      const got = q.receive(RECEIVE);
      if (got.length === 0) break;
      for (const m of got) q.delete(m.receiptHandle);
      deliveries += got.length;
    }
  }
  return deliveries;
}

/** Bodies read: the envelope topic's deliveries received, each body read (every character reachable), and deleted. */
function runBodiesRead(messages: number): Run {
  const sim = Simulation.fromStack(stack, { trace: 'summary' });
  const topicModel = sim.topic(envelopeTopic);
  const queueModels = envelopeQueues.map((q) => sim.queue(q));
  const run: Run = { seconds: 0, deliveries: 0, peakHeap: 0, peakRss: 0, retained: [] };
  let checksum = 0;
  const start = process.hrtime.bigint();
  for (let sent = 0; sent < messages; sent += BATCH) {
    for (let i = 0; i < BATCH; i++) topicModel.publish({ message: BODY, attributes: attributes[(sent + i) % 5] });
    for (const q of queueModels) {
      for (;;) {
        const got = q.receive(RECEIVE);
        if (got.length === 0) break;
        for (const m of got) {
          const body = m.body;
          // charCodeAt flattens a concatenated string: the body exists as one string, as JSON.parse would need it.
          checksum += body.length + body.charCodeAt(body.length >> 1);
          q.delete(m.receiptHandle);
        }
        run.deliveries += got.length;
      }
    }
    sim.advance(ROUND);
  }
  run.seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (checksum === 0) throw new Error('no body was read');
  return run;
}

/** The same workload through the Simulation's entry points, naming resources by construct, as a test does. */
function runPublicApi(messages: number): Run {
  const sim = Simulation.fromStack(stack, { trace: 'summary' });
  const run: Run = { seconds: 0, deliveries: 0, peakHeap: 0, peakRss: 0, retained: [] };
  const start = process.hrtime.bigint();
  for (let sent = 0; sent < messages; sent += BATCH) {
    for (let i = 0; i < BATCH; i++) sim.publish(topic, { message: BODY, attributes: { eventType: EVENT_TYPES[(sent + i) % 5], total: ((sent + i) % 5) * 25 } });
    for (const q of queues) {
      for (;;) {
        const got = sim.receive(q, RECEIVE);
        if (got.length === 0) break;
        for (const m of got) sim.delete(q, m.receiptHandle);
        run.deliveries += got.length;
      }
    }
    sim.advance(ROUND);
  }
  run.seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return run;
}

function report(name: string, runs: Run[], messages: number): void {
  const rates = runs.map((r) => r.deliveries / r.seconds).sort((a, b) => a - b);
  const best = runs.reduce((a, b) => (a.deliveries / a.seconds >= b.deliveries / b.seconds ? a : b));
  console.log(`${name}: ${int(messages)} publishes -> ${int(best.deliveries)} deliveries received and deleted`);
  console.log(`  best ${best.seconds.toFixed(2)} s: ${int(best.deliveries / best.seconds)} deliveries/s, ${int(messages / best.seconds)} publishes/s`
    + ` (median of ${runs.length}: ${int(rates[Math.floor(rates.length / 2)])} deliveries/s)`);
}

runModels(Math.min(MESSAGES, 100_000)); // warm-up: the JIT, not the simulator
const runs = Array.from({ length: RUNS }, () => runModels(MESSAGES));
report('Models, bodies not read (topic.publish, queue.receive, queue.delete)', runs, MESSAGES);
const last = runs[runs.length - 1];
console.log(`  peak heap used ${mb(Math.max(...runs.map((r) => r.peakHeap)))} (garbage included), peak RSS ${mb(Math.max(...runs.map((r) => r.peakRss)))}`);
if (gc) console.log(`  retained heap after GC at 10% / 50% / 100% of the messages: ${last.retained.map(mb).join(' / ')}`);

runBodiesRead(Math.min(MESSAGES, 100_000)); // warm-up
report('Models, bodies read (5 enveloped subscriptions: topic.publish, queue.receive, m.body, queue.delete)', Array.from({ length: RUNS }, () => runBodiesRead(MESSAGES)), MESSAGES);

const publicMessages = Math.min(MESSAGES, 200_000);
report('Simulation API, bodies not read (sim.publish, sim.receive, sim.delete by construct)', [runPublicApi(publicMessages)], publicMessages);

// Memory follows what is queued: the same publishes, left in the queues.
if (gc) {
  const sim = Simulation.fromStack(stack, { trace: 'summary' });
  const t = sim.topic(topic);
  const before = retainedHeap();
  const queued = 100_000;
  for (let i = 0; i < queued; i++) t.publish({ message: BODY, attributes: attributes[i % 5] });
  const stored = queues.reduce((n, q) => n + sim.queue(q).counts.visible, 0);
  const retained = retainedHeap() - before;
  console.log(`Left in the queues: ${int(stored)} messages from ${int(queued)} publishes retain ${mb(retained)} (${int(retained / stored)} bytes per queued message)`);
}

// Twelve hours of visibility timeout: the cost is the events, not the virtual time.
for (const idle of [Duration.seconds(1), Duration.hours(12)]) {
  const sim = Simulation.fromStack(stack, { trace: 'summary' });
  sim.send(queues[0], { body: 'slow' });
  sim.receive(queues[0], { visibilityTimeout: idle });
  const t0 = process.hrtime.bigint();
  sim.advance(idle);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`${idle.toHumanString()} of virtual visibility timeout: ${ms.toFixed(3)} ms of real time; visible again: ${sim.queue(queues[0]).counts.visible === 1}`);
}
