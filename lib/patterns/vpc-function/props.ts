import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { RouteGrantedServicesOptions, VpcEgress } from './routes';

/**
 * The function the pattern makes, as `lambda.FunctionProps` with the runtime optional and the network left to
 * the pattern (`vpc`, `vpcSubnets` and `egress` are props of the pattern itself).
 */
export interface VpcFunctionFunctionProps
  extends Omit<lambda.FunctionProps, 'runtime' | 'vpc' | 'vpcSubnets' | 'allowAllOutbound' | 'allowPublicSubnet' | 'securityGroup'> {
  /**
   * The runtime of the handler.
   * @default lambda.Runtime.NODEJS_24_X - the newest Node.js runtime aws-cdk-lib knows
   */
  readonly runtime?: lambda.Runtime;
}

/** Props of {@link VpcFunction}. */
export interface VpcFunctionProps extends Pick<RouteGrantedServicesOptions,
  'additionalServices' | 'servicesNotCalledFromVpc' | 'vpcEndpoints' | 'prefixListIds'> {
  /**
   * A function you made in a VPC (with `vpc`, its subnets and security groups). Pass the same VPC as `vpc`.
   * @default - the pattern makes one from `functionProps`
   */
  readonly function?: lambda.Function;
  /**
   * The function for the pattern to make, with secure defaults, in private subnets of `vpc`.
   * @default - `function` is used
   */
  readonly functionProps?: VpcFunctionFunctionProps;
  /**
   * The VPC. Its endpoints made in this app are reused; endpoints made elsewhere go in `vpcEndpoints`.
   * @default - a new VPC: isolated subnets in `availabilityZones` AZs, flow logs, no NAT gateway
   */
  readonly vpc?: ec2.IVpc;
  /**
   * The subnets of the function the pattern makes.
   * @default - the VPC's isolated subnets if it has any (its private subnets with egress otherwise); with egress 'nat', the private subnets with egress
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * How the function reaches AWS services: `endpoints`, one VPC endpoint per granted service (shared by every
   * function of the app in the VPC) and HTTPS egress to those only; `nat`, HTTPS egress to anywhere through the
   * subnets' NAT route.
   * @default 'endpoints'
   */
  readonly egress?: VpcEgress;
  /**
   * How many Availability Zones the VPC the pattern makes spans (an interface endpoint bills per AZ).
   * @default 2
   */
  readonly availabilityZones?: number;
  /**
   * The key that encrypts the function's log group and the flow log's.
   * @default - a new customer-managed key with yearly rotation
   */
  readonly encryptionKey?: kms.IKey;
}
