import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { queue, redrive, template } from '../fixtures/templates';

// Redrive to a dead-letter queue: who may redrive (the DLQ's RedriveAllowPolicy) and how long a moved message
// lives there (AWS-FACTS §1.5: the enqueue time is kept for standard queues and reset for FIFO queues).

/** Receives `q`'s message until it moves to the DLQ (maxReceiveCount 1, visibility 60 s): returns the receives that got it. */
function receiveUntilGone(sim: Simulation, q: string, attempts = 3): number {
  let got = 0;
  for (let i = 0; i < attempts; i++) {
    got += sim.receive(q).length;
    sim.advance(Duration.seconds(60));
  }
  return got;
}

describe('RedriveAllowPolicy: SQS rejects a RedrivePolicy the DLQ does not allow, so the message stays in its source', () => {
  const withAllow = (allow: Record<string, unknown>) => template({
    Source: queue('source', { VisibilityTimeout: 60, ...redrive('Dlq', 1) }),
    Other: queue('other'),
    Dlq: queue('dlq', { RedriveAllowPolicy: allow }),
  });

  test.each([
    ['denyAll', { redrivePermission: 'denyAll' }],
    ['byQueue not listing the source', { redrivePermission: 'byQueue', sourceQueueArns: [{ 'Fn::GetAtt': ['Other', 'Arn'] }] }],
  ])('%s: an error finding names both queues, and receives past maxReceiveCount keep returning the message', (_, allow) => {
    const sim = Simulation.fromTemplate(withAllow(allow));
    const [finding] = sim.findings().filter((f) => f.code === 'decoupled-sim:redrive-not-allowed');
    expect(finding).toMatchObject({ severity: 'error', resources: ['Source', 'Dlq'] });
    expect(finding.message).toMatch(/SQS rejects Source's RedrivePolicy/);
    sim.send('Source', { body: 'poison' });
    expect(receiveUntilGone(sim, 'Source')).toBe(3);
    expect(sim.queue('Dlq').counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect(sim.events({ type: 'sqs.movedToDeadLetterQueue' })).toEqual([]);
  });

  test.each([
    ['allowAll', { redrivePermission: 'allowAll' }],
    ['byQueue listing the source', { redrivePermission: 'byQueue', sourceQueueArns: [{ 'Fn::GetAtt': ['Source', 'Arn'] }] }],
  ])('%s: no finding, and the message moves to the DLQ after maxReceiveCount receives', (_, allow) => {
    const sim = Simulation.fromTemplate(withAllow(allow));
    expect(sim.findings().filter((f) => f.code === 'decoupled-sim:redrive-not-allowed')).toEqual([]);
    sim.send('Source', { body: 'poison' });
    expect(receiveUntilGone(sim, 'Source')).toBe(1);
    expect(sim.queue('Dlq').visible.map((m) => m.body)).toEqual(['poison']);
  });
});

describe('retention in the DLQ', () => {
  // The source keeps messages 1 h, the DLQ 2 h; the message moves at 30 min.
  const moveAtHalfAnHour = (fifo: boolean) => {
    const suffix = fifo ? '.fifo' : '';
    const fifoProps = fifo ? { ContentBasedDeduplication: true } : {};
    const sim = Simulation.fromTemplate(template({
      Source: queue(`source${suffix}`, { VisibilityTimeout: 60, MessageRetentionPeriod: 3600, ...fifoProps, ...redrive('Dlq', 1) }),
      Dlq: queue(`dlq${suffix}`, { MessageRetentionPeriod: 7200, ...fifoProps }),
    }));
    sim.send('Source', { body: 'poison', groupId: fifo ? 'g' : undefined });
    expect(sim.receive('Source')).toHaveLength(1);
    sim.advance(Duration.minutes(30));
    expect(sim.receive('Source')).toEqual([]);
    expect(sim.queue('Dlq').counts.visible).toBe(1);
    return sim;
  };
  const dlqCountAt = (sim: Simulation, seconds: number) => {
    sim.advance(Duration.millis(seconds * 1000 - sim.now));
    return sim.queue('Dlq').counts.visible;
  };

  test('a standard queue\'s message keeps its original enqueue time: it expires 2 h after it was sent, not after it moved', () => {
    const sim = moveAtHalfAnHour(false);
    expect(sim.queue('Dlq').visible[0].sentAt).toBe(0);
    expect(dlqCountAt(sim, 7199)).toBe(1);
    expect(dlqCountAt(sim, 7200)).toBe(0);
    const [expired] = sim.events({ type: 'sqs.expired', resource: 'Dlq' });
    expect(expired.time).toBe(7_200_000);
  });

  test('a FIFO queue\'s message gets a new enqueue time in the DLQ: it expires 2 h after the move', () => {
    const sim = moveAtHalfAnHour(true);
    expect(sim.queue('Dlq').visible[0].sentAt).toBe(1_800_000);
    expect(dlqCountAt(sim, 7200)).toBe(1);
    expect(dlqCountAt(sim, 8999)).toBe(1);
    expect(dlqCountAt(sim, 9000)).toBe(0);
    expect(sim.events({ type: 'sqs.expired', resource: 'Dlq' })[0].time).toBe(9_000_000);
  });

  test('SentTimestamp in the DLQ follows the same rule', () => {
    const epoch = Date.UTC(2026, 0, 1);
    const sentAt = (fifo: boolean) => Number(moveAtHalfAnHour(fifo).receive('Dlq')[0].systemAttributes.SentTimestamp);
    expect(sentAt(false)).toBe(epoch);
    expect(sentAt(true)).toBe(epoch + 1_800_000);
  });
});
