import { Finding, Simulation } from '../../../lib/simulator';
import { queue, redrive, snsQueuePolicy, template, topic } from '../fixtures/templates';

// The SQS findings as a user reads them: each one whole (code, severity, resources, message, fix), and the
// template one step away that has no finding, so each rule is seen to fire and to stay quiet.

const sqsFindings = (s: Simulation): Finding[] => s.findings().filter((f) => /dlq|redrive|queue-polic|queue-key/.test(f.code));

describe('SQS findings, whole', () => {
  test('dlq-fifo-mismatch: a standard source with a FIFO DLQ, and a FIFO source with a standard DLQ', () => {
    // GIVEN both mismatches
    const s = Simulation.fromTemplate(template({
      FifoDlq: queue('dlq.fifo', { MessageRetentionPeriod: 1_209_600 }), A: queue('a', redrive('FifoDlq', 1)),
      StdDlq: queue('std-dlq', { MessageRetentionPeriod: 1_209_600 }), C: queue('c.fifo', redrive('StdDlq', 1)),
    }));
    // THEN one error each, naming the source's type
    expect(sqsFindings(s)).toEqual([
      {
        code: 'decoupled-sim:dlq-fifo-mismatch', severity: 'error', resources: ['A', 'FifoDlq'],
        message: 'A is standard but its DLQ FifoDlq is not; SQS rejects the RedrivePolicy', fix: 'Use a DLQ of the same type as its source queue.',
      },
      {
        code: 'decoupled-sim:dlq-fifo-mismatch', severity: 'error', resources: ['C', 'StdDlq'],
        message: 'C is FIFO but its DLQ StdDlq is not; SQS rejects the RedrivePolicy', fix: 'Use a DLQ of the same type as its source queue.',
      },
    ]);
  });

  test('redrive-not-allowed: denyAll, with the reason quoted', () => {
    const s = Simulation.fromTemplate(template({
      Dlq: queue('dlq', { MessageRetentionPeriod: 1_209_600, RedriveAllowPolicy: { redrivePermission: 'denyAll' } }),
      Q: queue('q', redrive('Dlq', 3)),
    }));
    expect(sqsFindings(s)).toEqual([{
      code: 'decoupled-sim:redrive-not-allowed', severity: 'error', resources: ['Q', 'Dlq'],
      message: 'SQS rejects Q\'s RedrivePolicy (CreateQueue/SetQueueAttributes fail): Dlq\'s RedriveAllowPolicy is denyAll; simulated without redrive, its messages are never moved',
      fix: 'Allow this source queue in the DLQ RedriveAllowPolicy (allowAll, or byQueue listing it).',
    }]);
  });

  test('dlq-retention-shorter: at equal retention it warns with both periods; one second longer it does not; FIFO queues are exempt', () => {
    const withDlqRetention = (dlqSeconds: number, fifo = false) => Simulation.fromTemplate(template({
      Dlq: queue(fifo ? 'dlq.fifo' : 'dlq', { MessageRetentionPeriod: dlqSeconds }),
      Q: queue(fifo ? 'q.fifo' : 'q', { MessageRetentionPeriod: 600, ...redrive('Dlq', 3) }),
    }));
    expect(sqsFindings(withDlqRetention(600))).toEqual([{
      code: 'decoupled-sim:dlq-retention-shorter', severity: 'warning', resources: ['Dlq', 'Q'],
      message: 'Dlq keeps messages 600s, not longer than its source Q (600s); a standard queue\'s message keeps its enqueue time in the DLQ, so it can expire there almost at once',
      fix: 'Set the DLQ\'s MessageRetentionPeriod longer than the source queue\'s (e.g. 1,209,600 s).',
    }]);
    expect(sqsFindings(withDlqRetention(599)).map((f) => f.message)).toEqual(['Dlq keeps messages 599s, not longer than its source Q (600s); a standard queue\'s message keeps its enqueue time in the DLQ, so it can expire there almost at once']);
    expect(sqsFindings(withDlqRetention(601))).toEqual([]);
    expect(sqsFindings(withDlqRetention(60, true))).toEqual([]);
  });

  test('several-queue-policies: two policies warn and name both; one does not', () => {
    const withPolicies = (n: number) => Simulation.fromTemplate(template({
      Topic: topic('t'), Q: queue('q'),
      ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`P${i}`, snsQueuePolicy('Topic', 'Q')])),
    }));
    expect(sqsFindings(withPolicies(2))).toEqual([{
      code: 'decoupled-sim:several-queue-policies', severity: 'warning', resources: ['Q', 'P0', 'P1'],
      message: 'Q has 2 AWS::SQS::QueuePolicy resources; each replaces the queue\'s policy, so only the last deployed applies (the simulator grants the union)',
      fix: 'Merge the statements into one queue policy.',
    }]);
    expect(sqsFindings(withPolicies(1))).toEqual([]);
  });

  test('queue-key-not-checked: a key outside the template warns; the AWS managed key, a key of the template and no key do not', () => {
    const imported = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
    const s = Simulation.fromTemplate(template({
      Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: {} } },
      Imported: queue('imported', { KmsMasterKeyId: imported }),
      Managed: queue('managed', { KmsMasterKeyId: 'alias/aws/sqs' }),
      ManagedArn: queue('managed-arn', { KmsMasterKeyId: 'arn:aws:kms:us-east-1:123456789012:alias/aws/sqs' }),
      Own: queue('own', { KmsMasterKeyId: { Ref: 'Key' } }),
      Plain: queue('plain'),
    }));
    expect(sqsFindings(s)).toEqual([{
      code: 'decoupled-sim:queue-key-not-checked', severity: 'warning', resources: ['Imported'],
      message: `Imported is encrypted with ${imported}, a KMS key that is not in the template: its key policy cannot be checked, so the simulator lets SNS and Lambda use it; on AWS a policy without sns.amazonaws.com (kms:GenerateDataKey*, kms:Decrypt) makes every SNS delivery fail`,
      fix: 'Check that key policy by hand, or define the key (AWS::KMS::Key) in this stack so the simulator can evaluate it.',
    }]);
  });
});
