import { queueKey } from '../kms/key';
import { SqsQueue } from './queue';
import { Check } from '../../world/world';

export const deadLetterQueueRetentionShorter: Check = (world) =>
  world.all(SqsQueue).filter((q) => q.deadLetterQueue && !q.fifo && q.deadLetterQueue.settings.retentionMs <= q.settings.retentionMs).map((q) => ({
    code: 'decoupled-sim:dlq-retention-shorter',
    severity: 'warning' as const,
    resources: [q.deadLetterQueue!.logicalId, q.logicalId],
    message: `${q.deadLetterQueue!.logicalId} keeps messages ${q.deadLetterQueue!.settings.retentionMs / 1000}s, not longer than its source ${q.logicalId} (${q.settings.retentionMs / 1000}s); a standard queue's message keeps its enqueue time in the DLQ, so it can expire there almost at once`,
    fix: `Set the DLQ's MessageRetentionPeriod longer than the source queue's (e.g. 1,209,600 s).`,
  }));

export const deadLetterQueueTypeMismatch: Check = (world) =>
  world.all(SqsQueue).filter((q) => q.deadLetterQueue && q.deadLetterQueue.fifo !== q.fifo).map((q) => ({
    code: 'decoupled-sim:dlq-fifo-mismatch',
    severity: 'error' as const,
    resources: [q.logicalId, q.deadLetterQueue!.logicalId],
    message: `${q.logicalId} is ${q.fifo ? 'FIFO' : 'standard'} but its DLQ ${q.deadLetterQueue!.logicalId} is not; SQS rejects the RedrivePolicy`,
    fix: 'Use a DLQ of the same type as its source queue.',
  }));

export const redriveNotAllowed: Check = (world) =>
  world.all(SqsQueue).filter((q) => q.redriveBlocked && q.deadLetterQueue!.fifo === q.fifo).map((q) => ({
    code: 'decoupled-sim:redrive-not-allowed',
    severity: 'error' as const,
    resources: [q.logicalId, q.deadLetterQueue!.logicalId],
    message: `SQS rejects ${q.logicalId}'s RedrivePolicy (CreateQueue/SetQueueAttributes fail): ${q.redriveBlocked}; simulated without redrive, its messages are never moved`,
    fix: 'Allow this source queue in the DLQ RedriveAllowPolicy (allowAll, or byQueue listing it).',
  }));

export const severalQueuePolicies: Check = (world) =>
  world.all(SqsQueue).filter((q) => q.policies.length > 1).map((q) => ({
    code: 'decoupled-sim:several-queue-policies',
    severity: 'warning' as const,
    resources: [q.logicalId, ...q.policies.map((p) => p.logicalId)],
    message: `${q.logicalId} has ${q.policies.length} AWS::SQS::QueuePolicy resources; each replaces the queue's policy, so only the last deployed applies (the simulator grants the union)`,
    fix: 'Merge the statements into one queue policy.',
  }));

/** A key outside the template (imported ARN, an alias defined elsewhere): its policy is unknown, so deliveries are assumed to work. */
export const queueKeyOutsideTemplate: Check = (world) =>
  world.all(SqsQueue).flatMap((q) => {
    const k = queueKey(world, q.settings.kmsMasterKeyId);
    if (k.kind !== 'external') return [];
    return [{
      code: 'decoupled-sim:queue-key-not-checked',
      severity: 'warning' as const,
      resources: [q.logicalId],
      message: `${q.logicalId} is encrypted with ${k.id}, a KMS key that is not in the template: its key policy cannot be checked, so the simulator lets SNS and Lambda use it; on AWS a policy without sns.amazonaws.com (kms:GenerateDataKey*, kms:Decrypt) makes every SNS delivery fail`,
      fix: 'Check that key policy by hand, or define the key (AWS::KMS::Key) in this stack so the simulator can evaluate it.',
    }];
  });

/** In the order findings() lists them within a severity. */
export const SQS_CHECKS: readonly Check[] = [deadLetterQueueTypeMismatch, redriveNotAllowed, deadLetterQueueRetentionShorter, severalQueuePolicies, queueKeyOutsideTemplate];
