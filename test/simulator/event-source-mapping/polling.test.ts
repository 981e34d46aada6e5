import { Duration } from 'aws-cdk-lib';
import { Simulation, SqsEvent } from '../../../lib/simulator';
import { CONSUME_STATEMENT, consumerSimulation, consumerTemplate } from '../fixtures/consumer';

function recordBatches(sim: ReturnType<typeof consumerSimulation>, duration = Duration.seconds(1)): string[][] {
  const batches: string[][] = [];
  sim.onInvoke('Consumer', (e: SqsEvent) => {
    batches.push(e.Records.map((r) => r.body));
  }, { duration });
  return batches;
}

describe('polling and batching', () => {
  test('the event has every field Lambda sets, as strings', async () => {
    const sim = consumerSimulation({ fifo: true });
    let event: SqsEvent | undefined;
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      event = e;
    });
    const { messageId } = sim.send('Queue', { body: 'hello', groupId: 'g1', deduplicationId: 'd1', attributes: { kind: 'greeting', n: 3 } });
    await sim.advance(Duration.seconds(1));
    const queue = sim.queue('Queue');
    expect(event!.Records).toEqual([{
      messageId,
      receiptHandle: expect.any(String),
      body: 'hello',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.UTC(2026, 0, 1)),
        SenderId: '123456789012',
        ApproximateFirstReceiveTimestamp: String(Date.UTC(2026, 0, 1)),
        MessageGroupId: 'g1',
        MessageDeduplicationId: 'd1',
        SequenceNumber: expect.stringMatching(/^\d{20}$/),
      },
      messageAttributes: {
        kind: { stringValue: 'greeting', stringListValues: [], binaryListValues: [], dataType: 'String' },
        n: { stringValue: '3', stringListValues: [], binaryListValues: [], dataType: 'Number' },
      },
      md5OfBody: '5d41402abc4b2a76b9719d911017c592',
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: 'us-east-1',
    }]);
  });

  test('a batching window gathers messages until the batch is full or the window ends', async () => {
    // GIVEN batches of 10 within 5 s
    const sim = consumerSimulation({ batchSize: 10, batchingWindow: 5 });
    const batches = recordBatches(sim);
    // WHEN 12 messages arrive at once, then 3 more 2 s later
    for (let i = 0; i < 12; i++) sim.send('Queue', { body: `a${i}` });
    await sim.advance(Duration.seconds(2));
    for (let i = 0; i < 3; i++) sim.send('Queue', { body: `b${i}` });
    await sim.advance(Duration.seconds(10));
    // THEN a full batch went at once; the other 2 waited for the window and took the 3 that came meanwhile
    expect(batches.map((b) => b.length)).toEqual([10, 5]);
    expect(sim.events({ type: 'esm.batchInvoked' }).map((e) => e.time)).toEqual([0, 5_000]);
  });

  test('without a window, each send to an idle mapping is polled at once', async () => {
    const sim = consumerSimulation({ batchSize: 10 });
    const batches = recordBatches(sim, Duration.seconds(5));
    for (let i = 0; i < 30; i++) sim.send('Queue', { body: `m${i}` });
    await sim.runUntilIdle();
    // Five pollers each took the message that woke them; the backlog then went 10 at a time
    expect(batches.map((b) => b.length)).toEqual([1, 1, 1, 1, 1, 10, 10, 5]);
  });

  test('a batch closes at 6 MB, records and their metadata counted', async () => {
    // GIVEN 1,000-record batches and 7 messages of 1 MB (1,048,576 bytes is the largest SQS takes)
    const sim = consumerSimulation({ batchSize: 1000, batchingWindow: 1 });
    const batches = recordBatches(sim);
    const body = 'x'.repeat(1_000_000);
    for (let i = 0; i < 7; i++) sim.send('Queue', { body });
    await sim.advance(Duration.seconds(30));
    // THEN 6 fit in 6 MB (6,291,456 bytes) with their metadata, the 7th went in the next batch
    expect(batches.map((b) => b.length)).toEqual([6, 1]);
  });

  test('6 MB cap: messages received beyond the cap are released at once (visibility 0), never held with their timer running, so none is delivered twice', async () => {
    // GIVEN two pollers at most, busy longer than the visibility timeout, and 13 messages of 1 MB
    const sim = consumerSimulation({ batchSize: 1000, batchingWindow: 1, maximumConcurrency: 2, visibilityTimeout: 30, timeout: 60 });
    const batches: string[][] = [];
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      batches.push(e.Records.map((r) => r.body.slice(0, 3)));
    // The two full batches outlast the visibility timeout while both pollers are busy; the last batch is quick.
    }, { duration: (e: unknown) => Duration.seconds((e as SqsEvent).Records.length > 1 ? 40 : 1) });
    for (let i = 0; i < 13; i++) sim.send('Queue', { body: String(i).padStart(3, '0') + 'x'.repeat(1_000_000) });
    await sim.advance(Duration.minutes(3));
    // THEN each message reached the function exactly once: two capped batches of 6, then the 13th
    const delivered = batches.flat();
    expect(delivered.sort()).toEqual(Array.from({ length: 13 }, (_, i) => String(i).padStart(3, '0')));
    expect(batches.map((b) => b.length)).toEqual([6, 6, 1]);
    expect(sim.events({ type: 'esm.released' }).length).toBeGreaterThan(0);
  });

  test('messages no filter pattern matches are deleted, never delivered', async () => {
    // GIVEN a mapping that only wants orders over 100, or plain-text pings
    const sim = consumerSimulation({ batchingWindow: 1, filters: [{ body: { type: ['order'], total: [{ numeric: ['>', 100] }] } }, { body: [{ prefix: 'ping' }] }] });
    const batches = recordBatches(sim);
    const sent = ['{"type":"order","total":150}', '{"type":"order","total":50}', '{"type":"refund","total":500}', 'ping 1', 'pong', '{"total":150}'];
    for (const body of sent) sim.send('Queue', { body });
    await sim.advance(Duration.seconds(5));
    expect(batches).toEqual([['{"type":"order","total":150}', 'ping 1']]);
    expect(sim.events({ type: 'esm.filteredOut' })).toHaveLength(4);
    expect(sim.mapping('Mapping').totals).toMatchObject({ filteredOut: 4, batches: 1, succeeded: 1 });
    expect(sim.queue('Queue').counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  test('a disabled mapping polls nothing', async () => {
    const template = consumerTemplate() as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    template.Resources.Mapping.Properties.Enabled = false;
    const sim = Simulation.fromTemplate(template as never);
    const batches = recordBatches(sim);
    sim.send('Queue', { body: 'x' });
    await sim.advance(Duration.minutes(1));
    expect(batches).toEqual([]);
    expect(sim.queue('Queue').counts.visible).toBe(1);
  });
});

describe('results', () => {
  test('an error makes the whole batch visible again after the visibility timeout, receive counted', async () => {
    const sim = consumerSimulation({ visibilityTimeout: 60, batchingWindow: 1 });
    let calls = 0;
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      calls++;
      if (calls === 1) throw new Error(`cannot process ${e.Records.length}`);
      return e.Records.map((r) => r.attributes.ApproximateReceiveCount);
    });
    for (const body of ['a', 'b']) sim.send('Queue', { body });
    await sim.advance(Duration.seconds(30));
    expect(sim.queue('Queue').counts.inFlight).toBe(2);
    expect(sim.events({ type: 'esm.batchFailed' })[0].reason).toMatch(/the function failed: Error: cannot process 2/);
    await sim.advance(Duration.seconds(40));
    expect(calls).toBe(2);
    expect(sim.queue('Queue').counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });
});

describe('handlers that drive the simulation', () => {
  test('a handler may send to another consumed queue from inside its invocation: a two-stage pipeline', async () => {
    // GIVEN Queue → Consumer → Second → Sink, the consumer forwarding each record with sim.send
    const second = { 'Fn::GetAtt': ['Second', 'Arn'] };
    const sim = consumerSimulation({
      statements: [CONSUME_STATEMENT, { ...CONSUME_STATEMENT, Resource: second }],
      extraResources: {
        Second: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 180 } },
        Sink: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Code: { ZipFile: '' }, Timeout: 30 } },
        SinkMapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: second, FunctionName: { Ref: 'Sink' } } },
      },
    });
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      for (const r of e.Records) sim.send('Second', { body: r.body.toUpperCase() });
    }, { duration: Duration.seconds(1) });
    const sunk: string[] = [];
    sim.onInvoke('Sink', (e: SqsEvent) => {
      sunk.push(...e.Records.map((r) => r.body));
    }, { duration: Duration.seconds(1) });
    // WHEN 20 messages arrive
    for (let i = 0; i < 20; i++) sim.send('Queue', { body: `m${i}` });
    await sim.runUntilIdle();
    // THEN every one went through both stages, once
    expect(sunk.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `M${i}`).sort());
    expect(sim.trace.count('sqs.deleted')).toBe(40);
    expect(sim.queue('Queue').counts.inFlight + sim.queue('Second').counts.inFlight).toBe(0);
  });

  test('a handler may send back to its own queue', async () => {
    const sim = consumerSimulation();
    const seen: string[] = [];
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      for (const r of e.Records) {
        seen.push(r.body);
        const n = Number(r.body);
        if (n < 5) sim.send('Queue', { body: String(n + 1) });
      }
    }, { duration: Duration.millis(10) });
    sim.send('Queue', { body: '0' });
    await sim.runUntilIdle();
    expect(seen).toEqual(['0', '1', '2', '3', '4', '5']);
  });
});

describe('FIFO partial responses', () => {
  test('reporting a failure but letting a later message of its group be deleted breaks the order, and the trace says so', async () => {
    // GIVEN a FIFO handler that reports only the failed record, not the ones after it in its group
    const sim = consumerSimulation({ fifo: true, reportBatchItemFailures: true });
    sim.onInvoke('Consumer', (e: SqsEvent) => ({ batchItemFailures: e.Records.filter((r) => r.body === 'm2').map((r) => ({ itemIdentifier: r.messageId })) }));
    // WHEN three messages of one group arrive while the group is busy, so they share a batch
    const first = sim.send('Queue', { body: 'm1', groupId: 'g', deduplicationId: '1' });
    sim.send('Queue', { body: 'm2', groupId: 'g', deduplicationId: '2' });
    const third = sim.send('Queue', { body: 'm3', groupId: 'g', deduplicationId: '3' });
    await sim.advance(Duration.seconds(1));
    // THEN m3 was deleted although m2, before it, failed
    expect(sim.events({ type: 'sqs.deleted' }).map((e) => e.messageId)).toEqual([first.messageId, third.messageId]);
    expect(sim.events({ type: 'esm.fifoOrderBroken' }).map((e) => e.messageId)).toEqual([third.messageId]);
  });
});

describe('concurrency', () => {
  test('a mapping without MaximumConcurrency ramps 300 batches a minute while messages wait, then falls back to 5', async () => {
    // GIVEN 60 s batches and a large backlog
    const sim = consumerSimulation({ timeout: 60, visibilityTimeout: 600 }, { trace: 'summary' });
    sim.onInvoke('Consumer', () => undefined, { duration: Duration.seconds(60) });
    for (let i = 0; i < 40_000; i++) sim.send('Queue', { body: 'x' });
    // WHEN a minute passes
    await sim.advance(Duration.seconds(60));
    // THEN the limit rose by 300 (5 → 305) and as many batches run
    expect(sim.mapping('Mapping').totals.concurrencyLimit).toBe(305);
    expect(sim.functionMetrics('Consumer').concurrency.at(-1)?.value).toBe(305);
    // AND once the queue is empty the limit steps back down to 5
    await sim.runUntilIdle();
    const limit = sim.mapping('Mapping').concurrencyLimit;
    expect(limit.at(-1)?.value).toBe(5);
    expect(Math.max(...limit.map((p) => p.value))).toBeLessThanOrEqual(1000);
  });

  test('MaximumConcurrency caps the mapping', async () => {
    const sim = consumerSimulation({ maximumConcurrency: 8 });
    sim.onInvoke('Consumer', () => undefined, { duration: Duration.seconds(10) });
    for (let i = 0; i < 1_000; i++) sim.send('Queue', { body: 'x' });
    await sim.runUntilIdle();
    expect(sim.mapping('Consumer').totals.maxActiveBatches).toBe(8);
    expect(sim.functionMetrics('Consumer').totals.maxConcurrency).toBe(8);
  });

  test('a FIFO mapping runs at most one batch per message group', async () => {
    const sim = consumerSimulation({ fifo: true });
    sim.onInvoke('Consumer', () => undefined, { duration: Duration.seconds(5) });
    for (let i = 0; i < 60; i++) sim.send('Queue', { body: `m${i}`, groupId: `g${i % 3}`, deduplicationId: `d${i}` });
    await sim.runUntilIdle();
    expect(sim.functionMetrics('Consumer').totals.maxConcurrency).toBe(3);
  });
});
