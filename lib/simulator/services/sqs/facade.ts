import { Duration } from 'aws-cdk-lib';
import { AttributeShorthand, sqsAttributes } from '../../attributes';
import { InvalidRequestError, checkReceive } from '../../requests';
import { ResourceRef } from '../../resource-ref';
import { FacadeContext, LastNamed } from '../../world/world';
import { SqsQueue } from './queue';
import { SqsReceivedMessage } from './received-message';

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
