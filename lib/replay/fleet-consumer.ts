import { ResourceRef, identify } from '../simulator/resource-ref';
import { autoScaling } from '../simulator/services/autoscaling/state';
import { AutoScalingGroup } from '../simulator/services/ec2/auto-scaling-group';
import { SqsQueue } from '../simulator/services/sqs/queue';
import type { Simulation } from '../simulator/simulation';
import type { ProcessingTime } from '../simulator/workload/processing-time';
import { WorkerHost, WorkerOptions, isWorkerHost } from '../simulator/workload/worker-options';
import { AttachedConsumer, ReplayConsumer } from './consumer';
import { ReplayError } from './errors';
import { describeResource, peakPerPeriod } from './lambda-consumer';

const HOUR_MS = 3_600_000;

/** How the workers of a scaled fleet behave: what production's code takes per message, and its worker loop. */
export interface FleetConsumerOptions {
  /**
   * What one message takes a worker: a `Duration`, `{ exponential: mean }` or `{ samples: [...] }` (the
   * simulator's processing times). Replayed messages carry no payload, so the fleet's own p50 (or its samples) is
   * what to give.
   */
  readonly timePerMessage: ProcessingTime;
  /**
   * The ECS service or Auto Scaling group whose workers consume the queue: its construct, construct path or
   * logical id.
   * @default - the one ECS service or Auto Scaling group of the stack
   */
  readonly workers?: ResourceRef;
  /**
   * The queue the arrivals go to: its construct, construct path or logical id.
   * @default - the queue an ECS task definition's environment names; else the one queue of the stack that is no other queue's dead-letter queue
   */
  readonly queue?: ResourceRef;
  /**
   * The rest of the worker loop, as `sim.workload.workers` takes it: startup time, messages per receive and in
   * parallel, long-poll wait, failure rate, scale-in protection.
   * @default - the pattern's worker loop: one message at a time, 20 s long polls, protected while busy; in service 60 s (task) or 300 s (instance) after launch
   */
  readonly worker?: Omit<WorkerOptions, 'processingTime' | 'queue'>;
  /**
   * The comparison's column heading.
   * @default - the stack's name, with the fleet's kind and its scaling range
   */
  readonly heading?: string;
}

/** `task` for an ECS service, `instance` for an Auto Scaling group. */
function unitOf(host: WorkerHost): string {
  return host instanceof AutoScalingGroup ? 'instance' : 'task';
}

/**
 * A queue consumed by the workers of an ECS service or an EC2 Auto Scaling group, scaled by the stack's policies
 * (a `QueueDepthScaling`, or plain aws-cdk-lib): CloudWatch's alarms, target tracking and step scaling, cooldowns,
 * startup, scale-in protection and the worker loop all play as the simulator models them. Capacity is the tasks or
 * instances in service; its hours are task-hours or instance-hours from each launch to its stop (startup
 * included: Fargate and EC2 bill from then).
 */
export function fleetConsumer(options: FleetConsumerOptions): ReplayConsumer {
  return {
    attach(simulation) {
      const host = findHost(simulation, options.workers);
      const queue = findQueue(simulation, host, options.queue);
      simulation.workload.workers(host.logicalId, { ...options.worker, processingTime: options.timePerMessage, queue: queue.logicalId });
      const fleet = host.fleet;
      const unit = unitOf(host);
      const attached: AttachedConsumer = {
        heading: options.heading ?? `${simulation.template.stackName} (${host.description.replace(/^an? /, '')}${range(simulation, host, unit)})`,
        queueLogicalId: queue.logicalId,
        capacityUnit: unit,
        capacityPerPeriod: (endMs, periodMs) => peakPerPeriod(fleet.inServiceSeries.points, endMs, periodMs),
        capacityUsed: (endMs) => {
          if (endMs !== simulation.now) throw new Error(`capacityUsed(${endMs}): a fleet's hours are read at the simulation's now (${simulation.now})`);
          return { unit, peak: peakPerPeriod(fleet.inServiceSeries.points, endMs, endMs)[0] ?? 0, hours: fleet.workerMs(endMs) / HOUR_MS };
        },
      };
      return attached;
    },
  };
}

/** Whether the stack's queue is consumed by a scaled fleet rather than a Lambda function. */
export function hasFleet(simulation: Simulation): boolean {
  return fleets(simulation).length > 0;
}

function fleets(simulation: Simulation): WorkerHost[] {
  return [...simulation.world.models.values()].filter(isWorkerHost);
}

function findHost(simulation: Simulation, ref: ResourceRef | undefined): WorkerHost {
  const all = fleets(simulation);
  const names = all.map((h) => describeResource(simulation, h.logicalId));
  if (ref !== undefined) {
    const wanted = identify(ref, simulation.world.template);
    const host = all.find((h) => h.logicalId === wanted);
    if (!host) throw new ReplayError('stack', `the stack has no ECS service or Auto Scaling group '${String(wanted)}'${names.length ? ` (it has ${names.join(', ')})` : ''}`, 'Name one of those with `workers` (its construct, construct path or logical id)');
    return host;
  }
  if (all.length === 1) return all[0];
  if (all.length === 0) throw new ReplayError('stack', 'the stack has no ECS service or Auto Scaling group to consume its queue', 'Give a stack whose queue a scaled fleet consumes (a QueueDepthScaling), or replay it with lambdaConsumer');
  throw new ReplayError('stack', `the stack has ${all.length} scaled fleets (${names.join(', ')})`, 'Name the one whose workers consume the queue with `workers` (its construct path or logical id)');
}

function findQueue(simulation: Simulation, host: WorkerHost, ref: ResourceRef | undefined): SqsQueue {
  const world = simulation.world;
  const queues = world.all(SqsQueue);
  if (ref !== undefined) {
    const wanted = identify(ref, world.template);
    const queue = queues.find((q) => q.logicalId === wanted);
    if (!queue) throw new ReplayError('stack', `the stack has no SQS queue '${String(wanted)}' (it has ${queues.map((q) => describeResource(simulation, q.logicalId)).join(', ') || 'none'})`, 'Name one of its queues with --stack-queue (its logical id or construct path)');
    return queue;
  }
  const named = host.queueFromTemplate(world);
  if (named) return named;
  const deadLetter = new Set(queues.map((q) => q.deadLetterQueue).filter((q) => q !== undefined));
  const candidates = queues.filter((q) => !deadLetter.has(q));
  if (candidates.length === 1) return candidates[0];
  throw new ReplayError(
    'stack',
    `${describeResource(simulation, host.logicalId)} does not say which queue its workers consume, and the stack has ${candidates.length === 0 ? 'no queue' : `${candidates.length} queues (${candidates.map((q) => describeResource(simulation, q.logicalId)).join(', ')})`} that is no dead-letter queue`,
    'Name the queue to replay into with --stack-queue (its logical id or construct path)',
  );
}

/** `, 0–20 tasks`: the range Auto Scaling keeps the fleet in, when the group or a scalable target says it. */
function range(simulation: Simulation, host: WorkerHost, unit: string): string {
  const bounds = host instanceof AutoScalingGroup ? { min: host.minSize, max: host.maxSize } : autoScaling(simulation.world).scalables.find((s) => s.fleet === host.fleet)?.bounds;
  return bounds ? `, ${bounds.min}–${bounds.max} ${unit}s` : '';
}
