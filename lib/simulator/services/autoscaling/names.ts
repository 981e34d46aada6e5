import { ResourceNaming, ResourceTypeInfo, deterministicUuid, generatedName, regionalArn } from '../../template';

/** Ref of a scalable target: `<ResourceId>|<ScalableDimension>|<ServiceNamespace>` (its ScalableTarget id). */
export const SCALABLE_TARGET: ResourceTypeInfo = {
  type: 'AWS::ApplicationAutoScaling::ScalableTarget',
  ref: (r) => `${String(r.prop('ResourceId'))}|${String(r.prop('ScalableDimension'))}|${String(r.prop('ServiceNamespace'))}`,
};

/** The resource id and namespace an Application Auto Scaling policy names, directly or through ScalingTargetId. */
export function applicationPolicyResource(r: ResourceNaming): { resourceId: string; namespace: string } {
  const target = r.prop('ScalingTargetId');
  if (typeof target === 'string' && target.includes('|')) {
    const [resourceId, , namespace] = target.split('|');
    return { resourceId, namespace };
  }
  return { resourceId: String(r.prop('ResourceId')), namespace: String(r.prop('ServiceNamespace')) };
}

function applicationPolicyArn(r: ResourceNaming): string {
  const { resourceId, namespace } = applicationPolicyResource(r);
  const uuid = deterministicUuid(`${r.stackName}/${r.logicalId}`);
  return regionalArn(r, 'autoscaling', `scalingPolicy:${uuid}:resource/${namespace}/${resourceId}:policyName/${String(r.prop('PolicyName'))}`);
}

/** Ref of an Application Auto Scaling policy is its ARN (what an alarm's AlarmActions holds). */
export const APPLICATION_SCALING_POLICY: ResourceTypeInfo = {
  type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
  ref: applicationPolicyArn,
  getAtt: (r, a) => (a === 'Arn' ? applicationPolicyArn(r) : undefined),
};

export const groupPolicyName = (r: ResourceNaming) => generatedName(r.stackName, r.logicalId, 255);

function groupPolicyArn(r: ResourceNaming): string {
  const uuid = deterministicUuid(`${r.stackName}/${r.logicalId}`);
  return regionalArn(r, 'autoscaling', `scalingPolicy:${uuid}:autoScalingGroupName/${String(r.prop('AutoScalingGroupName'))}:policyName/${groupPolicyName(r)}`);
}

/** Ref of an EC2 Auto Scaling policy is its ARN; `PolicyName` the generated name. */
export const GROUP_SCALING_POLICY: ResourceTypeInfo = {
  type: 'AWS::AutoScaling::ScalingPolicy',
  ref: groupPolicyArn,
  getAtt: (r, a) => ({ Arn: groupPolicyArn(r), PolicyName: groupPolicyName(r) })[a],
};
