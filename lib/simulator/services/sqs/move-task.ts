import { SQS_LIMITS } from '../../../core/limits';
import { Clock, Timer, TimerPriority } from '../../clock';
import { SimulationRuntime } from '../../runtime';
import { SqsMessage } from './message';
import { SqsQueue } from './queue';

/** A message move task's status, as ListMessageMoveTasks reports it. */
export type MessageMoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

/** One entry of ListMessageMoveTasks (AWS's ListMessageMoveTasksResultEntry, fields in camelCase). */
export interface MessageMoveTaskEntry {
  /** Only while the task is RUNNING, as AWS returns it. */
  readonly taskHandle?: string;
  readonly status: MessageMoveTaskStatus;
  readonly sourceArn: string;
  /** Only when StartMessageMoveTask named one; otherwise messages go back to their original source queues. */
  readonly destinationArn?: string;
  /** Only when StartMessageMoveTask set one. */
  readonly maxNumberOfMessagesPerSecond?: number;
  readonly approximateNumberOfMessagesMoved: number;
  /** The source's visible messages when the task started. */
  readonly approximateNumberOfMessagesToMove: number;
  /** Only when FAILED. */
  readonly failureReason?: string;
  /** Epoch ms. */
  readonly startedTimestamp: number;
}

/** What a redrive to the original source does with a message whose source is unknown (AWS does not document it). */
export type UnknownSourceBehaviour = 'fail' | 'skip';

/** How a task moves: its destination, rate, and what it does with a message it cannot place. */
export interface MoveTaskPlan {
  readonly handle: string;
  readonly source: SqsQueue;
  /** The queue named by DestinationArn; undefined redrives each message to the queue it came from. */
  readonly destination: SqsQueue | undefined;
  /** MaxNumberOfMessagesPerSecond as given. */
  readonly requestedRate: number | undefined;
  /** Messages per second it moves: the requested rate, or the simulation's "system optimized" one. */
  readonly rate: number;
  readonly unknownSource: UnknownSourceBehaviour;
}

const TICK_MS = 1_000;
const MAX_RUN_MS = SQS_LIMITS.moveTaskDuration.max * 1000;

/**
 * A message move task (StartMessageMoveTask, AWS-FACTS §1.2 and §1.5): each second it takes up to `rate`
 * visible messages of the DLQ, oldest first, and sends each to the destination or to the queue it came from as
 * a new message (a new id and enqueue time, receive count 0: "All redriven messages are considered new
 * messages", SQS developer guide), its attributes kept. It stops when it has moved as many messages as the DLQ
 * held when it started, or none is left; it fails when a destination refuses a message (which stays in the DLQ)
 * or after 36 hours. It is its own clock timer, on the clock only while it runs.
 */
export class MessageMoveTask implements Timer {
  public time = 0;
  public priority = 0;
  public seq = 0;
  public heapIndex = -1;

  public status: MessageMoveTaskStatus = 'RUNNING';
  public moved = 0;
  public readonly toMove: number;
  public readonly startedAt: number;
  public failureReason: string | undefined = undefined;
  /** Messages a redrive to source left in the DLQ: their source is unknown (`unknownSource: 'skip'`). */
  private readonly skipped = new Set<SqsMessage>();

  constructor(private readonly runtime: SimulationRuntime, public readonly plan: MoveTaskPlan) {
    this.toMove = plan.source.counts.visible;
    this.startedAt = runtime.clock.now;
    runtime.record('sqs.moveTaskStarted', plan.source.logicalId, undefined, undefined, {
      destination: plan.destination?.logicalId ?? 'original source queues', rate: plan.rate, toMove: this.toMove,
    });
    runtime.clock.schedule(this, this.startedAt + TICK_MS, TimerPriority.poll);
  }

  /** RUNNING or CANCELLING: the task holds its queue (one active task per queue). */
  public get active(): boolean {
    return this.status === 'RUNNING' || this.status === 'CANCELLING';
  }

  public get entry(): MessageMoveTaskEntry {
    const p = this.plan;
    return {
      ...(this.status === 'RUNNING' ? { taskHandle: p.handle } : {}),
      status: this.status,
      sourceArn: p.source.arn,
      ...(p.destination ? { destinationArn: p.destination.arn } : {}),
      ...(p.requestedRate !== undefined ? { maxNumberOfMessagesPerSecond: p.requestedRate } : {}),
      approximateNumberOfMessagesMoved: this.moved,
      approximateNumberOfMessagesToMove: this.toMove,
      ...(this.failureReason !== undefined ? { failureReason: this.failureReason } : {}),
      startedTimestamp: this.runtime.epoch(this.startedAt),
    };
  }

  /** CancelMessageMoveTask: nothing more moves; the task is CANCELLING until its next second, then CANCELLED. */
  public cancel(): void {
    this.status = 'CANCELLING';
    this.runtime.record('sqs.moveTaskCancelling', this.plan.source.logicalId, undefined, undefined, { moved: this.moved });
  }

  public fire(_clock: Clock): void {
    if (this.status === 'CANCELLING') return this.end('CANCELLED');
    if (this.runtime.clock.now - this.startedAt >= MAX_RUN_MS) return this.end('FAILED', `the task ran ${MAX_RUN_MS / 3_600_000} hours, the longest a message move task runs`);
    let n = 0;
    while (this.moved + this.skipped.size < this.toMove) {
      const m = this.plan.source.peekVisible(this.skipped);
      if (!m) break;
      if (n++ === this.plan.rate) {
        this.runtime.clock.schedule(this, this.runtime.clock.now + TICK_MS, TimerPriority.poll);
        return;
      }
      const failure = this.move(m);
      if (failure !== undefined) return this.end('FAILED', failure);
    }
    this.end('COMPLETED');
  }

  /** Moves one message; returns why the task must fail, if it must. */
  private move(m: SqsMessage): string | undefined {
    const source = this.plan.source;
    const to = this.plan.destination ?? source.originalSourceOf(m);
    if (!to) {
      const why = `message ${m.messageId} has no source queue in the template to return to (sent to ${source.logicalId} directly, by SNS, or from a queue of another stack)`;
      if (this.plan.unknownSource === 'fail') return `${why}; name a DestinationArn to move it`;
      this.skipped.add(m);
      this.runtime.record('sqs.moveSkipped', source.logicalId, m.messageId, `${why}: it stays in ${source.logicalId}`);
      return undefined;
    }
    // A new message in the destination: its own id and enqueue time, the destination's delay, receive count 0.
    const sent = to.enqueue(m.storedBody, m.storedBodyKey, m.attributes, undefined, m.groupId, m.deduplicationId, m.snsMessageId);
    if (typeof sent === 'object' && !(sent instanceof SqsMessage)) return `${to.logicalId} refused message ${m.messageId} (${sent.code}): ${sent.reason}; it stays in ${source.logicalId}`;
    source.takeForMove(m);
    this.moved++;
    if (this.runtime.trace.full) {
      this.runtime.record('sqs.movedByTask', source.logicalId, m.messageId, undefined, {
        destination: to.logicalId, newMessageId: typeof sent === 'number' ? this.runtime.formatId(sent) : sent.messageId,
      });
    }
    return undefined;
  }

  private end(status: MessageMoveTaskStatus, failureReason?: string): void {
    this.status = status;
    this.failureReason = failureReason;
    this.runtime.clock.cancel(this);
    this.runtime.record('sqs.moveTaskEnded', this.plan.source.logicalId, undefined, failureReason, { status, moved: this.moved, toMove: this.toMove });
  }
}
