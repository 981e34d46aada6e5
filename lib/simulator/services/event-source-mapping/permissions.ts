import { evaluatePolicy } from '../iam/policy';
import { queueKey, roleKeyRefusal } from '../kms/key';
import { SimulationWorld } from '../../world/world';
import { FunctionRole, pollerContext, roleDecision } from '../iam/role-policies';
import { SqsQueue } from '../sqs/queue';

/** What an SQS event source mapping does with the function's role (AWS-FACTS §4, "Execution role"). */
export const MAPPING_QUEUE_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'] as const;

export interface MissingPermission {
  readonly action: string;
  readonly resource: string;
  readonly reason: string;
}

/**
 * The permissions the mapping's poller lacks, each with the reason. Same-account rules: an action is allowed
 * when the role's policies or the queue policy allow it and neither denies it explicitly. For an SSE-KMS
 * queue the role also needs kms:Decrypt: a customer managed key must allow it in its key policy, either to the
 * role itself or to the account (which then defers to the role's policies); the AWS managed key `aws/sqs`
 * allows every principal of the account through SQS.
 */
export function missingMappingPermissions(world: SimulationWorld, role: FunctionRole, queue: SqsQueue): MissingPermission[] {
  const missing: MissingPermission[] = [];
  for (const action of MAPPING_QUEUE_ACTIONS) {
    const reason = queueActionRefusal(world, role, queue, action);
    if (reason) missing.push({ action, resource: queue.arn, reason });
  }
  const key = queueKey(world, queue.settings.kmsMasterKeyId);
  if (key.kind === 'customer') {
    const reason = roleKeyRefusal(world, role, key.key, ['kms:Decrypt']);
    if (reason) missing.push({ action: 'kms:Decrypt', resource: key.key.arn, reason });
  } else if (key.kind === 'external') {
    const d = roleDecision(world, role, 'kms:Decrypt', key.id);
    if (d.decision !== 'Allow') missing.push({ action: 'kms:Decrypt', resource: key.id, reason: d.reason });
  }
  return missing;
}

function queueActionRefusal(world: SimulationWorld, role: FunctionRole, queue: SqsQueue, action: string): string | undefined {
  const identity = roleDecision(world, role, action, queue.arn);
  if (identity.decision === 'ExplicitDeny') return identity.reason;
  const request = { principal: { arn: role.arn, account: world.template.options.environment.account }, action, resource: queue.arn, context: pollerContext(world) };
  let resourceAllows = false;
  for (const p of queue.policies) {
    const d = evaluatePolicy(p.document, request);
    if (d.decision === 'ExplicitDeny') return `the queue policy ${p.logicalId} denies it: ${d.reason}`;
    if (d.decision === 'Allow') resourceAllows = true;
  }
  return identity.decision === 'Allow' || resourceAllows ? undefined : identity.reason;
}
