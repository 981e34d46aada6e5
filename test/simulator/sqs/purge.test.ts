import { Duration } from 'aws-cdk-lib';
import { InvalidRequestError, Simulation, SimulationOptions } from '../../../lib/simulator';
import { queue, template } from '../fixtures/templates';

// PurgeQueue as the SQS API reference documents it: every message deleted, in flight ones included; the
// deletion takes up to 60 s, during which another purge fails with PurgeQueueInProgress and messages sent
// "might be deleted" (deleted here unless SimulationOptions.sqs.purgeDeletesLaterMessages is false).

function sim(options: SimulationOptions = {}): Simulation {
  return Simulation.fromTemplate(template({ Q: queue('q'), Other: queue('other') }), options);
}

const at = (s: Simulation, ms: number) => s.advance(Duration.millis(ms - s.now));

describe('PurgeQueue', () => {
  test('deletes visible, in-flight and delayed messages; an in-flight message\'s receipt handle stops working', () => {
    const s = sim();
    s.send('Q', { body: 'visible' });
    s.send('Q', { body: 'in flight' });
    s.send('Q', { body: 'delayed', delay: Duration.seconds(30) });
    s.send('Other', { body: 'untouched' });
    const [received] = s.receive('Q');
    s.sqs.purgeQueue('Q');
    expect(s.queue('Q').counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect(() => s.delete('Q', received.receiptHandle)).toThrow(/^ReceiptHandleIsInvalid:/);
    expect(s.events({ type: 'sqs.purged' })).toEqual([expect.objectContaining({ resource: 'Q', reason: 'PurgeQueue deleted 3 messages', detail: { count: 3 } })]);
    s.advance(Duration.minutes(5));
    expect(s.queue('Q').counts.visible).toBe(0);
    expect(s.queue('Other').counts.visible).toBe(1);
  });

  test('fails with PurgeQueueInProgress 59.999 s after a purge; 60 s after, it purges again', () => {
    const s = sim();
    s.sqs.purgeQueue('Q');
    at(s, 59_999);
    const again = () => s.sqs.purgeQueue('Q');
    expect(again).toThrow(InvalidRequestError);
    expect(again).toThrow('PurgeQueueInProgress: Q was purged 59.999s ago; only one PurgeQueue is allowed every 60 seconds');
    s.sqs.purgeQueue('Other');
    at(s, 60_000);
    s.send('Q', { body: 'after the window' });
    s.sqs.purgeQueue('Q');
    expect(s.queue('Q').counts.visible).toBe(0);
  });

  test('a message sent during the 60 s is accepted and deleted; one sent at 60 s is kept', () => {
    const s = sim();
    s.sqs.purgeQueue('Q');
    at(s, 59_999);
    const { messageId } = s.send('Q', { body: 'during' });
    expect(messageId).toEqual(expect.any(String));
    expect(s.queue('Q').counts.visible).toBe(0);
    expect(s.events({ type: 'sqs.purged' }).at(-1)?.reason).toMatch(/^sent while a PurgeQueue was in progress/);
    at(s, 60_000);
    s.send('Q', { body: 'after' });
    expect(s.receive('Q').map((m) => m.body)).toEqual(['after']);
  });

  test('with SimulationOptions.sqs.purgeDeletesLaterMessages false, messages sent during the purge are kept', () => {
    const s = sim({ sqs: { purgeDeletesLaterMessages: false } });
    s.send('Q', { body: 'before' });
    s.sqs.purgeQueue('Q');
    s.send('Q', { body: 'during' });
    expect(s.receive('Q').map((m) => m.body)).toEqual(['during']);
  });
});
