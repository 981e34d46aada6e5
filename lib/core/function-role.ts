import { CfnResource, Lazy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { NagAcknowledgement, acknowledge } from './acknowledgements';

/** Why the tracing policy a pattern makes grants its two X-Ray actions on `*`. */
export const XRAY_WILDCARD_ACKNOWLEDGEMENTS: readonly NagAcknowledgement[] = [{
  id: 'AwsSolutions-IAM5[Resource::*]',
  reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions (Service '
    + 'Authorization Reference, AWS X-Ray), so tracing can only be granted on "*". This policy holds nothing else.',
}];

/**
 * lambda.Function always makes its resource depend on its role, which it also reads with `Fn::GetAtt`:
 * cfn-lint flags the explicit dependency as redundant (W3005). Every other dependency is kept, computed
 * when the template is written, after the CDK has turned construct dependencies into `DependsOn`.
 */
export function dropRedundantRoleDependency(fn: lambda.Function, role: iam.IRole): void {
  const cfnRole = role.node.defaultChild;
  if (!(cfnRole instanceof CfnResource)) return;
  const cfn = fn.node.defaultChild as lambda.CfnFunction;
  cfn.addOverride('DependsOn', Lazy.list({
    produce: () => cfn.obtainDependencies()
      .filter((d): d is CfnResource => d instanceof CfnResource && d !== cfnRole)
      .map((d) => d.logicalId),
  }, { omitEmpty: true }));
}

/**
 * Turns on active X-Ray tracing with its permissions in a policy of their own (`TracingPolicy` under `scope`).
 * `tracing: ACTIVE` would put the `"*"` statement in the role's default policy, where acknowledging
 * AwsSolutions-IAM5 would also hide any wildcard granted to the function later; here the acknowledgement
 * covers the X-Ray actions only.
 */
export function enableTracing(scope: Construct, fn: lambda.Function, role: iam.IRole): void {
  (fn.node.defaultChild as lambda.CfnFunction).tracingConfig = { mode: lambda.Tracing.ACTIVE };
  const policy = new iam.ManagedPolicy(scope, 'TracingPolicy', {
    description: `X-Ray tracing for ${fn.node.path}`,
    roles: [role],
    statements: [new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] })],
  });
  fn.node.addDependency(policy);
  acknowledge(policy, ...XRAY_WILDCARD_ACKNOWLEDGEMENTS);
}
