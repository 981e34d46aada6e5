import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ManagedPolicyRole, NagAcknowledgement, acknowledge, forPacks } from '../../core';
import { encryptedLogGroup } from './log-group';

/** The cdk-nag rule the VPC the pattern makes is exempt from, and why. */
export const VPC_ACKNOWLEDGEMENTS: readonly NagAcknowledgement[] = forPacks('VPCDefaultSecurityGroupClosed', ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'],
  'Nothing the pattern makes uses the default security group: the function and every endpoint have groups of their own. '
    + 'aws-cdk-lib closes the default group with a custom-resource Lambda function outside any VPC, which the Control Tower '
    + 'proactive control CT.LAMBDA.PR.3 (lambda_inside_vpc) rejects.');

/** The VPC the pattern makes, and its flow log. */
export interface IsolatedVpc {
  readonly vpc: ec2.Vpc;
  readonly flowLog: ec2.FlowLog;
}

/**
 * An isolated VPC: private subnets without a route out in `availabilityZones` AZs, no NAT gateway, no internet
 * gateway, and a flow log of all traffic to an encrypted log group kept a year (the shape AWS Solutions
 * Constructs deploys for Lambda, AWS-FACTS §14).
 */
export function createIsolatedVpc(scope: Construct, availabilityZones: number, key: kms.IKey): IsolatedVpc {
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    maxAzs: availabilityZones,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Function', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    restrictDefaultSecurityGroup: false,
  });
  acknowledge(vpc, ...VPC_ACKNOWLEDGEMENTS);
  const logGroup = encryptedLogGroup(scope, 'FlowLogs', key, 'the VPC flow log');
  logGroup.applyRemovalPolicy(RemovalPolicy.RETAIN);
  const role = new ManagedPolicyRole(scope, 'FlowLogRole', {
    assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com'),
    description: `Writes the flow log of ${vpc.node.path}`,
    policyId: 'FlowLogPolicy',
    policyDescription: `Lets VPC Flow Logs write to the flow log group of ${vpc.node.path}`,
  });
  const flowLog = vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup, role), trafficType: ec2.FlowLogTrafficType.ALL });
  return { vpc, flowLog };
}
