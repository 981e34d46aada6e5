import { Simulation } from '../../../lib/simulator';
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
});
