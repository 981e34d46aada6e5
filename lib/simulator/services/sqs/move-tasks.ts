import { SQS_LIMITS, describeRange } from '../../../core/limits';
import { InvalidRequestError } from '../../requests';
import { SimulationWorld } from '../../world/world';
import { MissingPermission, roleQueueActionRefusal } from './access';
import { functionRole } from '../iam/role-policies';
import { MessageMoveTask, MessageMoveTaskEntry } from './move-task';
import { missingMoveTaskPermissions } from './move-task-permissions';
import { sqsOptions } from './options';
import { SqsQueue } from './queue';

/** StartMessageMoveTask's parameters (besides SourceArn). */
export interface StartMoveTaskRequest {
  /** @default - each message goes back to the queue it came from */
  readonly destinationArn?: string;
  /** 1–500. @default - "system optimized" (`SqsOptions.systemOptimizedMoveRate`) */
  readonly maxNumberOfMessagesPerSecond?: number;
}

/** What a TaskHandle holds: AWS's handles are the base64 of this JSON, which names the source queue. */
interface HandleContent {
  readonly taskId: string;
  readonly sourceArn: string;
}

/** The source queue ARN a TaskHandle names, or undefined when it is not a handle. */
export function moveTaskSourceArn(handle: string): string | undefined {
  try {
    const content = JSON.parse(Buffer.from(handle, 'base64').toString('utf8')) as Partial<HandleContent>;
    return typeof content.sourceArn === 'string' ? content.sourceArn : undefined;
  } catch {
    return undefined;
  }
}

function denied(missing: readonly MissingPermission[]): InvalidRequestError {
  return new InvalidRequestError('AccessDenied', `the caller lacks ${missing.map((p) => `${p.action} on ${p.resource} (${p.reason})`).join('; ')}`);
}

/**
 * The message move tasks of one simulation (StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask),
 * with the checks AWS makes before it starts one, and PurgeQueue, the other operation on a queue's messages. A `roleArn` is the caller's role: its permissions are checked
 * (services/sqs/move-task-permissions.ts); without one the caller is the test, which may do anything.
 */
export class SqsMoveTasks {
  /** Every task, in the order they started. */
  private readonly tasks: MessageMoveTask[] = [];
  private readonly byHandle = new Map<string, MessageMoveTask>();

  constructor(private readonly world: SimulationWorld) {}

  /** StartMessageMoveTask: throws an `InvalidRequestError` with AWS's error code for a request AWS refuses. */
  public start(source: SqsQueue, request: StartMoveTaskRequest = {}, roleArn?: string): MessageMoveTask {
    const sources = this.world.all(SqsQueue).filter((q) => q.deadLetterQueue === source && q.redriveBlocked === undefined);
    if (sources.length === 0) {
      throw new InvalidRequestError('InvalidParameterValue', `${source.logicalId} is not the dead-letter queue of any SQS queue in the template: a move task redrives only a DLQ of SQS queues (not one of SNS subscriptions or Lambda functions)`);
    }
    const destination = request.destinationArn === undefined ? undefined : this.destination(source, request.destinationArn);
    // IAM decides before SQS looks at the request's values.
    const missing = missingMoveTaskPermissions(this.world, roleArn, source, destination ? [destination] : sources);
    if (missing.length > 0) throw denied(missing);
    const rate = request.maxNumberOfMessagesPerSecond;
    const limit = SQS_LIMITS.moveTaskRate;
    if (rate !== undefined && !(Number.isInteger(rate) && rate >= limit.min && rate <= limit.max)) {
      throw new InvalidRequestError('InvalidParameterValue', `value ${rate} for parameter MaxNumberOfMessagesPerSecond is invalid: it must be a whole number ${describeRange(limit)}`);
    }
    const running = this.tasks.find((t) => t.active && t.plan.source === source);
    if (running) throw new InvalidRequestError('UnsupportedOperation', `${source.logicalId} already has an active message move task (${running.status}): only one runs per queue; cancel it or wait for it to end`);
    if (this.tasks.filter((t) => t.active).length >= SQS_LIMITS.activeMoveTasks.max) {
      throw new InvalidRequestError('OverLimit', `the account already runs ${SQS_LIMITS.activeMoveTasks.max} message move tasks, the most SQS allows`);
    }
    const runtime = this.world.runtime;
    const options = sqsOptions(this.world);
    const handle = Buffer.from(JSON.stringify({ taskId: runtime.nextId(), sourceArn: source.arn } satisfies HandleContent)).toString('base64');
    const task = new MessageMoveTask(runtime, {
      handle, source, destination, requestedRate: rate, rate: rate ?? options.systemOptimizedMoveRate, unknownSource: options.unknownSourceMessages,
    });
    this.tasks.push(task);
    this.byHandle.set(handle, task);
    return task;
  }

  /** ListMessageMoveTasks: the most recent tasks of `source`, newest first; MaxResults 1–10, default 1. */
  public list(source: SqsQueue, maxResults: number = SQS_LIMITS.listMoveTasksMaxResults.default!, roleArn?: string): MessageMoveTaskEntry[] {
    const limit = SQS_LIMITS.listMoveTasksMaxResults;
    if (!(Number.isInteger(maxResults) && maxResults >= limit.min && maxResults <= limit.max)) {
      throw new InvalidRequestError('InvalidParameterValue', `value ${maxResults} for parameter MaxResults is invalid: it must be ${describeRange(limit)}`);
    }
    this.checkRole(roleArn, source, 'sqs:ListMessageMoveTasks');
    return this.tasks.filter((t) => t.plan.source === source).reverse().slice(0, maxResults).map((t) => t.entry);
  }

  /** CancelMessageMoveTask: returns ApproximateNumberOfMessagesMoved; only a RUNNING task can be cancelled. */
  public cancel(handle: string, roleArn?: string): number {
    const task = this.byHandle.get(handle);
    if (!task) throw new InvalidRequestError('ResourceNotFoundException', `no message move task has the handle ${handle}`);
    this.checkRole(roleArn, task.plan.source, 'sqs:CancelMessageMoveTask');
    if (task.status !== 'RUNNING') throw new InvalidRequestError('UnsupportedOperation', `the message move task of ${task.plan.source.logicalId} is ${task.status}: only a RUNNING task can be cancelled`);
    task.cancel();
    return task.moved;
  }

  /** A task by its handle. */
  public task(handle: string): MessageMoveTask | undefined {
    return this.byHandle.get(handle);
  }

  /** PurgeQueue (services/sqs/queue.ts `purge`), with the simulation's choice for messages sent during the purge. */
  public purge(queue: SqsQueue, roleArn?: string): void {
    this.checkRole(roleArn, queue, 'sqs:PurgeQueue');
    const result = queue.purge(sqsOptions(this.world).purgeDeletesLaterMessages);
    if (!result.ok) throw new InvalidRequestError(result.code, result.reason);
  }

  private destination(source: SqsQueue, arn: string): SqsQueue {
    const destination = this.world.byArnOf(arn, SqsQueue);
    if (!destination) throw new InvalidRequestError('ResourceNotFoundException', `the destination ${arn} is not a queue of the template`);
    if (destination === source) throw new InvalidRequestError('InvalidParameterValue', `the destination is the source queue ${source.logicalId}`);
    if (destination.fifo !== source.fifo) {
      throw new InvalidRequestError('InvalidParameterValue', `${destination.logicalId} is ${destination.fifo ? 'FIFO' : 'standard'} and ${source.logicalId} is not: a move task's destination must be of the dead-letter queue's type`);
    }
    return destination;
  }

  private checkRole(roleArn: string | undefined, queue: SqsQueue, action: string): void {
    const role = roleArn === undefined ? undefined : functionRole(this.world, roleArn);
    const reason = role && roleQueueActionRefusal(this.world, role, queue, action);
    if (reason) throw denied([{ action, resource: queue.arn, reason }]);
  }
}

const MOVE_TASKS = new WeakMap<SimulationWorld, SqsMoveTasks>();

/** The move tasks of a simulation: one registry per world, shared by the SQS facade and the actions SQS serves. */
export function sqsMoveTasks(world: SimulationWorld): SqsMoveTasks {
  let tasks = MOVE_TASKS.get(world);
  if (!tasks) {
    tasks = new SqsMoveTasks(world);
    MOVE_TASKS.set(world, tasks);
  }
  return tasks;
}
