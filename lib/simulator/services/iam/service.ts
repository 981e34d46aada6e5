import { CallGuard } from '../../world/calls';
import { ServiceModule, SimulationWorld } from '../../world/world';
import { ResourceTypeInfo, generatedName, generatedSuffix } from '../../template';
import { functionRole, roleDecision } from './role-policies';

function roleName(r: Parameters<ResourceTypeInfo['ref']>[0]): string {
  return typeof r.prop('RoleName') === 'string' ? String(r.prop('RoleName')) : generatedName(r.stackName, r.logicalId, 64);
}

const ROLE: ResourceTypeInfo = {
  type: 'AWS::IAM::Role',
  ref: (r) => roleName(r),
  getAtt: (r, a) => ({ Arn: `arn:${r.env.partition}:iam::${r.env.account}:role/${roleName(r)}`, RoleId: `AROA${generatedSuffix(r.stackName, r.logicalId).toUpperCase()}` })[a],
};

// Ref of a customer managed policy is its ARN; without this the Roles' ManagedPolicyArns would not match it.
const MANAGED_POLICY: ResourceTypeInfo = {
  type: 'AWS::IAM::ManagedPolicy',
  ref: (r) => {
    const name = typeof r.prop('ManagedPolicyName') === 'string' ? String(r.prop('ManagedPolicyName')) : `${r.stackName}-${r.logicalId}`;
    const path = typeof r.prop('Path') === 'string' ? String(r.prop('Path')) : '/';
    return `arn:${r.env.partition}:iam::${r.env.account}:policy${path}${name}`;
  },
};

/**
 * Every call made with a role (a function's execution role) needs the role's identity policies to allow the
 * action on the resource. A role outside the template cannot be read, so its calls are not checked.
 */
export function identityPolicyGuard(world: SimulationWorld): CallGuard {
  return (caller, action, resource) => {
    if (caller.kind !== 'role' || caller.roleArn === undefined) return undefined;
    const role = functionRole(world, caller.roleArn);
    if (!role) return undefined;
    const d = roleDecision(world, role, action, resource);
    return d.decision === 'Allow' ? undefined : `the ${caller.roleKind} may not ${action}: ${d.reason}`;
  };
}

/** IAM: roles and policies are read from the template when a call or a check needs them; no model of their own. */
export const IAM_SERVICE: ServiceModule = {
  name: 'iam',
  resourceTypes: [ROLE, MANAGED_POLICY],
  install(world) {
    world.calls.guard(identityPolicyGuard(world));
  },
};
