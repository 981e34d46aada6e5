import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { NagAcknowledgement } from '../../core';

/** Why the workers' protection grant needs a wildcard, by the prop the workers came in. */
export const PROTECTION_WILDCARD_REASONS: Record<'service' | 'autoScalingGroup', string> = {
  service: 'ecs:UpdateTaskProtection is granted on the tasks of this one cluster (task/<cluster>/*): task ids are made when a '
    + 'task starts, so no policy written at deploy can name them. A task protects only itself, through the agent endpoint.',
  autoScalingGroup: 'autoscaling:SetInstanceProtection is granted on this one group by its exact name; the wildcard stands only '
    + 'for the UUID inside the group\'s ARN, which CloudFormation does not return.',
};

/**
 * The AwsSolutions-IAM5 acknowledgements for a statement's resources, each scoped to that one resource as
 * cdk-nag renders it (`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ecs:…:task/<Cluster>/*]`).
 */
export function wildcardAcknowledgements(scope: IConstruct, statement: iam.PolicyStatement, reason: string): NagAcknowledgement[] {
  const flattenCfnReference = nagResourceRendering();
  if (!flattenCfnReference) return [];
  return statement.resources.map((resource) => ({
    id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(resource))}]`,
    reason,
  }));
}

/**
 * cdk-nag's own rendering of a resource in a finding id, so an acknowledgement names exactly one resource.
 * cdk-nag is an optional peer: loaded only here, when a pattern is built, never when the package is
 * required; without it no pack runs, and there is nothing to acknowledge.
 */
function nagResourceRendering(): ((reference: unknown) => string) | undefined {
  try {
    return (require('cdk-nag/lib/utils/flatten-cfn-reference') as { flattenCfnReference: (reference: unknown) => string }).flattenCfnReference;
  } catch {
    return undefined;
  }
}
