import { Lazy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import { EndpointFacts } from './network-model';

/** Where an endpoint a function uses comes from. */
export type EndpointOrigin = 'made' | 'reused' | 'brought';

/** One endpoint a function's routes go through. */
export interface EndpointRoute {
  /** The endpoint service: `sqs`, `s3`, `ecr.dkr`. */
  readonly service: string;
  readonly kind: 'interface' | 'gateway';
  /**
   * `made` by the pattern (one per service per VPC, shared by every function of the app in that VPC); `reused`:
   * an endpoint the app already had in the VPC; `brought`: passed in `vpcEndpoints`.
   */
  readonly origin: EndpointOrigin;
  /** The endpoint, when it is a construct of the app or was brought (undefined for a bare `CfnVPCEndpoint`). */
  readonly endpoint?: ec2.IInterfaceVpcEndpoint | ec2.IGatewayVpcEndpoint;
  /** The subnets the endpoint's network interfaces are in (interface endpoints made by the pattern). */
  readonly subnets: readonly ec2.ISubnet[];
  /** The `AWS::EC2::VPCEndpoint` of an endpoint found in the app, when there is no L2 for it. */
  readonly resource?: ec2.CfnVPCEndpoint;
  /** How many Availability Zones an interface endpoint has ENIs in (billed per AZ-hour); unknown for brought ones. */
  readonly availabilityZones?: number;
}

function pascal(service: string): string {
  return service.split(/[.-]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

function freeId(scope: IConstruct, base: string): string {
  let id = base;
  for (let i = 2; scope.node.tryFindChild(id) !== undefined; i++) id = `${base}${i}`;
  return id;
}

/** The first subnet of each Availability Zone: an interface endpoint takes at most one per AZ. */
export function onePerAz(subnets: Iterable<ec2.ISubnet>): ec2.ISubnet[] {
  const byAz = new Map<string, ec2.ISubnet>();
  for (const s of subnets) if (!byAz.has(s.availabilityZone)) byAz.set(s.availabilityZone, s);
  return [...byAz.values()];
}

/**
 * An endpoint the pattern makes in a VPC. It serves every function of the app in the VPC: each one that uses it
 * adds its subnets (interface endpoints put an ENI in one subnet per AZ of them; gateway endpoints route the
 * subnets' route tables), read when the template is written.
 */
export class MadeEndpoint {
  public readonly subnets = new Set<ec2.ISubnet>();
  public readonly endpoint: ec2.InterfaceVpcEndpoint | ec2.GatewayVpcEndpoint;

  constructor(vpc: ec2.IVpc, public readonly service: string, public readonly kind: 'interface' | 'gateway', first: readonly ec2.ISubnet[]) {
    first.forEach((s) => this.subnets.add(s));
    const scope = vpc as unknown as Construct;
    const name = pascal(service);
    if (kind === 'interface') {
      const securityGroup = new ec2.SecurityGroup(scope, freeId(scope, `${name}EndpointSecurityGroup`), {
        vpc,
        description: `The ${service} endpoint: admits HTTPS from the Lambda functions routed to it`,
        allowAllOutbound: false,
      });
      this.endpoint = new ec2.InterfaceVpcEndpoint(scope, freeId(scope, `${name}Endpoint`), {
        vpc,
        service: new ec2.InterfaceVpcEndpointAwsService(service),
        subnets: { subnets: onePerAz(first) },
        privateDnsEnabled: true,
        open: false,
        securityGroups: [securityGroup],
      });
      (this.endpoint.node.defaultChild as ec2.CfnVPCEndpoint).subnetIds = Lazy.list({
        produce: () => onePerAz(this.subnets).map((s) => s.subnetId),
      });
    } else {
      this.endpoint = new ec2.GatewayVpcEndpoint(scope, freeId(scope, `${name}Endpoint`), {
        vpc,
        service: new ec2.GatewayVpcEndpointAwsService(service),
        subnets: [{ subnets: [...first] }],
      });
      (this.endpoint.node.defaultChild as ec2.CfnVPCEndpoint).routeTableIds = Lazy.list({
        produce: () => [...new Set([...this.subnets].map((s) => s.routeTable?.routeTableId).filter((id): id is string => id !== undefined))],
      });
    }
  }

  public route(): EndpointRoute {
    const subnets = this.kind === 'interface' ? onePerAz(this.subnets) : [...this.subnets];
    return { service: this.service, kind: this.kind, origin: 'made', endpoint: this.endpoint, subnets, availabilityZones: onePerAz(this.subnets).length };
  }
}

/** An endpoint the app already has in the VPC, as a route: its L2 when there is one. */
export function reusedRoute(e: EndpointFacts, service: string, availabilityZones: number): EndpointRoute {
  const parent = e.resource.node.scope;
  const l2 = parent instanceof ec2.InterfaceVpcEndpoint || parent instanceof ec2.GatewayVpcEndpoint ? parent : undefined;
  return {
    service,
    kind: e.type === 'Interface' ? 'interface' : 'gateway',
    origin: 'reused',
    endpoint: l2,
    subnets: [],
    resource: l2 ? undefined : e.resource,
    availabilityZones,
  };
}
