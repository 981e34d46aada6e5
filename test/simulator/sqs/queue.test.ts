import { SimulationRuntime, TEST_ENVIRONMENT } from '../../../lib/simulator/runtime';
import { SqsFifoQueue } from '../../../lib/simulator/services/sqs/fifo-queue';
import { SqsQueue } from '../../../lib/simulator/services/sqs/queue';
import { SqsQueueSettingsInput, sqsQueueSettings } from '../../../lib/simulator/services/sqs/settings';
import { SqsStandardQueue } from '../../../lib/simulator/services/sqs/standard-queue';
import { Trace } from '../../../lib/simulator/trace';

// The queue models on their own, as the part-2 event source mapping drives them (no template).
function runtime(seed = 1, duplicateRate = 0, reorder = false): SimulationRuntime {
  return new SimulationRuntime(seed, new Trace('full'), TEST_ENVIRONMENT, { duplicateRate, reorder }, 0);
}
function settings(name: string, extra: Partial<SqsQueueSettingsInput> = {}) {
  return sqsQueueSettings({ logicalId: name.replace('.fifo', ''), name, arn: `arn:aws:sqs:us-east-1:123456789012:${name}`, url: `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`, ...extra });
}
function standard(rt: SimulationRuntime, name = 'q', extra: Partial<SqsQueueSettingsInput> = {}): SqsStandardQueue {
  return new SqsStandardQueue(rt, settings(name, extra));
}
function fifo(rt: SimulationRuntime, name = 'q.fifo', extra: Partial<SqsQueueSettingsInput> = {}): SqsFifoQueue {
  return new SqsFifoQueue(rt, settings(name, { contentBasedDeduplication: true, ...extra }));
}
function bodies(q: SqsQueue, max = 10, visibilityTimeoutMs?: number): string[] {
  return q.receive({ maxMessages: max, visibilityTimeoutMs }).map((m) => m.body);
}

describe('SQS standard queue model', () => {
  test('a received message is invisible for the visibility timeout, then visible again with a higher receive count', () => {
    const rt = runtime();
    const q = standard(rt, 'q', { visibilityTimeoutMs: 30_000 });
    q.send({ body: 'a' });
    const [m] = q.receive();
    expect(q.counts).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
    rt.clock.run(29_999);
    expect(q.receive()).toEqual([]);
    rt.clock.run(30_000);
    const [again] = q.receive();
    expect(again.messageId).toBe(m.messageId);
    expect(again.receiveCount).toBe(2);
    expect(q.delete(m.receiptHandle).ok).toBe(false);
    expect(q.delete(again.receiptHandle).ok).toBe(true);
    expect(q.counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  test('a message received more than maxReceiveCount times moves to the DLQ, keeping its enqueue time', () => {
    const rt = runtime();
    const dlq = standard(rt, 'dlq', { retentionMs: 60_000 * 60 });
    const q = standard(rt, 'q', { visibilityTimeoutMs: 1000, redrive: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 } });
    q.deadLetterQueue = dlq;
    q.send({ body: 'poison' });
    for (let i = 1; i <= 3; i++) {
      expect(q.receive()[0].receiveCount).toBe(i);
      rt.clock.run(rt.clock.now + 1000);
    }
    expect(q.receive()).toEqual([]);
    expect(dlq.visible.map((m) => [m.body, m.sentAt])).toEqual([['poison', 0]]);
    expect(rt.trace.filter({ type: 'sqs.movedToDeadLetterQueue' })).toHaveLength(1);
  });

  test('delay hides a message until it ends; a long visibility timeout costs one timer, not time', () => {
    const rt = runtime();
    const q = standard(rt);
    q.send({ body: 'later', delayMs: 10_000 });
    expect(q.counts.delayed).toBe(1);
    rt.clock.run(10_000);
    const [m] = q.receive({ visibilityTimeoutMs: 43_200_000 });
    expect(q.changeVisibility(m.receiptHandle, 43_200_000).ok).toBe(true);
    expect(rt.clock.pending).toBe(1);
    rt.clock.step();
    expect(rt.clock.now).toBe(10_000 + 43_200_000);
    expect(q.counts).toMatchObject({ visible: 1, inFlight: 0 });
  });

  test('ChangeMessageVisibility cannot extend past 12 hours after the receive', () => {
    const rt = runtime();
    const q = standard(rt);
    q.send({ body: 'x' });
    const [m] = q.receive();
    rt.clock.run(5000);
    expect(q.changeVisibility(m.receiptHandle, 43_200_000)).toMatchObject({ ok: false, code: 'InvalidParameterValue' });
    expect(q.changeVisibility(m.receiptHandle, 43_195_000).ok).toBe(true);
  });

  test('retention deletes messages counted from the enqueue time', () => {
    const rt = runtime();
    const q = standard(rt, 'q', { retentionMs: 60_000 });
    q.send({ body: 'old' });
    rt.clock.run(60_000);
    expect(q.counts.visible).toBe(0);
    expect(rt.trace.count('sqs.expired')).toBe(1);
  });

  test('a message larger than MaximumMessageSize is rejected', () => {
    const q = standard(runtime(), 'q', { maximumMessageSize: 1024 });
    expect(q.send({ body: 'x'.repeat(1025) })).toMatchObject({ ok: false, code: 'InvalidParameterValue' });
  });

  test('a seed can inject at-least-once duplicates; same seed, same duplicates', () => {
    const dup = (seed: number) => {
      const q = standard(runtime(seed, 0.5));
      for (let i = 0; i < 20; i++) q.send({ body: String(i) });
      return q.counts.visible;
    };
    expect(dup(7)).toBeGreaterThan(20);
    expect(dup(7)).toBe(dup(7));
  });
});

describe('SQS FIFO queue model', () => {
  test('order holds within a group, and a group is locked while a message of it is in flight', () => {
    const rt = runtime();
    const q = fifo(rt, 'q.fifo', { visibilityTimeoutMs: 1000 });
    for (const [g, b] of [['a', 'a1'], ['a', 'a2'], ['b', 'b1'], ['a', 'a3']]) q.send({ body: b, groupId: g });
    expect(bodies(q, 1)).toEqual(['a1']);
    expect(bodies(q, 10)).toEqual(['b1']);
    rt.clock.run(1000);
    expect(bodies(q, 10)).toEqual(['a1', 'a2', 'a3', 'b1']);
  });

  test('a deduplication id seen in the last 5 minutes is accepted but not delivered', () => {
    const rt = runtime();
    const q = fifo(rt);
    expect(q.send({ body: 'x', groupId: 'g' })).toMatchObject({ ok: true, deduplicated: false });
    expect(q.send({ body: 'x', groupId: 'g' })).toMatchObject({ ok: true, deduplicated: true });
    rt.clock.run(300_000);
    expect(q.send({ body: 'x', groupId: 'g' })).toMatchObject({ ok: true, deduplicated: false });
    expect(q.counts.visible).toBe(2);
  });

  test('a FIFO queue rejects a message without a group id or with a per-message delay', () => {
    const q = fifo(runtime());
    expect(q.send({ body: 'x' })).toMatchObject({ ok: false, code: 'MissingParameter' });
    expect(q.send({ body: 'x', groupId: 'g', delayMs: 1000 })).toMatchObject({ ok: false, code: 'InvalidParameterValue' });
  });
});
