import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/**
 * The landing-zone VPC an organisation under AWS Control Tower gives its workloads (CT.LAMBDA.PR.3 wants every
 * function in one): imported by id, so the example synthesizes offline. Replace the ids with your own.
 */
export function exampleNetwork(scope: Construct): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(scope, 'Network', {
    vpcId: 'vpc-0a1b2c3d4e5f60718',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    privateSubnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-1a2b3c4d5e6f70819'],
    privateSubnetRouteTableIds: ['rtb-0a1b2c3d4e5f60718', 'rtb-1a2b3c4d5e6f70819'],
  });
}
