import { SimulationWorld } from '../../world/world';
import { FunctionRole } from '../iam/role-policies';
import { MissingPermission, missingQueueKeyPermissions, roleQueueActionRefusal } from '../sqs/access';
import { SqsQueue } from '../sqs/queue';

/** What an SQS event source mapping does with the function's role (AWS-FACTS §4, "Execution role"). */
export const MAPPING_QUEUE_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'] as const;

/**
 * The permissions the mapping's poller lacks, each with the reason: the three queue actions (the role's policies
 * or the queue policy), and kms:Decrypt on an SSE-KMS queue's key (services/sqs/access.ts).
 */
export function missingMappingPermissions(world: SimulationWorld, role: FunctionRole, queue: SqsQueue): MissingPermission[] {
  const missing: MissingPermission[] = [];
  for (const action of MAPPING_QUEUE_ACTIONS) {
    const reason = roleQueueActionRefusal(world, role, queue, action);
    if (reason) missing.push({ action, resource: queue.arn, reason });
  }
  return [...missing, ...missingQueueKeyPermissions(world, role, queue, ['kms:Decrypt'])];
}
