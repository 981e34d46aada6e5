import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { queue, template } from '../fixtures/templates';

// The FIFO group lock (AWS-FACTS §1.6) when messages of one group come back at different times, and the
// queue-level delay (DelaySeconds, §1.1) on standard and FIFO queues, at the millisecond it ends.

const bodies = (sim: Simulation, q: string) => sim.receive(q, { maxMessages: 10 }).map((m) => m.body);

/** Receives up to 10 messages and deletes them: their bodies. */
function consume(sim: Simulation, q: string): string[] {
  return sim.receive(q, { maxMessages: 10 }).map((m) => {
    sim.delete(q, m.receiptHandle);
    return m.body;
  });
}

describe('the FIFO group lock', () => {
  function groupOfThree(): Simulation {
    const sim = Simulation.fromTemplate(template({ Q: queue('q.fifo', { ContentBasedDeduplication: true, VisibilityTimeout: 60 }), Other: queue('other.fifo', { ContentBasedDeduplication: true }) }));
    for (const body of ['m1', 'm2', 'm3']) sim.send('Q', { body, groupId: 'g' });
    sim.send('Q', { body: 'h1', groupId: 'h' });
    return sim;
  }

  test('the head message back from flight while a later one is still in flight: the group stays locked until that one is deleted', () => {
    const sim = groupOfThree();
    // GIVEN m1 and m2 received together, and m1's visibility ended early
    const [m1, m2] = sim.receive('Q', { maxMessages: 2 });
    expect([m1.body, m2.body]).toEqual(['m1', 'm2']);
    sim.changeVisibility('Q', m1.receiptHandle, Duration.seconds(0));
    expect(sim.queue('Q').visible.map((m) => m.body)).toEqual(['m1', 'm3', 'h1']);
    // THEN group g gives nothing while m2 is in flight; group h is not held up
    expect(bodies(sim, 'Q')).toEqual(['h1']);
    // WHEN m2 is deleted, m1 comes back first, then m3: order holds within the group
    sim.delete('Q', m2.receiptHandle);
    expect(bodies(sim, 'Q')).toEqual(['m1', 'm3']);
  });

  test('the head message back from flight alone unlocks the group, and comes before the later ones', () => {
    const sim = groupOfThree();
    expect(sim.receive('Q', { maxMessages: 1 }).map((m) => m.body)).toEqual(['m1']);
    expect(consume(sim, 'Q')).toEqual(['h1']);
    sim.advance(Duration.millis(59_999));
    expect(bodies(sim, 'Q')).toEqual([]);
    sim.advance(Duration.millis(1));
    expect(bodies(sim, 'Q')).toEqual(['m1', 'm2', 'm3']);
  });

  test('a later message back from flight while the head is still in flight does not unlock the group', () => {
    const sim = groupOfThree();
    const [, m2] = sim.receive('Q', { maxMessages: 2 });
    sim.changeVisibility('Q', m2.receiptHandle, Duration.seconds(0));
    expect(bodies(sim, 'Q')).toEqual(['h1']);
  });
});

describe('the queue-level delay (DelaySeconds)', () => {
  test('a standard queue holds each message exactly DelaySeconds; a per-message delay replaces it, 0 included', () => {
    const sim = Simulation.fromTemplate(template({ Q: queue('q', { DelaySeconds: 30 }) }));
    sim.send('Q', { body: 'queue delay' });
    sim.send('Q', { body: 'no delay', delay: Duration.seconds(0) });
    sim.send('Q', { body: 'own delay', delay: Duration.seconds(10) });
    expect(consume(sim, 'Q')).toEqual(['no delay']);
    sim.advance(Duration.seconds(10));
    expect(consume(sim, 'Q')).toEqual(['own delay']);
    sim.advance(Duration.millis(19_999));
    expect(sim.queue('Q').counts.delayed).toBe(1);
    sim.advance(Duration.millis(1));
    expect(consume(sim, 'Q')).toEqual(['queue delay']);
  });

  test('a FIFO queue delays every message by its DelaySeconds, in order', () => {
    const sim = Simulation.fromTemplate(template({ Q: queue('q.fifo', { ContentBasedDeduplication: true, DelaySeconds: 5 }) }));
    sim.send('Q', { body: 'a', groupId: 'g' });
    sim.advance(Duration.seconds(1));
    sim.send('Q', { body: 'b', groupId: 'g' });
    sim.advance(Duration.millis(3_999));
    expect(bodies(sim, 'Q')).toEqual([]);
    sim.advance(Duration.millis(1));
    expect(sim.queue('Q').visible.map((m) => m.body)).toEqual(['a']);
    sim.advance(Duration.seconds(1));
    expect(bodies(sim, 'Q')).toEqual(['a', 'b']);
  });

  test('SNS deliveries wait the queue\'s delay too', () => {
    const sim = Simulation.fromTemplate(template({
      Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 't' } },
      Q: queue('q', { DelaySeconds: 60 }),
      Policy: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'Q' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*', Condition: { ArnEquals: { 'aws:SourceArn': { Ref: 'Topic' } } } }] } } },
      Sub: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'Topic' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['Q', 'Arn'] } } },
    }));
    sim.publish('Topic', { message: 'm' });
    expect(sim.queue('Q').counts).toEqual({ visible: 0, inFlight: 0, delayed: 1 });
    sim.advance(Duration.seconds(60));
    expect(sim.queue('Q').counts.visible).toBe(1);
  });
});
