import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { NagAcknowledgement, acknowledge } from '../../core';
import { dropRedundantRoleDependency, enableTracing, forPacks } from '../queue-consumer/consumer-function';
import { VPC_FUNCTION_DEFAULTS } from './defaults';
import { encryptedLogGroup } from './log-group';
import { ManagedPolicyRole } from './managed-policy-role';
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
  const writeLogs = new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupRef.logGroupArn] });
  let role = props.role;
  let policy: iam.ManagedPolicy | undefined;
  if (!role) {
    // Not Lambda's default role: it attaches AWSLambdaBasicExecutionRole (every log group; cdk-nag AwsSolutions-IAM4).
    const made = new ManagedPolicyRole(scope, 'FunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${scope.node.path}`,
      policyId: 'FunctionPolicy',
      policyDescription: `${scope.node.path}: its log group, and every grant made to the function`,
    });
    role = made;
    policy = made.policy;
  }
  role.addToPrincipalPolicy(writeLogs);
  const fn = new lambda.Function(scope, 'Function', {
    timeout: VPC_FUNCTION_DEFAULTS.timeout,
    memorySize: VPC_FUNCTION_DEFAULTS.memorySize,
    loggingFormat: lambda.LoggingFormat.JSON,
    applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
    systemLogLevelV2: lambda.SystemLogLevel.INFO,
    ...props,
    runtime: props.runtime ?? VPC_FUNCTION_DEFAULTS.runtime,
    logGroup,
    role,
    vpc,
    vpcSubnets: { subnets: [...subnets] },
    securityGroups: [securityGroup, ...(props.securityGroups ?? [])],
  });
  if (policy) fn.node.addDependency(policy);
  dropRedundantRoleDependency(fn, role);
  // X-Ray's two `*` actions in a policy of their own, acknowledged there only (as QueueConsumer does).
  if (props.tracing === undefined) enableTracing(scope, fn, role);
  if (!props.deadLetterQueue && !props.deadLetterQueueEnabled && !props.deadLetterTopic) {
    acknowledge(fn, ...(props.onFailure ? VPC_FUNCTION_ACKNOWLEDGEMENTS.failureDestination : VPC_FUNCTION_ACKNOWLEDGEMENTS.deadLetterQueue));
  }
  if (props.reservedConcurrentExecutions === undefined) acknowledge(fn, ...VPC_FUNCTION_ACKNOWLEDGEMENTS.concurrency);
  return { function: fn, securityGroup, policy };
}
