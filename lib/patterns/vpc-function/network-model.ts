import { CfnResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { endpointServiceSuffix } from './services';
import { marker, markedString, markedStrings, resolveMarked } from './references';

/** One security group rule, from the group's inline rules or a separate ingress/egress resource. */
export interface SecurityGroupRule {
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  /** A CIDR (`0.0.0.0/0`), or the marker of the VPC whose CIDR block it is. */
  readonly cidr?: string;
  readonly prefixListId?: string;
  /** The other security group, as a marker or an id. */
  readonly peerGroup?: string;
  readonly description?: string;
}

/** A security group as the template describes it. */
export interface SecurityGroupFacts {
  readonly vpc?: string;
  readonly egress: SecurityGroupRule[];
  readonly ingress: SecurityGroupRule[];
}

/** A VPC endpoint as the template describes it. */
export interface EndpointFacts {
  /** The marker of its `AWS::EC2::VPCEndpoint`. */
  readonly id: string;
  readonly resource: ec2.CfnVPCEndpoint;
  readonly vpc: string;
  /** The endpoint service after `com.amazonaws.<region>.`: `sqs`, `ecr.dkr`. */
  readonly service?: string;
  readonly type: 'Interface' | 'Gateway';
  readonly privateDns: boolean;
  readonly subnets: readonly string[];
  readonly securityGroups: readonly string[];
  readonly routeTables: readonly string[];
}

/** Where a route table sends traffic for 0.0.0.0/0. */
export type DefaultRoute = 'internet-gateway' | 'nat' | 'none';

/** How a subnet reaches beyond its VPC: `nat` also covers NAT instances, transit gateways and ENIs. */
export type SubnetReach = 'public' | 'nat' | 'isolated' | 'unknown';

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

function rule(raw: Record<string, unknown>, direction: 'egress' | 'ingress'): SecurityGroupRule {
  const peer = direction === 'egress' ? raw.destinationSecurityGroupId : raw.sourceSecurityGroupId;
  return {
    protocol: String(raw.ipProtocol ?? '-1'),
    fromPort: num(raw.fromPort),
    toPort: num(raw.toPort),
    cidr: typeof raw.cidrIp === 'string' ? raw.cidrIp : undefined,
    prefixListId: typeof (raw.destinationPrefixListId ?? raw.sourcePrefixListId) === 'string'
      ? String(raw.destinationPrefixListId ?? raw.sourcePrefixListId) : undefined,
    peerGroup: typeof peer === 'string' ? peer : undefined,
    description: typeof raw.description === 'string' ? raw.description : undefined,
  };
}

/** Something shaped like an `ec2.IVpc` that the app imported (no `AWS::EC2::VPC` of its own). */
function importedVpc(node: IConstruct): ec2.IVpc | undefined {
  const v = node as Partial<ec2.IVpc>;
  if (node instanceof ec2.Vpc || typeof v.vpcId !== 'string' || !Array.isArray(v.isolatedSubnets) || !Array.isArray(v.privateSubnets)) return undefined;
  return node as unknown as ec2.IVpc;
}

/**
 * The network of an app as its CloudFormation resources describe it (subnets, route tables and routes,
 * security groups and their rules, VPC endpoints), read once. Imported VPCs add what their attributes say.
 */
export class NetworkModel {
  /** Reads the whole construct tree under `root`. */
  public static of(root: IConstruct): NetworkModel {
    return new NetworkModel(root);
  }

  public readonly endpoints: EndpointFacts[] = [];
  public readonly groups = new Map<string, SecurityGroupFacts>();
  private readonly subnetRouteTables = new Map<string, string>();
  private readonly defaultRoutes = new Map<string, DefaultRoute>();
  private readonly vpcCidrs = new Map<string, string>();
  private readonly subnetAzs = new Map<string, string>();
  private readonly importedSubnets = new Map<string, Exclude<SubnetReach, 'unknown'>>();

  private constructor(root: IConstruct) {
    const looseRules: [string, 'egress' | 'ingress', SecurityGroupRule][] = [];
    for (const node of root.node.findAll()) {
      if (node instanceof CfnResource) this.read(node, looseRules);
      const imported = importedVpc(node);
      if (imported) this.readImported(imported);
    }
    for (const [group, direction, r] of looseRules) this.group(group)[direction].push(r);
    // A security group with no egress rule at all keeps the allow-all rule EC2 gives every new group; any egress
    // rule, inline or a separate AWS::EC2::SecurityGroupEgress, replaces it (AWS::EC2::SecurityGroup reference).
    for (const g of this.groups.values()) if (g.egress.length === 0) g.egress.push({ protocol: '-1', cidr: '0.0.0.0/0', description: 'EC2 default egress' });
  }

  private group(id: string): SecurityGroupFacts {
    let g = this.groups.get(id);
    if (!g) {
      g = { egress: [], ingress: [] };
      this.groups.set(id, g);
    }
    return g;
  }

  private read(node: CfnResource, looseRules: [string, 'egress' | 'ingress', SecurityGroupRule][]): void {
    const r = (v: unknown) => markedString(v, node);
    if (node instanceof ec2.CfnVPC) {
      this.vpcCidrs.set(marker(node), String(r(node.cidrBlock) ?? ''));
    } else if (node instanceof ec2.CfnSubnet) {
      this.subnetAzs.set(marker(node), String(r(node.availabilityZone) ?? marker(node)));
    } else if (node instanceof ec2.CfnSubnetRouteTableAssociation) {
      const subnet = r(node.subnetId);
      const table = r(node.routeTableId);
      if (subnet && table) this.subnetRouteTables.set(subnet, table);
    } else if (node instanceof ec2.CfnRoute) {
      this.readRoute(node);
    } else if (node instanceof ec2.CfnSecurityGroup) {
      const g = this.group(marker(node));
      (g as { vpc?: string }).vpc = r(node.vpcId);
      for (const raw of rawRules(node.securityGroupEgress, node)) g.egress.push(rule(raw, 'egress'));
      for (const raw of rawRules(node.securityGroupIngress, node)) g.ingress.push(rule(raw, 'ingress'));
    } else if (node instanceof ec2.CfnSecurityGroupEgress || node instanceof ec2.CfnSecurityGroupIngress) {
      const direction = node instanceof ec2.CfnSecurityGroupEgress ? 'egress' : 'ingress';
      const peer = node instanceof ec2.CfnSecurityGroupEgress
        ? { destinationSecurityGroupId: node.destinationSecurityGroupId, destinationPrefixListId: node.destinationPrefixListId }
        : { sourceSecurityGroupId: node.sourceSecurityGroupId, sourcePrefixListId: node.sourcePrefixListId };
      const raw = resolveMarked({
        ipProtocol: node.ipProtocol, fromPort: node.fromPort, toPort: node.toPort, cidrIp: node.cidrIp, description: node.description, ...peer,
      }, node) as Record<string, unknown>;
      looseRules.push([String(r(node.groupId)), direction, rule(raw, direction)]);
    } else if (node instanceof ec2.CfnVPCEndpoint) {
      this.readEndpoint(node);
    }
  }

  private readRoute(node: ec2.CfnRoute): void {
    const r = (v: unknown) => markedString(v, node);
    if (r(node.destinationCidrBlock) !== '0.0.0.0/0') return;
    const table = r(node.routeTableId);
    if (!table) return;
    const gateway = r(node.gatewayId);
    const target: DefaultRoute = gateway !== undefined && !gateway.startsWith('vgw-')
      ? 'internet-gateway'
      : [node.natGatewayId, node.instanceId, node.transitGatewayId, node.networkInterfaceId].some((x) => x !== undefined) ? 'nat' : 'none';
    if (target !== 'none') this.defaultRoutes.set(table, target);
  }

  private readEndpoint(node: ec2.CfnVPCEndpoint): void {
    const name = markedString(node.serviceName, node) ?? '';
    this.endpoints.push({
      id: marker(node),
      resource: node,
      vpc: String(markedString(node.vpcId, node)),
      service: endpointServiceSuffix(name.replace(/\$\{AWS::Region\}/g, 'region')),
      type: markedString(node.vpcEndpointType, node) === 'Interface' ? 'Interface' : 'Gateway',
      // CloudFormation's default for PrivateDnsEnabled is false; aws-cdk-lib writes true for its interface endpoints.
      privateDns: markedString(node.privateDnsEnabled, node) === 'true',
      subnets: markedStrings(node.subnetIds, node),
      securityGroups: markedStrings(node.securityGroupIds, node),
      routeTables: markedStrings(node.routeTableIds, node),
    });
  }

  private readImported(vpc: ec2.IVpc): void {
    const groups: [readonly ec2.ISubnet[], Exclude<SubnetReach, 'unknown'>][] = [
      [vpc.publicSubnets, 'public'], [vpc.privateSubnets, 'nat'], [vpc.isolatedSubnets, 'isolated'],
    ];
    for (const [subnets, reach] of groups) {
      for (const s of subnets) {
        const id = markedString(s.subnetId, vpc) ?? '';
        this.importedSubnets.set(id, reach);
        this.subnetAzs.set(id, s.availabilityZone);
        const table = s.routeTable?.routeTableId;
        if (table) this.subnetRouteTables.set(id, markedString(table, vpc) ?? table);
      }
    }
  }

  /** The route table of a subnet, when the template or the import says. */
  public routeTableOf(subnet: string): string | undefined {
    return this.subnetRouteTables.get(subnet);
  }

  /** The Availability Zone of a subnet, as the template writes it (a token for environment-agnostic stacks). */
  public azOf(subnet: string): string {
    return this.subnetAzs.get(subnet) ?? subnet;
  }

  /** The CIDR block of a VPC of the app, when it is literal. */
  public cidrOf(vpc: string): string | undefined {
    return this.vpcCidrs.get(vpc);
  }

  /** How a subnet reaches beyond its VPC: through an internet gateway, a NAT, or not at all. */
  public reachOf(subnet: string): SubnetReach {
    const imported = this.importedSubnets.get(subnet);
    if (imported) return imported;
    const table = this.subnetRouteTables.get(subnet);
    if (table === undefined) return 'unknown';
    const route = this.defaultRoutes.get(table);
    return route === 'internet-gateway' ? 'public' : route === 'nat' ? 'nat' : 'isolated';
  }

  /** The endpoints of a VPC for an endpoint service (`sqs`), in the order the app made them. */
  public endpointsFor(vpc: string, service: string): EndpointFacts[] {
    return this.endpoints.filter((e) => e.vpc === vpc && e.service === service);
  }
}

/** A security group's inline rules, resolved, with the L1's camelCase keys. */
function rawRules(value: unknown, scope: IConstruct): Record<string, unknown>[] {
  const resolved = resolveMarked(value, scope);
  return Array.isArray(resolved) ? resolved.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];
}
