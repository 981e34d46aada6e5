import { SqsEventSourceMapping } from '../event-source-mapping/sqs-mapping';
import { EventSourceMappingModel } from '../event-source-mapping/mapping-model';
import { LambdaFunction } from './function';
import { asyncInvoker } from './async-invocation';
import { functionEnvironment, loadOwnHandler } from './code';
import { LambdaHandler, OnInvokeOptions, durationOf } from './handler';
import { lambdaService } from './state';
import { SimulationWorld } from '../../world/world';
import { SqsQueue } from '../sqs/queue';

/**
 * What `Simulation` exposes for Lambda, kept here so the entry point only delegates: registering code,
 * finding mappings by what a test has at hand, asynchronous invocation.
 */

/** The literal that asks for the function's own code (inline, or a local asset folder) instead of a test handler. */
export const OWN_CODE = 'inline';

export function registerHandler(world: SimulationWorld, fn: LambdaFunction, handler: LambdaHandler | typeof OWN_CODE, options: OnInvokeOptions): void {
  const durationMs = durationOf(options.duration);
  if (handler !== OWN_CODE && typeof handler !== 'function') {
    throw new Error(`onInvoke(${fn.logicalId}, …) takes a handler function or '${OWN_CODE}', not ${JSON.stringify(handler)}`);
  }
  if (handler !== OWN_CODE) {
    fn.code = { handler, durationMs };
    return;
  }
  const service = lambdaService(world);
  fn.code = {
    handler: loadOwnHandler(fn, options.assetDirectory ?? service.assetDirectory),
    durationMs,
    environment: functionEnvironment(fn, world.runtime.environment.region),
  };
}

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

/** Invokes with InvocationType Event; returns the request id, or throws Lambda's refusal. */
export function invokeAsync(world: SimulationWorld, fn: LambdaFunction, payload: unknown): string {
  const r = asyncInvoker(world, fn).invoke(payload);
  if (!r.ok) throw new Error(`Invoke (Event) of ${fn.logicalId} refused: ${r.reason}`);
  return r.requestId;
}

/** The queues consumed by Lambda through a mapping of the template, for the checks. */
export function mappedQueues(world: SimulationWorld): { mapping: EventSourceMappingModel; queue: SqsQueue; fn: LambdaFunction }[] {
  return world.all(EventSourceMappingModel).filter((m) => m.queue && m.fn).map((m) => ({ mapping: m, queue: m.queue!, fn: m.fn! }));
}
