import { Finding, Simulation } from '../../lib/simulator';
import { queue, redrive, snsQueuePolicy, subscription, template, topic } from './fixtures/templates';

// Every findings() rule, each on the smallest template that has the problem, with what the scenario then does.

function findingsOf(sim: Simulation, rule: string): Finding[] {
  return sim.findings().filter((f) => f.code === `decoupled-sim:${rule}`);
}

describe('findings()', () => {
  test('subscription-dlq-undeliverable: the subscription DLQ has no queue policy for SNS, so a failed delivery is lost', () => {
    const sim = Simulation.fromTemplate(template({
      Topic: topic('orders'),
      Target: queue('target'),
      SubDlq: queue('sub-dlq'),
      Sub: subscription('Topic', 'Target', { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['SubDlq', 'Arn'] } } }),
    }));
    const [finding] = findingsOf(sim, 'subscription-dlq-undeliverable');
    expect(finding).toMatchObject({ severity: 'error', resources: ['Sub', 'SubDlq'] });
    expect(finding.message).toMatch(/SubDlq has no queue policy/);
    sim.publish('Topic', { message: 'm' });
    expect(sim.queue('SubDlq').counts.visible).toBe(0);
    const [lost] = sim.events({ type: 'sns.lost', resource: 'Sub' });
    expect(lost.reason).toMatch(/the subscription DLQ cannot take it either/);
  });

  test('invalid-filter-policy: SNS refuses the subscription, so it gets no message; the finding quotes SNS\'s reason', () => {
    const sim = Simulation.fromTemplate(template({
      Topic: topic('orders'),
      Target: queue('target'),
      Policy: snsQueuePolicy('Topic', 'Target'),
      Sub: subscription('Topic', 'Target', { FilterPolicy: { total: [{ numeric: ['>', 'ten'] }] } }),
    }));
    const [finding] = findingsOf(sim, 'invalid-filter-policy');
    expect(finding).toMatchObject({ severity: 'error', resources: ['Sub'] });
    expect(finding.message).toMatch(/SNS would reject the filter policy of Sub: .*total/);
    sim.publish('Topic', { message: 'm', attributes: { total: 20 } });
    expect(sim.queue('Target').counts.visible).toBe(0);
  });

  // SNS's Subscribe is idempotent for a topic, protocol and endpoint, and refuses a repeat with other attributes
  // (InvalidParameter "Subscription already exists with different attributes"): the old expectation that the
  // message arrives twice was wrong.
  test('queue-subscribed-twice: with different filter policies SNS refuses the second subscription (error), and a message arrives once', () => {
    const sim = Simulation.fromTemplate(template({
      Topic: topic('orders'),
      Target: queue('target'),
      Policy: snsQueuePolicy('Topic', 'Target'),
      First: subscription('Topic', 'Target', { FilterPolicy: { eventType: ['order_placed'] } }),
      Second: subscription('Topic', 'Target', { FilterPolicy: { total: [{ numeric: ['>', 100] }] } }),
    }));
    const [finding] = findingsOf(sim, 'queue-subscribed-twice');
    expect(finding).toMatchObject({ severity: 'error', resources: ['Second', 'First'] });
    expect(finding.message).toMatch(/different FilterPolicy .*Subscription already exists with different attributes/);
    sim.publish('Topic', { message: 'm', attributes: { eventType: 'order_placed', total: 120 } });
    expect(sim.queue('Target').counts.visible).toBe(1);
    // Only First exists: a message only Second's filter matches is not delivered.
    sim.publish('Topic', { message: 'm', attributes: { eventType: 'order_paid', total: 120 } });
    expect(sim.queue('Target').counts.visible).toBe(1);
  });

  test('queue-subscribed-twice: with the same attributes Subscribe is idempotent (warning), and a message arrives once', () => {
    const sim = Simulation.fromTemplate(template({
      Topic: topic('orders'),
      Target: queue('target'),
      Policy: snsQueuePolicy('Topic', 'Target'),
      First: subscription('Topic', 'Target', { FilterPolicy: { eventType: ['order_placed'] } }),
      Second: subscription('Topic', 'Target', { FilterPolicy: { eventType: ['order_placed'] } }),
    }));
    const [finding] = findingsOf(sim, 'queue-subscribed-twice');
    expect(finding).toMatchObject({ severity: 'warning', resources: ['Second', 'First'] });
    expect(finding.message).toMatch(/Subscribe is idempotent, so both resources are one subscription and a message arrives once/);
    sim.publish('Topic', { message: 'm', attributes: { eventType: 'order_placed' } });
    expect(sim.queue('Target').counts.visible).toBe(1);
  });

  test('fifo-topic-standard-queue: delivered, but without group order or deduplication', () => {
    const sim = Simulation.fromTemplate(template({
      Topic: topic('orders.fifo', { FifoTopic: true, ContentBasedDeduplication: true }),
      Target: queue('target'),
      Policy: snsQueuePolicy('Topic', 'Target'),
      Sub: subscription('Topic', 'Target', { RawMessageDelivery: 'true' }),
    }));
    expect(findingsOf(sim, 'fifo-topic-standard-queue')).toEqual([expect.objectContaining({ severity: 'warning', resources: ['Sub', 'Target'] })]);
    sim.publish('Topic', { message: 'a', groupId: 'g' });
    const [m] = sim.receive('Target');
    expect(m.body).toBe('a');
    expect(m.groupId).toBeUndefined();
  });

  test('dlq-fifo-mismatch: SQS rejects the RedrivePolicy, so messages are never moved to the FIFO DLQ', () => {
    const sim = Simulation.fromTemplate(template({
      Source: queue('source', { VisibilityTimeout: 0, ...redrive('Dlq', 1) }),
      Dlq: queue('dlq.fifo'),
    }));
    expect(findingsOf(sim, 'dlq-fifo-mismatch')).toEqual([expect.objectContaining({ severity: 'error', resources: ['Source', 'Dlq'] })]);
    expect(findingsOf(sim, 'redrive-not-allowed')).toEqual([]);
    sim.send('Source', { body: 'poison' });
    for (let i = 0; i < 3; i++) expect(sim.receive('Source')).toHaveLength(1);
    expect(sim.queue('Dlq').counts.visible).toBe(0);
  });

  test('redrive-not-allowed: the DLQ\'s RedriveAllowPolicy refuses the source (scenarios in redrive.test.ts)', () => {
    const sim = Simulation.fromTemplate(template({
      Source: queue('source', redrive('Dlq', 3)),
      Dlq: queue('dlq', { RedriveAllowPolicy: { redrivePermission: 'denyAll' } }),
    }));
    expect(findingsOf(sim, 'redrive-not-allowed')).toEqual([expect.objectContaining({ severity: 'error', resources: ['Source', 'Dlq'] })]);
  });

  test('dlq-retention-shorter: a standard DLQ keeping messages no longer than its source warns; a longer one does not', () => {
    const withDlqRetention = (seconds: number) => Simulation.fromTemplate(template({
      Source: queue('source', { MessageRetentionPeriod: 345600, ...redrive('Dlq', 3) }),
      Dlq: queue('dlq', { MessageRetentionPeriod: seconds }),
    }));
    const [finding] = findingsOf(withDlqRetention(345600), 'dlq-retention-shorter');
    expect(finding).toMatchObject({ severity: 'warning', resources: ['Dlq', 'Source'] });
    expect(finding.message).toMatch(/keeps its enqueue time in the DLQ/);
    expect(findingsOf(withDlqRetention(1209600), 'dlq-retention-shorter')).toEqual([]);
  });

  test('several-queue-policies: each AWS::SQS::QueuePolicy replaces the last; the finding names all of them', () => {
    const sim = Simulation.fromTemplate(template({
      Topic: topic('orders'),
      Target: queue('target'),
      PolicyA: snsQueuePolicy('Topic', 'Target'),
      PolicyB: snsQueuePolicy('Topic', 'Target'),
    }));
    expect(findingsOf(sim, 'several-queue-policies')).toEqual([expect.objectContaining({ severity: 'warning', resources: ['Target', 'PolicyA', 'PolicyB'] })]);
  });

  test('errors come before warnings', () => {
    const sim = Simulation.fromTemplate(template({
      Topic: topic('orders'),
      Target: queue('target'),
      Sub: subscription('Topic', 'Target'),
    }));
    expect(sim.findings().map((f) => f.severity)).toEqual(['error', 'warning']);
  });
});
