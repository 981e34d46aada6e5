import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { grantsForAwsResourcesOnly } from './key-policy';

/**
 * The secure defaults every pattern shares, each with the reason it is the default.
 */
export const SECURE_DEFAULTS = {
  /** A dead-letter queue keeps a failed message as long as SQS allows, so there is time to look at it. */
  deadLetterRetention: Duration.days(14),
  /** Long polling: fewer empty receives (cost) and no false "empty" answers from sampled servers. */
  receiveMessageWaitTime: Duration.seconds(20),
  /** Reject any request to a queue or topic that does not use TLS (cdk-nag AwsSolutions-SQS4, SNS3). */
  enforceSSL: true,
  /** Customer-managed keys rotate yearly, so a leaked key stops being useful. */
  keyRotation: true,
  /** Logs are kept for a year: long enough for an incident review, short enough to bound cost. */
  logRetention: logs.RetentionDays.ONE_YEAR,
  /**
   * `maxReceiveCount` for queues that hold messages for a consumer: Lambda recommends at least 5, so
   * throttled receives do not send healthy messages to the dead-letter queue.
   */
  maxReceiveCount: 5,
} as const;

/** Props for {@link createEncryptionKey}. */
export interface EncryptionKeyProps {
  /** What the key protects, shown in the KMS console. */
  readonly description: string;
  /**
   * What happens to the key when it leaves the stack.
   * @default RemovalPolicy.RETAIN - the CDK's default for keys: once its waiting period ends a key's deletion
   * cannot be undone, so it is never deleted by accident with a stack; use DESTROY for short-lived stacks
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A customer-managed KMS key with yearly rotation, for a pattern's queues and topic. Its policy lets no one create
 * a grant except for an AWS resource (AWS Control Tower control CT.KMS.PR.3; see {@link grantsForAwsResourcesOnly}).
 */
export function createEncryptionKey(scope: Construct, id: string, props: EncryptionKeyProps): kms.Key {
  const key = new kms.Key(scope, id, {
    description: props.description,
    enableKeyRotation: SECURE_DEFAULTS.keyRotation,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(grantsForAwsResourcesOnly());
  return key;
}

/** The queue props every pattern starts from: a customer-managed key, TLS only, long polling. */
export function secureQueueProps(key: kms.IKey, fifo: boolean): sqs.QueueProps {
  return {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: SECURE_DEFAULTS.enforceSSL,
    receiveMessageWaitTime: SECURE_DEFAULTS.receiveMessageWaitTime,
    ...(fifo ? { fifo: true } : {}),
  };
}

/** A dead-letter queue: secure, and keeping messages for 14 days. */
export function secureDeadLetterQueueProps(key: kms.IKey, fifo: boolean): sqs.QueueProps {
  return {
    ...secureQueueProps(key, fifo),
    retentionPeriod: SECURE_DEFAULTS.deadLetterRetention,
  };
}
