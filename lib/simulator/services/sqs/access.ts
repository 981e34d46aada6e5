import { evaluatePolicy } from '../iam/policy';
import { FunctionRole, functionRole, pollerContext, roleDecision, roleKeyRefusal } from '../iam/role-policies';
import { keyRefusal, queueKey } from '../kms/key';
import { SimulationWorld } from '../../world/world';
import { SqsQueue } from './queue';

/**
 * Whether an AWS service (SNS for a topic) may send to a queue: the queue policy must allow
 * `sqs:SendMessage` to the service principal with its `aws:SourceArn` / `aws:SourceAccount`, and an SSE-KMS
 * queue's key must let the service generate a data key and decrypt. Returns the reason when it may not.
 * Policies are static in a template, so callers evaluate this once per (source, queue), not per message.
 */
export function serviceSendRefusal(world: SimulationWorld, queue: SqsQueue, service: string, sourceArn: string): string | undefined {
  const env = world.template.options.environment;
  const request = { principal: { service }, action: 'sqs:SendMessage', resource: queue.arn, context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': env.account } };
  if (queue.policies.length === 0) return `${queue.logicalId} has no queue policy, so ${service} may not send to it`;
  let denial: string | undefined;
  for (const p of queue.policies) {
    const d = evaluatePolicy(p.document, request);
    if (d.decision === 'ExplicitDeny') return `the queue policy ${p.logicalId} of ${queue.logicalId} denies it: ${d.reason}`;
    if (d.decision === 'Allow') denial = denial ?? '';
    else if (denial === undefined) denial = `the queue policy ${p.logicalId} of ${queue.logicalId}: ${d.reason}`;
  }
  // Only the last QueuePolicy deployed takes effect on AWS; the findings report several. Here any allowing one counts.
  const allowed = queue.policies.some((p) => evaluatePolicy(p.document, request).decision === 'Allow');
  if (!allowed) return denial;
  return keyRefusal(world, queue.settings.kmsMasterKeyId, service, sourceArn);
}

/** A permission a role lacks, with the reason. */
export interface MissingPermission {
  readonly action: string;
  readonly resource: string;
  readonly reason: string;
}

/**
 * Why a role of the account may not call an SQS `action` on `queue`, or undefined when it may. Same-account
 * rules: the role's policies or the queue policy must allow it, and neither may deny it explicitly.
 */
export function roleQueueActionRefusal(world: SimulationWorld, role: FunctionRole, queue: SqsQueue, action: string): string | undefined {
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

/**
 * The KMS `actions` a role lacks on an SSE-KMS queue's key. A customer managed key of the template must allow them
 * in its key policy, to the role itself or to the account (which then defers to the role's policies); a key outside
 * the template is judged by the role's policies alone; the AWS managed key `aws/sqs` admits every principal of the
 * account calling through SQS, and SSE-SQS needs nothing.
 */
export function missingQueueKeyPermissions(world: SimulationWorld, role: FunctionRole, queue: SqsQueue, actions: readonly string[]): MissingPermission[] {
  const key = queueKey(world, queue.settings.kmsMasterKeyId);
  const missing: MissingPermission[] = [];
  for (const action of actions) {
    if (key.kind === 'customer') {
      const reason = roleKeyRefusal(world, role, action, key.key);
      if (reason) missing.push({ action, resource: key.key.arn, reason });
    } else if (key.kind === 'external') {
      const d = roleDecision(world, role, action, key.id);
      if (d.decision !== 'Allow') missing.push({ action, resource: key.id, reason: d.reason });
    }
  }
  return missing;
}

/** What a producer needs of an SSE-KMS queue's key to send (SQS developer guide, key management: producers). */
const SENDER_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];

/**
 * Whether a role of the template may send to a queue, beyond its identity policies (the IAM guard checks those):
 * the queue policy must not deny it, and an SSE-KMS queue's key must let it generate a data key and decrypt
 * (`missingQueueKeyPermissions`). A role outside the template is not checked.
 */
export function roleSendRefusal(world: SimulationWorld, queue: SqsQueue, roleArn: string | undefined): string | undefined {
  const role = roleArn === undefined ? undefined : functionRole(world, roleArn);
  if (!role) return undefined;
  const request = { principal: { arn: role.arn, account: world.template.options.environment.account }, action: 'sqs:SendMessage', resource: queue.arn, context: pollerContext(world) };
  for (const p of queue.policies) {
    const d = evaluatePolicy(p.document, request);
    if (d.decision === 'ExplicitDeny') return `the queue policy ${p.logicalId} of ${queue.logicalId} denies it: ${d.reason}`;
  }
  const [missing] = missingQueueKeyPermissions(world, role, queue, SENDER_KEY_ACTIONS);
  if (missing === undefined) return undefined;
  // A key outside the template is judged by the role's policies alone: say which key it is.
  return queueKey(world, queue.settings.kmsMasterKeyId).kind === 'external' ? `${queue.logicalId} is encrypted with ${missing.resource}, and ${missing.reason}` : missing.reason;
}
