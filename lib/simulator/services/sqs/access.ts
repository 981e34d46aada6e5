import { evaluatePolicy } from '../iam/policy';
import { functionRole, pollerContext, roleDecision } from '../iam/role-policies';
import { keyRefusal, queueKey, roleKeyRefusal } from '../kms/key';
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

/** What a producer needs of an SSE-KMS queue's key to send (SQS developer guide, key management: producers). */
const SENDER_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];

/**
 * Whether a role of the template may send to a queue, beyond its identity policies (the IAM guard checks those):
 * the queue policy must not deny it, and an SSE-KMS queue's customer managed key must let it generate a data key
 * and decrypt (key policy, and the role's policies when the key policy defers to the account). The AWS managed
 * key `aws/sqs` admits every principal of the account through SQS. A role outside the template is not checked.
 */
export function roleSendRefusal(world: SimulationWorld, queue: SqsQueue, roleArn: string | undefined): string | undefined {
  const role = roleArn === undefined ? undefined : functionRole(world, roleArn);
  if (!role) return undefined;
  const request = { principal: { arn: role.arn, account: world.template.options.environment.account }, action: 'sqs:SendMessage', resource: queue.arn, context: pollerContext(world) };
  for (const p of queue.policies) {
    const d = evaluatePolicy(p.document, request);
    if (d.decision === 'ExplicitDeny') return `the queue policy ${p.logicalId} of ${queue.logicalId} denies it: ${d.reason}`;
  }
  const key = queueKey(world, queue.settings.kmsMasterKeyId);
  if (key.kind === 'customer') return roleKeyRefusal(world, role, key.key, SENDER_KEY_ACTIONS);
  if (key.kind === 'external') {
    for (const action of SENDER_KEY_ACTIONS) {
      const d = roleDecision(world, role, action, key.id);
      if (d.decision !== 'Allow') return `${queue.logicalId} is encrypted with ${key.id}, and ${d.reason}`;
    }
  }
  return undefined;
}
