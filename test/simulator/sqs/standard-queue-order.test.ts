import { Simulation } from '../../../lib/simulator';
import { queue, template } from '../fixtures/templates';

// Standard queues promise best-effort order and at-least-once delivery; the seed decides how a run departs from
// send order, so a test can reproduce it.

const SENT = Array.from({ length: 30 }, (_, i) => String(i));

/** Sends 30 messages, then receives and deletes them 10 at a time: the order they came back in. */
function receivedOrder(seed: number, reorder: boolean, duplicateRate = 0): string[] {
  const sim = Simulation.fromTemplate(template({ Q: queue('q') }), { seed, standardQueues: { reorder, duplicateRate } });
  for (const body of SENT) sim.send('Q', { body });
  const order: string[] = [];
  for (let got = sim.receive('Q', { maxMessages: 10 }); got.length > 0; got = sim.receive('Q', { maxMessages: 10 })) {
    for (const m of got) {
      order.push(m.body);
      sim.delete('Q', m.receiptHandle);
    }
  }
  return order;
}

describe('best-effort order (standardQueues.reorder)', () => {
  test('off by default: messages come back in send order', () => {
    expect(receivedOrder(1, false)).toEqual(SENT);
  });

  test('same seed, same order', () => {
    expect(receivedOrder(7, true)).toEqual(receivedOrder(7, true));
  });

  test('the order departs from send order, and another seed can give another order', () => {
    const seven = receivedOrder(7, true);
    expect(seven).not.toEqual(SENT);
    expect(receivedOrder(8, true)).not.toEqual(seven);
  });

  test('nothing is lost or repeated: every message is received exactly once', () => {
    for (const seed of [1, 2, 3, 7, 8]) expect([...receivedOrder(seed, true)].sort((a, b) => Number(a) - Number(b))).toEqual(SENT);
  });

  test('with duplicates on as well, every message arrives at least once and only duplicates repeat', () => {
    const order = receivedOrder(3, true, 0.3);
    expect(new Set(order)).toEqual(new Set(SENT));
    expect(order.length).toBeGreaterThan(SENT.length);
  });
});
