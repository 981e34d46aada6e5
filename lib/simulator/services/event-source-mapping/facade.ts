import { ResourceRef } from '../../resource-ref';
import { FacadeContext, SimulationWorld } from '../../world/world';
import { LambdaFunction } from '../lambda/function';
import { SqsQueue } from '../sqs/queue';
import { EventSourceMappingModel } from './mapping-model';
import { MappingView, SqsEventSourceMapping } from './sqs-mapping';

/**
 * The SQS mapping a test means: the mapping itself (construct, path or logical id), or the queue or the
 * function when exactly one mapping joins it to something.
 */
export function findMapping(world: SimulationWorld, id: string): SqsEventSourceMapping {
  const models = world.all(EventSourceMappingModel);
  const own = models.find((m) => m.logicalId === id);
  const candidates = own ? [own] : models.filter((m) => m.queue?.logicalId === id || m.fn?.logicalId === id || m.queue?.arn === id || m.fn?.arn === id);
  if (candidates.length === 0) throw new Error(`No event source mapping is, or uses, ${id}`);
  if (candidates.length > 1) throw new Error(`${id} has ${candidates.length} event source mappings (${candidates.map((m) => m.logicalId).join(', ')}): name the mapping`);
  const m = candidates[0];
  if (!m.sqs) throw new Error(`${m.logicalId} is not simulated: ${m.notSimulated}`);
  return m.sqs;
}

/** The queues consumed by Lambda through a mapping of the template, for the checks. */
export function mappedQueues(world: SimulationWorld): { mapping: EventSourceMappingModel; queue: SqsQueue; fn: LambdaFunction }[] {
  return world.all(EventSourceMappingModel).filter((m) => m.queue && m.fn).map((m) => ({ mapping: m, queue: m.queue!, fn: m.fn! }));
}

/** `sim.eventSourceMappings`: the mappings a test inspects. `Simulation.mapping` delegates here. */
export class EventSourceMappingFacade {
  constructor(private readonly context: FacadeContext) {}

  /** A mapping by itself, its queue or its function: settings, concurrency ramp, batches. */
  public mapping(ref: ResourceRef): MappingView {
    return findMapping(this.context.world, this.context.identify(ref)).view();
  }
}
