import { endpointServiceSuffix } from '../../../patterns/vpc-function/services';
import { TemplateResource } from '../../template';
import { ServiceModelFactory, SimulationWorld } from '../../world/world';
import { InternetGateway, NatGateway, NetworkRoute, RouteTable, RouteTargetKind, Subnet, Vpc, VpcEndpoint } from './network';
import { NetworkAcl, aclEntry } from './network-acl';
import { VpcNetwork, vpcNetwork } from './network-state';
import { defaultPartId } from './resource-types';
import { SecurityGroup, securityGroupRule } from './security-group';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const bool = (v: unknown, byDefault: boolean): boolean => (v === undefined ? byDefault : v === true || v === 'true');

function createVpc(r: TemplateResource, net: VpcNetwork, world: SimulationWorld): Vpc {
  const id = String(r.ref);
  const naming = { stackName: world.template.stackName, logicalId: r.logicalId };
  const main = net.add(new RouteTable(`${r.logicalId} (main route table)`, defaultPartId('rtb', naming), id, true));
  const acl = net.add(new NetworkAcl(`${r.logicalId} (default network ACL)`, defaultPartId('acl', naming), id, true));
  // The default group admits its own members and lets everything out (VPC user guide, default security groups).
  const sg = net.add(new SecurityGroup(`${r.logicalId} (default security group)`, defaultPartId('sg', naming), id));
  sg.ingress.push({ protocol: '-1', ports: { from: 0, to: 65535 }, groupId: sg.id, definedIn: sg.logicalId });
  sg.applyDefaultEgress();
  return net.add(new Vpc(r.logicalId, id, str(r.prop('CidrBlock')), bool(r.prop('EnableDnsSupport'), true), bool(r.prop('EnableDnsHostnames'), false), main, acl, sg));
}

const ROUTE_TARGETS: readonly [string, RouteTargetKind][] = [
  ['NatGatewayId', 'nat-gateway'], ['InstanceId', 'instance'], ['NetworkInterfaceId', 'network-interface'],
  ['TransitGatewayId', 'transit-gateway'], ['VpcPeeringConnectionId', 'vpc-peering'], ['EgressOnlyInternetGatewayId', 'egress-only-internet-gateway'],
  ['CarrierGatewayId', 'carrier-gateway'], ['LocalGatewayId', 'local-gateway'], ['CoreNetworkArn', 'core-network'], ['VpcEndpointId', 'gateway-endpoint'],
];

function readRoute(r: TemplateResource): NetworkRoute | undefined {
  const gateway = r.prop('GatewayId');
  let target: RouteTargetKind | undefined;
  let targetId = '';
  if (gateway !== undefined) {
    targetId = String(gateway);
    target = targetId.startsWith('vgw-') ? 'vpn-gateway' : 'internet-gateway';
  } else {
    const found = ROUTE_TARGETS.find(([name]) => r.prop(name) !== undefined);
    if (found) [target, targetId] = [found[1], String(r.prop(found[0]))];
  }
  if (!target) return undefined;
  return { destinationCidr: str(r.prop('DestinationCidrBlock')), target, targetId, definedIn: r.logicalId };
}

function readEndpoint(r: TemplateResource): VpcEndpoint {
  const type = str(r.prop('VpcEndpointType')) ?? 'Gateway';
  return new VpcEndpoint(
    r.logicalId, String(r.ref), str(r.prop('VpcId')), endpointServiceSuffix(str(r.prop('ServiceName')) ?? ''),
    type === 'Interface' || type === 'GatewayLoadBalancer' ? type : 'Gateway',
    bool(r.prop('PrivateDnsEnabled'), false), strs(r.prop('SubnetIds')), strs(r.prop('SecurityGroupIds')), strs(r.prop('RouteTableIds')),
    r.jsonProp('PolicyDocument'),
  );
}

function inlineRules(r: TemplateResource, name: string): Record<string, unknown>[] {
  const v = r.prop(name);
  return Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];
}

/** Everything that connects the parts, once all exist: routes, associations, rules, ACL entries, attachments. */
function linkNetwork(world: SimulationWorld): void {
  const net = vpcNetwork(world);
  const of = (type: string) => world.template.ofType(type);
  for (const r of of('AWS::EC2::VPCGatewayAttachment')) {
    const igw = net.get(r.prop('InternetGatewayId'), InternetGateway);
    if (igw) igw.attachedTo = str(r.prop('VpcId'));
  }
  for (const r of of('AWS::EC2::Route')) {
    const route = readRoute(r);
    const table = net.get(r.prop('RouteTableId'), RouteTable);
    if (route && table) table.routes.push(route);
  }
  for (const e of net.endpoints) {
    if (e.type !== 'Gateway') continue;
    for (const t of e.routeTableIds) net.get(t, RouteTable)?.routes.push({ endpoint: e, target: 'gateway-endpoint', targetId: e.id, definedIn: e.logicalId });
  }
  for (const subnet of world.all(Subnet)) {
    const vpc = net.get(subnet.vpcId, Vpc);
    subnet.routeTable = vpc?.mainRouteTable;
    subnet.acl = vpc?.defaultAcl;
  }
  for (const r of of('AWS::EC2::SubnetRouteTableAssociation')) {
    const subnet = net.get(r.prop('SubnetId'), Subnet);
    if (subnet) subnet.routeTable = net.get(r.prop('RouteTableId'), RouteTable);
  }
  for (const r of of('AWS::EC2::SubnetNetworkAclAssociation')) {
    const subnet = net.get(r.prop('SubnetId'), Subnet);
    if (subnet) subnet.acl = net.get(r.prop('NetworkAclId'), NetworkAcl);
  }
  for (const r of of('AWS::EC2::NetworkAclEntry')) {
    net.get(r.prop('NetworkAclId'), NetworkAcl)?.entries.push(aclEntry(r.logicalId, {
      ruleNumber: r.prop('RuleNumber'), egress: r.prop('Egress'), ruleAction: r.prop('RuleAction'), protocol: r.prop('Protocol'), cidr: r.prop('CidrBlock'), portRange: r.prop('PortRange'),
    }));
  }
  for (const [type, direction] of [['AWS::EC2::SecurityGroupIngress', 'ingress'], ['AWS::EC2::SecurityGroupEgress', 'egress']] as const) {
    for (const r of of(type)) net.get(r.prop('GroupId'), SecurityGroup)?.[direction].push(securityGroupRule(r.properties, direction, r.logicalId));
  }
  for (const sg of world.all(SecurityGroup)) sg.applyDefaultEgress();
}

function factory(type: string, create: (r: TemplateResource, net: VpcNetwork, world: SimulationWorld) => object, link?: (world: SimulationWorld) => void): ServiceModelFactory {
  return { type, create: (r, world) => create(r, vpcNetwork(world), world), link };
}

/** The models of the EC2 network types; the VPC factory links the whole network once every part exists. */
export const NETWORK_FACTORIES: readonly ServiceModelFactory[] = [
  factory('AWS::EC2::VPC', createVpc, linkNetwork),
  factory('AWS::EC2::Subnet', (r, net) => net.add(new Subnet(r.logicalId, String(r.ref), str(r.prop('VpcId')), str(r.prop('CidrBlock')), str(r.prop('AvailabilityZone'))))),
  factory('AWS::EC2::RouteTable', (r, net) => net.add(new RouteTable(r.logicalId, String(r.ref), str(r.prop('VpcId'))))),
  factory('AWS::EC2::InternetGateway', (r, net) => net.add(new InternetGateway(r.logicalId, String(r.ref)))),
  factory('AWS::EC2::NatGateway', (r, net) => net.add(new NatGateway(r.logicalId, String(r.ref), str(r.prop('SubnetId')), r.prop('ConnectivityType') === 'private' ? 'private' : 'public'))),
  factory('AWS::EC2::VPCEndpoint', (r, net) => net.add(readEndpoint(r))),
  factory('AWS::EC2::NetworkAcl', (r, net) => net.add(new NetworkAcl(r.logicalId, String(r.ref), str(r.prop('VpcId'))))),
  factory('AWS::EC2::SecurityGroup', (r, net) => {
    const sg = net.add(new SecurityGroup(r.logicalId, String(r.ref), str(r.prop('VpcId'))));
    for (const raw of inlineRules(r, 'SecurityGroupIngress')) sg.ingress.push(securityGroupRule(raw, 'ingress', r.logicalId));
    for (const raw of inlineRules(r, 'SecurityGroupEgress')) sg.egress.push(securityGroupRule(raw, 'egress', r.logicalId));
    return sg;
  }),
];
