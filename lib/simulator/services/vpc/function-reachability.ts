import { SimulationWorld } from '../../world/world';
import { LambdaFunction } from '../lambda/function';
import { grantedServices } from './granted-services';
import { vpcNetwork } from './network-state';
import { placementOf } from './placement';
import { ServiceReachability } from './reach';
import { INTERNET, destinationName, reachability } from './reachability';

/** `sim.reachability(fn)`: every service a function is granted, and the internet, each reachable or not and why. */
export interface FunctionReachability {
  /** The function's logical id. */
  readonly function: string;
  /** Whether the function has a VpcConfig with subnets: outside a VPC everything public is reachable. */
  readonly inVpc: boolean;
  /** One entry per granted service (by IAM prefix), in the order the role's policies grant them. */
  readonly services: readonly ServiceReachability[];
  readonly internet: ServiceReachability;
  /** What of the role could not be read (`NotAction`, `*`, unknown managed policies): services it may grant are missing. */
  readonly unreadable: readonly string[];
}

/** Outside a VPC: Lambda's own network reaches every public endpoint. */
function outsideVpc(service: string, actions: readonly string[]): ServiceReachability {
  const name = destinationName(service);
  const hop = 'Lambda\'s own network (the function is not in a VPC)';
  return { service, name, actions, status: 'reachable', reachable: true, hops: [hop], path: hop };
}

/** The reachability of one service from one function, computed once per simulation (the template is static). */
export function serviceReachability(world: SimulationWorld, fn: LambdaFunction, service: string, actions: readonly string[]): ServiceReachability {
  const cache = vpcNetwork(world).reachCache;
  const key = `${fn.logicalId}\u0000${service}`;
  const known = cache.get(key) as ServiceReachability | undefined;
  if (known) return known.actions === actions ? known : { ...known, actions };
  const placement = placementOf(world, fn.logicalId);
  const r = placement ? reachability(world, placement, service, actions) : outsideVpc(service, actions);
  cache.set(key, r);
  return r;
}

export function functionReachability(world: SimulationWorld, fn: LambdaFunction): FunctionReachability {
  const grants = grantedServices(world, fn);
  return {
    function: fn.logicalId,
    inVpc: placementOf(world, fn.logicalId) !== undefined,
    services: grants.services.map((g) => serviceReachability(world, fn, g.prefix, g.actions)),
    internet: serviceReachability(world, fn, INTERNET, []),
    unreadable: grants.unreadable,
  };
}
