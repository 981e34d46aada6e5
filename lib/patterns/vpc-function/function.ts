import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { NagAcknowledgement, acknowledge, createPatternFunction, forPacks } from '../../core';
import { VPC_FUNCTION_DEFAULTS } from './defaults';
import { encryptedLogGroup } from './log-group';
import { VpcFunctionFunctionProps } from './props';

/** The cdk-nag rules a function the pattern makes is exempt from, each with the reason a reviewer needs. */
export const VPC_FUNCTION_ACKNOWLEDGEMENTS = {
  /** On the function, when no dead-letter queue or failure destination is given. */
  deadLetterQueue: forPacks('LambdaDLQ', ['Serverless', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'],
    'A dead-letter queue only receives failed asynchronous invocations, and the pattern does not know how the function '
    + 'is invoked. Pass functionProps.deadLetterQueue (or onFailure) when it is invoked asynchronously; its sends are '
    + 'made by Lambda, outside the VPC, and get no endpoint.'),
  /** On the function, when failed asynchronous events go to functionProps.onFailure rather than a dead-letter queue. */
  failureDestination: forPacks('LambdaDLQ', ['Serverless', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'],
    'Failed asynchronous invocations go to the functionProps.onFailure destination, which receives them with their '
    + 'error and supersedes a dead-letter queue (Lambda developer guide, asynchronous invocation); the packs read only DeadLetterConfig.'),
  /** On the function, when no reserved concurrency is given. */
  concurrency: forPacks('LambdaConcurrency', ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'],
    'Reserved concurrency both caps the function and takes from the account\'s unreserved pool; the pattern cannot pick '
    + 'that number for a general-purpose function. Set functionProps.reservedConcurrentExecutions to reserve it.'),
} as const satisfies Record<string, readonly NagAcknowledgement[]>;

/** The function the pattern made, and its own security group. */
export interface MadeFunction {
  readonly function: lambda.Function;
  readonly securityGroup: ec2.SecurityGroup;
  /** The customer-managed policy that takes every grant to the function (undefined when the user brought the role). */
  readonly policy?: iam.ManagedPolicy;
}

/**
 * Makes the function in the given subnets: its own security group with no egress until routes are added, the
 * user's groups after it, a role whose policies are customer-managed (logs to its own encrypted log group, X-Ray
 * in a policy of its own), JSON logs, active tracing.
 */
export function createVpcFunction(scope: Construct, props: VpcFunctionFunctionProps, vpc: ec2.IVpc, subnets: readonly ec2.ISubnet[], key: () => kms.IKey): MadeFunction {
  const securityGroup = new ec2.SecurityGroup(scope, 'SecurityGroup', {
    vpc,
    description: `${scope.node.path}: HTTPS out to the endpoints of the services it is granted, nothing else`,
    allowAllOutbound: false,
  });
  const logGroup = props.logGroup ?? encryptedLogGroup(scope, 'FunctionLogs', key(), 'the function\'s log group');
  const { function: fn, policy } = createPatternFunction(scope, {
    functionProps: props,
    defaults: VPC_FUNCTION_DEFAULTS,
    logGroup,
    roleDescription: `Runs ${scope.node.path}`,
    policyDescription: `${scope.node.path}: its log group, and every grant made to the function`,
    fixedProps: { vpc, vpcSubnets: { subnets: [...subnets] }, securityGroups: [securityGroup, ...(props.securityGroups ?? [])] },
  });
  if (!props.deadLetterQueue && !props.deadLetterQueueEnabled && !props.deadLetterTopic) {
    acknowledge(fn, ...(props.onFailure ? VPC_FUNCTION_ACKNOWLEDGEMENTS.failureDestination : VPC_FUNCTION_ACKNOWLEDGEMENTS.deadLetterQueue));
  }
  if (props.reservedConcurrentExecutions === undefined) acknowledge(fn, ...VPC_FUNCTION_ACKNOWLEDGEMENTS.concurrency);
  return { function: fn, securityGroup, policy };
}
