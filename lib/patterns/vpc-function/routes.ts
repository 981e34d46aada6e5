import { AspectPriority, Aspects, Aws, IAspect, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { ProblemCollector, warn } from '../../core';
import { RouteCost, routeCost } from './cost';
import { EndpointRoute, MadeEndpoint, reusedRoute } from './endpoints';
import { DerivedGrants, derivedGrants } from './grants';
import { grantNetworkInterfaces } from './network-interface-policy';
import { NetworkModel, SubnetReach } from './network-model';
import { FunctionNetwork, functionNetwork, reachService } from './reachability';
import { markedString, readable as label } from './references';
import {
  RoutePropNames, countProblem, gatewayEgressOpenProblem, legacyHostnameProblem, natWithoutNatRouteProblem,
  publicSubnetProblem, reachUnknownProblem, unreachableProblem, unreadableProblem,
} from './rules';
import { LAMBDA_VPC_LIMITS } from '../../core';
import { endpointService } from './services';

/** How a function in a VPC reaches AWS services: VPC endpoints for each granted service, or a NAT route. */
export type VpcEgress = 'endpoints' | 'nat';

/** Options of {@link routeGrantedServices}. */
export interface RouteGrantedServicesOptions {
  /** The VPC the function is in (the one given to `lambda.Function`). */
  readonly vpc: ec2.IVpc;
  /**
   * `endpoints`: one VPC endpoint per granted service (shared in the VPC), and HTTPS egress to those only;
   * `nat`: HTTPS egress to anywhere, through the subnets' NAT route.
   * @default - 'nat' when every subnet of the function routes 0.0.0.0/0 to a NAT, else 'endpoints'
   */
  readonly egress?: VpcEgress;
  /**
   * IAM prefixes of services the code calls that its role does not show (called with other credentials, or
   * allowed by a resource policy): `['execute-api']`.
   * @default - none
   */
  readonly additionalServices?: readonly string[];
  /**
   * IAM prefixes of services the role is granted that the code never calls from the VPC (another service uses
   * the permission on its behalf): no route is made for them, and they are not checked. For example `['xray']`,
   * if traces leave through the Lambda service in your setup (the pattern does not assume so).
   * @default - none
   */
  readonly servicesNotCalledFromVpc?: readonly string[];
  /**
   * Endpoints the VPC already has outside this app, by endpoint service (`sqs`, `s3`, `ecr.dkr`): used instead
   * of making new ones (a second private-DNS endpoint for a service fails with ConflictingDomainExists).
   * Endpoints made in this app are found without this.
   * @default - none
   */
  readonly vpcEndpoints?: Readonly<Record<string, ec2.IInterfaceVpcEndpoint | ec2.IGatewayVpcEndpoint>>;
  /**
   * The Region's prefix list ids of the gateway endpoint services (`{ s3: 'pl-63a5400a' }`), for egress rules to
   * exactly those. CloudFormation cannot look them up by name.
   * @default - HTTPS egress to 0.0.0.0/0 for gateway services (a warning when the subnets also route to the internet)
   */
  readonly prefixListIds?: Readonly<Record<string, string>>;
  /**
   * The construct whose path and props the messages name.
   * @default - the function
   */
  readonly scope?: IConstruct;
  /**
   * The props the messages point to.
   * @default - `functionProps.vpc`, `functionProps.vpcSubnets`, `functionProps.securityGroups`, no egress prop
   */
  readonly propNames?: RoutePropNames;
  /**
   * Whether the function was brought (made outside the pattern), for the messages about its own security groups
   * and subnets.
   * @default false
   */
  readonly functionBrought?: boolean;
  /**
   * Whether the user gave the VPC (false: the pattern made it), for the NAT rule's message.
   * @default true
   */
  readonly vpcGiven?: boolean;
}

const HTTPS = ec2.Port.tcp(443);
const DEFAULT_PROP_NAMES: RoutePropNames = {
  vpc: 'functionProps.vpc',
  subnets: 'functionProps.vpcSubnets',
  securityGroups: 'functionProps.securityGroups',
};

const routedFunctions = new WeakMap<IConstruct, GrantedRoutes>();

/** Runs the planner once the app is complete, before validation. */
class PlanRoutes implements IAspect {
  constructor(private readonly planner: RoutePlanner) {}

  public visit(node: IConstruct): void {
    if (node === this.planner.root) this.planner.plan();
  }
}

/** Every routed function of a Stage, and the endpoints made for them: one per service per VPC. */
class RoutePlanner {
  private static readonly planners = new WeakMap<IConstruct, RoutePlanner>();

  public static of(scope: IConstruct): RoutePlanner {
    const root = Stage.of(scope) ?? scope.node.root;
    let planner = RoutePlanner.planners.get(root);
    if (!planner) {
      planner = new RoutePlanner(root);
      RoutePlanner.planners.set(root, planner);
      Aspects.of(root).add(new PlanRoutes(planner), { priority: AspectPriority.MUTATING });
    }
    return planner;
  }

  public readonly routed: GrantedRoutes[] = [];
  private readonly made = new Map<string, MadeEndpoint>();
  private planning = false;

  private constructor(public readonly root: IConstruct) {}

  /** Derives every routed function's services from its grants as they are now, and adds what is missing. */
  public plan(): void {
    if (this.planning) return;
    this.planning = true;
    try {
      const model = NetworkModel.of(this.root);
      for (const r of this.routed) r._plan(model, this.root);
    } finally {
      this.planning = false;
    }
  }

  /** The endpoint for a service in a function's VPC: made earlier, brought, already in the app, or made now. */
  public endpointFor(routes: GrantedRoutes, service: string, kind: 'interface' | 'gateway', model: NetworkModel): MadeEndpoint | EndpointRoute {
    const key = `${routes.vpcKey}|${service}`;
    const made = this.made.get(key);
    if (made) {
      routes.subnets.forEach((s) => made.subnets.add(s));
      return made;
    }
    const brought = this.routed.filter((r) => r.vpcKey === routes.vpcKey).map((r) => r._broughtEndpoint(service)).find((e) => e !== undefined);
    if (brought) return { service, kind, origin: 'brought', endpoint: brought, subnets: [] };
    const type = kind === 'interface' ? 'Interface' : 'Gateway';
    const existing = model.endpointsFor(routes.vpcKey, service).find((e) => e.type === type);
    if (existing) return reusedRoute(existing, service, new Set(existing.subnets.map((s) => model.azOf(s))).size);
    const endpoint = new MadeEndpoint(routes.vpc, service, kind, routes.subnets);
    this.made.set(key, endpoint);
    return endpoint;
  }
}

/**
 * Opens HTTPS from the function's security groups to a peer, and into the peer's security groups from them.
 * A group that already allows all outbound traffic gets no egress rule (aws-cdk-lib would ignore it with a warning).
 */
function openHttps(fn: lambda.Function, to: ec2.IPeer | ec2.IConnectable, description: string): void {
  // A peer (CIDR, prefix list, security group id) is the destination itself; an endpoint has security groups.
  const targets = 'canInlineRule' in to ? [] : to.connections.securityGroups;
  for (const group of fn.connections.securityGroups) {
    if (targets.length === 0) {
      if (!group.allowAllOutbound) group.addEgressRule(to as ec2.IPeer, HTTPS, description);
      continue;
    }
    for (const target of targets) {
      if (!group.allowAllOutbound) group.addEgressRule(target, HTTPS, description);
      // remoteRule: in another stack the rule goes beside the function's group, which already depends on the VPC's stack.
      target.addIngressRule(group, HTTPS, `HTTPS from ${fn.node.path}`, true);
    }
  }
}

/**
 * The routes of one function in a VPC, derived from its grants when the app is synthesized. Read `endpoints`,
 * `services` and `cost` after every grant is made: reading them plans the routes as the grants are then, and the
 * synth plans again for grants made later.
 */
export class GrantedRoutes {
  /** The routes of a function, if a pattern (or `routeGrantedServices`) routes it. */
  public static of(fn: IConstruct): GrantedRoutes | undefined {
    return routedFunctions.get(fn);
  }

  public readonly vpcKey: string;
  private readonly planner: RoutePlanner;
  private readonly cfn: lambda.CfnFunction;
  private readonly used = new Map<string, MadeEndpoint | EndpointRoute>();
  private derived: DerivedGrants = { services: new Map(), unreadable: [] };
  private servicesNow = new Map<string, readonly string[]>();
  private egressNow?: VpcEgress;
  private subnetList?: ec2.ISubnet[];

  /** The routed function. */
  public readonly function: lambda.Function;

  constructor(fn: lambda.Function, private readonly options: RouteGrantedServicesOptions) {
    this.function = fn;
    this.cfn = fn.node.defaultChild as lambda.CfnFunction;
    this.vpcKey = markedString(options.vpc.vpcId, options.vpc) ?? options.vpc.vpcId;
    this.planner = RoutePlanner.of(fn);
    this.planner.routed.push(this);
    routedFunctions.set(fn, this);
    routedFunctions.set(this.cfn, this);
    grantNetworkInterfaces(fn);
    const scope = options.scope ?? fn;
    scope.node.addValidation({ validate: () => this.check(scope) });
  }

  public get vpc(): ec2.IVpc {
    return this.options.vpc;
  }

  /** The subnets the function is in. */
  public get subnets(): readonly ec2.ISubnet[] {
    if (!this.subnetList) {
      const ids = new Set(((this.cfn.vpcConfig as lambda.CfnFunction.VpcConfigProperty | undefined)?.subnetIds ?? []).map((s) => markedString(s, this.cfn)));
      const vpc = this.options.vpc;
      this.subnetList = [...vpc.publicSubnets, ...vpc.privateSubnets, ...vpc.isolatedSubnets].filter((s) => ids.has(markedString(s.subnetId, vpc)));
    }
    return this.subnetList;
  }

  /** NAT or endpoints, as given or as the subnets decide. */
  public get egress(): VpcEgress {
    this.planner.plan();
    return this.egressNow ?? this.options.egress ?? 'endpoints';
  }

  /** The services the function's code is granted, by IAM prefix, with the actions that show it. */
  public get services(): ReadonlyMap<string, readonly string[]> {
    this.planner.plan();
    return this.servicesNow;
  }

  /** The endpoints the function's routes go through, by endpoint service (`sqs`, `s3`): made, reused or brought. */
  public get endpoints(): Readonly<Record<string, EndpointRoute>> {
    this.planner.plan();
    return Object.fromEntries([...this.used].map(([name, e]) => [name, e instanceof MadeEndpoint ? e.route() : e]));
  }

  /**
   * What the routes cost: interface endpoints per AZ-hour and per GB, gateway endpoints free, NAT per hour and
   * per GB. An endpoint serves every function of the VPC: it is billed once, however many functions use it.
   */
  public get cost(): RouteCost {
    const endpoints = Object.values(this.endpoints).map((e) => ({ service: e.service, kind: e.kind, availabilityZones: e.availabilityZones ?? 0 }));
    return routeCost(endpoints, this.egress === 'nat' ? 1 : 0);
  }

  /** @internal */
  public _broughtEndpoint(service: string): ec2.IInterfaceVpcEndpoint | ec2.IGatewayVpcEndpoint | undefined {
    return this.options.vpcEndpoints?.[service];
  }

  /** @internal Derives the services from the grants as they are now, and adds the endpoints and egress rules missing. */
  public _plan(model: NetworkModel, root: IConstruct): void {
    this.derived = derivedGrants(this.cfn, root);
    const services = new Map(this.derived.services);
    for (const s of this.options.servicesNotCalledFromVpc ?? []) services.delete(s);
    for (const s of this.options.additionalServices ?? []) if (!services.has(s)) services.set(s, ['(additionalServices)']);
    this.servicesNow = services;
    const net = functionNetwork(this.cfn, model);
    const reaches = net ? net.subnets.map((s) => model.reachOf(s)) : [];
    this.egressNow = this.options.egress ?? (reaches.length > 0 && reaches.every((r) => r === 'nat') ? 'nat' : 'endpoints');
    if (this.egressNow === 'nat') {
      openHttps(this.function, ec2.Peer.anyIpv4(), 'HTTPS to AWS services through the NAT route');
      return;
    }
    for (const prefix of services.keys()) {
      const def = endpointService(prefix);
      if (!def || def.kind === 'none') continue;
      for (const name of def.endpoints) this.use(name, def.kind, model);
    }
  }

  private use(service: string, kind: 'interface' | 'gateway', model: NetworkModel): void {
    const known = this.used.get(service);
    if (known instanceof MadeEndpoint) {
      this.subnets.forEach((s) => known.subnets.add(s));
      return;
    }
    if (known) return;
    const route = this.planner.endpointFor(this, service, kind, model);
    this.used.set(service, route);
    const fn = this.function;
    if (kind === 'gateway') {
      const id = this.options.prefixListIds?.[service];
      if (id) openHttps(fn, ec2.Peer.prefixList(id), `HTTPS to ${service} through its gateway endpoint (prefix list com.amazonaws.${Aws.REGION}.${service})`);
      // One rule for every gateway service whose prefix list id is unknown: isolated subnets route 0.0.0.0/0 nowhere else.
      else openHttps(fn, ec2.Peer.anyIpv4(), 'HTTPS to the gateway endpoints (S3, DynamoDB) of the subnets\' route tables: their prefix list ids are not known at synth');
      return;
    }
    const endpoint = route.endpoint;
    const description = `HTTPS to the ${service} interface endpoint`;
    if (endpoint && 'connections' in endpoint) {
      openHttps(fn, endpoint, description);
    } else if (!(route instanceof MadeEndpoint) && route.resource) {
      for (const group of route.resource.securityGroupIds ?? []) openHttps(fn, ec2.Peer.securityGroupId(group), description);
    }
  }

  /** The synth-time rules: every problem at once, warnings with their codes. */
  private check(scope: IConstruct): string[] {
    this.planner.plan();
    const model = NetworkModel.of(this.planner.root);
    const net = functionNetwork(this.cfn, model);
    if (!net) return [];
    const names = this.options.propNames ?? DEFAULT_PROP_NAMES;
    const problems = new ProblemCollector(scope);
    const reaches = net.subnets.map((s) => model.reachOf(s));
    const publicIds = new Set(this.options.vpc.publicSubnets.map((s) => markedString(s.subnetId, this.options.vpc)));
    const isPublic = net.subnets.filter((s, i) => reaches[i] === 'public' || publicIds.has(s));
    if (isPublic.length > 0) problems.add(publicSubnetProblem(names, isPublic.map(label)));
    if (net.securityGroups.length > LAMBDA_VPC_LIMITS.securityGroups.max) problems.add(countProblem('securityGroups', names, net.securityGroups.length, this.options.functionBrought));
    if (net.subnets.length > LAMBDA_VPC_LIMITS.subnets.max) problems.add(countProblem('subnets', names, net.subnets.length, this.options.functionBrought));
    const egress = this.egressNow ?? 'endpoints';
    const withoutNat = net.subnets.filter((_, i) => reaches[i] !== 'nat' && reaches[i] !== 'unknown');
    if (egress === 'nat' && withoutNat.length > 0 && isPublic.length === 0) {
      problems.add(natWithoutNatRouteProblem(names, withoutNat.map(label), this.options.vpcGiven ?? true));
    }
    this.checkServices(scope, problems, names, net, model, egress);
    if (this.derived.unreadable.length > 0) warn(scope, unreadableProblem(names, this.derived.unreadable));
    this.checkGatewayEgress(scope, egress, reaches);
    problems.throwIfAny();
    return [];
  }

  private checkServices(scope: IConstruct, problems: ProblemCollector, names: RoutePropNames, net: FunctionNetwork, model: NetworkModel, egress: VpcEgress): void {
    for (const [prefix, actions] of this.servicesNow) {
      const def = endpointService(prefix);
      const brought = def !== undefined && def.endpoints.length > 0 && def.endpoints.every((n) => this._broughtEndpoint(n) !== undefined);
      if (brought) continue;
      const reach = reachService(prefix, net, model);
      if (reach.status === 'unreachable') problems.add(unreachableProblem(names, egress, prefix, def, actions, reach));
      else if (reach.status === 'unknown') warn(scope, reachUnknownProblem(names, prefix, reach));
      else if (reach.path !== 'NAT' && def?.legacyHostnames) warn(scope, legacyHostnameProblem(names, def));
    }
  }

  private checkGatewayEgress(scope: IConstruct, egress: VpcEgress, reaches: readonly SubnetReach[]): void {
    if (egress !== 'endpoints' || !reaches.some((r) => r === 'nat' || r === 'public')) return;
    for (const [service, e] of this.used) {
      const kind = e instanceof MadeEndpoint ? e.kind : e.kind;
      if (kind === 'gateway' && this.options.prefixListIds?.[service] === undefined) warn(scope, gatewayEgressOpenProblem(service));
    }
  }
}

/**
 * Routes a Lambda function in a VPC to every AWS service its role is granted, derived from the grants when the
 * app is synthesized (grants made later count): one endpoint per service per VPC, shared by every routed
 * function and reused when the app already has one, and HTTPS egress to those only; or HTTPS egress through the
 * NAT route. Adds the synth-time rules (public subnets, unreachable services, VpcConfig limits) and the network
 * interface permissions a role made outside aws-cdk-lib's Function lacks. The one call a pattern makes for a
 * function it places in a VPC.
 */
export function routeGrantedServices(fn: lambda.Function, options: RouteGrantedServicesOptions): GrantedRoutes {
  return GrantedRoutes.of(fn) ?? new GrantedRoutes(fn, options);
}
