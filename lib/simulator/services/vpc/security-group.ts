import { ANY_IPV4, cidrContains } from '../../../core/cidr';
import { PortRange, coversTcp, describeRange, rangeContains, ruleRange } from './traffic';

/** One rule of a security group: inline, or a separate AWS::EC2::SecurityGroupIngress / Egress resource. */
export interface SecurityGroupRule {
  readonly protocol: string;
  readonly ports: PortRange;
  readonly cidr?: string;
  readonly prefixListId?: string;
  /** The other group, by id. */
  readonly groupId?: string;
  readonly description?: string;
  /** Where the rule is written: the group's logical id, or the rule resource's. */
  readonly definedIn: string;
}

/** What a connection goes to (egress) or comes from (ingress), as a security group rule can name it. */
export interface SgPeer {
  /** The peer's security groups (an interface endpoint's, the function's). */
  readonly groupIds?: readonly string[];
  /** The blocks its addresses are in (the endpoint's or function's subnets); every one must be covered. */
  readonly cidrs?: readonly string[];
  /** A public AWS address: only `0.0.0.0/0` is known to cover it. */
  readonly publicAddresses?: boolean;
  /** The peer is a gateway service (S3, DynamoDB): its managed prefix list covers it. */
  readonly prefixList?: boolean;
}

/** A rule as a reason shows it: `tcp/443 to EndpointSecurityGroup`, a group named by `groupName` (its logical id). */
export function describeRule(r: SecurityGroupRule, direction: 'to' | 'from', groupName: (id: string) => string): string {
  const peer = r.groupId !== undefined ? groupName(r.groupId) : r.prefixListId ?? r.cidr ?? '?';
  return `${r.protocol === '-1' ? 'all traffic' : `${r.protocol}/${describeRange(r.ports)}`} ${direction} ${peer}`;
}

/**
 * A security group: stateful (return traffic is allowed), rules only allow. A VPC group with no egress rule keeps
 * the allow-all rule EC2 gives every new group; any egress rule, inline or a separate AWS::EC2::SecurityGroupEgress,
 * replaces it (AWS::EC2::SecurityGroup reference; aws-cdk #987 for separate rules).
 */
export class SecurityGroup {
  public readonly ingress: SecurityGroupRule[] = [];
  public readonly egress: SecurityGroupRule[] = [];

  constructor(
    public readonly logicalId: string,
    public readonly id: string,
    public readonly vpcId: string | undefined,
  ) {}

  /** Adds EC2's default egress rule when the template gives the group none. Called once every rule is read. */
  public applyDefaultEgress(): void {
    if (this.egress.length === 0) this.egress.push({ protocol: '-1', ports: { from: 0, to: 65535 }, cidr: ANY_IPV4, description: 'EC2 default egress', definedIn: this.logicalId });
  }

  /** The first egress rule allowing TCP on `port` to `peer`, if any. */
  public egressTo(peer: SgPeer, port: PortRange): SecurityGroupRule | undefined {
    return this.egress.find((r) => matches(r, peer, port));
  }

  /** The first ingress rule allowing TCP on `port` from `peer`, if any. */
  public ingressFrom(peer: SgPeer, port: PortRange): SecurityGroupRule | undefined {
    return this.ingress.find((r) => matches(r, peer, port));
  }
}

function matches(r: SecurityGroupRule, peer: SgPeer, port: PortRange): boolean {
  if (!coversTcp(r.protocol) || !rangeContains(r.ports, port)) return false;
  if (r.groupId !== undefined) return peer.groupIds?.includes(r.groupId) ?? false;
  if (r.prefixListId !== undefined) return peer.prefixList === true;
  if (r.cidr === undefined) return false;
  if (r.cidr === ANY_IPV4) return true;
  if (peer.publicAddresses) return false;
  return (peer.cidrs?.length ?? 0) > 0 && peer.cidrs!.every((c) => cidrContains(r.cidr!, c));
}

/** Reads one rule from a group's inline list or a rule resource (CloudFormation's property names). */
export function securityGroupRule(raw: Record<string, unknown>, direction: 'egress' | 'ingress', definedIn: string): SecurityGroupRule {
  const group = direction === 'egress' ? raw.DestinationSecurityGroupId : raw.SourceSecurityGroupId;
  const prefixList = direction === 'egress' ? raw.DestinationPrefixListId : raw.SourcePrefixListId;
  return {
    protocol: String(raw.IpProtocol ?? '-1').toLowerCase(),
    ports: ruleRange(raw.IpProtocol, raw.FromPort, raw.ToPort),
    cidr: typeof raw.CidrIp === 'string' ? raw.CidrIp : undefined,
    prefixListId: prefixList !== undefined ? String(prefixList) : undefined,
    groupId: typeof group === 'string' ? group : undefined,
    description: typeof raw.Description === 'string' ? raw.Description : undefined,
    definedIn,
  };
}
