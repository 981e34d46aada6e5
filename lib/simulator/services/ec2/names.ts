import { ResourceNaming, ResourceTypeInfo, deterministicUuid, generatedName, physicalName, regionalArn } from '../../template';

export const groupName = (r: ResourceNaming) => physicalName(r, 'AutoScalingGroupName', 255);

/** An Auto Scaling group's ARN holds a UUID CloudFormation does not return; a deterministic one here. */
export function groupArn(r: ResourceNaming): string {
  return regionalArn(r, 'autoscaling', `autoScalingGroup:${deterministicUuid(`${r.stackName}/${r.logicalId}`)}:autoScalingGroupName/${groupName(r)}`);
}

/** Ref of a group is its name. */
export const AUTO_SCALING_GROUP: ResourceTypeInfo = {
  type: 'AWS::AutoScaling::AutoScalingGroup',
  ref: (r) => groupName(r),
};

const profileName = (r: ResourceNaming) => physicalName(r, 'InstanceProfileName', 128);

/** What an instance runs with: Ref of an instance profile is its name, `Arn` its ARN (so a launch template can name it). */
export const INSTANCE_PROFILE: ResourceTypeInfo = {
  type: 'AWS::IAM::InstanceProfile',
  ref: (r) => profileName(r),
  getAtt: (r, a) => (a === 'Arn' ? `arn:${r.env.partition}:iam::${r.env.account}:instance-profile/${profileName(r)}` : undefined),
};

const templateId = (r: ResourceNaming) => `lt-${deterministicUuid(`${r.stackName}/${r.logicalId}`).replace(/-/g, '').slice(0, 17)}`;

/** Ref of a launch template is its id; the version attributes are `1` (one version per deployment here). */
export const LAUNCH_TEMPLATE: ResourceTypeInfo = {
  type: 'AWS::EC2::LaunchTemplate',
  ref: templateId,
  getAtt: (r, a) => ({ LaunchTemplateId: templateId(r), LatestVersionNumber: '1', DefaultVersionNumber: '1' })[a],
};

/** Ref of a launch configuration is its name. */
export const LAUNCH_CONFIGURATION: ResourceTypeInfo = {
  type: 'AWS::AutoScaling::LaunchConfiguration',
  ref: (r) => (typeof r.prop('LaunchConfigurationName') === 'string' ? String(r.prop('LaunchConfigurationName')) : generatedName(r.stackName, r.logicalId, 255)),
};
