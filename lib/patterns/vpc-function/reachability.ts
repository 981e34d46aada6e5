import * as lambda from 'aws-cdk-lib/aws-lambda';
import { cidrContains } from '../../core/cidr';
import { EndpointFacts, NetworkModel, SecurityGroupRule, SubnetReach } from './network-model';
import { markedStrings, readable } from './references';
import { EndpointServiceDefinition, endpointService } from './services';

/** Where a function sits in its VPC, as its `VpcConfig` says. */
export interface FunctionNetwork {
  readonly subnets: readonly string[];
  readonly securityGroups: readonly string[];
  /** The VPC, from its security groups; undefined when they are imported. */
  readonly vpc?: string;
}

/** The network of a function, or undefined when it is not in a VPC. */
export function functionNetwork(fn: lambda.CfnFunction, model: NetworkModel): FunctionNetwork | undefined {
  const config = fn.vpcConfig as lambda.CfnFunction.VpcConfigProperty | undefined;
  if (!config) return undefined;
  const subnets = markedStrings(config.subnetIds, fn);
  if (subnets.length === 0) return undefined;
  const securityGroups = markedStrings(config.securityGroupIds, fn);
  const vpc = securityGroups.map((g) => model.groups.get(g)?.vpc).find((v) => v !== undefined);
  return { subnets, securityGroups, vpc };
}

/** Whether a function reaches a service, and how, or what stops it. */
export interface Reach {
  /** The IAM prefix of the service (`sqs`). */
  readonly service: string;
  readonly status: 'reachable' | 'unreachable' | 'unknown';
  /** The way out: `interface endpoint sqs`, `gateway endpoint s3`, `NAT`. */
  readonly path?: string;
  /** What blocks it, in words a user can act on. */
  readonly blockedBy?: string;
}

const HTTPS = 443;

function allowsHttps(r: SecurityGroupRule): boolean {
  if (r.protocol === '-1') return true;
  return r.protocol === 'tcp' && (r.fromPort ?? 0) <= HTTPS && (r.toPort ?? 65535) >= HTTPS;
}

/** Whether a rule's CIDR covers the whole VPC (`0.0.0.0/0`, the VPC's own CIDR, or a block around it). */
function coversVpc(cidr: string | undefined, vpc: string | undefined, model: NetworkModel): boolean {
  if (cidr === undefined) return false;
  if (cidr === '0.0.0.0/0' || cidr === vpc) return true;
  const vpcCidr = vpc ? model.cidrOf(vpc) : undefined;
  return vpcCidr !== undefined && cidrContains(cidr, vpcCidr);
}

function egressRules(net: FunctionNetwork, model: NetworkModel): SecurityGroupRule[] | undefined {
  const rules: SecurityGroupRule[] = [];
  for (const g of net.securityGroups) {
    const facts = model.groups.get(g);
    // An imported security group: its rules are not in the app.
    if (!facts) return undefined;
    rules.push(...facts.egress.filter(allowsHttps));
  }
  return rules;
}

function reachesInterface(e: EndpointFacts, net: FunctionNetwork, egress: readonly SecurityGroupRule[], model: NetworkModel): string | undefined {
  if (!e.privateDns) return `the ${e.service} endpoint has private DNS off, so the service's usual hostname does not resolve to it`;
  const out = egress.some((r) => (r.peerGroup !== undefined && e.securityGroups.includes(r.peerGroup)) || coversVpc(r.cidr, net.vpc, model));
  if (!out) return `the function's security groups allow no HTTPS (tcp/443) egress to the ${e.service} endpoint's security group`;
  const ingress = e.securityGroups.flatMap((g) => model.groups.get(g)?.ingress ?? []).filter(allowsHttps);
  const importedGroups = e.securityGroups.some((g) => !model.groups.has(g));
  const admitted = importedGroups || ingress.some((r) => (r.peerGroup !== undefined && net.securityGroups.includes(r.peerGroup)) || coversVpc(r.cidr, net.vpc, model));
  return admitted ? undefined : `the ${e.service} endpoint's security group admits no HTTPS (tcp/443) from the function's security groups`;
}

function reachesGateway(e: EndpointFacts, net: FunctionNetwork, egress: readonly SecurityGroupRule[], model: NetworkModel): string | undefined {
  const missing = net.subnets.filter((s) => {
    const table = model.routeTableOf(s);
    return table === undefined || !e.routeTables.includes(table);
  });
  if (missing.length > 0) return `the ${e.service} gateway endpoint has no route in the route tables of subnets ${missing.map(readable).join(', ')}`;
  const out = egress.some((r) => r.prefixListId !== undefined || r.cidr === '0.0.0.0/0');
  return out ? undefined : `the function's security groups allow no HTTPS (tcp/443) egress to the ${e.service} prefix list`;
}

function throughEndpoints(def: EndpointServiceDefinition, net: FunctionNetwork, egress: readonly SecurityGroupRule[], model: NetworkModel): Reach {
  const blocked: string[] = [];
  for (const name of def.endpoints) {
    const candidates = net.vpc ? model.endpointsFor(net.vpc, name).filter((e) => e.type === (def.kind === 'gateway' ? 'Gateway' : 'Interface')) : [];
    if (candidates.length === 0) {
      blocked.push(`the VPC has no ${def.kind} endpoint for ${name}`);
      continue;
    }
    const why = candidates.map((e) => (def.kind === 'gateway' ? reachesGateway(e, net, egress, model) : reachesInterface(e, net, egress, model)));
    if (why.every((w) => w !== undefined)) blocked.push(why[0] as string);
  }
  return blocked.length === 0
    ? { service: def.prefix, status: 'reachable', path: `${def.kind} endpoint ${def.endpoints.join(' + ')}` }
    : { service: def.prefix, status: 'unreachable', blockedBy: blocked.join('; ') };
}

function throughNat(prefix: string, reaches: readonly SubnetReach[], egress: readonly SecurityGroupRule[]): Reach | undefined {
  if (!reaches.every((r) => r === 'nat')) return undefined;
  return egress.some((r) => r.cidr === '0.0.0.0/0')
    ? { service: prefix, status: 'reachable', path: 'NAT' }
    : undefined;
}

/**
 * Whether a function in a VPC reaches a service: through an endpoint of the service in its VPC (interface
 * endpoints with private DNS, admitted by both security groups; gateway endpoints routed from every subnet of
 * the function), or through a NAT route from every subnet with HTTPS egress to anywhere.
 */
export function reachService(prefix: string, net: FunctionNetwork, model: NetworkModel): Reach {
  const egress = egressRules(net, model);
  if (egress === undefined) return { service: prefix, status: 'unknown', blockedBy: 'the function\'s security groups are imported: their rules are not in the app' };
  const reaches = net.subnets.map((s) => model.reachOf(s));
  const nat = throughNat(prefix, reaches, egress);
  if (nat) return nat;
  const def = endpointService(prefix);
  const viaEndpoint = def && def.kind !== 'none' ? throughEndpoints(def, net, egress, model) : undefined;
  if (viaEndpoint?.status === 'reachable') return viaEndpoint;
  if (reaches.includes('unknown')) return { service: prefix, status: 'unknown', blockedBy: 'the route tables of the function\'s subnets are not in the app' };
  const noNat = reaches.some((r) => r !== 'nat')
    ? `subnets ${net.subnets.filter((_, i) => reaches[i] !== 'nat').map(readable).join(', ')} have no NAT route`
    : 'the function\'s security groups allow no HTTPS (tcp/443) egress to 0.0.0.0/0 for the NAT route';
  const endpoint = viaEndpoint?.blockedBy ?? (def ? `${def.name} has no VPC endpoint` : `the pattern knows no VPC endpoint for '${prefix}'`);
  return { service: prefix, status: 'unreachable', blockedBy: `${endpoint}; and ${noNat}` };
}
