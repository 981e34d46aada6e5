import { Clock, Timer } from '../clock';
import { SqsQueue } from '../services/sqs/queue';
import { SqsReceivedMessage } from '../services/sqs/received-message';
import { ProcessingTimeSampler } from './processing-time';

/** What the code in a task or on an instance does with the queue: the worker loop of docs/patterns/queue-depth-scaling.md. */
export interface WorkerBehaviour {
  readonly queue: SqsQueue;
  readonly processingTime: ProcessingTimeSampler;
  /** The share of messages whose processing fails (the message is not deleted and reappears after its visibility timeout). */
  readonly failureRate: number;
  /** ReceiveMessage's MaxNumberOfMessages. */
  readonly messagesPerReceive: number;
  /** Loops a worker runs at once: messages it processes in parallel. */
  readonly slots: number;
  /** ReceiveMessage's WaitTimeSeconds, in ms. */
  readonly waitMs: number;
  /** Whether the loop marks its worker protected from scale-in while it holds messages, and for how long each time. */
  readonly protection: WorkerProtection;
  /** CPUUtilization (percent) of a worker whose slots are all busy, and of an idle one. */
  readonly cpu: { readonly busy: number; readonly idle: number };
}

export interface WorkerProtection {
  readonly enabled: boolean;
  /** How long one protection call lasts (ECS `ExpiresInMinutes`); undefined: until cleared (EC2 Auto Scaling). */
  readonly expiresMs: number | undefined;
  /** The loop protects again when its protection is this old and it still receives messages. */
  readonly renewAfterMs: number;
}

export type WorkerState = 'starting' | 'running' | 'stopped';

/** What a slot's timer tells its worker. */
export interface SlotOwner {
  onProcessed(slot: WorkerSlot): void;
  onLongPollEnded(slot: WorkerSlot): void;
}

/**
 * One loop of a worker: it holds the messages of its last receive and processes them one after the other, or
 * waits in a long poll. It is its own clock timer: the end of the message in hand, or of the long poll.
 */
export class WorkerSlot implements Timer {
  public time = 0;
  public priority = 0;
  public seq = 0;
  public heapIndex = -1;
  /** The messages of the last receive, and which one is in hand. */
  public batch: SqsReceivedMessage[] = [];
  public index = 0;
  public processing = false;
  /** Whether the message in hand will fail. */
  public failing = false;
  /** In a long poll (its timer pending) or waiting after an empty receive (no timer): woken when messages are visible. */
  public waiting = false;

  constructor(public readonly worker: QueueWorker, private readonly owner: SlotOwner) {}

  /** Whether the slot holds received messages it has not finished. */
  public get holding(): boolean {
    return this.index < this.batch.length;
  }

  public fire(_clock: Clock): void {
    if (this.processing) this.owner.onProcessed(this);
    else this.owner.onLongPollEnded(this);
  }
}

/**
 * An ECS task or an EC2 instance running the worker loop: launched, in service after its startup time, stopped by
 * a scale-in. Its protection from scale-in is what the last successful protection call set (it may have expired);
 * what the loop believes is kept apart, as the loop's own variable is.
 */
export class QueueWorker implements Timer {
  public time = 0;
  public priority = 0;
  public seq = 0;
  public heapIndex = -1;
  public state: WorkerState = 'starting';
  public startedAt = -1;
  public stoppedAt = -1;
  /** Protected from scale-in until this virtual time (Infinity: until cleared); -1: not protected. */
  public protectedUntil = -1;
  /** What the loop's `isProtected` holds, and when it last asked for protection. */
  public believesProtected = false;
  public protectedAt = -1;
  public readonly slots: WorkerSlot[] = [];

  constructor(
    /** The task id or instance id. */
    public readonly id: string,
    public readonly arn: string,
    public readonly launchedAt: number,
    private readonly onStarted: (w: QueueWorker) => void,
  ) {}

  public isProtected(now: number): boolean {
    return this.protectedUntil > now;
  }

  /** Whether any loop holds messages it has not finished. */
  public get holding(): boolean {
    return this.slots.some((s) => s.holding);
  }

  public get busySlots(): number {
    let n = 0;
    for (const s of this.slots) if (s.processing) n++;
    return n;
  }

  /** The startup time ended. */
  public fire(_clock: Clock): void {
    this.onStarted(this);
  }
}
