import { ResourceRef } from '../../resource-ref';
import { FacadeContext } from '../../world/world';
import { LambdaFunction } from '../lambda/function';
import { FunctionReachability, functionReachability } from './function-reachability';

/** `sim.vpc`: the network as a test reads it. `Simulation.reachability` delegates here. */
export class VpcFacade {
  constructor(private readonly context: FacadeContext) {}

  /** Every service the function's role grants, and the internet: reachable or not, the path, or what blocks it. */
  public reachability(fn: ResourceRef): FunctionReachability {
    return functionReachability(this.context.world, this.context.model(fn, LambdaFunction, 'a Lambda function'));
  }
}
