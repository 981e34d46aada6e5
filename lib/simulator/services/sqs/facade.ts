import { Duration } from 'aws-cdk-lib';
import { AttributeShorthand, sqsAttributes } from '../../attributes';
import { InvalidRequestError, checkReceive } from '../../requests';
import { ResourceRef } from '../../resource-ref';
import { aResourceOfType } from '../../template';
import { FacadeContext, LastNamed } from '../../world/world';
import { SqsQueue } from './queue';
import { SqsReceivedMessage } from './received-message';
import { MessageMoveTaskEntry } from './move-task';
import { sqsMoveTasks } from './move-tasks';
import { SqsOptions, configureSqs } from './options';

export interface SendOptions {
  readonly body: string;
  /** Per-message delay (standard queues). @default - the queue's DelaySeconds */
  readonly delay?: Duration;
  readonly attributes?: Readonly<Record<string, AttributeShorthand>>;
  readonly groupId?: string;
  readonly deduplicationId?: string;
}

export interface ReceiveOptions {
  /** 1–10. @default 1 */
  readonly maxMessages?: number;
  /** @default - the queue's VisibilityTimeout */
  readonly visibilityTimeout?: Duration;
  /** Long polling: when nothing is visible, virtual time runs until a message is, or the wait ends. @default - the queue's ReceiveMessageWaitTimeSeconds */
  readonly waitTime?: Duration;
}

/** Who makes a call: the test by default, which may do anything. */
export interface CallerOptions {
  /**
   * Make the call as this IAM role, or as this Lambda function's execution role: what the role lacks (its policies,
   * the queue policy, key policies) makes the call fail with AccessDenied, as on AWS.
   * @default - the test, whose calls are not checked
   */
  readonly as?: ResourceRef;
}

export interface StartMessageMoveTaskOptions extends CallerOptions {
  /** DestinationArn: a queue of the DLQ's type. @default - each message goes back to the queue it came from */
  readonly destination?: ResourceRef;
  /** 1–500. @default - "system optimized": `SimulationOptions.sqs.systemOptimizedMoveRate` (500) */
  readonly maxNumberOfMessagesPerSecond?: number;
}

export interface ListMessageMoveTasksOptions extends CallerOptions {
  /** 1–10. @default 1 (the most recent task) */
  readonly maxResults?: number;
}

/** `sim.sqs`: SQS as a test calls it, queues named by construct, path or logical id. `Simulation.send` & co. delegate here. */
export class SqsFacade {
  private readonly queues: LastNamed<SqsQueue>;

  constructor(private readonly context: FacadeContext) {
    this.queues = new LastNamed(context, SqsQueue, 'an SQS queue');
  }

  /** The queue model: `visible`, `inFlight`, `delayed` (arrays of messages), `counts`, `settings`. */
  public queue(ref: ResourceRef): SqsQueue {
    return this.queues.get(ref);
  }

  public send(queue: ResourceRef, options: SendOptions): { messageId: string; sequenceNumber?: string } {
    const q = this.queue(queue);
    const result = q.send({ body: options.body, attributes: sqsAttributes(options.attributes), delayMs: options.delay?.toMilliseconds(), groupId: options.groupId, deduplicationId: options.deduplicationId });
    if (!result.ok) throw new InvalidRequestError(result.code, `SendMessage to ${q.logicalId} failed: ${result.reason}`);
    this.context.settle();
    return result;
  }

  public receive(queue: ResourceRef, options: ReceiveOptions = {}): SqsReceivedMessage[] {
    const q = this.queue(queue);
    const request = { maxMessages: options.maxMessages, visibilityTimeoutMs: options.visibilityTimeout?.toMilliseconds() };
    const waitOption = options.waitTime?.toMilliseconds();
    checkReceive(request.maxMessages, waitOption, request.visibilityTimeoutMs);
    let got = q.receive(request);
    const waitMs = waitOption ?? q.settings.receiveWaitTimeMs;
    if (got.length === 0 && waitMs > 0) got = this.longPoll(q, request, waitMs);
    this.context.settle();
    return got;
  }

  public delete(queue: ResourceRef, receiptHandle: string): void {
    const q = this.queue(queue);
    const result = q.delete(receiptHandle);
    if (!result.ok) throw new InvalidRequestError(result.code, `DeleteMessage on ${q.logicalId} failed: ${result.reason}`);
    this.context.settle();
  }

  public changeVisibility(queue: ResourceRef, receiptHandle: string, timeout: Duration): void {
    const q = this.queue(queue);
    const result = q.changeVisibility(receiptHandle, timeout.toMilliseconds());
    if (!result.ok) throw new InvalidRequestError(result.code, `ChangeMessageVisibility on ${q.logicalId} failed: ${result.reason}`);
    this.context.settle();
  }

  /**
   * StartMessageMoveTask from a dead-letter queue: each second up to the rate, oldest first, its messages move
   * to `destination` or back to their source queues as new messages. Returns the TaskHandle.
   */
  public startMessageMoveTask(deadLetterQueue: ResourceRef, options: StartMessageMoveTaskOptions = {}): { taskHandle: string } {
    const source = this.queue(deadLetterQueue);
    const destinationArn = options.destination === undefined ? undefined : this.queue(options.destination).arn;
    const task = sqsMoveTasks(this.context.world).start(source, { destinationArn, maxNumberOfMessagesPerSecond: options.maxNumberOfMessagesPerSecond }, this.roleArnOf(options.as));
    this.context.settle();
    return { taskHandle: task.plan.handle };
  }

  /** ListMessageMoveTasks: the most recent tasks of a dead-letter queue, newest first, with their status and counts. */
  public listMessageMoveTasks(deadLetterQueue: ResourceRef, options: ListMessageMoveTasksOptions = {}): MessageMoveTaskEntry[] {
    return sqsMoveTasks(this.context.world).list(this.queue(deadLetterQueue), options.maxResults, this.roleArnOf(options.as));
  }

  /** CancelMessageMoveTask: a RUNNING task stops moving (messages already moved stay moved); returns the count moved. */
  public cancelMessageMoveTask(taskHandle: string, options: CallerOptions = {}): { approximateNumberOfMessagesMoved: number } {
    const moved = sqsMoveTasks(this.context.world).cancel(taskHandle, this.roleArnOf(options.as));
    this.context.settle();
    return { approximateNumberOfMessagesMoved: moved };
  }

  /** PurgeQueue: deletes every message of the queue; another purge of it within 60 s fails with PurgeQueueInProgress. */
  public purgeQueue(queue: ResourceRef, options: CallerOptions = {}): void {
    sqsMoveTasks(this.context.world).purge(this.queue(queue), this.roleArnOf(options.as));
    this.context.settle();
  }

  /** Sets how the simulation settles what AWS leaves open (`SimulationOptions.sqs`). */
  public configure(options: SqsOptions): void {
    configureSqs(this.context.world, options);
  }

  /** The role ARN a caller stands for: an IAM role of the template, or a function's execution role. */
  private roleArnOf(caller: ResourceRef | undefined): string | undefined {
    if (caller === undefined) return undefined;
    const id = this.context.identify(caller);
    const r = this.context.world.template.resource(id);
    if (r?.type === 'AWS::IAM::Role') return String(r.getAtt('Arn'));
    const role = r?.type === 'AWS::Lambda::Function' ? r.prop('Role') : undefined;
    if (typeof role === 'string') return role;
    throw new Error(`${id} ${r ? `is ${aResourceOfType(r.type)}` : 'is not in the template'}: \`as\` takes an IAM role or a Lambda function of the template (whose execution role makes the call)`);
  }

  /** Runs virtual time until a message is visible or the wait ends. */
  private longPoll(q: SqsQueue, request: { maxMessages?: number; visibilityTimeoutMs?: number }, waitMs: number): SqsReceivedMessage[] {
    const runtime = this.context.world.runtime;
    const clock = runtime.clock;
    const pending = runtime.pending;
    const deadline = clock.now + waitMs;
    let got: SqsReceivedMessage[] = [];
    while (got.length === 0 && clock.nextTime !== undefined && clock.nextTime <= deadline) {
      // A synchronous receive cannot await a handler's Promise: stop before a timer would read it unsettled.
      if (pending.count > 0) {
        throw new Error(`receive with a wait time would move virtual time while ${pending.count} async Lambda handler${pending.count === 1 ? ' is' : 's are'} still running: \`await sim.advance(…)\` or \`await sim.runUntilIdle()\` first, or receive without waitTime`);
      }
      clock.step();
      if (q.counts.visible > 0) got = q.receive(request);
    }
    if (got.length === 0) clock.run(deadline);
    return got;
  }
}
