import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { createEncryptionKey } from '../../core';
import { RouteCost } from './cost';
import { VPC_FUNCTION_DEFAULTS } from './defaults';
import { EndpointRoute } from './endpoints';
import { createVpcFunction } from './function';
import { createIsolatedVpc } from './network';
import { VpcFunctionFunctionProps, VpcFunctionProps } from './props';
import { GrantedRoutes, VpcEgress, routeGrantedServices } from './routes';
import { VPC_FUNCTION_PROP_NAMES, checkProps, checkedSubnets } from './validate';

/**
 * A Lambda function in private subnets with exactly the routes its grants need.
 *
 * Grant the function what it calls as usual (`queue.grantSendMessages(fn.function)`), before or after this
 * construct: when the app is synthesized the pattern reads the function's role, and for each service the code
 * is granted adds a VPC endpoint (gateway endpoints for S3 and DynamoDB, interface endpoints with private DNS
 * for the others; one per service per VPC, shared by every function of the app and reused when the VPC has
 * one) and HTTPS egress from the function's security group to it, and nothing else. With `egress: 'nat'` it
 * opens HTTPS through the subnets' NAT route instead. Without a VPC it makes an isolated one, with flow logs.
 */
export class VpcFunction extends Construct {
  /** The function. */
  public readonly function: lambda.Function;
  /** The VPC the function is in. */
  public readonly vpc: ec2.IVpc;
  /** The security group the pattern made for the function (undefined for a brought function). */
  public readonly securityGroup?: ec2.SecurityGroup;
  /**
   * The customer-managed policy that takes every grant made to the function the pattern made (instead of an
   * inline default policy: cdk-nag IAMNoInlinePolicy). Undefined for a brought function or role.
   */
  public readonly policy?: iam.ManagedPolicy;
  /** The key of the log groups the pattern made, if it made any. */
  public readonly encryptionKey?: kms.IKey;
  /** The flow log of the VPC the pattern made. */
  public readonly flowLog?: ec2.FlowLog;
  /** The function's routes: derived services, endpoints, cost. */
  public readonly routes: GrantedRoutes;

  private patternKey?: kms.IKey;

  constructor(scope: Construct, id: string, props: VpcFunctionProps = {}) {
    super(scope, id);
    const egress: VpcEgress = props.egress ?? VPC_FUNCTION_DEFAULTS.egress;
    checkProps(this, props, egress);
    if (props.vpc) {
      this.vpc = props.vpc;
    } else {
      const made = createIsolatedVpc(this, props.availabilityZones ?? VPC_FUNCTION_DEFAULTS.availabilityZones, this.key(props));
      this.vpc = made.vpc;
      this.flowLog = made.flowLog;
    }
    if (props.function) {
      this.function = props.function;
    } else {
      const subnets = checkedSubnets(this, props, this.vpc, egress);
      const made = createVpcFunction(this, props.functionProps as VpcFunctionFunctionProps, this.vpc, subnets, () => this.key(props));
      this.function = made.function;
      this.securityGroup = made.securityGroup;
      this.policy = made.policy;
    }
    // The pattern stands for its function where a construct is asked for its one resource (the simulator's
    // `sim.onInvoke(reports, …)`).
    this.node.defaultChild = this.function;
    this.encryptionKey = this.patternKey;
    this.routes = routeGrantedServices(this.function, {
      vpc: this.vpc,
      egress,
      additionalServices: props.additionalServices,
      servicesNotCalledFromVpc: props.servicesNotCalledFromVpc,
      vpcEndpoints: props.vpcEndpoints,
      prefixListIds: props.prefixListIds,
      scope: this,
      propNames: VPC_FUNCTION_PROP_NAMES,
      functionBrought: props.function !== undefined,
      vpcGiven: props.vpc !== undefined,
    });
  }

  /**
   * The endpoints the function's routes go through, by endpoint service (`sqs`, `s3`): made by the pattern,
   * reused from the VPC, or brought. Complete once every grant is made (reading it plans the routes as the
   * grants are then; the synth plans again).
   */
  public get endpoints(): Readonly<Record<string, EndpointRoute>> {
    return this.routes.endpoints;
  }

  /** The services the function's code is granted, by IAM prefix, with the actions that show it. */
  public get services(): ReadonlyMap<string, readonly string[]> {
    return this.routes.services;
  }

  /** What the routes cost a month before data, and per GB (AWS-FACTS §14 prices, us-east-1). */
  public get cost(): RouteCost {
    return this.routes.cost;
  }

  /** Lets `grantee` invoke the function. */
  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return this.function.grantInvoke(grantee);
  }

  /** The key for the log groups the pattern makes: the given one, or one made on first use. */
  private key(props: VpcFunctionProps): kms.IKey {
    this.patternKey ??= props.encryptionKey ?? createEncryptionKey(this, 'Key', { description: `Encrypts the log groups of ${this.node.path}` });
    return this.patternKey;
  }
}
