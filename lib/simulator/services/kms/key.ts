import { evaluatePolicy } from '../iam/policy';
import { FunctionRole, pollerContext, roleDecision } from '../iam/role-policies';
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

/**
 * Why a role of this account may not call each of `actions` on a customer managed key, or undefined when it may:
 * the key policy must allow it, either to the role itself or to the account (which then defers to the role's
 * identity policies); an explicit deny in either wins.
 */
export function roleKeyRefusal(world: SimulationWorld, role: FunctionRole, key: KmsKey, actions: readonly string[]): string | undefined {
  const account = world.template.options.environment.account;
  const context = pollerContext(world);
  for (const action of actions) {
    const ask = (principalAccount: string) => evaluatePolicy(key.policy, { principal: { arn: role.arn, account: principalAccount }, action, resource: key.arn, context });
    const forAccount = ask(account);
    if (forAccount.decision === 'ExplicitDeny') return `the key policy of ${key.logicalId} denies ${action}: ${forAccount.reason}`;
    if (forAccount.decision !== 'Allow') return `the key policy of ${key.logicalId} allows neither the role nor the account to call ${action}: ${forAccount.reason}`;
    // Asked as a principal of no account, only a statement naming the role itself (or `*`) still allows.
    if (ask('000000000000').decision === 'Allow') continue;
    const identity = roleDecision(world, role, action, key.arn);
    if (identity.decision !== 'Allow') return `the key policy of ${key.logicalId} leaves ${action} to IAM policies, and ${identity.reason}`;
  }
  return undefined;
}
