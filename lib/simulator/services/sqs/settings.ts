import { SQS_LIMITS } from '../../../core/limits';

/** A queue's RedrivePolicy. */
export interface SqsRedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

/** A DLQ's RedriveAllowPolicy: which source queues may name it. */
export interface SqsRedriveAllowPolicy {
  readonly redrivePermission: 'allowAll' | 'denyAll' | 'byQueue';
  readonly sourceQueueArns?: readonly string[];
}

/** Everything a queue model needs, with AWS's defaults filled in and times in milliseconds. */
export interface SqsQueueSettings {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly url: string;
  readonly fifo: boolean;
  readonly visibilityTimeoutMs: number;
  readonly retentionMs: number;
  readonly delayMs: number;
  readonly maximumMessageSize: number;
  readonly receiveWaitTimeMs: number;
  readonly contentBasedDeduplication: boolean;
  readonly deduplicationScope: 'queue' | 'messageGroup';
  /** KmsMasterKeyId as the template gives it (key id, key ARN or alias), when the queue uses SSE-KMS. */
  readonly kmsMasterKeyId?: string;
  readonly redrive?: SqsRedrivePolicy;
  readonly redriveAllow?: SqsRedriveAllowPolicy;
}

/** What can be given; the rest takes AWS's defaults from `SQS_LIMITS`. */
export type SqsQueueSettingsInput = Pick<SqsQueueSettings, 'logicalId' | 'name' | 'arn' | 'url'> & Partial<SqsQueueSettings>;

/** Fills in AWS's defaults (AWS-FACTS §10: visibility 30 s, retention 4 days, delay 0, 1 MiB, short polling). */
export function sqsQueueSettings(input: SqsQueueSettingsInput): SqsQueueSettings {
  return {
    fifo: input.name.endsWith('.fifo'),
    visibilityTimeoutMs: SQS_LIMITS.visibilityTimeout.default! * 1000,
    retentionMs: SQS_LIMITS.messageRetentionPeriod.default! * 1000,
    delayMs: SQS_LIMITS.delaySeconds.default! * 1000,
    maximumMessageSize: SQS_LIMITS.maximumMessageSize.default!,
    receiveWaitTimeMs: SQS_LIMITS.receiveMessageWaitTimeSeconds.default! * 1000,
    contentBasedDeduplication: false,
    deduplicationScope: 'queue',
    ...input,
  };
}
