import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { signature } from '../../../lib/simulator/services/sns/envelope';
import { queue, snsQueuePolicy, subscription, template } from '../fixtures/templates';

// A queue stores an enveloped SNS delivery by reference and writes the envelope only when the body is read:
// what a consumer reads must still be byte for byte what SNS sends (AWS-FACTS §2.3), per subscription.

const stack = template({
  Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'orders' } },
  A: queue('a'),
  B: queue('b'),
  Small: queue('small', { MaximumMessageSize: 1024 }),
  Policy: snsQueuePolicy('Topic', 'A', 'B', 'Small'),
  ToA: subscription('Topic', 'A'),
  ToB: subscription('Topic', 'B'),
  ToSmall: subscription('Topic', 'Small'),
});

describe('the SNS envelope', () => {
  test('is exactly the JSON SNS sends, fields in AWS order; only UnsubscribeURL differs between subscriptions', () => {
    const sim = Simulation.fromTemplate(stack);
    const { messageId } = sim.publish('Topic', { message: 'say "hi"\n', subject: 'greeting', attributes: { eventType: 'order_placed', total: 3 } });
    const topicArn = 'arn:aws:sns:us-east-1:123456789012:orders';
    const endpoint = 'https://sns.us-east-1.amazonaws.com';
    const expected = (subscriptionId: string) => JSON.stringify({
      Type: 'Notification',
      MessageId: messageId,
      TopicArn: topicArn,
      Subject: 'greeting',
      Message: 'say "hi"\n',
      Timestamp: '2026-01-01T00:00:00.000Z',
      SignatureVersion: '1',
      Signature: Buffer.from(`simulated:${messageId}`).toString('base64'),
      SigningCertURL: `${endpoint}/SimpleNotificationService-simulated.pem`,
      UnsubscribeURL: `${endpoint}/?Action=Unsubscribe&SubscriptionArn=${sim.template.resource(subscriptionId)!.ref}`,
      MessageAttributes: { eventType: { Type: 'String', Value: 'order_placed' }, total: { Type: 'Number', Value: '3' } },
    });
    const [a] = sim.receive('A');
    const [b] = sim.receive('B');
    expect(a.body).toBe(expected('ToA'));
    expect(b.body).toBe(expected('ToB'));
    expect(a.body).not.toBe(b.body);
    expect(sim.queue('A').inFlight[0].body).toBe(a.body);
  });

  test('counts against the queue\'s MaximumMessageSize as the full envelope, though it is built only when read', () => {
    const sim = Simulation.fromTemplate(stack);
    sim.publish('Topic', { message: 'x'.repeat(400) });
    expect(sim.queue('Small').counts.visible).toBe(1);
    sim.publish('Topic', { message: 'x'.repeat(700) });
    expect(sim.queue('Small').counts.visible).toBe(1);
    expect(sim.queue('A').counts.visible).toBe(2);
    const [failed] = sim.events({ type: 'sns.deliveryFailed', resource: 'ToSmall' });
    expect(failed.reason).toMatch(/SQS rejected the message: the message is \d+ bytes; the queue's MaximumMessageSize is 1024 bytes/);
  });

  test('without subject or attributes, with a FIFO sequence number, each at its own publish time', () => {
    // GIVEN a FIFO topic delivering to a FIFO queue, two publishes at two instants and one more at the first instant's millisecond + 1
    const sim = Simulation.fromTemplate(template({
      Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'orders.fifo', FifoTopic: true, ContentBasedDeduplication: true } },
      Q: queue('q.fifo'),
      Policy: snsQueuePolicy('Topic', 'Q'),
      ToQ: subscription('Topic', 'Q'),
    }));
    const first = sim.publish('Topic', { message: 'one', groupId: 'g' });
    sim.advance(Duration.millis(1));
    const second = sim.publish('Topic', { message: 'two', groupId: 'g' });
    sim.advance(Duration.hours(25));
    const third = sim.publish('Topic', { message: 'three', groupId: 'g' });
    // WHEN the three are read
    const bodies = [0, 1, 2].map(() => {
      const [m] = sim.receive('Q');
      sim.delete('Q', m.receiptHandle);
      return JSON.parse(m.body) as Record<string, string>;
    });
    // THEN each has its own id, sequence number and timestamp, and no Subject or MessageAttributes
    expect(bodies.map((b) => [b.MessageId, b.SequenceNumber, b.Timestamp, b.Message])).toEqual([
      [first.messageId, first.sequenceNumber, '2026-01-01T00:00:00.000Z', 'one'],
      [second.messageId, second.sequenceNumber, '2026-01-01T00:00:00.001Z', 'two'],
      [third.messageId, third.sequenceNumber, '2026-01-02T01:00:00.001Z', 'three'],
    ]);
    expect(Object.keys(bodies[0])).toEqual(['Type', 'MessageId', 'SequenceNumber', 'TopicArn', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL']);
  });

  test('the signature is the base64 of "simulated:" and the message id, for any id', () => {
    for (const id of ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-00000abcdef9', '00000000-0000-4000-8000-ffffffffffff', 'not-a-simulator-id', '']) {
      expect(signature(id)).toBe(Buffer.from(`simulated:${id}`).toString('base64'));
    }
  });
});
