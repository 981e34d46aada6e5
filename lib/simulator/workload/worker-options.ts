import { Duration } from 'aws-cdk-lib';
import { SQS_LIMITS } from '../../core/limits';
import { ResourceRef } from '../resource-ref';
import { SqsQueue } from '../services/sqs/queue';
import { SimulationWorld } from '../world/world';
import { QueueWorkerFleet } from './fleet';
import { ProcessingTime, processingTimeSampler } from './processing-time';
import { WorkerBehaviour } from './queue-worker';

/** What a test says about the code its ECS tasks or EC2 instances run (`sim.workload.workers(service, options)`). */
export interface WorkerOptions {
  /** How long one message takes: a Duration, `{ exponential: mean }` or `{ samples: [...] }`. */
  readonly processingTime: ProcessingTime;
  /**
   * The queue the workers consume.
   * @default - the one queue of the template whose URL, ARN or name is in the task definition's environment (ECS); an Auto Scaling group must name it
   */
  readonly queue?: ResourceRef;
  /**
   * From launch until a worker is in service and polls. Assumptions, not AWS figures (the same as
   * QueueDepthScaling's `workerStartupTime` defaults): set what you measure.
   * @default - 60 seconds for an ECS task, 300 seconds for an EC2 instance
   */
  readonly startupTime?: Duration;
  /** The share of messages whose processing fails: not deleted, they reappear after the visibility timeout. @default 0 */
  readonly failureRate?: number;
  /** ReceiveMessage's MaxNumberOfMessages (1–10). @default 1 (the pattern's worker loop) */
  readonly messagesPerReceive?: number;
  /** Messages a worker processes at once (loops it runs in parallel). @default 1 */
  readonly messagesInParallel?: number;
  /** ReceiveMessage's WaitTimeSeconds (0–20 s). @default Duration.seconds(20) (the pattern's worker loop) */
  readonly waitTime?: Duration;
  /**
   * Whether the loop marks its worker protected from scale-in while it holds messages, as the pattern's worker
   * loop does; `expiresAfter` is ECS's `ExpiresInMinutes` of each call, `renewAfter` protects again when the
   * protection is that old and the worker still holds messages (`Duration.days(365)`: never, as a loop that
   * protects only once).
   * @default - protected while holding messages, renewed after 30 minutes; on ECS each call lasts 60 minutes (the worker example's defaults)
   */
  readonly scaleInProtection?: boolean | { readonly expiresAfter?: Duration; readonly renewAfter?: Duration };
  /**
   * CPUUtilization (percent) of a worker busy on all its messages, and of an idle one. Assumption: processing is
   * CPU-bound; a worker that waits on I/O uses less.
   * @default { busy: 100, idle: 1 }
   */
  readonly cpuUtilization?: { readonly busy?: number; readonly idle?: number };
}

/** A service or group whose workers a test can configure: an ECS service, an Auto Scaling group. */
export interface WorkerHost {
  readonly logicalId: string;
  readonly fleet: QueueWorkerFleet;
  /** `an ECS service`, `an Auto Scaling group`: in errors. */
  readonly description: string;
  readonly defaultStartupMs: number;
  /** How long one protection call lasts when the test does not say; undefined: until cleared. */
  readonly defaultProtectionExpiresMs: number | undefined;
  /** The queue the template tells the workers to consume, when it does. */
  queueFromTemplate(world: SimulationWorld): SqsQueue | undefined;
}

export function isWorkerHost(model: unknown): model is WorkerHost {
  return typeof model === 'object' && model !== null && (model as WorkerHost).fleet instanceof QueueWorkerFleet;
}

/** The worker example's `renewProtectionAfterMinutes` default. */
const DEFAULT_RENEW_AFTER_MS = 30 * 60_000;

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

/** The options, checked, with the defaults of the host. */
export function workerBehaviour(host: WorkerHost, queue: SqsQueue, o: WorkerOptions): WorkerBehaviour {
  const failureRate = o.failureRate ?? 0;
  const perReceive = o.messagesPerReceive ?? 1;
  const parallel = o.messagesInParallel ?? 1;
  const waitMs = (o.waitTime ?? Duration.seconds(SQS_LIMITS.receiveMessageWaitTimeSeconds.max)).toMilliseconds();
  const what = `workers of ${host.logicalId}`;
  check(failureRate >= 0 && failureRate <= 1, `${what}: failureRate ${failureRate} is outside 0–1`);
  check(Number.isInteger(perReceive) && perReceive >= 1 && perReceive <= 10, `${what}: messagesPerReceive ${perReceive} is outside 1–10 (ReceiveMessage's MaxNumberOfMessages)`);
  check(Number.isInteger(parallel) && parallel >= 1, `${what}: messagesInParallel ${parallel} must be a whole number, at least 1`);
  check(waitMs >= 0 && waitMs <= SQS_LIMITS.receiveMessageWaitTimeSeconds.max * 1000, `${what}: waitTime ${waitMs / 1000}s is outside 0–20 s (ReceiveMessage's WaitTimeSeconds)`);
  const p = o.scaleInProtection ?? true;
  const enabled = p !== false;
  const expires = typeof p === 'object' && p.expiresAfter ? p.expiresAfter.toMilliseconds() : host.defaultProtectionExpiresMs;
  return {
    queue,
    processingTime: processingTimeSampler(o.processingTime),
    failureRate,
    messagesPerReceive: perReceive,
    slots: parallel,
    waitMs,
    protection: { enabled, expiresMs: expires, renewAfterMs: (typeof p === 'object' ? p.renewAfter : undefined)?.toMilliseconds() ?? DEFAULT_RENEW_AFTER_MS },
    cpu: { busy: o.cpuUtilization?.busy ?? 100, idle: o.cpuUtilization?.idle ?? 1 },
  };
}
