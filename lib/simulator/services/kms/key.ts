import { evaluatePolicy } from '../iam/policy';
import { SimulationWorld } from '../../world/world';

/** A customer managed KMS key from the template, with its key policy and aliases. */
export class KmsKey {
  public readonly aliases: string[] = [];
  constructor(
    public readonly logicalId: string,
    public readonly keyId: string,
    public readonly arn: string,
    public readonly policy: unknown,
  ) {}

  /** Every string a template may use to name this key. */
  public get identities(): string[] {
    return [this.keyId, this.arn, ...this.aliases, ...this.aliases.map((a) => this.arn.replace(/key\/.*$/, a))];
  }
}

/** The AWS managed key for SQS: its policy cannot be edited and admits no service principal (AWS-FACTS §1.8, §2.6). */
export const AWS_MANAGED_SQS_KEY = 'alias/aws/sqs';

/** How a queue's KmsMasterKeyId resolves. */
export type QueueKey =
  | { readonly kind: 'none' }
  | { readonly kind: 'awsManaged' }
  | { readonly kind: 'customer'; readonly key: KmsKey }
  | { readonly kind: 'external'; readonly id: string };

export function queueKey(world: SimulationWorld, kmsMasterKeyId: string | undefined): QueueKey {
  if (kmsMasterKeyId === undefined) return { kind: 'none' };
  if (kmsMasterKeyId === AWS_MANAGED_SQS_KEY || kmsMasterKeyId.endsWith(`:${AWS_MANAGED_SQS_KEY}`)) return { kind: 'awsManaged' };
  const key = world.find(kmsMasterKeyId, KmsKey, (k) => k.identities);
  return key ? { kind: 'customer', key } : { kind: 'external', id: kmsMasterKeyId };
}

/** The two KMS actions SNS performs to write to an SSE-KMS queue (AWS-FACTS §2.6). */
const SNS_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];

/** Why a service cannot use a queue's key for `sourceArn`, or undefined when it can (or the key is not in the template). */
export function keyRefusal(world: SimulationWorld, kmsMasterKeyId: string | undefined, service: string, sourceArn: string): string | undefined {
  const k = queueKey(world, kmsMasterKeyId);
  if (k.kind === 'awsManaged') {
    return `the queue is encrypted with the AWS managed key ${AWS_MANAGED_SQS_KEY}, whose key policy cannot let ${service} use it; use a customer managed key`;
  }
  if (k.kind !== 'customer') return undefined;
  const env = world.template.options.environment;
  for (const action of SNS_KEY_ACTIONS) {
    const d = evaluatePolicy(k.key.policy, { principal: { service }, action, resource: k.key.arn, context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': env.account } });
    if (d.decision !== 'Allow') return `the key policy of ${k.key.logicalId} does not let ${service} call ${action}: ${d.reason}`;
  }
  return undefined;
}
