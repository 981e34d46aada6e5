import { Simulation } from '../../../lib/simulator';
import { evaluateIdentityPolicy, functionRole, pollerContext, roleDecision, roleKeyRefusal } from '../../../lib/simulator/services/iam/role-policies';

// A role's identity policies, collected from every place a template can attach them, and the whole reasons of
// the decisions made with them (what a refused call tells the user).

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:orders';
const allow = (action: string | string[], resource = '*') => ({ Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

/** GIVEN a role with an inline policy, a managed policy of the template, two known and one unknown AWS managed policy, and policies naming it in Roles; a bare role; a third role with a policy of its own. */
function simulation() {
  return Simulation.fromTemplate({
    Resources: {
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {},
          Policies: [{ PolicyName: 'inline', PolicyDocument: allow('sqs:SendMessage', QUEUE) }],
          ManagedPolicyArns: [
            { Ref: 'Managed' }, 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
            'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole', 'arn:aws:iam::aws:policy/ReadOnlyAccess',
          ],
        },
      },
      Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: allow('sns:Publish') } },
      Attached: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'attached', Roles: [{ Ref: 'Role' }], PolicyDocument: { Statement: [{ Effect: 'Deny', Action: 'sqs:PurgeQueue', Resource: '*' }] } } },
      ByRoles: { Type: 'AWS::IAM::ManagedPolicy', Properties: { Roles: [{ Ref: 'Role' }], PolicyDocument: allow('kms:Decrypt') } },
      Other: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'other', Roles: [{ Ref: 'Third' }], PolicyDocument: allow('*') } },
      Bare: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
      Third: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
    },
  });
}

function roles(sim: Simulation) {
  const arnOf = (id: string) => sim.world.template.ofType('AWS::IAM::Role').find((r) => r.logicalId === id)!.getAtt('Arn') as string;
  return { role: functionRole(sim.world, arnOf('Role'))!, bare: functionRole(sim.world, arnOf('Bare'))!, arnOf };
}

describe('a role\'s identity policies', () => {
  test('are collected from inline Policies, ManagedPolicyArns and the policies listing the role, each with its source', () => {
    const sim = simulation();
    const { role, arnOf } = roles(sim);
    expect(role.logicalId).toBe('Role');
    expect(role.arn).toBe(arnOf('Role'));
    expect(role.policies.map((p) => p.source)).toEqual([
      'the inline policy inline of Role', 'the managed policy Managed', 'the AWS managed policy AWSLambdaBasicExecutionRole',
      'the AWS managed policy AWSLambdaSQSQueueExecutionRole', 'the policy Attached', 'the managed policy ByRoles',
    ]);
    expect(role.unknownManagedPolicies).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(functionRole(sim.world, 'arn:aws:iam::123456789012:role/imported')).toBeUndefined();
  });

  test('an allow names the first policy that allows; an explicit deny wins, naming its policy', () => {
    const sim = simulation();
    const { role } = roles(sim);
    expect(roleDecision(sim.world, role, 'sqs:SendMessage', QUEUE)).toEqual({ decision: 'Allow', reason: 'the inline policy inline of Role: statement 0 allows sqs:SendMessage' });
    expect(roleDecision(sim.world, role, 'logs:PutLogEvents', 'arn:aws:logs:us-east-1:123456789012:log-group:x')).toEqual({ decision: 'Allow', reason: 'the AWS managed policy AWSLambdaBasicExecutionRole: statement 0 allows logs:PutLogEvents' });
    expect(roleDecision(sim.world, role, 'sqs:DeleteMessage', QUEUE)).toEqual({ decision: 'Allow', reason: 'the AWS managed policy AWSLambdaSQSQueueExecutionRole: statement 0 allows sqs:DeleteMessage' });
    expect(roleDecision(sim.world, role, 'kms:Decrypt', 'k')).toEqual({ decision: 'Allow', reason: 'the managed policy ByRoles: statement 0 allows kms:Decrypt' });
    expect(roleDecision(sim.world, role, 'sqs:PurgeQueue', QUEUE)).toEqual({ decision: 'ExplicitDeny', reason: 'the policy Attached: statement 0 denies sqs:PurgeQueue' });
  });

  test('fails with the whole reason when no policy allows: the unknown AWS managed policies, or no policy at all', () => {
    const sim = simulation();
    const { role, bare } = roles(sim);
    expect(roleDecision(sim.world, role, 'sqs:SendMessage', `${QUEUE}-other`)).toEqual({
      decision: 'ImplicitDeny', reason: `no policy of Role allows sqs:SendMessage on ${QUEUE}-other (AWS managed policies unknown to the simulator: arn:aws:iam::aws:policy/ReadOnlyAccess)`,
    });
    expect(bare.policies).toEqual([]);
    expect(roleDecision(sim.world, bare, 'sqs:SendMessage', QUEUE)).toEqual({ decision: 'ImplicitDeny', reason: `no policy of Bare allows sqs:SendMessage on ${QUEUE} (Bare has no policies)` });
  });

  test('a poller\'s calls carry HTTPS and the account, which conditions can test', () => {
    const sim = simulation();
    expect(pollerContext(sim.world)).toEqual({ 'aws:SecureTransport': 'true', 'aws:PrincipalAccount': '123456789012' });
    const { role } = roles(sim);
    const secureOnly = { ...role, policies: [{ source: 'the test policy', document: { Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] } }] };
    expect(roleDecision(sim.world, secureOnly, 'sqs:SendMessage', QUEUE).decision).toBe('Allow');
    expect(roleDecision(sim.world, secureOnly, 'sqs:SendMessage', QUEUE, { 'aws:SecureTransport': 'false' }).decision).toBe('ImplicitDeny');
  });

  test('an identity policy applies to whoever holds it; a statement with its own Principal keeps it', () => {
    expect(evaluateIdentityPolicy(allow('execute-api:Invoke'), 'execute-api:Invoke', 'arn:x', {})).toEqual({ decision: 'Allow', reason: 'statement 0 allows execute-api:Invoke' });
    expect(evaluateIdentityPolicy({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }, 'a:b', 'arn:x', {}).decision).toBe('Allow');
    expect(evaluateIdentityPolicy({ Statement: [{ Effect: 'Allow', Principal: { Service: 'x.amazonaws.com' }, Action: '*', Resource: '*' }] }, 'a:b', 'arn:x', {}).decision).toBe('ImplicitDeny');
    expect(evaluateIdentityPolicy(undefined, 'a:b', 'arn:x', {})).toEqual({ decision: 'ImplicitDeny', reason: 'no statement allows * to a:b on arn:x' });
  });
});

describe('a customer managed key\'s policy for a role', () => {
  const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234';
  const key = (statement: Record<string, unknown>) => ({ arn: KEY, logicalId: 'Key', policy: { Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*', ...statement }] } });

  test('a key policy naming the role allows, whatever the role\'s policies', () => {
    const sim = simulation();
    const { bare, arnOf } = roles(sim);
    expect(roleKeyRefusal(sim.world, bare, 'kms:Decrypt', key({ Principal: { AWS: arnOf('Bare') } }))).toBeUndefined();
  });

  test('a key policy allowing the account defers to the role\'s policies', () => {
    const sim = simulation();
    const { role, bare } = roles(sim);
    const forAccount = key({ Principal: { AWS: 'arn:aws:iam::123456789012:root' } });
    expect(roleKeyRefusal(sim.world, role, 'kms:Decrypt', forAccount)).toBeUndefined();
    expect(roleKeyRefusal(sim.world, bare, 'kms:Decrypt', forAccount)).toBe(
      `the key policy of Key leaves kms:Decrypt to IAM policies, and no policy of Bare allows kms:Decrypt on ${KEY} (Bare has no policies)`,
    );
  });

  test('fails if the key policy denies, or allows neither the role nor the account, with the whole reason', () => {
    const sim = simulation();
    const { role } = roles(sim);
    expect(roleKeyRefusal(sim.world, role, 'kms:Decrypt', key({ Effect: 'Deny', Principal: '*' }))).toBe('the key policy of Key denies kms:Decrypt: statement 0 denies kms:Decrypt');
    expect(roleKeyRefusal(sim.world, role, 'kms:Decrypt', key({ Principal: { AWS: '999999999999' } }))).toBe(
      `the key policy of Key allows neither the role nor the account to call kms:Decrypt: no statement allows ${role.arn} to kms:Decrypt on ${KEY}`,
    );
  });
});
