import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueConsumer } from '../../lib';
import { Simulation, SqsEvent } from '../../lib/simulator';
import { PaymentsConsumerStack } from './payments-stack';

/**
 * Scenarios of the payments QueueConsumer (20 s function, batches of 10 within 5 s, at most 50 at once,
 * visibility timeout 6 x 20 + 5 = 125 s, maxReceiveCount 5), played on the simulator with the example's own
 * handler (`onInvoke(fn, 'inline')` runs examples/queue-consumer/handler in this process).
 */

// Synthesized once for the file; each test builds a fresh simulation from it.
const app = new App();
const payments = new PaymentsConsumerStack(app, 'PaymentsScenarios');
const { consumer } = payments;
const VISIBILITY_MS = 125_000;
const WINDOW_MS = 5_000;

const payment = (paymentId: string, currency = 'EUR') => JSON.stringify({ paymentId, amount: 10, currency });

beforeAll(() => {
  // The example handler logs each settlement; keep the test output to the assertions.
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterAll(() => jest.restoreAllMocks());

function paymentsSimulation(): Simulation {
  return Simulation.fromStack(payments, { seed: 7 });
}

describe('the payments consumer on the simulator', () => {
  test('has no findings: visibility 125 s = 6 x 20 s + the 5 s window, maxReceiveCount 5, exactly the permissions the mapping needs', () => {
    const sim = paymentsSimulation();
    expect(sim.findings()).toEqual([]);
    expect(sim.mapping(consumer.eventSourceMapping).settings).toMatchObject({ batchSize: 10, maximumBatchingWindowMs: 5_000, maximumConcurrency: 50, reportBatchItemFailures: true });
  });

  test('a poison message lands in the DLQ after exactly maxReceiveCount (5) receives', async () => {
    // README: simulator-lambda
    // GIVEN the example's own handler, which reports a payment in an unsupported currency as a batch item failure
    const sim = Simulation.fromStack(payments, { seed: 7 });
    sim.onInvoke(consumer.function, 'inline', { duration: Duration.millis(200) });
    // WHEN one such payment arrives
    const { messageId } = sim.send(consumer.queue, { body: '{"paymentId":"p-1","amount":10,"currency":"XXX"}' });
    await sim.advance(Duration.minutes(15));
    // THEN after 5 receives (one every 125 s visibility timeout) it is in the dead-letter queue
    expect(sim.events({ type: 'sqs.received', messageId })).toHaveLength(5);
    expect(sim.queue(consumer.deadLetterQueue).visible.map((m) => m.messageId)).toEqual([messageId]);
    expect(sim.mapping(consumer.eventSourceMapping).totals.partiallyFailed).toBe(5);
    // README: end
    // AND the receives were one visibility timeout apart, the move on the sixth
    const receives = sim.events({ type: 'sqs.received', messageId });
    expect(receives.map((e) => e.detail?.receiveCount)).toEqual([1, 2, 3, 4, 5]);
    expect(receives.map((e) => e.time)).toEqual([0, 1, 2, 3, 4].map((i) => i * VISIBILITY_MS));
    expect(sim.mapping(consumer.queue).totals).toMatchObject({ batches: 5, partiallyFailed: 5, succeeded: 0, failed: 0 });
    const [moved] = sim.events({ type: 'sqs.movedToDeadLetterQueue', messageId });
    expect(moved.time).toBe(5 * VISIBILITY_MS);
    expect(sim.queue(consumer.queue).counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  test('a batch with one failing record redelivers only that record', async () => {
    // GIVEN ten payments, the fourth in an unsupported currency
    const sim = paymentsSimulation();
    const batches: string[][] = [];
    sim.onInvoke(consumer.function, recording(batches), { duration: Duration.seconds(1) });
    const ids = Array.from({ length: 10 }, (_, i) => sim.send(consumer.queue, { body: payment(`p-${i}`, i === 3 ? 'XXX' : 'EUR') }).messageId);
    // WHEN the consumer runs for one visibility timeout and a bit
    await sim.advance(Duration.millis(VISIBILITY_MS + WINDOW_MS + 2_000));
    // THEN the first batch held all ten, nine were deleted, and the second batch held only the failed one
    expect(batches.map((b) => b.length)).toEqual([10, 1]);
    expect(batches[1]).toEqual([ids[3]]);
    expect(sim.events({ type: 'sqs.deleted' }).map((e) => e.messageId).sort()).toEqual(ids.filter((_, i) => i !== 3).sort());
    expect(sim.events({ type: 'sqs.received', messageId: ids[3] }).map((e) => e.detail?.receiveCount)).toEqual([1, 2]);
  });

  test('a handler slower than the 20 s timeout is a timeout, and the batch is redelivered after the visibility timeout', async () => {
    // GIVEN a handler that takes 25 s on the first receive and 1 s after
    const sim = paymentsSimulation();
    const seen: string[] = [];
    sim.onInvoke(consumer.function, (e: SqsEvent) => {
      seen.push(...e.Records.map((r) => `${r.messageId}#${r.attributes.ApproximateReceiveCount}`));
      return { batchItemFailures: [] };
    }, { duration: (e: SqsEvent) => Duration.seconds(e.Records[0].attributes.ApproximateReceiveCount === '1' ? 25 : 1) });
    // WHEN one payment arrives
    const { messageId } = sim.send(consumer.queue, { body: payment('p-slow') });
    await sim.advance(Duration.minutes(5));
    // THEN the first invocation (after the 5 s window) timed out at 20 s, the message came back at 125 s,
    // and the second invocation deleted it
    const [timedOut] = sim.events({ type: 'lambda.timedOut' });
    expect(timedOut.time).toBe(WINDOW_MS + 20_000);
    expect(timedOut.reason).toMatch(/Task timed out after 20.00 seconds/);
    expect(seen).toEqual([`${messageId}#1`, `${messageId}#2`]);
    expect(sim.events({ type: 'sqs.received', messageId }).map((e) => e.time)).toEqual([0, VISIBILITY_MS]);
    expect(sim.queue(consumer.queue).counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  test('a burst of 10,000 payments drains with concurrency ramping +5 batches a second up to the mapping\'s 50', async () => {
    // GIVEN each batch of 10 takes 2 s
    const sim = Simulation.fromStack(payments, { seed: 7, trace: 'summary' });
    sim.onInvoke(consumer.function, () => ({ batchItemFailures: [] }), { duration: Duration.seconds(2) });
    // WHEN 10,000 payments arrive at once
    for (let i = 0; i < 10_000; i++) sim.send(consumer.queue, { body: payment(`p-${i}`) });
    await sim.runUntilIdle();
    // THEN the mapping's limit rose 5 → 50 by 5 each second (300 a minute, AWS-FACTS §4), never above 50
    const mapping = sim.mapping(consumer.queue);
    const ramp = mapping.concurrencyLimit.filter((p) => p.time <= 9_000);
    expect(ramp).toEqual(Array.from({ length: 10 }, (_, i) => ({ time: i * 1000, value: 5 + 5 * i })));
    expect(mapping.totals.maxActiveBatches).toBe(50);
    // AND the function ran at most its reserved 50, never throttled, and every payment was deleted once
    const metrics = sim.functionMetrics(consumer.function);
    expect(metrics.totals.maxConcurrency).toBe(50);
    expect(metrics.totals.throttles).toBe(0);
    expect(mapping.totals.records).toBe(10_000);
    expect(sim.trace.count('sqs.deleted')).toBe(10_000);
    // AND it took, on the virtual clock: during the 9 s ramp the limit averages ~27.5 batches of 2 s, so ~124
    // batches (~1,240 payments) end; then 50 batches every 2 s (250 payments/s) clear the other ~8,760 in ~35 s.
    // About 44-45 s in all; the drain time is when the last batch ends.
    const drainedAt = Math.max(...metrics.durations.map((d) => d.time));
    console.info(`10,000 payments drained in ${drainedAt / 1000} s of virtual time (${mapping.totals.batches} batches, peak ${mapping.totals.maxActiveBatches} at once)`);
    expect(drainedAt).toBeGreaterThanOrEqual(43_000);
    expect(drainedAt).toBeLessThanOrEqual(47_000);
  });
});

/** A handler that records each batch's message ids, then runs the example's settlement rules. */
function recording(batches: string[][]) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example = require('./handler/index.js') as { handler: (e: SqsEvent) => Promise<unknown> };
  return (e: SqsEvent) => {
    batches.push(e.Records.map((r) => r.messageId));
    return example.handler(e);
  };
}

describe('a visibility timeout shorter than the function timeout (plain aws-cdk-lib; QueueConsumer refuses it)', () => {
  // GIVEN a 30 s visibility timeout and a 60 s function, which AWS would refuse to connect
  const stack = new Stack(new App(), 'ShortVisibility');
  const queue = new sqs.Queue(stack, 'Queue', { visibilityTimeout: Duration.seconds(30) });
  const fn = new lambda.Function(stack, 'Consumer', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}'), timeout: Duration.seconds(60),
  });
  fn.addEventSource(new SqsEventSource(queue, { batchSize: 1 }));

  test('a 45 s invocation sees its message delivered again at 30 s: processed twice', async () => {
    // GIVEN a handler that takes 45 s the first time and 10 s after
    const sim = Simulation.fromStack(stack);
    const processed: { messageId: string; at: number; receiveCount: string }[] = [];
    sim.onInvoke(fn, (e: SqsEvent) => {
      for (const r of e.Records) processed.push({ messageId: r.messageId, at: sim.now, receiveCount: r.attributes.ApproximateReceiveCount });
    }, { duration: (e: SqsEvent) => Duration.seconds(e.Records[0].attributes.ApproximateReceiveCount === '1' ? 45 : 10) });
    // WHEN one message arrives
    const { messageId } = sim.send(queue, { body: 'charge card 4242' });
    await sim.advance(Duration.minutes(2));
    // THEN it was processed twice, the second time while the first invocation was still running
    expect(processed).toEqual([{ messageId, at: 0, receiveCount: '1' }, { messageId, at: 30_000, receiveCount: '2' }]);
    expect(sim.functionMetrics(fn).totals.maxConcurrency).toBe(2);
    // AND the second invocation deleted it at 40 s; the first one's delete at 45 s failed
    expect(sim.events({ type: 'sqs.deleted', messageId }).map((e) => e.time)).toEqual([40_000]);
    expect(sim.events({ type: 'sqs.deleteFailed' }).map((e) => e.time)).toEqual([45_000]);
  });

  test('a handler that always takes longer than the visibility timeout never gets its message deleted', async () => {
    const sim = Simulation.fromStack(stack);
    let runs = 0;
    sim.onInvoke(fn, () => {
      runs++;
    }, { duration: Duration.seconds(45) });
    sim.send(queue, { body: 'charge card 4242' });
    await sim.advance(Duration.minutes(5));
    // Received at 0, 30, …, 300 s; each delete too late (9 runs ended by then), and the message is still there
    expect(runs).toBe(11);
    expect(sim.trace.count('sqs.deleteFailed')).toBe(9);
    expect(sim.queue(queue).counts.inFlight).toBe(1);
  });

  test('findings() reports it as the deploy error AWS returns', () => {
    const finding = Simulation.fromStack(stack).findings().find((f) => f.code === 'decoupled-sim:visibility-shorter-than-function-timeout');
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toMatch(/visibility timeout \(30s\) is shorter than .* timeout \(60s\): Lambda rejects the event source mapping/);
    expect(finding?.fix).toContain('at least 360s');
  });
});

describe('a FIFO QueueConsumer keeps each group in order across a failure', () => {
  const stack = new Stack(new App(), 'LedgerScenarios');
  const ledger = new QueueConsumer(stack, 'Ledger', {
    fifo: true,
    functionProps: { code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'), handler: 'index.handler', timeout: Duration.seconds(10) },
  });

  test('an error blocks its group until the retry; the other group goes on; order holds in both', async () => {
    const sim = Simulation.fromStack(stack);
    const settled: string[] = [];
    let failedOnce = false;
    // GIVEN a handler that fails a-3 the first time and then, as a FIFO handler must, reports it and every
    // later record of its group (Powertools' skipGroupOnError); other groups of the batch go on
    sim.onInvoke(ledger.function, (e: SqsEvent) => {
      const failures: { itemIdentifier: string }[] = [];
      const failedGroups = new Set<string>();
      for (const r of e.Records) {
        const group = r.attributes.MessageGroupId!;
        if (!failedGroups.has(group) && r.body === 'a-3' && !failedOnce) {
          failedOnce = true;
          failedGroups.add(group);
        }
        if (failedGroups.has(group)) failures.push({ itemIdentifier: r.messageId });
        else settled.push(r.body);
      }
      return { batchItemFailures: failures };
    }, { duration: Duration.seconds(1) });
    // WHEN group a gets five entries and group b three, interleaved
    const ids: Record<string, string> = {};
    for (const body of ['a-1', 'b-1', 'a-2', 'a-3', 'b-2', 'a-4', 'b-3', 'a-5']) ids[body] = sim.send(ledger.queue, { body, groupId: body[0], deduplicationId: body }).messageId;
    await sim.advance(Duration.minutes(5));
    // THEN each group settled in send order, a-3 before a-4 and a-5 despite its failure
    expect(settled.filter((b) => b.startsWith('a'))).toEqual(['a-1', 'a-2', 'a-3', 'a-4', 'a-5']);
    expect(settled.filter((b) => b.startsWith('b'))).toEqual(['b-1', 'b-2', 'b-3']);
    // AND a-3 came back one visibility timeout after its first receive, a-4 and a-5 with it, not before
    const [first, retry] = sim.events({ type: 'sqs.received', messageId: ids['a-3'] }).map((e) => e.time);
    expect(retry - first).toBe(sim.queue(ledger.queue).settings.visibilityTimeoutMs);
    expect(sim.events({ type: 'sqs.received', messageId: ids['a-4'] }).map((e) => e.time)).toEqual([first, retry]);
    expect(settled.indexOf('b-3')).toBeLessThan(settled.indexOf('a-3'));
    expect(sim.events({ type: 'esm.fifoOrderBroken' })).toEqual([]);
  });
});
