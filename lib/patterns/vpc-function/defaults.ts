import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DefaultDefinition } from '../../core';

/** The defaults of a VpcFunction that are choices of this library, each with why. */
export const VPC_FUNCTION_DEFAULTS = {
  /** The newest Node.js runtime in aws-cdk-lib 2.276 (cdk-nag AwsSolutions-L1 asks for the latest). */
  runtime: lambda.Runtime.NODEJS_24_X,
  /** Lambda's 3 s default is too short for a function that calls other services (cdk-nag Serverless-LambdaDefaultTimeout). */
  timeout: Duration.seconds(30),
  /** 128 MB is Lambda's default and its slowest CPU (cdk-nag Serverless-LambdaDefaultMemorySize). */
  memorySize: 256,
  /** Endpoints: no NAT gateway, and no way out but to the services the function is granted. */
  egress: 'endpoints' as const,
  /** Two AZs: the function survives one AZ's outage; each interface endpoint bills per AZ. */
  availabilityZones: 2,
} as const;

/** The defaults as the catalog shows them. */
export const VPC_FUNCTION_DEFAULT_DEFINITIONS: readonly DefaultDefinition[] = [
  { prop: 'egress', value: 'endpoints', why: 'A function in a VPC has no internet access; a VPC endpoint per granted service reaches exactly those, without a NAT gateway, and the security group opens HTTPS to those endpoints only.', source: 'AWS-FACTS §3.4, §14' },
  { prop: 'vpc', value: 'isolated subnets in 2 AZs, flow logs, no NAT', why: 'The shape AWS Solutions Constructs deploys for Lambda: nothing routes to the internet, and every flow is logged.', source: 'AWS-FACTS §14 [asc-vpc-helper]' },
  { prop: 'vpcSubnets', value: 'the isolated subnets (else private with egress)', why: 'Never a public subnet: Lambda gives the function no public IP.', source: 'AWS-FACTS §3.4' },
  { prop: 'functionProps.runtime', value: 'NODEJS_24_X', why: 'The newest Node.js runtime (cdk-nag AwsSolutions-L1).' },
  { prop: 'functionProps.timeout', value: '30 seconds', why: 'Lambda\'s 3 s default is too short for calls through endpoints (Serverless-LambdaDefaultTimeout).' },
  { prop: 'functionProps.memorySize', value: 256, why: '128 MB is the slowest CPU (Serverless-LambdaDefaultMemorySize).' },
  { prop: 'functionProps.tracing', value: 'ACTIVE', why: 'X-Ray traces show which call hangs; the X-Ray endpoint is derived like any other grant.' },
  { prop: 'encryptionKey', value: 'a new key with yearly rotation', why: 'The function\'s and the flow log\'s log groups are encrypted and kept a year (Control Tower CT.CLOUDWATCH.PR.2, .PR.3).' },
];
