import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { isKnown } from '../../core';

/** How a queue's messages are encrypted, as far as the app can tell. */
export type QueueEncryptionKind =
  /** Not encrypted with KMS (SSE-SQS or none): sending needs no key permission. */
  | 'no-kms-key'
  /** The AWS managed key alias/aws/sqs: its policy lets the queue account's principals use it through SQS. */
  | 'aws-managed-key'
  /** A customer-managed key made in this app: its policy trusts the account, so an IAM grant works. */
  | 'app-key'
  /** A key from outside the app: an IAM grant works only if its policy lets the account's IAM policies grant it. */
  | 'imported-key'
  /** An imported queue without its key: the app cannot know. */
  | 'unknown';

/** What the pattern can read about a queue it sends to. */
export interface QueueFacts {
  readonly fifo: boolean;
  /** Whether SQS derives the deduplication id from the body (FIFO). */
  readonly contentBasedDeduplication: boolean;
  readonly encryption: QueueEncryptionKind;
  readonly key?: kms.IKey;
  /** The queue's account, when known. */
  readonly account?: string;
  /** The stack's account, when known. */
  readonly stackAccount?: string;
}

const AWS_MANAGED_SQS_KEY = /(^|:)alias\/aws\/sqs$/;

/** Reads a queue: one made in this app from its CloudFormation resource, an imported one from what it was imported with. */
export function queueFacts(scope: IConstruct, queue: sqs.IQueue): QueueFacts {
  const stackAccount = Stack.of(scope).account;
  const base = {
    fifo: queue.fifo,
    account: isKnown(queue.env.account) ? queue.env.account : undefined,
    stackAccount: isKnown(stackAccount) ? stackAccount : undefined,
    key: queue.encryptionMasterKey,
  };
  const keyKind: QueueEncryptionKind = queue.encryptionMasterKey instanceof kms.Key ? 'app-key' : 'imported-key';
  if (!(queue instanceof sqs.Queue)) {
    return { ...base, contentBasedDeduplication: false, encryption: queue.encryptionMasterKey ? keyKind : 'unknown' };
  }
  const cfn = queue.node.defaultChild as sqs.CfnQueue;
  const stack = Stack.of(queue);
  const keyId: unknown = stack.resolve(cfn.kmsMasterKeyId);
  const contentBasedDeduplication = stack.resolve(cfn.contentBasedDeduplication) === true;
  const encryption: QueueEncryptionKind = typeof keyId === 'string' && AWS_MANAGED_SQS_KEY.test(keyId)
    ? 'aws-managed-key'
    : queue.encryptionMasterKey ? keyKind : 'no-kms-key';
  return { ...base, contentBasedDeduplication, encryption };
}
