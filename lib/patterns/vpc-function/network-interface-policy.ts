import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NagAcknowledgement, acknowledge } from '../../core';
import { CALLED_OUTSIDE_THE_VPC } from './called-outside-the-vpc';
import { markedStrings } from './references';

/** Why the network interface permissions are granted on `*`, for the one policy that holds them. */
export const NETWORK_INTERFACE_ACKNOWLEDGEMENTS: readonly NagAcknowledgement[] = [{
  id: 'AwsSolutions-IAM5[Resource::*]',
  reason: 'Lambda creates, describes and deletes the function\'s network interfaces with its execution role; '
    + 'ec2:DescribeNetworkInterfaces and ec2:DescribeSubnets support no resource-level permissions, and these are the '
    + 'actions of the AWS managed AWSLambdaVPCAccessExecutionRole (Lambda developer guide, VPC networking). This policy holds nothing else.',
}];

/**
 * Gives a VPC function's role what Lambda needs to attach it to the VPC, in a customer-managed policy of its
 * own. aws-cdk-lib attaches AWSLambdaVPCAccessExecutionRole only to a role it makes itself; a role a pattern
 * or the user made would otherwise fail at deploy ("the provided execution role does not have permissions to
 * call CreateNetworkInterface on EC2"). Nothing is added when the role already has the managed policy, or is
 * imported (its policies are not in the app).
 */
export function grantNetworkInterfaces(fn: lambda.Function): iam.ManagedPolicy | undefined {
  const role = fn.role;
  if (!(role instanceof iam.Role)) return undefined;
  const cfnRole = role.node.defaultChild as iam.CfnRole;
  if (markedStrings(cfnRole.managedPolicyArns, cfnRole).some((arn) => arn.endsWith('/AWSLambdaVPCAccessExecutionRole'))) return undefined;
  const existing = fn.node.tryFindChild('NetworkInterfacePolicy');
  if (existing instanceof iam.ManagedPolicy) return existing;
  const policy = new iam.ManagedPolicy(fn, 'NetworkInterfacePolicy', {
    description: `Lets Lambda attach ${fn.node.path} to its VPC`,
    roles: [role],
    statements: [new iam.PolicyStatement({ actions: [...CALLED_OUTSIDE_THE_VPC.networkInterfaces.actions], resources: ['*'] })],
  });
  // Lambda checks the role when it creates the function; the policy is the function's child, so only its resource waits.
  (fn.node.defaultChild as lambda.CfnFunction).addResourceDependency(policy.node.defaultChild as iam.CfnManagedPolicy);
  acknowledge(policy, ...NETWORK_INTERFACE_ACKNOWLEDGEMENTS);
  return policy;
}
