import { ServiceModule } from '../../world/world';
import { NETWORK_FACTORIES } from './build';
import { VPC_CHECKS } from './checks';
import { VpcFacade } from './facade';
import { routeGuard } from './guard';
import { EC2_RESOURCE_TYPES } from './resource-types';

/**
 * VPC networking: VPCs, subnets, route tables and routes (internet gateway, NAT gateway, gateway endpoints),
 * interface endpoints with private DNS, security groups and network ACLs, read from the template; which services
 * each Lambda function in a VPC reaches (`sim.reachability(fn)`, findings()); and the route guard, which lets
 * a call from a function's code to a service it cannot reach get no answer.
 */
export const VPC_SERVICE: ServiceModule<VpcFacade> = {
  name: 'vpc',
  resourceTypes: EC2_RESOURCE_TYPES,
  models: NETWORK_FACTORIES,
  install(world) {
    world.calls.guard(routeGuard(world));
  },
  checks: VPC_CHECKS,
  facade: (context) => new VpcFacade(context),
};
