import { Random } from '../../../lib/simulator/random';
import { SimulationRuntime, TEST_ENVIRONMENT } from '../../../lib/simulator/runtime';
import { sqsQueueSettings } from '../../../lib/simulator/services/sqs/settings';
import { SqsStandardQueue } from '../../../lib/simulator/services/sqs/standard-queue';
import { Trace } from '../../../lib/simulator/trace';

// The queue's time-keeping and receipts, which the simulator keeps off the clock's heap for speed: visibility
// timeouts ending in receive order share one timer, visible messages' retention is one list per queue, and
// receipts live in a table keyed by receipt number. Each must behave exactly as one timer per message would.

function setup(extra: { visibilityTimeoutMs?: number; retentionMs?: number } = {}) {
  const rt = new SimulationRuntime(1, new Trace('full'), TEST_ENVIRONMENT, { duplicateRate: 0, reorder: false }, 0);
  const make = (name: string) => new SqsStandardQueue(rt, sqsQueueSettings({ logicalId: name, name, arn: `arn:aws:sqs:us-east-1:123456789012:${name}`, url: `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`, ...extra }));
  return { rt, q: make('q'), other: make('other') };
}

/** When each message became visible again, in the order it happened. */
function reappearances(rt: SimulationRuntime): [string, number][] {
  return rt.trace.filter({ type: 'sqs.visibilityExpired' }).map((e) => [e.messageId!, e.time]);
}

describe('visibility timeouts', () => {
  test('end in time order whatever the order of the receives: per-receive timeouts and ChangeMessageVisibility', () => {
    const { rt, q } = setup({ visibilityTimeoutMs: 30_000 });
    const ids = ['a', 'b', 'c', 'd'].map((body) => q.send({ body }));
    const [a] = q.receive();
    q.receive({ visibilityTimeoutMs: 10_000 });
    q.receive();
    const [d] = q.receive({ visibilityTimeoutMs: 40_000 });
    expect(q.changeVisibility(a.receiptHandle, 5_000).ok).toBe(true);
    expect(q.changeVisibility(d.receiptHandle, 20_000).ok).toBe(true);
    rt.clock.run(60_000);
    const id = (i: number) => (ids[i] as { messageId: string }).messageId;
    expect(reappearances(rt)).toEqual([[id(0), 5_000], [id(1), 10_000], [id(3), 20_000], [id(2), 30_000]]);
    expect(q.counts).toEqual({ visible: 4, inFlight: 0, delayed: 0 });
  });

  test('received at different times: deleting the first in flight changes nothing for the others, and nothing expires early', () => {
    const { rt, q } = setup({ visibilityTimeoutMs: 30_000, retentionMs: 100_000 });
    const sent = ['a', 'b', 'c'].map((body, i) => {
      rt.clock.run(i * 1_000);
      return (q.send({ body }) as { messageId: string }).messageId;
    });
    const handles = [0, 1, 2].map((i) => {
      rt.clock.run(10_000 + i * 5_000);
      return q.receive()[0].receiptHandle;
    });
    expect(q.delete(handles[0]).ok).toBe(true);
    rt.clock.run(99_999);
    expect(reappearances(rt)).toEqual([[sent[1], 45_000], [sent[2], 50_000]]);
    expect(rt.trace.count('sqs.expired')).toBe(0);
    rt.clock.runUntilIdle();
    expect(rt.trace.filter({ type: 'sqs.expired' }).map((e) => e.time)).toEqual([101_000, 102_000]);
    expect(rt.clock.pending).toBe(0);
  });

  test('a timeout of 0 makes the message visible again at once, and receiving it again is a new receive', () => {
    const { rt, q } = setup();
    q.send({ body: 'x' });
    expect(q.receive({ visibilityTimeoutMs: 0 })).toHaveLength(1);
    rt.clock.run(0);
    const [again] = q.receive({ visibilityTimeoutMs: 0 });
    expect(again.receiveCount).toBe(2);
  });

  test('a deleted message never reappears, and an idle queue leaves nothing on the clock', () => {
    const { rt, q } = setup();
    for (let i = 0; i < 5; i++) q.send({ body: String(i) });
    for (const m of q.receive({ maxMessages: 10 })) expect(q.delete(m.receiptHandle).ok).toBe(true);
    expect(rt.clock.pending).toBe(0);
    rt.clock.runUntilIdle();
    expect(rt.clock.now).toBe(0);
    expect(reappearances(rt)).toEqual([]);
  });
});

describe('retention', () => {
  test('a message back from flight keeps its enqueue time: it expires before messages sent after it', () => {
    const { rt, q } = setup({ retentionMs: 60_000, visibilityTimeoutMs: 20_000 });
    const a = q.send({ body: 'a' });
    q.receive();
    rt.clock.run(10_000);
    const b = q.send({ body: 'b' });
    rt.clock.run(30_000);
    const c = q.send({ body: 'c' });
    expect(q.visible.map((m) => m.body)).toEqual(['b', 'a', 'c']);
    rt.clock.runUntilIdle();
    const expired = rt.trace.filter({ type: 'sqs.expired' }).map((e) => [e.messageId, e.time]);
    expect(expired).toEqual([a, b, c].map((s, i) => [(s as { messageId: string }).messageId, [60_000, 70_000, 90_000][i]]));
  });

  test('an in-flight message expires at the end of retention even if its visibility timeout ends later', () => {
    const { rt, q } = setup({ retentionMs: 60_000 });
    q.send({ body: 'a' });
    q.receive({ visibilityTimeoutMs: 120_000 });
    rt.clock.runUntilIdle();
    expect(rt.trace.filter({ type: ['sqs.expired', 'sqs.visibilityExpired'] }).map((e) => [e.type, e.time])).toEqual([['sqs.expired', 60_000]]);
  });
});

describe('receipt handles', () => {
  test('each of many receipts deletes its message once, whatever the order of the deletes', () => {
    const { q } = setup();
    for (let i = 0; i < 1000; i++) q.send({ body: String(i) });
    const handles: string[] = [];
    for (let got = q.receive({ maxMessages: 10 }); got.length > 0; got = q.receive({ maxMessages: 10 })) handles.push(...got.map((m) => m.receiptHandle));
    expect(new Set(handles).size).toBe(1000);
    // A fixed shuffle: deletes land all over the table, so entries after each hole must still be found.
    const order = handles.map((h, i) => [(i * 7919) % 1000, h] as const).sort(([a], [b]) => a - b).map(([, h]) => h);
    for (const h of order) expect(q.delete(h).ok).toBe(true);
    for (const h of order.slice(0, 10)) expect(q.delete(h)).toMatchObject({ ok: false, code: 'ReceiptHandleIsInvalid' });
    expect(q.counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  test('under churn (receipts far apart sharing table slots), a live handle always deletes and a dead one never does', () => {
    const { q } = setup({ visibilityTimeoutMs: 43_200_000 });
    for (let i = 0; i < 50; i++) q.send({ body: String(i) });
    const random = new Random(42);
    const next = (n: number) => random.int(n);
    const live: string[] = [];
    const dead: string[] = [];
    for (let op = 0; op < 5000; op++) {
      if (next(2) === 0) {
        live.push(...q.receive({ maxMessages: 1 + next(3) }).map((m) => m.receiptHandle));
      } else if (live.length > 0) {
        const [h] = live.splice(next(live.length), 1);
        expect(q.delete(h).ok).toBe(true);
        dead.push(h);
        q.send({ body: 'refill' });
      }
      if (dead.length > 0) expect(q.delete(dead[next(dead.length)]).ok).toBe(false);
    }
    expect(q.counts.inFlight).toBe(live.length);
    for (const h of live) expect(q.delete(h).ok).toBe(true);
  });

  test('ChangeMessageVisibility finds every current handle, in any slot of the table; a deleted one is refused', () => {
    // GIVEN messages received and deleted one at a time: the table stays small and its slots, the first too, are all used in turn
    const { q, rt } = setup({ visibilityTimeoutMs: 30_000 });
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      q.send({ body: String(i) });
      const [m] = q.receive();
      ids.push(m.messageId);
      // THEN its handle changes its visibility while it is current, and no longer once it is deleted
      expect(q.changeVisibility(m.receiptHandle, 5_000)).toEqual({ ok: true });
      expect(q.delete(m.receiptHandle)).toEqual({ ok: true });
      expect(q.changeVisibility(m.receiptHandle, 5_000)).toEqual({ ok: false, code: 'ReceiptHandleIsInvalid', reason: `receipt handle ${m.receiptHandle} is not current` });
    }
    expect(rt.trace.filter({ type: 'sqs.visibilityChanged' }).map((e) => [e.messageId, e.detail])).toEqual(ids.map((id) => [id, { timeoutMs: 5_000 }]));
  });

  test('a handle from another queue, or one that is not a receipt handle, is invalid', () => {
    const { q, other } = setup();
    q.send({ body: 'x' });
    other.send({ body: 'y' });
    const [m] = q.receive();
    other.receive();
    for (const h of [m.receiptHandle, 'AQEB0', 'AQEB', 'AQEB1x', 'nonsense', '']) expect(other.delete(h).ok).toBe(false);
    expect(q.delete(m.receiptHandle).ok).toBe(true);
  });
});
