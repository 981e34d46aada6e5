import { withArticle } from '../../../core/article';
import { ANY_IPV4 } from '../../../core/cidr';
import { EndpointServiceDefinition, endpointService } from '../../../patterns/vpc-function/services';
import { SimulationWorld } from '../../world/world';
import { InternetGateway, NatGateway, RouteTable, Subnet, Vpc, VpcEndpoint } from './network';
import { AclPeer, NetworkAcl } from './network-acl';
import { VpcNetwork, vpcNetwork } from './network-state';
import { FunctionPlacement } from './placement';
import { Blocker, Leg, ServiceReachability, blocked, unknownLeg } from './reach';
import { SecurityGroup, SgPeer, describeRule } from './security-group';
import { EPHEMERAL_PORTS, HTTPS, PortRange, describeRange } from './traffic';

/** The destination `internet`: any public address on HTTPS. */
export const INTERNET = 'internet';

const PUBLIC: AclPeer = { cidr: ANY_IPV4, publicAddresses: true };

const subnetName = (s: Subnet) => `subnet ${s.logicalId}${s.availabilityZone ? ` (${s.availabilityZone})` : ''}`;
const groupNames = (groups: readonly SecurityGroup[]) => groups.map((g) => g.logicalId).join(', ') || '(none)';

/** One connection through network ACLs: the request one way and the return traffic the other, for each ACL crossed. */
function aclLeg(crossings: readonly { acl: NetworkAcl | undefined; egress: boolean; peer: AclPeer; ports: PortRange }[]): Leg | undefined {
  for (const c of crossings) {
    if (!c.acl) continue;
    const v = c.acl.allows(c.egress, c.peer, c.ports);
    if (!v.allowed) {
      return blocked('network-acl', c.acl.logicalId, v.reason!,
        `Add ${withArticle(c.egress ? 'egress' : 'ingress')} entry to ${c.acl.logicalId} allowing TCP ${describeRange(c.ports)} ${c.egress ? 'to' : 'from'} ${c.peer.cidr} (network ACLs are stateless: the request and its return traffic both need an entry).`);
    }
  }
  return undefined;
}

/** Request out of `from` to `peer` on 443, and the return traffic back to its ephemeral ports. */
function outAndBack(acl: NetworkAcl | undefined, peer: AclPeer): { acl: NetworkAcl | undefined; egress: boolean; peer: AclPeer; ports: PortRange }[] {
  return [{ acl, egress: true, peer, ports: HTTPS }, { acl, egress: false, peer, ports: EPHEMERAL_PORTS }];
}

class Reacher {
  private readonly net: VpcNetwork;
  constructor(world: SimulationWorld, private readonly placement: FunctionPlacement) {
    this.net = vpcNetwork(world);
  }

  private readonly groupName = (id: string): string => this.net.get(id, SecurityGroup)?.logicalId ?? id;

  private get groups(): readonly SecurityGroup[] {
    return this.placement.securityGroups;
  }

  private egress(peer: SgPeer, what: string): { rule: string } | Blocker {
    for (const g of this.groups) {
      const r = g.egressTo(peer, HTTPS);
      if (r) return { rule: `security group ${g.logicalId} (${describeRule(r, 'to', this.groupName)})` };
    }
    return {
      kind: 'security-group-egress', element: this.groups[0]?.logicalId ?? this.placement.functionLogicalId,
      reason: `the function's security groups (${groupNames(this.groups)}) allow no TCP 443 egress to ${what}`,
      fix: `Allow TCP 443 egress from ${this.groups[0]?.logicalId ?? 'the function\'s security group'} to ${what}.`,
    };
  }

  /** Out through an interface endpoint with private DNS: both security groups and the ACLs between the subnets. */
  public throughInterface(s: Subnet, e: VpcEndpoint): Leg {
    const targets = e.subnetIds.map((id) => this.net.get(id, Subnet));
    if (targets.some((t) => t === undefined)) return unknownLeg(`interface endpoint ${e.logicalId} is in subnets the template does not define`);
    const endpointSubnets = targets as Subnet[];
    const vpc = this.net.get(e.vpcId, Vpc);
    const endpointGroups = e.securityGroupIds.length > 0 ? e.securityGroupIds.map((id) => this.net.get(id, SecurityGroup)) : [vpc?.defaultSecurityGroup];
    if (endpointGroups.some((g) => g === undefined)) return unknownLeg(`interface endpoint ${e.logicalId} has security groups the template does not define`);
    const out = this.egress({ groupIds: endpointGroups.map((g) => g!.id), cidrs: endpointSubnets.map((t) => t.cidr ?? '?') }, `interface endpoint ${e.logicalId}`);
    if ('kind' in out) return { ok: false, blocker: out };
    let admitted: string | undefined;
    for (const g of endpointGroups as SecurityGroup[]) {
      const r = g.ingressFrom({ groupIds: this.groups.map((x) => x.id), cidrs: s.cidr ? [s.cidr] : [] }, HTTPS);
      if (r) {
        admitted = `${g.logicalId} admits ${describeRule(r, 'from', this.groupName)}`;
        break;
      }
    }
    if (!admitted) {
      const first = (endpointGroups[0] as SecurityGroup).logicalId;
      return blocked('endpoint-security-group', first,
        `interface endpoint ${e.logicalId}'s security groups (${groupNames(endpointGroups as SecurityGroup[])}) admit no TCP 443 from the function's security groups (${groupNames(this.groups)}) or ${subnetName(s)}`,
        `Allow TCP 443 ingress on ${first} from ${this.groups[0]?.logicalId ?? 'the function\'s security group'}.`);
    }
    for (const t of endpointSubnets) {
      // Traffic within one subnet crosses no network ACL.
      if (t === s || !t.cidr || !s.cidr) continue;
      const acl = aclLeg([
        ...outAndBack(s.acl, { cidr: t.cidr, publicAddresses: false }),
        { acl: t.acl, egress: false, peer: { cidr: s.cidr, publicAddresses: false }, ports: HTTPS },
        { acl: t.acl, egress: true, peer: { cidr: s.cidr, publicAddresses: false }, ports: EPHEMERAL_PORTS },
      ]);
      if (acl) return acl;
    }
    return { ok: true, hops: [subnetName(s), out.rule, `interface endpoint ${e.logicalId} (private DNS; ${admitted})`] };
  }

  /** Out through a gateway endpoint (S3, DynamoDB): the subnet's route to its prefix list, egress to it, the subnet's ACL. */
  public throughGateway(s: Subnet, table: RouteTable, e: VpcEndpoint, def: EndpointServiceDefinition): Leg {
    const out = this.egress({ prefixList: true, publicAddresses: true }, `the ${def.name} prefix list`);
    if ('kind' in out) return { ok: false, blocker: out };
    const acl = aclLeg(outAndBack(s.acl, PUBLIC));
    if (acl) return acl;
    return { ok: true, hops: [subnetName(s), out.rule, `route table ${table.logicalId} (prefix list of ${e.service})`, `gateway endpoint ${e.logicalId}`] };
  }

  /** Out to a public address: the subnet's default route, a public NAT gateway and its internet gateway. */
  public toPublicAddress(s: Subnet, def: EndpointServiceDefinition | undefined, what: string): Leg {
    const table = s.routeTable;
    if (!table) return unknownLeg(`${subnetName(s)} is in a VPC the template does not define`);
    const route = table.defaultRoute();
    if (!route) {
      return blocked('route', table.logicalId, `route table ${table.logicalId} of ${subnetName(s)} has no route to 0.0.0.0/0 (no NAT gateway)`, noRouteFix(table, def, what));
    }
    if (route.target === 'internet-gateway') {
      return blocked('public-subnet', table.logicalId,
        `${subnetName(s)} routes 0.0.0.0/0 to an internet gateway, and Lambda gives a function's network interfaces no public IP: the traffic goes nowhere (AWS-FACTS §3.4)`,
        `Place the function in private subnets that route 0.0.0.0/0 to a NAT gateway${def && def.kind !== 'none' ? `, or reach ${def.name} through a VPC endpoint` : ''}.`);
    }
    if (route.target !== 'nat-gateway') return unknownLeg(`route table ${table.logicalId} sends 0.0.0.0/0 to ${withArticle(route.target)} (${route.targetId}), which the simulator does not see beyond`);
    const nat = this.net.get(route.targetId, NatGateway);
    if (!nat) return unknownLeg(`route table ${table.logicalId} sends 0.0.0.0/0 to NAT gateway ${route.targetId}, which the template does not define`);
    const out = this.egress({ publicAddresses: true, prefixList: def?.kind === 'gateway' }, '0.0.0.0/0');
    if ('kind' in out) return { ok: false, blocker: out };
    const natLeg = this.beyondNat(s, nat);
    if (!natLeg.ok || natLeg.ok === 'unknown') return natLeg;
    const acl = aclLeg(outAndBack(s.acl, PUBLIC));
    if (acl) return acl;
    return { ok: true, hops: [subnetName(s), out.rule, `route table ${table.logicalId} (0.0.0.0/0)`, ...natLeg.hops] };
  }

  private beyondNat(s: Subnet, nat: NatGateway): Leg {
    if (nat.connectivity === 'private') {
      return blocked('nat-gateway', nat.logicalId, `NAT gateway ${nat.logicalId} is private (ConnectivityType private): it reaches no internet`, `Route 0.0.0.0/0 to a public NAT gateway in a public subnet.`);
    }
    const natSubnet = this.net.get(nat.subnetId, Subnet);
    const table = natSubnet?.routeTable;
    if (!natSubnet || !table) return unknownLeg(`NAT gateway ${nat.logicalId} is in a subnet the template does not define`);
    const route = table.defaultRoute();
    const igw = route?.target === 'internet-gateway' ? this.net.get(route.targetId, InternetGateway) : undefined;
    if (!route || route.target !== 'internet-gateway') {
      return blocked('route', table.logicalId, `NAT gateway ${nat.logicalId} is in ${subnetName(natSubnet)}, whose route table ${table.logicalId} has no route from 0.0.0.0/0 to an internet gateway`,
        `Put the NAT gateway in a public subnet (0.0.0.0/0 → internet gateway).`);
    }
    if (igw && igw.attachedTo !== natSubnet.vpcId) {
      return blocked('internet-gateway', igw.logicalId, `internet gateway ${igw.logicalId} is not attached to the VPC (no AWS::EC2::VPCGatewayAttachment)`, `Attach ${igw.logicalId} to the VPC with an AWS::EC2::VPCGatewayAttachment.`);
    }
    const fromFunction: AclPeer = { cidr: s.cidr ?? ANY_IPV4, publicAddresses: s.cidr === undefined };
    const acl = aclLeg([
      { acl: natSubnet.acl, egress: false, peer: fromFunction, ports: HTTPS },
      ...outAndBack(natSubnet.acl, PUBLIC),
      { acl: natSubnet.acl, egress: true, peer: fromFunction, ports: EPHEMERAL_PORTS },
    ]);
    if (acl) return acl;
    return { ok: true, hops: [`NAT gateway ${nat.logicalId} in ${subnetName(natSubnet)}`, `route table ${table.logicalId} (0.0.0.0/0)`, `internet gateway ${igw?.logicalId ?? route.targetId}`] };
  }
}

function noRouteFix(table: RouteTable, def: EndpointServiceDefinition | undefined, what: string): string {
  const nat = `route 0.0.0.0/0 from ${table.logicalId} to a NAT gateway in a public subnet (egress: 'nat')`;
  if (!def || def.kind === 'none') return `Only a NAT route reaches ${what}: ${nat}.`;
  const endpoints = def.endpoints.map((e) => `com.amazonaws.<region>.${e}`).join(' and ');
  return def.kind === 'gateway'
    ? `Add a gateway endpoint for ${endpoints} routed from ${table.logicalId} (VpcFunction / routeGrantedServices derive it from the grants), or ${nat}.`
    : `Add an interface endpoint for ${endpoints} with private DNS in the function's VPC (VpcFunction / routeGrantedServices derive it from the grants), or ${nat}.`;
}

/** One endpoint service from one subnet: through its endpoint when the VPC has one that DNS answers for, else the public way. */
function fromSubnet(reacher: Reacher, net: VpcNetwork, s: Subnet, def: EndpointServiceDefinition | undefined, what: string, endpointName: string | undefined): Leg {
  const vpc = net.get(s.vpcId, Vpc);
  if (def?.kind === 'gateway' && endpointName && s.routeTable) {
    const route = s.routeTable.gatewayRoute(endpointName);
    if (route?.endpoint) return reacher.throughGateway(s, s.routeTable, route.endpoint, def);
  }
  if (def?.kind === 'interface' && endpointName) {
    const [e] = net.endpointsFor(s.vpcId, endpointName, 'Interface');
    const dnsOff = !e ? undefined : !e.privateDns ? `interface endpoint ${e.logicalId} has private DNS off` : vpc && !(vpc.dnsSupport && vpc.dnsHostnames) ? `VPC ${vpc.logicalId} has EnableDnsHostnames or EnableDnsSupport off, which private DNS needs` : undefined;
    if (e && !dnsOff) return reacher.throughInterface(s, e);
    const publicLeg = reacher.toPublicAddress(s, def, what);
    if (!e || publicLeg.ok !== false) return publicLeg;
    return blocked('private-dns', e.logicalId, `${dnsOff}, so ${def.name}'s usual hostname resolves to its public addresses; and ${publicLeg.blocker.reason}`,
      `Turn PrivateDnsEnabled on for ${e.logicalId} (with EnableDnsHostnames and EnableDnsSupport on the VPC), or ${publicLeg.blocker.fix.charAt(0).toLowerCase()}${publicLeg.blocker.fix.slice(1)}`);
  }
  return reacher.toPublicAddress(s, def, what);
}

/** How a destination is named in reasons: `Amazon SQS`, `the internet`, or the prefix the table does not know. */
export function destinationName(service: string): string {
  return service === INTERNET ? 'the internet' : endpointService(service)?.name ?? `'${service}'`;
}

/**
 * Whether a function in a VPC reaches a service (by IAM prefix) or the internet: from every one of its subnets
 * (Lambda may use any of them), through an interface endpoint with private DNS, a gateway endpoint route, or a
 * NAT gateway and an internet gateway, past its security groups, the endpoint's security groups and the subnets'
 * network ACLs. The first element that stops the traffic is named, with the fix.
 */
export function reachability(world: SimulationWorld, placement: FunctionPlacement, service: string, actions: readonly string[]): ServiceReachability {
  const def = service === INTERNET ? undefined : endpointService(service);
  const name = destinationName(service);
  const base = { service, name, actions };
  if (placement.unknown.length > 0) {
    return { ...base, status: 'unknown', reachable: false, unknownBecause: `the function's subnets or security groups ${placement.unknown.join(', ')} are not defined in the template` };
  }
  const net = vpcNetwork(world);
  const reacher = new Reacher(world, placement);
  const endpointNames = def && def.kind !== 'none' ? def.endpoints : [undefined];
  let first: readonly string[] | undefined;
  let unknown: string | undefined;
  for (const s of placement.subnets) {
    for (const endpointName of endpointNames) {
      const leg = fromSubnet(reacher, net, s, def, name, endpointName);
      if (leg.ok === false) return { ...base, status: 'unreachable', reachable: false, blockedBy: leg.blocker };
      if (leg.ok === 'unknown') unknown ??= leg.because;
      else first ??= leg.hops;
    }
  }
  if (unknown !== undefined) return { ...base, status: 'unknown', reachable: false, unknownBecause: unknown };
  return { ...base, status: 'reachable', reachable: true, hops: first, path: first?.join(' → ') };
}
