import { Simulation } from '../../../lib/simulator';
import { queue, snsQueuePolicy, subscription, template, topic } from '../fixtures/templates';

// Raw delivery to SQS (AWS-FACTS §2.3): the body is the message, SNS attributes become SQS attributes (Binary
// included), and at most 10 of them can be carried; a standard topic cannot deliver to a FIFO queue (§2.5).

function rawAndEnveloped(): Simulation {
  return Simulation.fromTemplate(template({
    Topic: topic('orders'),
    Raw: queue('raw'),
    Enveloped: queue('enveloped'),
    Dlq: queue('dlq'),
    Policy: snsQueuePolicy('Topic', 'Raw', 'Enveloped', 'Dlq'),
    ToRaw: subscription('Topic', 'Raw', { RawMessageDelivery: 'true', RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] } } }),
    ToEnveloped: subscription('Topic', 'Enveloped'),
  }));
}

const attributes = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, `v${i}`]));

describe('raw delivery', () => {
  test('carries 10 attributes as SQS message attributes', () => {
    const sim = rawAndEnveloped();
    sim.publish('Topic', { message: 'ten', attributes: attributes(10) });
    const [m] = sim.receive('Raw');
    expect(m.body).toBe('ten');
    expect(Object.keys(m.attributes)).toHaveLength(10);
    expect(m.attributes.a9).toEqual({ DataType: 'String', StringValue: 'v9' });
  });

  test('fails to deliver 11 attributes: the delivery goes to the subscription DLQ; an enveloped subscription carries them', () => {
    const sim = rawAndEnveloped();
    const { messageId } = sim.publish('Topic', { message: 'eleven', attributes: attributes(11) });
    expect(sim.queue('Raw').counts.visible).toBe(0);
    expect(sim.events({ type: 'sns.deliveryFailed', resource: 'ToRaw' })).toEqual([
      expect.objectContaining({ messageId, reason: 'raw delivery to SQS carries at most 10 message attributes' }),
    ]);
    expect(sim.events({ type: 'sns.deadLettered', resource: 'ToRaw' })).toHaveLength(1);
    expect(Object.keys(JSON.parse(sim.receive('Enveloped')[0].body).MessageAttributes)).toHaveLength(11);
  });

  test('a Binary attribute arrives as an SQS Binary attribute with the same base64 value; String.Array and Number keep their types', () => {
    const sim = rawAndEnveloped();
    sim.publish('Topic', { message: 'typed', attributes: { blob: { Type: 'Binary', Value: 'AAEC/w==' }, tags: ['a', 'b'], total: 12.5 } });
    expect(sim.receive('Raw')[0].attributes).toEqual({
      blob: { DataType: 'Binary', BinaryValue: 'AAEC/w==' },
      tags: { DataType: 'String.Array', StringValue: '["a","b"]' },
      total: { DataType: 'Number', StringValue: '12.5' },
    });
    // The envelope lists the Binary attribute with its type and base64 value.
    expect(JSON.parse(sim.receive('Enveloped')[0].body).MessageAttributes.blob).toEqual({ Type: 'Binary', Value: 'AAEC/w==' });
  });
});

describe('a standard topic and a FIFO queue', () => {
  test('fails to deliver: an error finding, and each publish is a failed delivery, never a message in the queue', () => {
    const sim = Simulation.fromTemplate(template({
      Topic: topic('orders'),
      Fifo: queue('fifo.fifo', { ContentBasedDeduplication: true }),
      Policy: snsQueuePolicy('Topic', 'Fifo'),
      Sub: subscription('Topic', 'Fifo'),
    }));
    expect(sim.findings().filter((f) => f.code === 'decoupled-sim:subscription-undeliverable')).toEqual([
      expect.objectContaining({ severity: 'error', resources: ['Sub', 'Fifo'], message: 'SNS can never deliver through Sub: a standard topic cannot deliver to the FIFO queue Fifo' }),
    ]);
    const { messageId } = sim.publish('Topic', { message: 'm' });
    expect(sim.queue('Fifo').counts.visible).toBe(0);
    expect(sim.events({ type: 'sns.lost' })).toEqual([
      expect.objectContaining({ messageId, reason: 'a standard topic cannot deliver to the FIFO queue Fifo; the subscription has no DLQ' }),
    ]);
  });
});
