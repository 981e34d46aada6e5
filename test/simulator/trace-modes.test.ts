import { Duration } from 'aws-cdk-lib';
import { Simulation, TraceMode } from '../../lib/simulator';
import { queue, redrive, snsQueuePolicy, subscription, template, topic } from './fixtures/templates';

// Hot paths count events without building them unless the trace keeps records: the counts must not depend on it.

function scenario(mode: TraceMode): Simulation {
  const sim = Simulation.fromTemplate(template({
    Topic: topic('orders'),
    Raw: queue('raw', { VisibilityTimeout: 10, ...redrive('Dlq', 2) }),
    Enveloped: queue('enveloped'),
    Dlq: queue('dlq'),
    Policy: snsQueuePolicy('Topic', 'Raw', 'Enveloped'),
    ToRaw: subscription('Topic', 'Raw', { RawMessageDelivery: 'true', FilterPolicy: { eventType: ['order_placed'] } }),
    ToEnveloped: subscription('Topic', 'Enveloped'),
  }), { trace: mode });
  for (const eventType of ['order_placed', 'order_paid', 'order_placed']) sim.publish('Topic', { message: 'm', attributes: { eventType } });
  for (const m of sim.receive('Enveloped', { maxMessages: 10 })) sim.delete('Enveloped', m.receiptHandle);
  for (let i = 0; i < 3; i++) {
    sim.receive('Raw', { maxMessages: 1 });
    sim.advance(Duration.seconds(10));
  }
  return sim;
}

describe('trace modes', () => {
  test('summary counts exactly what full records, per type and in total', () => {
    const full = scenario('full');
    const summary = scenario('summary');
    expect(summary.trace.summary()).toEqual(full.trace.summary());
    expect(summary.trace.count()).toBe(full.trace.length);
    expect(full.trace.summary()).toMatchObject({ 'sns.published': 3, 'sns.filteredOut': 1, 'sns.delivered': 5, 'sqs.sent': 5, 'sqs.received': 6, 'sqs.deleted': 3 });
    expect(summary.trace.events).toEqual([]);
  });

  test('a trace that is off counts nothing', () => {
    const off = scenario(false);
    expect(off.trace.count()).toBe(0);
    expect(off.trace.summary()).toEqual({});
  });
});
