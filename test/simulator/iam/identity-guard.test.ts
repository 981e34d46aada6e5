import { Simulation } from '../../../lib/simulator';
import { evaluatePolicy } from '../../../lib/simulator/services/iam/policy';
import { functionRole, roleDecision } from '../../../lib/simulator/services/iam/role-policies';
import { identityPolicyGuard } from '../../../lib/simulator/services/iam/service';
import { Caller } from '../../../lib/simulator/world/calls';

// IAM's resource types (Ref and attributes of roles and managed policies) and the guard every call made with a role
// passes (service.ts), with the policy sources a template can leave half-written (role-policies.ts).

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:orders';
const allow = (action: string) => ({ Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

/** GIVEN a named role with a path-named customer managed policy, an unnamed inline policy and an import among its managed ARNs; an unnamed role. */
function simulation(): Simulation {
  return Simulation.fromTemplate({
    Resources: {
      Named: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: 'app-role', AssumeRolePolicyDocument: {},
          Policies: [{ PolicyDocument: allow('sqs:SendMessage') }],
          ManagedPolicyArns: [{ Ref: 'TeamPolicy' }, { 'Fn::ImportValue': 'SharedPolicyArn' }],
        },
      },
      TeamPolicy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'publish', Path: '/team/', PolicyDocument: allow('sns:Publish') } },
      DefaultPolicy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: allow('kms:Decrypt') } },
      Unnamed: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {}, ManagedPolicyArns: [{ Ref: 'DefaultPolicy' }] } },
    },
  } as never);
}

const attribute = (sim: Simulation, id: string, name: string) => sim.world.template.ofType('AWS::IAM::Role').find((r) => r.logicalId === id)!.getAtt(name);
const ref = (sim: Simulation, type: string, id: string) => sim.world.template.ofType(type).find((r) => r.logicalId === id)!.ref;

describe('IAM resources as the template names them', () => {
  test('a role\'s Ref is its name, Arn in the account, RoleId an AROA id; a role without RoleName gets a generated one', () => {
    const sim = simulation();
    expect([ref(sim, 'AWS::IAM::Role', 'Named'), attribute(sim, 'Named', 'Arn')]).toEqual(['app-role', 'arn:aws:iam::123456789012:role/app-role']);
    expect(attribute(sim, 'Named', 'RoleId')).toMatch(/^AROA[A-Z0-9]+$/);
    expect(ref(sim, 'AWS::IAM::Role', 'Unnamed')).toMatch(/^SimulatedStack-Unnamed-[A-Za-z0-9]{12}$/);
    expect(attribute(sim, 'Unnamed', 'Arn')).toBe(`arn:aws:iam::123456789012:role/${ref(sim, 'AWS::IAM::Role', 'Unnamed')}`);
  });

  test('a customer managed policy\'s Ref is its ARN, with its path and name, or / and the stack-and-id name', () => {
    const sim = simulation();
    expect(ref(sim, 'AWS::IAM::ManagedPolicy', 'TeamPolicy')).toBe('arn:aws:iam::123456789012:policy/team/publish');
    expect(ref(sim, 'AWS::IAM::ManagedPolicy', 'DefaultPolicy')).toBe('arn:aws:iam::123456789012:policy/SimulatedStack-DefaultPolicy');
  });

  test('the policies found: an inline policy without a name, a managed policy by its ARN; an import is unknown, by its description', () => {
    const sim = simulation();
    const role = functionRole(sim.world, 'arn:aws:iam::123456789012:role/app-role')!;
    expect(role.policies.map((p) => p.source)).toEqual(['the inline policy  of Named', 'the managed policy TeamPolicy']);
    expect(role.unknownManagedPolicies).toEqual(['<unresolved Fn::ImportValue "SharedPolicyArn">']);
    expect(roleDecision(sim.world, role, 'sns:Publish', 'arn:aws:sns:us-east-1:123456789012:t')).toEqual({ decision: 'Allow', reason: 'the managed policy TeamPolicy: statement 0 allows sns:Publish' });
    const unnamed = functionRole(sim.world, attribute(sim, 'Unnamed', 'Arn') as string)!;
    expect(roleDecision(sim.world, unnamed, 'kms:Decrypt', 'k')).toEqual({ decision: 'Allow', reason: 'the managed policy DefaultPolicy: statement 0 allows kms:Decrypt' });
  });
});

describe('the identity policy guard of every call', () => {
  const roleCaller = (roleArn: string | undefined): Caller => ({ kind: 'role', roleArn, roleKind: 'execution role' });

  test('a role of the template is checked: allowed, or refused with the role kind, the action and the decision', () => {
    const sim = simulation();
    const guard = identityPolicyGuard(sim.world);
    expect(guard(roleCaller('arn:aws:iam::123456789012:role/app-role'), 'sqs:SendMessage', QUEUE)).toBeUndefined();
    expect(guard(roleCaller('arn:aws:iam::123456789012:role/app-role'), 'sqs:DeleteMessage', QUEUE)).toBe(
      `the execution role may not sqs:DeleteMessage: no policy of Named allows sqs:DeleteMessage on ${QUEUE} (AWS managed policies unknown to the simulator: <unresolved Fn::ImportValue "SharedPolicyArn">)`,
    );
    expect(guard({ kind: 'role', roleArn: 'arn:aws:iam::123456789012:role/app-role', roleKind: 'authorizer role' } as Caller, 'sqs:DeleteMessage', QUEUE))
      .toMatch(/^the authorizer role may not sqs:DeleteMessage: /);
  });

  test('a role outside the template, a caller without a role, and a service are not checked', () => {
    const sim = simulation();
    const guard = identityPolicyGuard(sim.world);
    expect(guard(roleCaller('arn:aws:iam::123456789012:role/imported'), 'sqs:DeleteMessage', QUEUE)).toBeUndefined();
    expect(guard(roleCaller(undefined), 'sqs:DeleteMessage', QUEUE)).toBeUndefined();
    const service: Caller = { kind: 'service', principal: 'sns.amazonaws.com', sourceArn: 'arn:aws:sns:us-east-1:123456789012:t', sourceAccount: '123456789012' };
    expect(guard(service, 'sqs:DeleteMessage', QUEUE)).toBeUndefined();
  });
});

describe('address blocks and ARNs at their edges', () => {
  const decide = (operator: string, key: string, expected: string, actual: string) => evaluatePolicy(
    { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { [operator]: { [key]: expected } } }] },
    { principal: { service: 'sns.amazonaws.com' }, action: 'sqs:SendMessage', resource: QUEUE, context: { [key]: actual } },
  ).decision;

  test('prefixes from /0 to /32 (IPv4) and /128 (IPv6) are blocks; /33 and /129 are none', () => {
    expect(decide('IpAddress', 'aws:SourceIp', '0.0.0.0/0', '203.0.113.9')).toBe('Allow');
    expect(decide('IpAddress', 'aws:SourceIp', '203.0.113.9/32', '203.0.113.9')).toBe('Allow');
    expect(decide('IpAddress', 'aws:SourceIp', '203.0.113.9/32', '203.0.113.8')).toBe('ImplicitDeny');
    expect(decide('IpAddress', 'aws:SourceIp', '203.0.113.9/33', '203.0.113.9')).toBe('ImplicitDeny');
    expect(decide('IpAddress', 'aws:SourceIp', '203.0.113.9/-1', '203.0.113.9')).toBe('ImplicitDeny');
    expect(decide('IpAddress', 'aws:SourceIp', '2001:db8::1/128', '2001:db8::1')).toBe('Allow');
    expect(decide('IpAddress', 'aws:SourceIp', '2001:db8::1/129', '2001:db8::1')).toBe('ImplicitDeny');
    expect(decide('IpAddress', 'aws:SourceIp', '2001:db8::/32', '203.0.113.9')).toBe('ImplicitDeny');
    // The same block asked twice decides the same (blocks are kept once made)
    expect(decide('IpAddress', 'aws:SourceIp', '0.0.0.0/0', '198.51.100.1')).toBe('Allow');
  });

  test('ArnLike compares the resource part whole, colons included', () => {
    const fn = 'arn:aws:lambda:us-east-1:123456789012:function:worker';
    expect(decide('ArnLike', 'aws:SourceArn', 'arn:aws:lambda:*:*:function:worker', fn)).toBe('Allow');
    expect(decide('ArnLike', 'aws:SourceArn', 'arn:aws:lambda:*:*:function:worker', `${fn}:live`)).toBe('ImplicitDeny');
    expect(decide('ArnLike', 'aws:SourceArn', 'arn:aws:lambda:*:*:function:worker:*', `${fn}:live`)).toBe('Allow');
    expect(decide('ArnLike', 'aws:SourceArn', 'arn:aws:lambda:*:*:function:*', `${fn}:live`)).toBe('Allow');
    expect(decide('ArnLike', 'aws:SourceArn', 'arn:aws:sqs:*:*:function:worker', fn)).toBe('ImplicitDeny');
  });
});
