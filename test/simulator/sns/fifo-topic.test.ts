import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { queue, snsQueuePolicy, subscription, template, topic } from '../fixtures/templates';

// FIFO topics (AWS-FACTS §2.5): a deduplication id published again within 5 minutes is accepted and not
// delivered; every accepted publish gets the next sequence number, which the envelope carries.

/** A FIFO topic delivering to a FIFO queue and a standard queue. */
function fifoTopic(properties: Record<string, unknown> = {}): Simulation {
  return Simulation.fromTemplate(template({
    Topic: topic('orders.fifo', { FifoTopic: true, ...properties }),
    Fifo: queue('fifo.fifo'),
    Standard: queue('standard'),
    Policy: snsQueuePolicy('Topic', 'Fifo', 'Standard'),
    ToFifo: subscription('Topic', 'Fifo'),
    ToStandard: subscription('Topic', 'Standard'),
  }));
}

/** Moves virtual time to `ms` since the start. */
function at(sim: Simulation, ms: number): Simulation {
  sim.advance(Duration.millis(ms - sim.now));
  return sim;
}

const delivered = (sim: Simulation) => [sim.queue('Fifo').counts.visible, sim.queue('Standard').counts.visible];

describe('FIFO topic deduplication', () => {
  test('the same id 4:59.999 after the first is deduplicated; at 5:00 it is a new message', () => {
    const sim = fifoTopic();
    sim.publish('Topic', { message: 'first', groupId: 'g', deduplicationId: 'order-1' });
    at(sim, 299_999).publish('Topic', { message: 'again', groupId: 'g', deduplicationId: 'order-1' });
    expect(delivered(sim)).toEqual([1, 1]);
    expect(sim.events({ type: 'sns.deduplicated' })).toEqual([expect.objectContaining({ time: 299_999, resource: 'Topic' })]);
    at(sim, 300_000).publish('Topic', { message: 'later', groupId: 'g', deduplicationId: 'order-1' });
    expect(delivered(sim)).toEqual([2, 2]);
  });

  test('a duplicate does not extend the interval: it counts from the first publish', () => {
    const sim = fifoTopic();
    sim.publish('Topic', { message: 'first', groupId: 'g', deduplicationId: 'order-1' });
    at(sim, 200_000).publish('Topic', { message: 'dup', groupId: 'g', deduplicationId: 'order-1' });
    at(sim, 300_000).publish('Topic', { message: 'new', groupId: 'g', deduplicationId: 'order-1' });
    expect(delivered(sim)).toEqual([2, 2]);
  });

  test('content-based: the SHA-256 of the body decides, attributes and group do not (topic scope)', () => {
    const sim = fifoTopic({ ContentBasedDeduplication: true });
    sim.publish('Topic', { message: 'same', groupId: 'a', attributes: { v: '1' } });
    sim.publish('Topic', { message: 'same', groupId: 'b', attributes: { v: '2' } });
    sim.publish('Topic', { message: 'other', groupId: 'a' });
    expect(delivered(sim)).toEqual([2, 2]);
  });

  test('FifoThroughputScope MessageGroup: the same id in two groups is two messages, in one group one', () => {
    const sim = fifoTopic({ ContentBasedDeduplication: true, FifoThroughputScope: 'MessageGroup' });
    sim.publish('Topic', { message: 'same', groupId: 'a' });
    sim.publish('Topic', { message: 'same', groupId: 'b' });
    sim.publish('Topic', { message: 'same', groupId: 'a' });
    expect(sim.queue('Standard').counts.visible).toBe(2);
    // SNS passes its deduplication id on: the FIFO queue (queue scope, its default) drops the second group's copy itself.
    expect(sim.queue('Fifo').counts.visible).toBe(1);
    expect(sim.events({ type: 'sqs.deduplicated', resource: 'Fifo' })).toHaveLength(1);
  });
});

describe('FIFO topic sequence numbers', () => {
  test('each accepted publish gets the next 20-digit number, a deduplicated one none; the envelope carries it', () => {
    const sim = fifoTopic();
    const first = sim.publish('Topic', { message: 'one', groupId: 'g', deduplicationId: '1' });
    const duplicate = sim.publish('Topic', { message: 'one', groupId: 'g', deduplicationId: '1' });
    const second = sim.publish('Topic', { message: 'two', groupId: 'g', deduplicationId: '2' });
    expect([first.sequenceNumber, duplicate.sequenceNumber, second.sequenceNumber]).toEqual(['00000000000000000001', undefined, '00000000000000000002']);
    const envelopes = sim.receive('Standard', { maxMessages: 10 }).map((m) => JSON.parse(m.body) as Record<string, string>);
    expect(envelopes.map((e) => [e.Message, e.SequenceNumber])).toEqual([['one', first.sequenceNumber], ['two', second.sequenceNumber]]);
    // The FIFO queue numbers what it stores on its own; the envelope keeps SNS's number.
    const [fromQueue] = sim.receive('Fifo');
    expect(JSON.parse(fromQueue.body).SequenceNumber).toBe(first.sequenceNumber);
    expect(fromQueue.sequenceNumber).toMatch(/^\d{20}$/);
  });

  test('a standard topic gives no sequence number, and its envelope has no SequenceNumber field', () => {
    const sim = Simulation.fromTemplate(template({ Topic: topic('orders'), Q: queue('q'), Policy: snsQueuePolicy('Topic', 'Q'), Sub: subscription('Topic', 'Q') }));
    expect(sim.publish('Topic', { message: 'm' }).sequenceNumber).toBeUndefined();
    expect(Object.keys(JSON.parse(sim.receive('Q')[0].body))).not.toContain('SequenceNumber');
  });
});
