import { NetworkAcl } from './network-acl';
import { SecurityGroup } from './security-group';

/** Where a route sends traffic, by the target property AWS::EC2::Route (or a gateway endpoint) names. */
export type RouteTargetKind =
  | 'internet-gateway' | 'nat-gateway' | 'gateway-endpoint' | 'instance' | 'network-interface' | 'transit-gateway'
  | 'vpc-peering' | 'vpn-gateway' | 'egress-only-internet-gateway' | 'carrier-gateway' | 'local-gateway' | 'core-network';

/** One route of a route table. */
export interface NetworkRoute {
  /** An IPv4 block (`0.0.0.0/0`), or undefined for a prefix-list or IPv6 destination. */
  readonly destinationCidr?: string;
  /** The gateway endpoint whose service prefix list this route is for. */
  readonly endpoint?: VpcEndpoint;
  readonly target: RouteTargetKind;
  /** The target's id (`igw-…`, `nat-…`). */
  readonly targetId: string;
  /** Where the route is written (an AWS::EC2::Route, or the gateway endpoint). */
  readonly definedIn: string;
}

/** A route table: explicit routes, plus the `local` route every table has for its VPC's block. */
export class RouteTable {
  public readonly routes: NetworkRoute[] = [];
  constructor(
    public readonly logicalId: string,
    public readonly id: string,
    public readonly vpcId: string | undefined,
    /** The VPC's main table, made by EC2 with the VPC: only the local route unless the template adds to it. */
    public readonly isMain = false,
  ) {}

  /** The route for a public address: the longest IPv4 prefix match, which for an unknown address is `0.0.0.0/0`. */
  public defaultRoute(): NetworkRoute | undefined {
    return this.routes.find((r) => r.destinationCidr === '0.0.0.0/0');
  }

  /** The gateway endpoint route for an endpoint service (`s3`), if this table has one. */
  public gatewayRoute(service: string): NetworkRoute | undefined {
    return this.routes.find((r) => r.endpoint?.service === service);
  }
}

export class InternetGateway {
  /** The VPC it is attached to (AWS::EC2::VPCGatewayAttachment), if any. */
  public attachedTo: string | undefined = undefined;
  constructor(public readonly logicalId: string, public readonly id: string) {}
}

export class NatGateway {
  constructor(
    public readonly logicalId: string,
    public readonly id: string,
    /** The subnet it sits in (a public NAT gateway needs that subnet to route to an internet gateway). */
    public readonly subnetId: string | undefined,
    /** `private` NAT gateways reach other networks, never the internet. */
    public readonly connectivity: 'public' | 'private',
  ) {}
}

/** A VPC endpoint (AWS::EC2::VPCEndpoint): interface (ENIs with private DNS) or gateway (route table entries). */
export class VpcEndpoint {
  constructor(
    public readonly logicalId: string,
    public readonly id: string,
    public readonly vpcId: string | undefined,
    /** The endpoint service after `com.amazonaws.<region>.`: `sqs`, `ecr.dkr`; undefined for other services. */
    public readonly service: string | undefined,
    public readonly type: 'Interface' | 'Gateway' | 'GatewayLoadBalancer',
    /** CloudFormation's default is false; aws-cdk-lib writes true for its interface endpoints. */
    public readonly privateDns: boolean,
    public readonly subnetIds: readonly string[],
    public readonly securityGroupIds: readonly string[],
    public readonly routeTableIds: readonly string[],
    /** The endpoint policy; undefined is the full-access default. */
    public readonly policy: unknown,
  ) {}
}

/** A VPC with the parts EC2 makes with it: the main route table, the default network ACL, the default security group. */
export class Vpc {
  constructor(
    public readonly logicalId: string,
    public readonly id: string,
    public readonly cidr: string | undefined,
    /** EnableDnsSupport (default true) and EnableDnsHostnames (default false): private DNS needs both. */
    public readonly dnsSupport: boolean,
    public readonly dnsHostnames: boolean,
    public readonly mainRouteTable: RouteTable,
    public readonly defaultAcl: NetworkAcl,
    public readonly defaultSecurityGroup: SecurityGroup,
  ) {}
}

/** A subnet, with the route table and network ACL in force for it once the template is linked. */
export class Subnet {
  public routeTable: RouteTable | undefined = undefined;
  public acl: NetworkAcl | undefined = undefined;
  constructor(
    public readonly logicalId: string,
    public readonly id: string,
    public readonly vpcId: string | undefined,
    public readonly cidr: string | undefined,
    public readonly availabilityZone: string | undefined,
  ) {}
}
