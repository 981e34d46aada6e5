import { Duration } from 'aws-cdk-lib';
import { ResourceRef } from '../resource-ref';
import { autoScaling } from '../services/autoscaling/state';
import { cloudWatch } from '../services/cloudwatch/state';
import { SnsTopic } from '../services/sns/topic';
import { SqsQueue } from '../services/sqs/queue';
import { aResourceOfType } from '../template';
import { FacadeContext } from '../world/world';
import { ArrivalProfile } from './arrivals';
import { QueueWorkerFleet } from './fleet';
import { LoadPlayer, PlayOptions } from './load-player';
import { RunRecorder } from './run-recorder';
import { WorkerHost, WorkerOptions, isWorkerHost, workerBehaviour } from './worker-options';

/** `sim.workload`: load on the clock (arrival profiles into a queue or topic), the workers' code, and run records. */
export class WorkloadFacade {
  constructor(private readonly context: FacadeContext) {}

  /**
   * Says what the tasks of an ECS service or the instances of an Auto Scaling group do: the worker loop of
   * docs/patterns/queue-depth-scaling.md on a queue, with a processing time, startup time, failure rate and
   * scale-in protection. Returns the fleet (desired, running, live workers, totals).
   */
  public workers(ref: ResourceRef, options: WorkerOptions): QueueWorkerFleet {
    const host = this.host(ref);
    const world = this.context.world;
    const queue = options.queue === undefined ? host.queueFromTemplate(world) : this.context.model(options.queue, SqsQueue, 'an SQS queue');
    if (!queue) {
      throw new Error(`workers(${host.logicalId}, …): name the queue the workers consume (\`queue\`): ${host.description} of this template does not say which queue it reads`);
    }
    host.fleet.startupMs = (options.startupTime?.toMilliseconds()) ?? host.defaultStartupMs;
    host.fleet.configure(workerBehaviour(host, queue, options));
    this.context.settle();
    return host.fleet;
  }

  /**
   * Plays arrivals into a queue or topic on the virtual clock, from `at` (or now), or from the wall-clock instant
   * the profile carries (counts read from CloudWatch), mapped through the simulation's startTime.
   */
  public play(target: ResourceRef, profile: ArrivalProfile, options: PlayOptions & { readonly at?: Duration } = {}): LoadPlayer {
    const world = this.context.world;
    const id = this.context.identify(target);
    const model = world.modelOf(id, SqsQueue) ?? world.modelOf(id, SnsTopic) ?? world.byArnOf(id, SqsQueue) ?? world.byArnOf(id, SnsTopic);
    if (!model) throw new Error(`play(${id}, …): arrivals go to an SQS queue or an SNS topic of the template`);
    const runtime = world.runtime;
    const now = runtime.clock.now;
    const start = profile.startEpochMs !== undefined ? profile.startEpochMs - runtime.epochMs : now + (options.at?.toMilliseconds() ?? 0);
    if (start < now) {
      throw new Error(`play(${id}, ${profile.name}): the counts start at ${new Date(profile.startEpochMs!).toISOString()}, before the simulation's now (${new Date(runtime.epoch(now)).toISOString()}): give the Simulation a startTime at or before the first count`);
    }
    const player = new LoadPlayer(runtime, model, profile, start, options);
    cloudWatch(world).ticker.resume();
    return player;
  }

  /**
   * Records a run once a minute: the queue's depth and oldest age, the workers' capacity and messages in hand,
   * instance-hours, and at the end the alarm history and scaling activities. `result()` gives the RunResult that
   * `plotRun` draws.
   */
  public record(options: { readonly workers: ResourceRef; readonly queue?: ResourceRef; readonly name?: string }): RunRecorder {
    const host = this.host(options.workers);
    const world = this.context.world;
    const queue = options.queue !== undefined ? this.context.model(options.queue, SqsQueue, 'an SQS queue') : host.fleet.loop?.behaviour.queue ?? host.queueFromTemplate(world);
    if (!queue) throw new Error(`record(…): name the queue (\`queue\`), or configure the workers of ${host.logicalId} first`);
    const cw = cloudWatch(world);
    const recorder = new RunRecorder(world.runtime, options.name ?? `${queue.logicalId} → ${host.logicalId}`, queue, host.fleet, {
      alarms: () => cw.evaluator.alarms.flatMap((a) => a.history).sort((a, b) => a.time - b.time),
      activities: () => autoScaling(world).scalables.flatMap((s) => s.activities).sort((a, b) => a.time - b.time),
    });
    cw.ticker.subscribe(recorder);
    return recorder;
  }

  private host(ref: ResourceRef): WorkerHost {
    const id = this.context.identify(ref);
    const model = this.context.world.models.get(id);
    if (!isWorkerHost(model)) {
      const r = this.context.world.template.resource(id);
      throw new Error(`${id} is ${r ? aResourceOfType(r.type) : 'not in the template'}: workers run in an ECS service (AWS::ECS::Service) or an Auto Scaling group (AWS::AutoScaling::AutoScalingGroup)`);
    }
    return model;
  }
}
