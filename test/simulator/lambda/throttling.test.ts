import { Duration } from 'aws-cdk-lib';
import { LambdaAccount } from '../../../lib/simulator/services/lambda/account';
import { consumerSimulation } from '../fixtures/consumer';

describe('reserved concurrency and the account limit', () => {
  test('a function never runs more than its reserved concurrency; the excess is throttled and retried', async () => {
    // GIVEN a function that reserves 2 and takes 10 s, under a mapping that starts at 5 batches
    const sim = consumerSimulation({ reservedConcurrency: 2, timeout: 20, visibilityTimeout: 120 });
    const processed: string[] = [];
    sim.onInvoke('Consumer', (e: { Records: { body: string }[] }) => {
      processed.push(...e.Records.map((r) => r.body));
    }, { duration: Duration.seconds(10) });
    // WHEN 5 messages arrive one by one (each wakes a poller)
    for (let i = 0; i < 5; i++) sim.send('Queue', { body: `m${i}` });
    await sim.runUntilIdle();
    // THEN at most 2 ran at once, throttles happened, and every message was processed once
    const metrics = sim.functionMetrics('Consumer');
    expect(metrics.totals.maxConcurrency).toBe(2);
    expect(metrics.totals.throttles).toBeGreaterThan(0);
    expect(sim.events({ type: 'lambda.throttled' })[0].reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    expect(processed.sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(sim.queue('DeadLetterQueue').counts.visible).toBe(0);
  });

  test('throttled batches are retried with a backoff until their visibility timeout, then the messages return', async () => {
    // GIVEN reserved concurrency 0: every invocation is throttled
    const sim = consumerSimulation({ reservedConcurrency: 0, visibilityTimeout: 30, timeout: 5, maxReceiveCount: 3 });
    let calls = 0;
    sim.onInvoke('Consumer', () => {
      calls++;
    });
    // WHEN one message arrives and the mapping tries for 29 s
    const { messageId } = sim.send('Queue', { body: 'never runs' });
    await sim.advance(Duration.seconds(29));
    // THEN it retried 1, 2, 4 and 8 s after each try, and at 15 s gave up: the next try (16 s later) would
    // pass the 30 s visibility timeout
    const retries = sim.events({ type: 'esm.throttled' }).map((e) => e.detail?.retryInMs);
    expect(retries).toEqual([1000, 2000, 4000, 8000]);
    expect(sim.events({ type: 'esm.throttleGaveUp' }).map((e) => e.time)).toEqual([15_000]);
    expect(calls).toBe(0);
    // AND the message returns when its visibility timeout ends, and is received a second time
    await sim.advance(Duration.seconds(1));
    expect(sim.events({ type: 'sqs.received', messageId }).map((e) => [e.time, e.detail?.receiveCount])).toEqual([[0, 1], [30_000, 2]]);
  });

  test('receives of throttled batches count toward maxReceiveCount: the message reaches the DLQ unprocessed', async () => {
    // GIVEN reserved concurrency 0 and maxReceiveCount 3 (below the 5 AWS recommends)
    const sim = consumerSimulation({ reservedConcurrency: 0, visibilityTimeout: 30, timeout: 5, maxReceiveCount: 3 });
    let calls = 0;
    sim.onInvoke('Consumer', () => {
      calls++;
    });
    // WHEN one message arrives
    const { messageId } = sim.send('Queue', { body: 'throttled' });
    await sim.runUntilIdle();
    // THEN it was received 3 times, never processed, and moved to the DLQ on the 4th receive
    expect(calls).toBe(0);
    expect(sim.events({ type: 'sqs.received', messageId }).map((e) => e.detail?.receiveCount)).toEqual([1, 2, 3]);
    expect(sim.events({ type: 'sqs.movedToDeadLetterQueue', messageId })).toHaveLength(1);
    expect(sim.mapping('Queue').totals).toMatchObject({ batches: 0, throttledUntilVisible: 3 });
    expect(sim.findings().map((f) => f.code)).toContain('decoupled-sim:lambda-max-receive-count-low');
  });

  test('functions without a reservation share what the account has left', async () => {
    // GIVEN an account of 3 concurrent executions and a mapping allowed 5 batches
    const sim = consumerSimulation({ visibilityTimeout: 120, timeout: 20 }, { accountConcurrency: 3 });
    sim.onInvoke('Consumer', () => undefined, { duration: Duration.seconds(10) });
    for (let i = 0; i < 5; i++) sim.send('Queue', { body: `m${i}` });
    await sim.runUntilIdle();
    // THEN 3 ran at once and the others were throttled with the account-level code
    expect(sim.functionMetrics('Consumer').totals.maxConcurrency).toBe(3);
    expect(sim.events({ type: 'lambda.throttled' })[0].reason).toBe('ConcurrentInvocationLimitExceeded');
  });

  test('the account pool: reservations come out of it, and fewer than 100 unreserved is a finding', () => {
    const account = new LambdaAccount(1000);
    const reserved = { logicalId: 'A', reservedConcurrency: 950, running: 0 };
    const shared = { logicalId: 'B', reservedConcurrency: undefined, running: 0 };
    account.reserve(reserved);
    expect(account.unreservedPool).toBe(50);
    for (let i = 0; i < 50; i++) expect(account.acquire(shared)).toBeUndefined();
    expect(account.acquire(shared)).toBe('ConcurrentInvocationLimitExceeded');
    // A reserved function is not affected by the shared pool being full
    expect(account.acquire(reserved)).toBeUndefined();

    const sim = consumerSimulation({ reservedConcurrency: 950 });
    expect(sim.findings().map((f) => f.code)).toContain('decoupled-sim:unreserved-concurrency-too-low');
  });

  test('reserved concurrency below MaximumConcurrency is a finding', () => {
    const sim = consumerSimulation({ reservedConcurrency: 5, maximumConcurrency: 10 });
    const finding = sim.findings().find((f) => f.code === 'decoupled-sim:reserved-below-maximum-concurrency');
    expect(finding?.message).toContain('reserves 5 concurrent executions but its event source mappings may run 10 batches');
  });

  test('reservations may leave exactly 100 unreserved; one more reserved is a finding naming every reserving function', () => {
    expect(consumerSimulation({ reservedConcurrency: 900 }).findings().filter((f) => f.code === 'decoupled-sim:unreserved-concurrency-too-low')).toEqual([]);
    expect(consumerSimulation({ reservedConcurrency: 901 }).findings().filter((f) => f.code === 'decoupled-sim:unreserved-concurrency-too-low')).toEqual([{
      code: 'decoupled-sim:unreserved-concurrency-too-low', severity: 'error', resources: ['Consumer'],
      message: 'the functions reserve 901 of the account\'s 1000 concurrent executions, leaving 99; Lambda refuses reservations that leave fewer than 100 unreserved',
      fix: 'Lower the reservations, or raise the account concurrency quota first.',
    }]);
  });
});

