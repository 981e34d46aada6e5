import { createHash } from 'crypto';
import { Duration } from 'aws-cdk-lib';
import { Simulation, SqsEvent } from '../../../lib/simulator';
import { queue, template } from '../fixtures/templates';
import { consumerSimulation } from '../fixtures/consumer';

// FIFO deduplication: the id SQS used is reported, and its scope (queue or message group) decides what is a duplicate.

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('FIFO deduplication', () => {
  test('content-based deduplication: a received message carries MessageDeduplicationId, the SHA-256 hex of its body', () => {
    const sim = Simulation.fromTemplate(template({ Q: queue('q.fifo', { ContentBasedDeduplication: true }) }));
    sim.send('Q', { body: 'hello', groupId: 'g' });
    const [m] = sim.receive('Q');
    expect(m.systemAttributes.MessageDeduplicationId).toBe(sha256('hello'));
  });

  test('content-based deduplication: an event source mapping record carries MessageDeduplicationId too', async () => {
    const sim = consumerSimulation({ fifo: true });
    const ids: string[] = [];
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      ids.push(...e.Records.map((r) => r.attributes.MessageDeduplicationId!));
    });
    sim.send('Queue', { body: 'hello', groupId: 'g1' });
    await sim.advance(Duration.seconds(1));
    expect(ids).toEqual([sha256('hello')]);
  });

  test('DeduplicationScope messageGroup: the same id in two groups is two messages; in one group, one', () => {
    const sim = Simulation.fromTemplate(template({ Q: queue('q.fifo', { ContentBasedDeduplication: true, DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' }) }));
    sim.send('Q', { body: 'same', groupId: 'a' });
    sim.send('Q', { body: 'same', groupId: 'b' });
    sim.send('Q', { body: 'same', groupId: 'a' });
    expect(sim.queue('Q').counts.visible).toBe(2);
    expect(sim.events({ type: 'sqs.deduplicated' })).toHaveLength(1);
    // With the default scope (queue), the id is deduplicated across groups.
    const queueScope = Simulation.fromTemplate(template({ Q: queue('q.fifo', { ContentBasedDeduplication: true }) }));
    queueScope.send('Q', { body: 'same', groupId: 'a' });
    queueScope.send('Q', { body: 'same', groupId: 'b' });
    expect(queueScope.queue('Q').counts.visible).toBe(1);
  });

  test('the interval is 5 minutes from the first send: 4:59.999 later is a duplicate, 5:00 is not, and a duplicate does not extend it', () => {
    const sim = Simulation.fromTemplate(template({ Q: queue('q.fifo') }));
    const send = (atMs: number, body: string) => {
      sim.advance(Duration.millis(atMs - sim.now));
      sim.send('Q', { body, groupId: 'g', deduplicationId: 'order-1' });
    };
    send(0, 'first');
    send(200_000, 'duplicate');
    send(299_999, 'still a duplicate');
    expect(sim.events({ type: 'sqs.deduplicated' }).map((e) => e.time)).toEqual([200_000, 299_999]);
    send(300_000, 'new');
    expect(sim.receive('Q', { maxMessages: 10 }).map((m) => m.body)).toEqual(['first', 'new']);
  });
});
