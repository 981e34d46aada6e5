import { PolicyDecision, PolicyRequest, evaluatePolicy } from './policy';
import { SimulationWorld } from '../../world/world';

/** An identity policy of a role, with where it came from (for reasons a user can follow). */
export interface RolePolicy {
  readonly source: string;
  readonly document: unknown;
}

/**
 * AWS managed policies a function role commonly carries, by name. Their documents are public and stable;
 * any other AWS managed policy is unknown to the simulator and grants nothing here (the reason says so).
 */
const AWS_MANAGED_POLICIES: Record<string, unknown> = {
  AWSLambdaBasicExecutionRole: statement(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']),
  AWSLambdaSQSQueueExecutionRole: statement(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']),
  AdministratorAccess: statement(['*']),
};

function statement(actions: string[]): unknown {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] };
}

/** The role of the template whose ARN is `roleArn`, with every identity policy attached to it. */
export interface FunctionRole {
  readonly logicalId: string;
  readonly arn: string;
  readonly policies: readonly RolePolicy[];
  /** AWS managed policies the simulator does not know (they grant nothing here). */
  readonly unknownManagedPolicies: readonly string[];
}

/**
 * Collects a role's identity policies from the template: inline `Policies`, `ManagedPolicyArns` (customer
 * managed policies of the template, or the AWS managed ones above), and AWS::IAM::Policy /
 * AWS::IAM::ManagedPolicy resources that list the role in `Roles`. Undefined when the role is not in the
 * template (an imported role cannot be checked).
 */
export function functionRole(world: SimulationWorld, roleArn: string): FunctionRole | undefined {
  const role = world.template.ofType('AWS::IAM::Role').find((r) => r.getAtt('Arn') === roleArn);
  if (!role) return undefined;
  const roleName = role.ref;
  const policies: RolePolicy[] = [];
  const unknown: string[] = [];
  for (const p of (role.prop('Policies') as { PolicyName?: string; PolicyDocument?: unknown }[] | undefined) ?? []) {
    policies.push({ source: `the inline policy ${p.PolicyName ?? ''} of ${role.logicalId}`, document: p.PolicyDocument });
  }
  const managed = world.template.ofType('AWS::IAM::ManagedPolicy');
  for (const arn of (role.prop('ManagedPolicyArns') as unknown[] | undefined) ?? []) {
    const own = managed.find((m) => m.ref === arn);
    const awsName = typeof arn === 'string' ? /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1] : undefined;
    if (own) policies.push({ source: `the managed policy ${own.logicalId}`, document: own.jsonProp('PolicyDocument') });
    else if (awsName && AWS_MANAGED_POLICIES[awsName]) policies.push({ source: `the AWS managed policy ${awsName}`, document: AWS_MANAGED_POLICIES[awsName] });
    else unknown.push(String(arn));
  }
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const p of world.template.ofType(type)) {
      const roles = (p.prop('Roles') as unknown[] | undefined) ?? [];
      if (roles.includes(roleName)) policies.push({ source: `the ${type === 'AWS::IAM::Policy' ? 'policy' : 'managed policy'} ${p.logicalId}`, document: p.jsonProp('PolicyDocument') });
    }
  }
  return { logicalId: role.logicalId, arn: roleArn, policies, unknownManagedPolicies: unknown };
}

/** Identity policies carry no Principal: the evaluator (written for resource policies) is given `*`. */
function asIdentityPolicy(document: unknown): unknown {
  const st = (document as { Statement?: unknown } | undefined)?.Statement;
  const statements = Array.isArray(st) ? st : st ? [st] : [];
  return { Statement: statements.map((s: object) => ('Principal' in s || 'NotPrincipal' in s ? s : { ...s, Principal: '*' })) };
}

/** The context a Lambda poller's calls carry: HTTPS, from this account. */
export function pollerContext(world: SimulationWorld): Record<string, string> {
  return { 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': world.template.options.environment.account };
}

/**
 * Whether an identity policy (no Principal: it applies to whoever holds it) allows `action` on `resource`: a
 * Lambda authorizer's policy, a role's policy.
 */
export function evaluateIdentityPolicy(document: unknown, action: string, resource: string, context: PolicyRequest['context']): PolicyDecision {
  return evaluatePolicy(asIdentityPolicy(document), { principal: { arn: '*', account: '*' }, action, resource, context });
}

/**
 * Whether the role's identity policies allow `action` on `resource`: an explicit deny wins, else any allow.
 * `context` holds the request's condition keys (a Lambda poller's, unless given).
 */
export function roleDecision(world: SimulationWorld, role: FunctionRole, action: string, resource: string, context: PolicyRequest['context'] = pollerContext(world)): PolicyDecision {
  const request = { principal: { arn: role.arn, account: world.template.options.environment.account }, action, resource, context };
  let allow: PolicyDecision | undefined;
  const reasons: string[] = [];
  for (const p of role.policies) {
    const d = evaluatePolicy(asIdentityPolicy(p.document), request);
    if (d.decision === 'ExplicitDeny') return { decision: 'ExplicitDeny', reason: `${p.source}: ${d.reason}` };
    if (d.decision === 'Allow') allow ??= { decision: 'Allow', reason: `${p.source}: ${d.reason}` };
  }
  if (allow) return allow;
  if (role.policies.length === 0) reasons.push(`${role.logicalId} has no policies`);
  if (role.unknownManagedPolicies.length) reasons.push(`AWS managed policies unknown to the simulator: ${role.unknownManagedPolicies.join(', ')}`);
  return { decision: 'ImplicitDeny', reason: `no policy of ${role.logicalId} allows ${action} on ${resource}${reasons.length ? ` (${reasons.join('; ')})` : ''}` };
}

/** A customer managed key as a key-policy check needs it (the KMS model, without importing it). */
export interface KeyWithPolicy {
  readonly arn: string;
  readonly policy: unknown;
  readonly logicalId: string;
}

/**
 * Why a role may not call `action` on a customer managed key, or undefined when it may. Same-account rules: the
 * key policy must allow the role itself, or allow the account, which then defers to the role's own policies.
 */
export function roleKeyRefusal(world: SimulationWorld, role: FunctionRole, action: string, key: KeyWithPolicy): string | undefined {
  const account = world.template.options.environment.account;
  const ask = (principalAccount: string) => evaluatePolicy(key.policy, {
    principal: { arn: role.arn, account: principalAccount }, action, resource: key.arn, context: pollerContext(world),
  });
  const forAccount = ask(account);
  if (forAccount.decision === 'ExplicitDeny') return `the key policy of ${key.logicalId} denies ${action}: ${forAccount.reason}`;
  if (forAccount.decision !== 'Allow') return `the key policy of ${key.logicalId} allows neither the role nor the account to call ${action}: ${forAccount.reason}`;
  // Asked as a principal of no account, only a statement naming the role itself (or `*`) still allows.
  if (ask('000000000000').decision === 'Allow') return undefined;
  const identity = roleDecision(world, role, action, key.arn);
  return identity.decision === 'Allow' ? undefined : `the key policy of ${key.logicalId} leaves ${action} to IAM policies, and ${identity.reason}`;
}
