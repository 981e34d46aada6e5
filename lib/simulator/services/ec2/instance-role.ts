import { TemplateResource } from '../../template';
import { SimulationWorld } from '../../world/world';

/** The instance profile a group's instances launch with: from its launch template or launch configuration. */
function instanceProfile(world: SimulationWorld, group: TemplateResource): unknown {
  const lt = group.prop('LaunchTemplate') as { LaunchTemplateId?: unknown; LaunchTemplateName?: unknown } | undefined;
  if (lt) {
    const template = world.template.ofType('AWS::EC2::LaunchTemplate')
      .find((t) => t.ref === lt.LaunchTemplateId || (lt.LaunchTemplateName !== undefined && t.prop('LaunchTemplateName') === lt.LaunchTemplateName));
    const data = template?.prop('LaunchTemplateData') as { IamInstanceProfile?: { Arn?: unknown; Name?: unknown } } | undefined;
    return data?.IamInstanceProfile?.Arn ?? data?.IamInstanceProfile?.Name;
  }
  const lcName = group.prop('LaunchConfigurationName');
  return world.template.ofType('AWS::AutoScaling::LaunchConfiguration').find((c) => c.ref === lcName)?.prop('IamInstanceProfile');
}

/**
 * The role the code on the group's instances runs with (its instance profile's role), when the template holds all
 * of it: what a worker's SetInstanceProtection call is checked against. Undefined: not checked.
 */
export function instanceRoleArn(world: SimulationWorld, group: TemplateResource): string | undefined {
  const profileRef = instanceProfile(world, group);
  if (profileRef === undefined) return undefined;
  const profile = world.template.ofType('AWS::IAM::InstanceProfile').find((p) => p.ref === profileRef || p.getAtt('Arn') === profileRef);
  const roleName = (profile?.prop('Roles') as unknown[] | undefined)?.[0];
  const role = world.template.ofType('AWS::IAM::Role').find((r) => r.ref === roleName);
  const arn = role?.getAtt('Arn');
  return typeof arn === 'string' ? arn : undefined;
}
