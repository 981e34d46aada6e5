import { actionPrefix } from '../../../patterns/vpc-function/services';
import { CallGuard } from '../../world/calls';
import { SimulationWorld } from '../../world/world';
import { LambdaFunction } from '../lambda/function';
import { serviceReachability } from './function-reachability';

/**
 * The route guard: a call made by code running in a VPC function (a `RoleCaller` whose `runsIn` is the function)
 * to a service its subnets cannot reach never arrives. As in AWS, there is no error to catch: the SDK waits, and the
 * invocation runs into its timeout. Calls Lambda makes for the function (destinations, the poller) carry no
 * `runsIn` and are not checked; nor are calls whose reachability is unknown (imported subnets or groups).
 */
export function routeGuard(world: SimulationWorld): CallGuard {
  return (caller, action) => {
    if (caller.kind !== 'role' || caller.runsIn === undefined) return undefined;
    const fn = world.modelOf(caller.runsIn, LambdaFunction);
    if (!fn) return undefined;
    const reach = serviceReachability(world, fn, actionPrefix(action), [action]);
    if (reach.status !== 'unreachable') return undefined;
    return { noAnswer: true, reason: `${action} from ${fn.logicalId} gets no answer: ${reach.name} is unreachable: ${reach.blockedBy!.reason}` };
  };
}
