import { Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { NagAcknowledgement } from '../../lib';
import { SECURE_DEFAULTS, acknowledge } from '../../lib/core';

/** The private subnets and security group the example's functions run in. */
export interface ExampleNetwork {
  readonly vpc: ec2.IVpc;
  readonly securityGroup: ec2.ISecurityGroup;
}

/**
 * The landing-zone VPC an organisation under AWS Control Tower gives its workloads (CT.LAMBDA.PR.3 wants every
 * function in one): imported by id, so the example synthesizes offline. Replace the ids with your own.
 */
export function exampleNetwork(scope: Construct): ExampleNetwork {
  const vpc = ec2.Vpc.fromVpcAttributes(scope, 'Network', {
    vpcId: 'vpc-0a1b2c3d4e5f60718',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    privateSubnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-1a2b3c4d5e6f70819'],
    privateSubnetRouteTableIds: ['rtb-0a1b2c3d4e5f60718', 'rtb-1a2b3c4d5e6f70819'],
  });
  // No egress: neither the authorizer nor the orders function calls anything.
  const securityGroup = new ec2.SecurityGroup(scope, 'FunctionsSecurityGroup', {
    vpc, allowAllOutbound: false, description: 'The example API functions: no inbound, no outbound',
  });
  return { vpc, securityGroup };
}

/** Why the example's functions carry no dead-letter queue, and why their role has AWS's VPC policy. */
const EXAMPLE_FUNCTION_ACKNOWLEDGEMENTS: NagAcknowledgement[] = [
  ...['Serverless', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map((pack) => ({
    id: `${pack}-LambdaDLQ`,
    reason: 'API Gateway invokes this function synchronously (authorizer or proxy integration) and returns its errors '
      + 'to the caller; a function dead-letter queue only receives asynchronous invocations.',
  })),
];

const VPC_ACCESS_POLICY = 'service-role/AWSLambdaVPCAccessExecutionRole';

/**
 * A function for the example, in the network's private subnets, with JSON logs to an encrypted log group kept a
 * year, X-Ray, reserved concurrency and a role with only its log group (plus AWS's policy for VPC network
 * interfaces). The VpcFunction pattern is meant to make such functions; until it lands, the example makes its own.
 */
export function exampleFunction(scope: Construct, id: string, props: {
  readonly code: lambda.Code;
  readonly description: string;
  readonly network: ExampleNetwork;
  readonly key: kms.IKey;
}): lambda.Function {
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, { encryptionKey: props.key, retention: SECURE_DEFAULTS.logRetention });
  props.key.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${Stack.of(scope).region}.amazonaws.com`));
  const role = new iam.Role(scope, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: props.description });
  const policy = new iam.ManagedPolicy(scope, `${id}Policy`, {
    roles: [role],
    statements: [
      new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
      new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
    ],
  });
  acknowledge(policy, {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so tracing can only be granted on "*".',
  });
  const fn = new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: props.code,
    description: props.description,
    timeout: Duration.seconds(10),
    memorySize: 256,
    reservedConcurrentExecutions: 10,
    loggingFormat: lambda.LoggingFormat.JSON,
    logGroup,
    role,
    vpc: props.network.vpc,
    vpcSubnets: { subnets: props.network.vpc.privateSubnets },
    securityGroups: [props.network.securityGroup],
  });
  const cfn = fn.node.defaultChild as lambda.CfnFunction;
  cfn.tracingConfig = { mode: lambda.Tracing.ACTIVE };
  // aws-cdk-lib makes a function depend on its role, which it also reads with Fn::GetAtt: a redundant dependency.
  cfn.addMetadata('cfn-lint', { config: { ignore_checks: ['W3005'] } });
  fn.node.addDependency(policy);
  acknowledge(role, {
    id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${VPC_ACCESS_POLICY}]`,
    reason: 'AWS\'s policy for the network interfaces Lambda creates in the VPC (ec2:CreateNetworkInterface and its '
      + 'kin support no resource-level scoping for this use); aws-cdk-lib attaches it to a function\'s role when it is in a VPC.',
  });
  acknowledge(fn, ...EXAMPLE_FUNCTION_ACKNOWLEDGEMENTS);
  return fn;
}
