import { ResourceRef } from '../../resource-ref';
import { FacadeContext } from '../../world/world';
import { EcsService } from './ecs-service';

/** `sim.ecs`: ECS services as fleets of tasks (their workers are configured with `sim.workload.workers`). */
export class EcsFacade {
  constructor(private readonly context: FacadeContext) {}

  /** The service model: `fleet` (desired, running, starting, live tasks, totals), `containerInsights`. */
  public service(ref: ResourceRef): EcsService {
    return this.context.model(ref, EcsService, 'an ECS service');
  }
}
