import { SimulationWorld } from '../../world/world';
import { functionRole } from '../iam/role-policies';
import { MissingPermission, missingQueueKeyPermissions, roleQueueActionRefusal } from './access';
import { SqsQueue } from './queue';

/**
 * What a caller of StartMessageMoveTask needs (SQS developer guide, DLQ redrive permissions; AWS-FACTS §1.2): the
 * task receives from and deletes in the dead-letter queue, reads its attributes, and sends to each destination.
 * These are the actions `grantRedrive` grants.
 */
export const MOVE_TASK_PERMISSIONS = {
  /** On the dead-letter queue. */
  deadLetterQueue: ['sqs:StartMessageMoveTask', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
  /** On the destination, or every source queue of the DLQ when messages go back to their sources. */
  destination: ['sqs:SendMessage'],
  /** On the DLQ's key, when it is SSE-KMS. */
  deadLetterQueueKey: ['kms:Decrypt'],
  /** On a destination's key, when it is SSE-KMS. */
  destinationKey: ['kms:GenerateDataKey', 'kms:Decrypt'],
} as const;

/**
 * What the role `roleArn` lacks to start a move task from `source` to `destinations`, each with the reason. A role
 * outside the template cannot be read: nothing is reported for it, as for every call made with such a role.
 */
export function missingMoveTaskPermissions(world: SimulationWorld, roleArn: string | undefined, source: SqsQueue, destinations: readonly SqsQueue[]): MissingPermission[] {
  const role = roleArn === undefined ? undefined : functionRole(world, roleArn);
  if (!role) return [];
  const missing: MissingPermission[] = [];
  const check = (queue: SqsQueue, actions: readonly string[], keyActions: readonly string[]) => {
    for (const action of actions) {
      const reason = roleQueueActionRefusal(world, role, queue, action);
      if (reason) missing.push({ action, resource: queue.arn, reason });
    }
    missing.push(...missingQueueKeyPermissions(world, role, queue, keyActions));
  };
  check(source, MOVE_TASK_PERMISSIONS.deadLetterQueue, MOVE_TASK_PERMISSIONS.deadLetterQueueKey);
  for (const d of destinations) check(d, MOVE_TASK_PERMISSIONS.destination, MOVE_TASK_PERMISSIONS.destinationKey);
  return missing;
}
