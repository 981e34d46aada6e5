import { Names, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { SQS_QUEUE_NAME } from './limits';

/**
 * What a principal needs to move a dead-letter queue's messages back to their source queue with `StartMessageMoveTask`,
 * follow it with `ListMessageMoveTasks` and stop it with `CancelMessageMoveTask`.
 *
 * The SQS actions are those the Service Authorization Reference maps the three API operations to ("API operations
 * defined by Amazon SQS": StartMessageMoveTask authorizes sqs:StartMessageMoveTask, sqs:ReceiveMessage,
 * sqs:DeleteMessage, sqs:GetQueueAttributes and sqs:SendMessage; ListMessageMoveTasks sqs:ListMessageMoveTasks and
 * sqs:GetQueueAttributes; CancelMessageMoveTask sqs:CancelMessageMoveTask, sqs:ReceiveMessage, sqs:DeleteMessage and
 * sqs:GetQueueAttributes), each on the queue it acts on: the task reads and deletes from the dead-letter queue and sends
 * to the destination. The KMS actions are a consumer's on the dead-letter queue's key and a producer's on the
 * destination's (SQS developer guide, key management: a producer needs kms:GenerateDataKey and kms:Decrypt, a
 * consumer kms:Decrypt).
 */
export const REDRIVE_PERMISSIONS = {
  deadLetterQueue: [
    'sqs:StartMessageMoveTask', 'sqs:ListMessageMoveTasks', 'sqs:CancelMessageMoveTask',
    'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes',
  ],
  destination: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
  deadLetterQueueKey: ['kms:Decrypt'],
  destinationKey: ['kms:GenerateDataKey', 'kms:Decrypt'],
  source: 'Service Authorization Reference, Amazon SQS (API operations StartMessageMoveTask, ListMessageMoveTasks, '
    + 'CancelMessageMoveTask); SQS developer guide, key management (producer and consumer KMS permissions)',
} as const;

/**
 * Lets `grantee` redrive the messages of `deadLetterQueue` to `destination` (its source queue): exactly
 * {@link REDRIVE_PERMISSIONS}, on the two queues and on their keys. A key used by both gets one statement.
 *
 * The queue grants go through the queues (a queue made in this app takes a statement in its policy for a principal of
 * another account); the key grants go to the principal's policy only, which the key policy of a key made in this app
 * delegates to IAM. A key of another account also needs its key policy to name the principal.
 */
export function grantRedrive(grantee: iam.IGrantable, deadLetterQueue: sqs.IQueue, destination: sqs.IQueue): iam.Grant {
  let grant = deadLetterQueue.grant(grantee, ...REDRIVE_PERMISSIONS.deadLetterQueue)
    .combine(destination.grant(grantee, ...REDRIVE_PERMISSIONS.destination));
  const byKey = new Map<kms.IKey, Set<string>>();
  const add = (key: kms.IKey | undefined, actions: readonly string[]) => {
    if (key) byKey.set(key, new Set([...byKey.get(key) ?? [], ...actions]));
  };
  add(deadLetterQueue.encryptionMasterKey, REDRIVE_PERMISSIONS.deadLetterQueueKey);
  add(destination.encryptionMasterKey, REDRIVE_PERMISSIONS.destinationKey);
  for (const [key, actions] of byKey) {
    grant = grant.combine(iam.Grant.addToPrincipal({ grantee, actions: [...actions].sort(), resourceArns: [key.keyArn] }));
  }
  return grant;
}

/**
 * The physical name of a queue a pattern makes when the user gives none: unique in the app, within SQS's 80
 * characters with the `.fifo` suffix of a FIFO queue (as the topic's name is made). A queue whose dead-letter queue
 * names it in a `RedriveAllowPolicy` needs a known name: the DLQ cannot refer to the queue's ARN attribute, since the
 * queue refers to the DLQ's.
 */
export function generatedQueueName(scope: IConstruct, fifo: boolean): string {
  const suffix = fifo ? SQS_QUEUE_NAME.fifoSuffix : '';
  return Names.uniqueResourceName(scope, { maxLength: SQS_QUEUE_NAME.length.max - suffix.length, separator: '-' }) + suffix;
}

/** A queue's ARN built from its name (`arn:<partition>:sqs:<region>:<account>:<name>`), without referring to the queue. */
export function queueArnFromName(scope: IConstruct, queueName: string): string {
  return Stack.of(scope).formatArn({ service: 'sqs', resource: queueName });
}

/**
 * Lets only the queues `sourceQueueArns` name `deadLetterQueue` as their dead-letter queue (`RedriveAllowPolicy`
 * `byQueue`): without it any queue of the account and Region may (SQS's default `allowAll`), and AWS Control Tower's
 * CT.SQS.PR.1 (`sqs_dlq_check`) fails a queue with neither a redrive policy nor a redrive allow policy.
 */
export function allowRedriveOnlyFrom(deadLetterQueue: sqs.Queue, sourceQueueArns: readonly string[]): void {
  (deadLetterQueue.node.defaultChild as sqs.CfnQueue).redriveAllowPolicy = {
    redrivePermission: sqs.RedrivePermission.BY_QUEUE,
    sourceQueueArns: [...sourceQueueArns],
  };
}
