import { Duration } from 'aws-cdk-lib';
import { Simulation, SqsEvent } from '../../../lib/simulator';
import { batchOutcome } from '../../../lib/simulator/services/event-source-mapping/batch-result';
import { CONSUME_STATEMENT, consumerSimulation } from '../fixtures/consumer';

// Why a batch failed (batch-result.ts), and the whole trace a mapping leaves of its batches (sqs-mapping.ts):
// the text a user reads to understand where their messages went.

const ids = () => new Set(['m1', 'm2']);
const outcome = (response: unknown, report = true) => batchOutcome(undefined, response, report, ids);
const LIMIT = 6_291_456;

describe('the reason a batch fails', () => {
  test.each([
    ['a string response', 'ok', 'the response "ok" is not a JSON object with batchItemFailures'],
    ['a number response', 7, 'the response 7 is not a JSON object with batchItemFailures'],
    ['an array response', [{ itemIdentifier: 'm1' }], 'the response [{"itemIdentifier":"m1"}] is not a JSON object with batchItemFailures'],
    ['batchItemFailures not a list', { batchItemFailures: 'm1' }, 'batchItemFailures is not a list'],
    ['an item that is not an object', { batchItemFailures: ['m1'] }, 'the batch item failure "m1" has no itemIdentifier'],
    ['a null item', { batchItemFailures: [null] }, 'the batch item failure null has no itemIdentifier'],
    ['a wrong key name', { batchItemFailures: [{ itemId: 'm1' }] }, 'the batch item failure {"itemId":"m1"} has no itemIdentifier'],
    ['an empty id', { batchItemFailures: [{ itemIdentifier: '' }] }, 'an itemIdentifier is ""'],
    ['a null id', { batchItemFailures: [{ itemIdentifier: null }] }, 'an itemIdentifier is null'],
    ['an undefined id', { batchItemFailures: [{ itemIdentifier: undefined }] }, 'an itemIdentifier is undefined'],
    ['a number id', { batchItemFailures: [{ itemIdentifier: 1 }] }, 'the itemIdentifier 1 is not the messageId of a record in the batch'],
    ['an id not in the batch', { batchItemFailures: [{ itemIdentifier: 'm1' }, { itemIdentifier: 'm9' }] }, 'the itemIdentifier "m9" is not the messageId of a record in the batch'],
  ])('%s', (_, response, reason) => {
    expect(outcome(response)).toEqual({ kind: 'failure', reason });
  });

  test('a response that JSON cannot hold, with the serializer\'s reason', () => {
    expect(outcome({ n: BigInt(1) })).toEqual({ kind: 'failure', reason: 'the response is not valid JSON (Do not know how to serialize a BigInt)' });
  });

  test('a response of 6 MB is returned; one byte more fails the batch, whatever ReportBatchItemFailures says', () => {
    // A JSON string counts its two quotes
    expect(outcome('x'.repeat(LIMIT - 2), false)).toEqual({ kind: 'success' });
    expect(outcome('x'.repeat(LIMIT - 1), false)).toEqual({ kind: 'failure', reason: `the response is ${LIMIT + 1} bytes; a synchronous response is at most ${LIMIT}` });
  });

  test('bytes, not characters, are counted: 3-byte characters reach the limit with a third of the length', () => {
    // '€' is 3 bytes in UTF-8: 2,097,152 of them and the quotes are 6,291,458 bytes
    expect(outcome('€'.repeat(LIMIT / 3), false)).toEqual({ kind: 'failure', reason: `the response is ${LIMIT + 2} bytes; a synchronous response is at most ${LIMIT}` });
    expect(outcome('€'.repeat(LIMIT / 3 - 1), false)).toEqual({ kind: 'success' });
  });

  test('a response JSON has no text for (a function) fails a mapping with ReportBatchItemFailures, not one without', () => {
    expect(outcome(() => 1)).toEqual({ kind: 'failure', reason: 'the response undefined is not a JSON object with batchItemFailures' });
    expect(outcome(() => 1, false)).toEqual({ kind: 'success' });
  });
});

describe('the trace of a mapping\'s batches', () => {
  const trace = (sim: Simulation) => sim.events({ resource: 'Mapping' }).map(({ type, time, reason, detail }) => ({ type, time, reason, detail }));

  test('a failed batch and a partial one: whole entries with request ids and message ids', async () => {
    // GIVEN batches of 2 within 1 s; a handler that throws on 'crash' and reports 'bad'
    const sim = consumerSimulation({ batchSize: 2, batchingWindow: 1, reportBatchItemFailures: true, visibilityTimeout: 600 });
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      if (e.Records.some((r) => r.body === 'crash')) throw new TypeError('cannot');
      return { batchItemFailures: e.Records.filter((r) => r.body === 'bad').map((r) => ({ itemIdentifier: r.messageId })) };
    });
    const a = sim.send('Queue', { body: 'crash' }).messageId;
    const b = sim.send('Queue', { body: 'ok' }).messageId;
    await sim.advance(Duration.seconds(2));
    const c = sim.send('Queue', { body: 'bad' }).messageId;
    const d = sim.send('Queue', { body: 'fine' }).messageId;
    await sim.advance(Duration.seconds(2));
    // THEN each batch's invocation and outcome are recorded whole
    const requestIds = sim.events({ type: 'lambda.invoked' }).map((e) => e.detail?.requestId);
    expect(trace(sim)).toEqual([
      { type: 'esm.batchInvoked', time: 0, reason: undefined, detail: { requestId: requestIds[0], size: 2, bytes: 2 * 700 + 5 * 3 + 2 * 3 } },
      { type: 'esm.batchFailed', time: 1, reason: 'the function failed: TypeError: cannot; the whole batch returns after the visibility timeout', detail: { requestId: requestIds[0], messageIds: [a, b] } },
      { type: 'esm.batchInvoked', time: 2_000, reason: undefined, detail: { requestId: requestIds[1], size: 2, bytes: 2 * 700 + 3 * 3 + 4 * 3 } },
      {
        type: 'esm.batchPartiallyFailed', time: 2_001, reason: '1 of 2 records reported in batchItemFailures; only those return after the visibility timeout',
        detail: { requestId: requestIds[1], failedMessageIds: [c] },
      },
    ]);
    expect(sim.queue('Queue').inFlight.map((m) => m.messageId)).toEqual([a, b, c]);
    expect(d).toEqual(expect.any(String));
  });

  test('throttled batches: each retry, then the give-up with the messages, as counts in summary mode', async () => {
    // GIVEN reserved concurrency 0 and a 10 s visibility timeout
    for (const mode of ['full', 'summary'] as const) {
      const sim = consumerSimulation({ reservedConcurrency: 0, visibilityTimeout: 10, timeout: 1 }, { trace: mode });
      sim.onInvoke('Consumer', () => undefined);
      const { messageId } = sim.send('Queue', { body: 'x' });
      await sim.advance(Duration.seconds(9));
      // THEN tries at 0, 1, 3 and 7 s; the next (15 s) is past 10 s, so the batch gives up at 7 s
      if (mode === 'full') {
        expect(trace(sim)).toEqual([
          { type: 'esm.throttled', time: 0, reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', detail: { retryInMs: 1_000, size: 1 } },
          { type: 'esm.throttled', time: 1_000, reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', detail: { retryInMs: 2_000, size: 1 } },
          { type: 'esm.throttled', time: 3_000, reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', detail: { retryInMs: 4_000, size: 1 } },
          {
            type: 'esm.throttleGaveUp', time: 7_000, detail: { messageIds: [messageId] },
            reason: 'throttled (ReservedFunctionConcurrentInvocationLimitExceeded) until the visibility timeout; the 1 messages return to the queue and this receive counts toward maxReceiveCount',
          },
        ]);
      } else {
        expect([sim.trace.count('esm.throttled'), sim.trace.count('esm.throttleGaveUp'), sim.trace.count('lambda.throttled')]).toEqual([3, 1, 4]);
      }
      expect(sim.mapping('Mapping').totals.throttledUntilVisible).toBe(1);
    }
  });

  test('a throttle retry is capped at 30 s: tries at 0, 1, 3, 7, 15, 31 s, then every 30 s until 181 s', async () => {
    const sim = consumerSimulation({ reservedConcurrency: 0, visibilityTimeout: 200, timeout: 1 });
    sim.onInvoke('Consumer', () => undefined);
    sim.send('Queue', { body: 'x' });
    await sim.advance(Duration.seconds(199));
    expect(sim.events({ type: 'esm.throttled' }).map((e) => e.detail?.retryInMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000, 30_000]);
  });

  test('a mapping whose role cannot poll records why once, however often messages arrive', async () => {
    const sim = consumerSimulation({ statements: [{ ...CONSUME_STATEMENT, Action: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'] }] });
    sim.onInvoke('Consumer', () => undefined);
    sim.send('Queue', { body: 'a' });
    await sim.advance(Duration.seconds(1));
    sim.send('Queue', { body: 'b' });
    await sim.advance(Duration.seconds(1));
    const arn = sim.queue('Queue').arn;
    expect(trace(sim)).toEqual([{
      type: 'esm.pollFailed', time: 0, detail: undefined,
      reason: `the role Role of Consumer cannot sqs:DeleteMessage (no policy of Role allows sqs:DeleteMessage on ${arn})`,
    }]);
  });

  test('a FIFO order break names the group', async () => {
    const sim = consumerSimulation({ fifo: true, reportBatchItemFailures: true });
    sim.onInvoke('Consumer', (e: SqsEvent) => ({ batchItemFailures: e.Records.filter((r) => r.body === 'm2').map((r) => ({ itemIdentifier: r.messageId })) }));
    sim.send('Queue', { body: 'm1', groupId: 'g', deduplicationId: '1' });
    sim.send('Queue', { body: 'm2', groupId: 'g', deduplicationId: '2' });
    sim.send('Queue', { body: 'm3', groupId: 'g', deduplicationId: '3' });
    await sim.advance(Duration.seconds(1));
    expect(sim.events({ type: 'esm.fifoOrderBroken' }).map((e) => e.reason)).toEqual([
      'deleted after an earlier message of group g failed: a FIFO handler must stop at the first failure and report it and every later record',
    ]);
  });

  test('MaximumConcurrency below 5 is where the ramp starts, and the most batches that run', async () => {
    const sim = consumerSimulation({ maximumConcurrency: 2 });
    sim.onInvoke('Consumer', () => undefined, { duration: Duration.seconds(1) });
    for (let i = 0; i < 20; i++) sim.send('Queue', { body: `m${i}` });
    await sim.runUntilIdle();
    const view = sim.mapping('Mapping');
    expect([view.concurrencyLimit, view.totals.maxActiveBatches, view.totals.records]).toEqual([[{ time: 0, value: 2 }], 2, 20]);
  });

  test('a throttle retry due exactly when the messages become visible again is not made', async () => {
    // GIVEN tries at 0, 1, 3, 7 s: the next would be at 15 s
    const giveUpAt = async (visibilityTimeout: number) => {
      const sim = consumerSimulation({ reservedConcurrency: 0, visibilityTimeout, timeout: 1 });
      sim.onInvoke('Consumer', () => undefined);
      sim.send('Queue', { body: 'x' });
      await sim.advance(Duration.seconds(visibilityTimeout - 1));
      return sim.events({ type: 'esm.throttleGaveUp' }).map((e) => e.time);
    };
    // THEN with 15 s of visibility the batch gives up at 7 s; with 16 s it tries at 15 s and gives up then
    expect(await giveUpAt(15)).toEqual([7_000]);
    expect(await giveUpAt(16)).toEqual([15_000]);
  });

  test('a FIFO mapping ignores a batching window: each message is polled at once', async () => {
    const sim = consumerSimulation({ fifo: true, batchingWindow: 5 });
    const times: number[] = [];
    sim.onInvoke('Consumer', () => {
      times.push(sim.now);
    });
    sim.send('Queue', { body: 'a', groupId: 'g1', deduplicationId: '1' });
    await sim.advance(Duration.seconds(1));
    sim.send('Queue', { body: 'b', groupId: 'g2', deduplicationId: '2' });
    await sim.advance(Duration.seconds(10));
    expect(times).toEqual([0, 1_000]);
  });

  test('a standard mapping with a window: the batch waits for the window unless it fills first', async () => {
    const sim = consumerSimulation({ batchSize: 3, batchingWindow: 5 });
    const batches: [number, number][] = [];
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      batches.push([sim.now, e.Records.length]);
    });
    sim.send('Queue', { body: 'a' });
    await sim.advance(Duration.seconds(1));
    sim.send('Queue', { body: 'b' });
    sim.send('Queue', { body: 'c' });
    sim.send('Queue', { body: 'd' });
    await sim.advance(Duration.seconds(10));
    // THEN the first batch closes full at 1 s; the fourth message waits its own window, 1 s to 6 s
    expect(batches).toEqual([[1_000, 3], [6_000, 1]]);
  });

  test('messages visible together that fill a batch go at once, without waiting for the window', async () => {
    // GIVEN 3 messages delayed to become visible together at 2 s, batches of 3 within 5 s
    const sim = consumerSimulation({ batchSize: 3, batchingWindow: 5 });
    const batches: [number, string[]][] = [];
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      batches.push([sim.now, e.Records.map((r) => r.body)]);
    });
    for (const body of ['a', 'b', 'c']) sim.send('Queue', { body, delay: Duration.seconds(2) });
    await sim.advance(Duration.seconds(10));
    // THEN one full batch at 2 s
    expect(batches).toEqual([[2_000, ['a', 'b', 'c']]]);
  });

  test('a message visible exactly when the window ends joins the batch', async () => {
    // GIVEN a batch gathering from 0 s for 5 s, and a message delayed to 5 s
    const sim = consumerSimulation({ batchSize: 10, batchingWindow: 5 });
    const batches: [number, string[]][] = [];
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      batches.push([sim.now, e.Records.map((r) => r.body)]);
    });
    sim.send('Queue', { body: 'early' });
    sim.send('Queue', { body: 'on time', delay: Duration.seconds(5) });
    await sim.advance(Duration.seconds(20));
    expect(batches).toEqual([[5_000, ['early', 'on time']]]);
  });
});
