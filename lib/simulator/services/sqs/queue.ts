import { SQS_LIMITS } from '../../../core/limits';
import { TimerPriority } from '../../clock';
import { SimulationRuntime } from '../../runtime';
import { TraceCounter } from '../../trace';
import { attributeWithoutValue, tooManyAttributes } from '../../requests';
import { DeduplicationWindow } from './deduplication';
import { MessageHolder, SqsMessage, SqsMessageAttributes, StoredBody } from './message';
import { RetentionIndex } from './retention';
import { VisibilityLane } from './visibility-lane';
import { SqsQueueSettings } from './settings';
import { ReceivedMessage, SqsReceivedMessage } from './received-message';
import { SqsEnqueueOutcome, SqsFailure, SqsReceiptResult, SqsReceiveOptions, SqsSendInput, SqsSendResult } from './queue-api';
import { ReceiptTable } from './receipts';
import { QueueLevels, QueueTotals } from './metrics';

// Results are read, never kept or changed: one object serves every success.
const OK: SqsReceiptResult = Object.freeze({ ok: true });

/**
 * Notified of queue changes, so consumers (the part-2 event source mapping, long polls) need not poll on a timer.
 * Every method is called after the state change, synchronously.
 */
export interface SqsQueueListener {
  /** One or more messages became visible: sent without delay, delay ended, visibility expired, moved in from a source queue. */
  onMessagesVisible?(queue: SqsQueue): void;
  /** A message exceeded maxReceiveCount and moved to `deadLetterQueue` (undefined when the DLQ is outside the template). */
  onMovedToDeadLetterQueue?(queue: SqsQueue, messageId: string, deadLetterQueue: SqsQueue | undefined): void;
}

const MAX_VISIBILITY_WINDOW_MS = 43_200_000;
const PURGE_MS = SQS_LIMITS.purgeInterval.min * 1000;

/**
 * The queue a message in a DLQ came from (maxReceiveCount), for a move task that redrives to the original source.
 * Kept beside the message rather than in it: most messages never reach a DLQ, and this goes with the message.
 */
const ORIGINAL_SOURCE = new WeakMap<SqsMessage, SqsQueue>();

/**
 * The part of SQS standard and FIFO queues share: containers for delayed, visible and in-flight messages,
 * receipts, visibility, retention, redrive. Subclasses decide only how visible messages are indexed and chosen.
 *
 * Stable API for other models (part 2): `send`, `receive`, `delete`, `changeVisibility`, `addListener`,
 * `settings`, the counters and the snapshots `visible` / `inFlight` / `delayed`.
 */
export abstract class SqsQueue implements MessageHolder, QueueLevels {
  /** The queue that receives this queue's messages after maxReceiveCount receives, set when the template is linked. */
  public deadLetterQueue: SqsQueue | undefined = undefined;
  /** Why redrive cannot happen (the DLQ's RedriveAllowPolicy refuses this queue), if it cannot. */
  public redriveBlocked: string | undefined = undefined;
  /** The queue's access policy documents (AWS::SQS::QueuePolicy), with the logical id of each. */
  public readonly policies: { readonly logicalId: string; readonly document: unknown }[] = [];
  /** Running totals for the SQS metrics (published by the SQS service: services/sqs/metrics.ts). */
  public readonly totals = new QueueTotals();

  /** Messages that hold a receipt (a message keeps its receipt until it is received again). */
  protected readonly receipts = new ReceiptTable();
  protected readonly delayedMessages = new Set<SqsMessage>();
  protected visibleCount = 0;
  private inFlightCount = 0;
  private readonly listeners: SqsQueueListener[] = [];
  private readonly deduplication = new DeduplicationWindow(SQS_LIMITS.deduplicationInterval.min * 1000);
  private readonly retention: RetentionIndex;
  private readonly visibilityLane: VisibilityLane;
  private sequenceCounter = 0;
  private readonly taken: SqsMessage[] = [];
  private receiving = false;
  /** Until when (virtual ms) the last PurgeQueue runs: another fails meanwhile (AWS-FACTS §1.2). */
  private purgeUntil = -1;
  /** Until when messages sent are deleted as they arrive, when the simulation deletes sends during a purge. */
  private purgeDeletesUntil = -1;
  private readonly sentEvents: TraceCounter;
  private readonly receivedEvents: TraceCounter;
  private readonly deletedEvents: TraceCounter;

  constructor(
    protected readonly runtime: SimulationRuntime,
    public readonly settings: SqsQueueSettings,
  ) {
    this.retention = new RetentionIndex(runtime.clock, (m) => this.expire(m));
    this.visibilityLane = new VisibilityLane(runtime.clock, (m) => this.reappear(m));
    this.sentEvents = runtime.trace.counter('sqs.sent');
    this.receivedEvents = runtime.trace.counter('sqs.received');
    this.deletedEvents = runtime.trace.counter('sqs.deleted');
  }

  public get logicalId(): string {
    return this.settings.logicalId;
  }
  public get arn(): string {
    return this.settings.arn;
  }
  public get fifo(): boolean {
    return this.settings.fifo;
  }

  /** ApproximateNumberOfMessages / …NotVisible / …Delayed, exact here. */
  public get counts(): { readonly visible: number; readonly inFlight: number; readonly delayed: number } {
    return { visible: this.visibleCount, inFlight: this.inFlightCount, delayed: this.delayedMessages.size };
  }

  /** ApproximateAgeOfOldestMessage: seconds since the oldest visible message was sent, 0 when none is visible. */
  public get ageOfOldestMessage(): number {
    const oldest = this.retention.first;
    return oldest ? Math.floor((this.runtime.clock.now - oldest.sentAt) / 1000) : 0;
  }

  /** Visible messages in the order a receive would consider them. */
  public abstract get visible(): SqsMessage[];

  public get inFlight(): SqsMessage[] {
    return this.receipts.messages().filter((m) => m.state === 'inFlight');
  }

  public get delayed(): SqsMessage[] {
    return [...this.delayedMessages];
  }

  public addListener(listener: SqsQueueListener): void {
    this.listeners.push(listener);
  }

  public send(input: SqsSendInput): SqsSendResult {
    const refused = tooManyAttributes(input.attributes) ?? attributeWithoutValue(input.attributes);
    if (refused) return { ok: false, code: 'InvalidParameterValue', reason: refused };
    const outcome = this.enqueue(input.body, '', input.attributes, input.delayMs, input.groupId, input.deduplicationId, input.snsMessageId);
    if (outcome instanceof SqsMessage) return { ok: true, messageId: outcome.messageId, sequenceNumber: outcome.sequenceNumber, deduplicated: false };
    if (typeof outcome === 'number') return { ok: true, messageId: this.runtime.formatId(outcome), deduplicated: true };
    return outcome;
  }

  /**
   * SendMessage without an input or result object, for models that send in bulk (SNS fan-out): `body` may be
   * deferred (built only when read), keyed by `bodyKey`.
   */
  public enqueue(body: StoredBody, bodyKey: string, attributes: SqsMessageAttributes | undefined, delayMs: number | undefined,
    groupId: string | undefined, deduplicationId: string | undefined, snsMessageId: string | undefined): SqsEnqueueOutcome {
    const invalid = this.checkSend(body, bodyKey, attributes, delayMs, groupId, deduplicationId);
    if (invalid) {
      this.runtime.record('sqs.sendFailed', this.logicalId, undefined, invalid.reason, { code: invalid.code, snsMessageId });
      return invalid;
    }
    const trace = this.runtime.trace;
    const now = this.runtime.clock.now;
    // The id used (explicit, or the body's SHA-256 for content-based deduplication) is what receives report.
    const usedDeduplicationId = this.deduplicationIdOf(body, bodyKey, deduplicationId);
    const dedupKey = usedDeduplicationId !== undefined && this.settings.deduplicationScope === 'messageGroup' ? `${groupId}\u0000${usedDeduplicationId}` : usedDeduplicationId;
    if (dedupKey !== undefined && this.deduplication.isDuplicate(dedupKey, now)) {
      this.runtime.record('sqs.deduplicated', this.logicalId, undefined, 'the deduplication id was seen in the last 5 minutes', { snsMessageId });
      return this.runtime.nextIdNumber();
    }
    if (now < this.purgeDeletesUntil) {
      this.totals.sent++;
      this.runtime.record('sqs.purged', this.logicalId, undefined, 'sent while a PurgeQueue was in progress, which AWS may delete (the simulation option sqs.purgeDeletesLaterMessages)', { snsMessageId });
      return this.runtime.nextIdNumber();
    }
    const id = this.runtime.nextIdNumber();
    const sequenceNumber = this.fifo ? String(++this.sequenceCounter).padStart(20, '0') : undefined;
    const delay = delayMs ?? this.settings.delayMs;
    const message = this.store(id, body, bodyKey, attributes, now, groupId, usedDeduplicationId, sequenceNumber, snsMessageId, delay);
    if (trace.full) this.runtime.record('sqs.sent', this.logicalId, message.messageId, undefined, snsMessageId ? { snsMessageId } : undefined);
    else this.sentEvents.n++;
    this.totals.sent++;
    if (!this.fifo && this.runtime.random.chance(this.runtime.standardQueues.duplicateRate)) {
      this.store(id, body, bodyKey, attributes, now, groupId, undefined, undefined, snsMessageId, delay);
      this.runtime.record('sqs.duplicated', this.logicalId, message.messageId, 'standard queues deliver at least once; the seed injected a duplicate');
    }
    if (message.state === 'visible') this.notifyVisible();
    return message;
  }

  public receive(options: SqsReceiveOptions = {}): SqsReceivedMessage[] {
    const max = options.maxMessages ?? 1;
    const visibilityMs = options.visibilityTimeoutMs ?? this.settings.visibilityTimeoutMs;
    // One array serves every receive, unless a listener receives from this queue while this receive runs.
    const taken = this.receiving ? [] : this.taken;
    this.receiving = true;
    this.takeVisible(max, taken);
    const out: SqsReceivedMessage[] = [];
    for (const m of taken) {
      // A listener told of a move below may have received (or moved) a later message of `taken` meanwhile.
      if (m.state !== 'visible') continue;
      if (this.settings.redrive && m.receiveCount >= this.settings.redrive.maxReceiveCount && this.redriveBlocked === undefined) {
        this.moveToDeadLetterQueue(m);
        continue;
      }
      out.push(this.markInFlight(m, visibilityMs));
    }
    const movedSome = taken.length > out.length;
    taken.length = 0;
    if (taken === this.taken) this.receiving = false;
    // A message moved to the DLQ left room in this receive: fill it, as AWS would return what is visible (the
    // inner receive counts what it adds, or the empty receive).
    this.totals.received += out.length;
    if (out.length < max && movedSome && this.visibleCount > 0) out.push(...this.receive({ ...options, maxMessages: max - out.length }));
    else if (out.length === 0) this.totals.emptyReceives++;
    return out;
  }

  public delete(receiptHandle: string): SqsReceiptResult {
    const m = this.receipts.take(receiptHandle);
    if (!m) {
      const reason = `receipt handle ${receiptHandle} is not current (the message was deleted or received again)`;
      this.runtime.record('sqs.deleteFailed', this.logicalId, undefined, reason);
      return { ok: false, code: 'ReceiptHandleIsInvalid', reason };
    }
    this.remove(m);
    const trace = this.runtime.trace;
    if (trace.full) this.runtime.record('sqs.deleted', this.logicalId, m.messageId);
    else this.deletedEvents.n++;
    this.totals.deleted++;
    return OK;
  }

  /** ChangeMessageVisibility: the new timeout counts from now, capped at 12 h after the receive. */
  public changeVisibility(receiptHandle: string, timeoutMs: number): SqsReceiptResult {
    const m = this.receipts.find(receiptHandle);
    if (!m || m.state !== 'inFlight') {
      const reason = m ? `message ${m.messageId} is not in flight` : `receipt handle ${receiptHandle} is not current`;
      return { ok: false, code: m ? 'MessageNotInflight' : 'ReceiptHandleIsInvalid', reason };
    }
    const now = this.runtime.clock.now;
    if (timeoutMs < 0 || now + timeoutMs > m.receivedAt + MAX_VISIBILITY_WINDOW_MS) {
      return { ok: false, code: 'InvalidParameterValue', reason: `visibility timeout ${timeoutMs / 1000}s would end more than 12 hours after the message was received` };
    }
    m.visibleAt = now + timeoutMs;
    this.scheduleMessage(m);
    this.runtime.record('sqs.visibilityChanged', this.logicalId, m.messageId, undefined, { timeoutMs });
    return OK;
  }

  /** Called by the clock: a delay ended, a visibility timeout expired, or retention ran out while not visible. */
  public onMessageTimer(m: SqsMessage): void {
    if (m.time >= m.expiresAt) this.expire(m);
    else this.reappear(m);
  }

  /** A delay or visibility timeout ended: the message is visible again. */
  private reappear(m: SqsMessage): void {
    const wasInFlight = m.state === 'inFlight';
    if (wasInFlight) {
      this.inFlightCount--;
      this.leaveInFlight(m);
    } else {
      this.delayedMessages.delete(m);
    }
    m.state = 'visible';
    this.visibleCount++;
    this.enqueueVisible(m, wasInFlight);
    this.retention.add(m);
    if (this.runtime.trace.enabled) this.runtime.record(wasInFlight ? 'sqs.visibilityExpired' : 'sqs.visible', this.logicalId, m.messageId);
    this.notifyVisible();
  }

  /** Accepts a message `source` moved here after maxReceiveCount. */
  public acceptFromSourceQueue(m: SqsMessage, source: SqsQueue): void {
    const now = this.runtime.clock.now;
    // Standard queues keep the original enqueue time (expiry counts from it); FIFO queues reset it (AWS-FACTS §1.5),
    // and replace the deduplication id with the message id, so that two messages sharing one stay two (SQS guide).
    const sentAt = this.fifo ? now : m.sentAt;
    const deduplicationId = this.fifo ? m.messageId : m.deduplicationId;
    const moved = this.store(m.idNumber, m.storedBody, m.storedBodyKey, m.attributes, sentAt, m.groupId, deduplicationId, m.sequenceNumber, m.snsMessageId, 0);
    moved.receiveCount = m.receiveCount;
    moved.firstReceivedAt = m.firstReceivedAt;
    ORIGINAL_SOURCE.set(moved, source);
    this.notifyVisible();
  }

  /** The queue a message of this DLQ came from, when it came from a queue of the template after maxReceiveCount. */
  public originalSourceOf(m: SqsMessage): SqsQueue | undefined {
    return ORIGINAL_SOURCE.get(m);
  }

  /**
   * Takes a visible message out for a move task (StartMessageMoveTask), which receives and deletes it: counted in
   * the queue's received and deleted totals.
   */
  public takeForMove(m: SqsMessage): void {
    this.remove(m);
    this.totals.received++;
    this.totals.deleted++;
  }

  /**
   * PurgeQueue: deletes every message, visible, in flight or delayed (their receipt handles stop working). A purge
   * takes up to 60 s on AWS, and another one in that time fails with PurgeQueueInProgress. AWS says messages sent
   * meanwhile "might be deleted": `deleteLaterMessages` deletes them as they arrive, the case a test must survive.
   */
  public purge(deleteLaterMessages: boolean): SqsReceiptResult {
    const now = this.runtime.clock.now;
    if (now < this.purgeUntil) {
      return { ok: false, code: 'PurgeQueueInProgress', reason: `${this.logicalId} was purged ${(now - this.purgeUntil + PURGE_MS) / 1000}s ago; only one PurgeQueue is allowed every ${PURGE_MS / 1000} seconds` };
    }
    const messages = [...this.visible, ...this.inFlight, ...this.delayedMessages];
    for (const m of messages) this.remove(m);
    this.purgeUntil = now + PURGE_MS;
    this.purgeDeletesUntil = deleteLaterMessages ? this.purgeUntil : -1;
    this.runtime.record('sqs.purged', this.logicalId, undefined, `PurgeQueue deleted ${messages.length} messages`, { count: messages.length });
    return OK;
  }

  /** Places a new message in the delayed or visible container and schedules its timer. */
  protected store(idNumber: number, body: StoredBody, bodyKey: string, attributes: SqsMessageAttributes | undefined, sentAt: number, groupId: string | undefined,
    deduplicationId: string | undefined, sequenceNumber: string | undefined, snsMessageId: string | undefined, delayMs: number): SqsMessage {
    const now = this.runtime.clock.now;
    const m = new SqsMessage(this, idNumber, body, bodyKey, attributes, sentAt, sentAt + this.settings.retentionMs, groupId, deduplicationId, sequenceNumber, snsMessageId);
    this.addToGroup(m);
    if (delayMs > 0) {
      m.state = 'delayed';
      m.visibleAt = now + delayMs;
      this.delayedMessages.add(m);
      this.scheduleMessage(m);
    } else {
      this.visibleCount++;
      this.enqueueVisible(m, false);
      this.retention.add(m);
    }
    return m;
  }

  /**
   * A delayed or in-flight message's next event: when it becomes visible, or expires, whichever is first.
   * An in-flight message whose timeout ends after all others in the visibility lane joins it; any other has its own timer.
   */
  protected scheduleMessage(m: SqsMessage): void {
    const clock = this.runtime.clock;
    const lane = this.visibilityLane;
    if (lane.has(m)) lane.remove(m);
    if (m.state === 'inFlight' && lane.accepts(m)) {
      clock.cancel(m);
      lane.append(m);
    } else if (m.visibleAt >= m.expiresAt) {
      clock.schedule(m, m.expiresAt, TimerPriority.expiry);
    } else {
      clock.schedule(m, m.visibleAt, TimerPriority.visibility);
    }
  }

  private markInFlight(m: SqsMessage, visibilityMs: number): SqsReceivedMessage {
    const now = this.runtime.clock.now;
    const receipt = this.runtime.nextReceiptNumber();
    this.receipts.issue(m, receipt);
    m.state = 'inFlight';
    m.receiveCount++;
    m.receivedAt = now;
    if (m.firstReceivedAt < 0) m.firstReceivedAt = now;
    m.visibleAt = now + visibilityMs;
    this.visibleCount--;
    this.removeVisible(m);
    this.retention.remove(m);
    this.inFlightCount++;
    this.enterInFlight(m);
    this.scheduleMessage(m);
    const trace = this.runtime.trace;
    if (trace.full) this.runtime.record('sqs.received', this.logicalId, m.messageId, undefined, { receiveCount: m.receiveCount });
    else this.receivedEvents.n++;
    return new ReceivedMessage(m, receipt, m.receiveCount, this.runtime);
  }

  private expire(m: SqsMessage): void {
    this.remove(m);
    this.runtime.record('sqs.expired', this.logicalId, m.messageId, `older than the retention period (${this.settings.retentionMs / 1000}s since ${m.sentAt} ms)`);
  }

  private moveToDeadLetterQueue(m: SqsMessage): void {
    this.remove(m);
    const dlq = this.deadLetterQueue;
    this.runtime.record('sqs.movedToDeadLetterQueue', this.logicalId, m.messageId, `received ${m.receiveCount} ${m.receiveCount === 1 ? 'time' : 'times'}, more than maxReceiveCount ${this.settings.redrive!.maxReceiveCount} allows`, {
      deadLetterQueue: dlq?.logicalId ?? this.settings.redrive!.deadLetterTargetArn,
    });
    dlq?.acceptFromSourceQueue(m, this);
    for (const l of this.listeners) l.onMovedToDeadLetterQueue?.(this, m.messageId, dlq);
  }

  /** Takes a message out of every container and off the clock. */
  private remove(m: SqsMessage): void {
    this.runtime.clock.cancel(m);
    if (this.visibilityLane.has(m)) this.visibilityLane.remove(m);
    this.receipts.release(m);
    if (m.state === 'visible') {
      this.visibleCount--;
      this.removeVisible(m);
      this.retention.remove(m);
    } else if (m.state === 'inFlight') {
      this.inFlightCount--;
      this.leaveInFlight(m);
    } else if (m.state === 'delayed') {
      this.delayedMessages.delete(m);
    }
    m.state = 'gone';
    this.removeFromGroup(m);
  }

  private notifyVisible(): void {
    for (const l of this.listeners) l.onMessagesVisible?.(this);
  }

  /** Returns why AWS would reject the send, if it would. */
  protected abstract checkSend(body: StoredBody, bodyKey: string, attributes: SqsMessageAttributes | undefined, delayMs: number | undefined,
    groupId: string | undefined, deduplicationId: string | undefined): SqsFailure | undefined;
  /** The deduplication id a FIFO queue uses for a message (explicit or content-based); undefined for standard queues. */
  protected abstract deduplicationIdOf(body: StoredBody, bodyKey: string, deduplicationId: string | undefined): string | undefined;
  /** Indexes a message that became visible; `returning` when its visibility timeout expired. */
  protected abstract enqueueVisible(m: SqsMessage, returning: boolean): void;
  /** Unindexes a visible message that is received, deleted, expired or moved. */
  protected abstract removeVisible(m: SqsMessage): void;
  /**
   * The visible message a move task takes next (oldest first; for FIFO the head of a group that is not locked),
   * passing over `skipped` ones (and, for FIFO, the rest of their group): nothing is changed.
   */
  public abstract peekVisible(skipped: ReadonlySet<SqsMessage>): SqsMessage | undefined;
  /** Picks up to `max` visible messages for a receive, in the order they are returned; the base then unindexes each. */
  protected abstract takeVisible(max: number, out: SqsMessage[]): void;
  protected enterInFlight(_m: SqsMessage): void {}
  protected leaveInFlight(_m: SqsMessage): void {}
  protected addToGroup(_m: SqsMessage): void {}
  protected removeFromGroup(_m: SqsMessage): void {}
}
