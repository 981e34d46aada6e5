import { CallbackTimer, TimerPriority } from '../clock';
import { SimulationRuntime } from '../runtime';
import { SqsQueueListener } from '../services/sqs/queue';
import { TraceCounter } from '../trace';
import { BusyMeter } from './busy-meter';
import { QueueWorker, SlotOwner, WorkerBehaviour, WorkerSlot } from './queue-worker';

/** What a loop needs of its fleet: where busy time is measured, what it counts, and the protection call. */
export interface LoopFleet {
  readonly owner: { readonly logicalId: string };
  readonly meter: BusyMeter;
  readonly totals: { processed: number; failed: number; processedAgain: number };
  protect(worker: QueueWorker, enabled: boolean, expiresMs: number | undefined): void;
}

/**
 * The worker loop of every worker of a fleet (docs/patterns/queue-depth-scaling.md): receive with a long poll;
 * on messages, mark the worker protected from scale-in if it is not (and, if set, renew an old protection);
 * process each message for its processing time and delete it, or leave it to reappear when it fails; on an empty
 * receive, clear the protection unless another loop of the worker still holds messages.
 *
 * Waiting loops are woken by the queue (a listener, as a long poll returns as soon as a message is visible), so
 * an idle fleet schedules nothing: a loop whose long poll ended empty waits without polling again (the empty
 * receives a real loop would go on making every `waitMs` are not counted).
 */
export class WorkerLoop implements SqsQueueListener, SlotOwner {
  private waiting: WorkerSlot[] = [];
  private head = 0;
  private readonly pollTimer: CallbackTimer;
  private readonly counts: Record<'started' | 'processed', TraceCounter>;
  /** One options object for every receive of the loop. */
  private readonly receiveOptions: { readonly maxMessages: number };

  constructor(
    private readonly runtime: SimulationRuntime,
    private readonly fleet: LoopFleet,
    public readonly behaviour: WorkerBehaviour,
  ) {
    this.pollTimer = new CallbackTimer(() => this.poll());
    this.receiveOptions = { maxMessages: behaviour.messagesPerReceive };
    behaviour.queue.addListener(this);
    this.counts = { started: runtime.trace.counter('workers.processingStarted'), processed: runtime.trace.counter('workers.processed') };
  }

  /** A worker came into service: its loops start receiving. */
  public start(worker: QueueWorker): void {
    for (let i = 0; i < this.behaviour.slots; i++) worker.slots.push(new WorkerSlot(worker, this));
    for (const slot of worker.slots) this.receive(slot);
  }

  /** A worker was stopped: what its loops held stays in flight and reappears after the visibility timeout. */
  public stop(worker: QueueWorker): string[] {
    const interrupted: string[] = [];
    const clock = this.runtime.clock;
    for (const slot of worker.slots) {
      clock.cancel(slot);
      slot.waiting = false;
      if (slot.processing) this.fleet.meter.change(clock.now, 0, -1);
      for (let i = slot.index; i < slot.batch.length; i++) interrupted.push(slot.batch[i].messageId);
      slot.processing = false;
      slot.batch = [];
      slot.index = 0;
    }
    return interrupted;
  }

  public onMessagesVisible(): void {
    if (this.head < this.waiting.length && this.pollTimer.heapIndex < 0) this.runtime.clock.schedule(this.pollTimer, this.runtime.clock.now, TimerPriority.poll);
  }

  /** Hands visible messages to waiting loops, first come first served. */
  private poll(): void {
    const queue = this.behaviour.queue;
    while (this.head < this.waiting.length && queue.counts.visible > 0) {
      const slot = this.waiting[this.head++];
      if (!slot.waiting || slot.worker.state !== 'running') continue;
      slot.waiting = false;
      this.runtime.clock.cancel(slot);
      this.receive(slot);
    }
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
  }

  private receive(slot: WorkerSlot): void {
    const got = this.behaviour.queue.receive(this.receiveOptions);
    if (got.length > 0) {
      slot.batch = got;
      slot.index = 0;
      this.onReceived(slot.worker);
      this.next(slot);
      return;
    }
    slot.waiting = true;
    this.runtime.clock.schedule(slot, this.runtime.clock.now + this.behaviour.waitMs, TimerPriority.poll);
    this.waiting.push(slot);
  }

  /** The long poll ended: a message visible at this instant is taken, else the receive came back empty. */
  public onLongPollEnded(slot: WorkerSlot): void {
    const got = this.behaviour.queue.receive(this.receiveOptions);
    if (got.length > 0) {
      slot.waiting = false;
      slot.batch = got;
      slot.index = 0;
      this.onReceived(slot.worker);
      this.next(slot);
      return;
    }
    const worker = slot.worker;
    if (worker.believesProtected && !worker.holding) this.protect(worker, false);
  }

  private onReceived(worker: QueueWorker): void {
    const p = this.behaviour.protection;
    if (!p.enabled) return;
    const now = this.runtime.clock.now;
    if (!worker.believesProtected || now - worker.protectedAt >= p.renewAfterMs) this.protect(worker, true);
  }

  private protect(worker: QueueWorker, enabled: boolean): void {
    // The loop sets its variable before the call, as the pattern's loop does: a refused call leaves it believing.
    worker.believesProtected = enabled;
    worker.protectedAt = this.runtime.clock.now;
    this.fleet.protect(worker, enabled, this.behaviour.protection.expiresMs);
  }

  /** Takes the next message of the slot's batch in hand, or receives again. */
  private next(slot: WorkerSlot): void {
    if (slot.index >= slot.batch.length) {
      slot.batch = [];
      slot.index = 0;
      this.receive(slot);
      return;
    }
    const runtime = this.runtime;
    const now = runtime.clock.now;
    const m = slot.batch[slot.index];
    slot.processing = true;
    slot.failing = runtime.random.chance(this.behaviour.failureRate);
    this.fleet.meter.change(now, 0, 1);
    if (runtime.trace.full) runtime.record('workers.processingStarted', this.fleet.owner.logicalId, m.messageId, undefined, { worker: slot.worker.id, receiveCount: m.receiveCount });
    else this.counts.started.n++;
    runtime.clock.schedule(slot, now + this.behaviour.processingTime(runtime.random), TimerPriority.delivery);
  }

  public onProcessed(slot: WorkerSlot): void {
    const runtime = this.runtime;
    const m = slot.batch[slot.index];
    const totals = this.fleet.totals;
    slot.processing = false;
    this.fleet.meter.change(runtime.clock.now, 0, -1);
    if (slot.failing) {
      totals.failed++;
      runtime.record('workers.failed', this.fleet.owner.logicalId, m.messageId, 'the processing failed (failureRate): the message is not deleted and reappears after its visibility timeout', { worker: slot.worker.id });
    } else if (this.behaviour.queue.delete(m.receiptHandle).ok) {
      totals.processed++;
      if (runtime.trace.full) runtime.record('workers.processed', this.fleet.owner.logicalId, m.messageId, undefined, { worker: slot.worker.id });
      else this.counts.processed.n++;
    } else {
      totals.processedAgain++;
      runtime.record('workers.deleteRefused', this.fleet.owner.logicalId, m.messageId,
        'processed, but its visibility timeout ended first: the message was visible again and is processed a second time', { worker: slot.worker.id });
    }
    slot.index++;
    this.next(slot);
  }
}
