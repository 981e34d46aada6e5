import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { queue, redrive, template } from '../fixtures/templates';

// The standard queue's loose guarantees when a seed turns them on (SimulationOptions.standardQueues): duplicates
// (at-least-once delivery) and best-effort order, never on FIFO queues; and what a message keeps when it moves.

const START = Date.UTC(2026, 0, 1);

describe('at-least-once delivery (standardQueues.duplicateRate)', () => {
  test('at rate 1 every standard message is stored twice under one id, traced; a FIFO queue never duplicates', () => {
    // GIVEN a standard and a FIFO queue, and a seed that always duplicates
    const s = Simulation.fromTemplate(template({ Q: queue('q'), F: queue('f.fifo', { ContentBasedDeduplication: true }) }), { standardQueues: { duplicateRate: 1 } });
    // WHEN one message is sent to each
    const { messageId } = s.send('Q', { body: 'a' });
    s.send('F', { body: 'a', groupId: 'g' });
    // THEN the standard queue returns it twice with the same id, the FIFO queue once
    expect(s.receive('Q', { maxMessages: 10 }).map((m) => [m.messageId, m.body])).toEqual([[messageId, 'a'], [messageId, 'a']]);
    expect(s.receive('F', { maxMessages: 10 }).map((m) => m.body)).toEqual(['a']);
    expect(s.events({ type: 'sqs.duplicated' }).map((e) => [e.resource, e.messageId, e.reason])).toEqual([
      ['Q', messageId, 'standard queues deliver at least once; the seed injected a duplicate'],
    ]);
    expect(s.queue('Q').totals.sent).toBe(1);
  });

  test('at rate 0 (the default) nothing is duplicated', () => {
    const s = Simulation.fromTemplate(template({ Q: queue('q') }));
    for (let i = 0; i < 20; i++) s.send('Q', { body: String(i) });
    expect(s.queue('Q').counts.visible).toBe(20);
    expect(s.events({ type: 'sqs.duplicated' })).toEqual([]);
  });
});

describe('best-effort order (standardQueues.reorder)', () => {
  /** The body a receive of one returns from a, b, c, d under `seed`. */
  function firstOf(seed: number, reorder: boolean): string {
    const s = Simulation.fromTemplate(template({ Q: queue('q') }), { seed, standardQueues: { reorder } });
    for (const body of ['a', 'b', 'c', 'd']) s.send('Q', { body });
    return s.receive('Q')[0].body;
  }

  test('a receive of one picks from the two oldest: across seeds both come first, never a later one', () => {
    const firsts = new Set(Array.from({ length: 40 }, (_, seed) => firstOf(seed + 1, true)));
    expect([...firsts].sort()).toEqual(['a', 'b']);
  });

  test('without reorder the oldest always comes first', () => {
    expect(new Set(Array.from({ length: 10 }, (_, seed) => firstOf(seed + 1, false)))).toEqual(new Set(['a']));
  });

  test('a receive of two picks two of the four oldest, each message at most once, and every message comes back in the end', () => {
    const s = Simulation.fromTemplate(template({ Q: queue('q') }), { seed: 3, standardQueues: { reorder: true } });
    for (let i = 0; i < 6; i++) s.send('Q', { body: String(i) });
    const got: string[] = [];
    for (let r = 0; r < 3; r++) {
      const batch = s.receive('Q', { maxMessages: 2 });
      expect(batch).toHaveLength(2);
      got.push(...batch.map((m) => m.body));
    }
    expect([...got].sort()).toEqual(['0', '1', '2', '3', '4', '5']);
  });
});

describe('what a message keeps when it moves to its DLQ', () => {
  test('its receive count and first receive time carry over; the DLQ receive counts on from them', () => {
    // GIVEN a message received first at 1 s and moved to the DLQ at 11 s
    const s = Simulation.fromTemplate(template({ Dlq: queue('dlq', { MessageRetentionPeriod: 1_209_600 }), Q: queue('q', { VisibilityTimeout: 10, ...redrive('Dlq', 1) }) }));
    s.send('Q', { body: 'poison' });
    s.advance(Duration.seconds(1));
    s.receive('Q');
    s.advance(Duration.seconds(10));
    s.receive('Q');
    s.advance(Duration.seconds(5));
    // WHEN it is received from the DLQ at 16 s
    const [m] = s.receive('Dlq');
    // THEN its count and first receive time continue
    expect(m.systemAttributes).toEqual({ ApproximateReceiveCount: '2', ApproximateFirstReceiveTimestamp: String(START + 1000), SentTimestamp: String(START), SenderId: '123456789012' });
  });
});

describe('sends during a purge', () => {
  test('are counted as sent, though the purge deletes them', () => {
    const s = Simulation.fromTemplate(template({ Q: queue('q') }));
    s.sqs.purgeQueue('Q');
    s.send('Q', { body: 'during' });
    expect({ ...s.queue('Q').totals }).toEqual({ sent: 1, received: 0, deleted: 0, emptyReceives: 0 });
    expect(s.queue('Q').counts.visible).toBe(0);
  });
});
