import { evaluatePolicy } from '../iam/policy';
import { keyRefusal } from '../kms/key';
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
