import { SQS_EVENT_SOURCE_LIMITS } from '../../../core/limits';
import { CallbackTimer, Clock, Timer, TimerPriority } from '../../clock';
import { SimulationRuntime } from '../../runtime';
import { TemplateError } from '../../template';
import { TraceCounter } from '../../trace';
import { BatchOutcome, batchOutcome } from './batch-result';
import { EventFilter } from './event-filter';
import { EsmScaling, ScalingTarget } from './scaling';
import { EventSourceMappingSettings } from './settings';
import { Invocation, InvocationCaller, LambdaFunction } from '../lambda/function';
import { TimePoint, TimeSeries } from '../../world/time-series';
import { SqsEvent, SqsRecordBuilder, recordSize } from './sqs-event';
import { SqsQueue, SqsQueueListener } from '../sqs/queue';
import { SqsReceivedMessage } from '../sqs/received-message';

const BATCH_PAYLOAD_MAX = SQS_EVENT_SOURCE_LIMITS.batchPayload.max;
/**
 * Throttled invocations are retried with a backoff (AWS documents the retrying, not the delays): 1 s, doubling,
 * at most 30 s, until the batch's visibility timeout would pass.
 */
const THROTTLE_RETRY_FIRST_MS = 1_000;
const THROTTLE_RETRY_MAX_MS = 30_000;

type BatchState = 'gathering' | 'running' | 'throttled';

/** The mapping's filter; a pattern the filter engine cannot take is a template error at its location. */
function eventFilter(settings: EventSourceMappingSettings): EventFilter {
  try {
    return new EventFilter(settings.filterPatterns);
  } catch (e) {
    throw new TemplateError(settings.logicalId, 'Properties.FilterCriteria', `the simulator cannot match this pattern: ${(e as Error).message}`);
  }
}

/** One batch a poller holds: gathering records within the batching window, running, or retrying a throttle. */
class Batch implements Timer {
  public time = 0;
  public priority = 0;
  public seq = 0;
  public heapIndex = -1;
  public state: BatchState = 'gathering';
  public readonly messages: SqsReceivedMessage[] = [];
  public bytes = 0;
  /** The 6 MB cap stopped the batch before BatchSize. */
  public capped = false;
  public throttles = 0;
  public event: SqsEvent | undefined = undefined;

  constructor(
    private readonly mapping: SqsEventSourceMapping,
    /** When the first message was received: the visibility timeout of the batch counts from here. */
    public readonly startedAt: number,
  ) {}

  public fire(_clock: Clock): void {
    this.mapping.onBatchTimer(this);
  }
}

/**
 * An SQS event source mapping (AWS-FACTS §4): pollers receive batches (BatchSize, batching window, 6 MB),
 * drop what the filter criteria do not match (deleting it, as Lambda does), invoke the function
 * synchronously and delete what succeeded; failures stay in flight and return after the visibility timeout,
 * so receive counts grow until the queue's redrive policy moves them to the DLQ. Concurrency follows
 * `EsmScaling`; FIFO order and group blocking come from the queue model's group lock.
 *
 * It wakes only when the queue says messages became visible or one of its own batches ends: an idle
 * mapping schedules nothing.
 */
export class SqsEventSourceMapping implements SqsQueueListener, InvocationCaller, ScalingTarget {
  public active = 0;
  public readonly scaling: EsmScaling;
  /** Records per invoked batch, at its start. */
  public readonly batchSizes = new TimeSeries();
  /** Batches in progress, at each change. */
  public readonly activeBatches = new TimeSeries();
  /** How batches ended, and what the filter dropped, for this mapping alone. */
  public readonly outcomes = { succeeded: 0, partiallyFailed: 0, failed: 0, throttledUntilVisible: 0, filteredOut: 0 };
  /** Why the mapping cannot poll (a permission its role lacks), when it cannot. */
  public stoppedReason: string | undefined = undefined;

  private readonly filter: EventFilter | undefined;
  private readonly records: SqsRecordBuilder;
  private readonly pollTimer: CallbackTimer;
  private readonly windowMs: number;
  private gathering: Batch | undefined = undefined;
  private stopReported = false;
  private pumping = false;
  private pumpAgain = false;
  /** Count cells of the trace, for a summary trace that only counts. */
  private readonly counts: Record<'filteredOut' | 'batchInvoked' | 'throttled' | 'batchSucceeded', TraceCounter>;

  constructor(
    private readonly runtime: SimulationRuntime,
    public readonly settings: EventSourceMappingSettings,
    public readonly queue: SqsQueue,
    public readonly fn: LambdaFunction,
  ) {
    this.scaling = new EsmScaling(runtime.clock, this, settings.maximumConcurrency);
    this.filter = settings.filterPatterns.length > 0 ? eventFilter(settings) : undefined;
    this.records = new SqsRecordBuilder(queue.arn, runtime.environment.region);
    this.pollTimer = new CallbackTimer(() => this.pump());
    // FIFO mappings take no batching window (CDK and Lambda refuse one).
    this.windowMs = queue.fifo ? 0 : settings.maximumBatchingWindowMs;
    queue.addListener(this);
    const t = runtime.trace;
    this.counts = { filteredOut: t.counter('esm.filteredOut'), batchInvoked: t.counter('esm.batchInvoked'), throttled: t.counter('esm.throttled'), batchSucceeded: t.counter('esm.batchSucceeded') };
  }

  public get logicalId(): string {
    return this.settings.logicalId;
  }

  public onMessagesVisible(): void {
    this.poll();
  }

  public hasBacklog(): boolean {
    return this.queue.counts.visible > 0;
  }

  public onLimitRaised(): void {
    this.poll();
  }

  /** Polls at the current instant, after the timers already due now (batches ending now free their pollers first). */
  private poll(): void {
    if (this.pollTimer.heapIndex < 0) this.runtime.clock.schedule(this.pollTimer, this.runtime.clock.now, TimerPriority.poll);
  }

  /**
   * Starts batches while pollers are free and messages are receivable. A handler runs inside this loop and may
   * drive the simulation itself (`sim.send` runs what is due now); a pump asked for meanwhile runs after this one.
   */
  private pump(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        this.startBatches();
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }

  private startBatches(): void {
    if (!this.settings.enabled) return;
    if (this.stoppedReason !== undefined) {
      if (!this.stopReported) this.runtime.record('esm.pollFailed', this.logicalId, undefined, this.stoppedReason);
      this.stopReported = true;
      return;
    }
    const gathering = this.gathering;
    if (gathering) {
      this.fill(gathering);
      if (this.full(gathering)) this.dispatch(gathering);
    }
    while (this.active < this.scaling.limit && this.gathering === undefined) {
      const batch = new Batch(this, this.runtime.clock.now);
      this.fill(batch);
      if (batch.messages.length === 0) break;
      this.setActive(this.active + 1);
      if (this.windowMs === 0 || this.full(batch)) {
        this.dispatch(batch);
      } else {
        this.gathering = batch;
        this.runtime.clock.schedule(batch, batch.startedAt + this.windowMs, TimerPriority.poll);
      }
    }
    if (this.hasBacklog()) this.scaling.wake();
  }

  private full(batch: Batch): boolean {
    return batch.capped || batch.messages.length >= this.settings.batchSize;
  }

  /**
   * Received messages that do not fit the batch go back at once, as a poller can only return a message with
   * ChangeMessageVisibility 0 (their receive counted, as AWS counts it). Held back instead, their visibility timer
   * would run out while the pollers are busy and another batch would receive them a second time.
   */
  private release(got: readonly SqsReceivedMessage[], from: number): void {
    for (let j = from; j < got.length; j++) {
      this.queue.changeVisibility(got[j].receiptHandle, 0);
      this.runtime.record('esm.released', this.logicalId, got[j].messageId, 'the batch closed at BatchSize or 6 MB; the message is visible again at once');
    }
  }

  /** Receives into `batch` up to BatchSize and 6 MB. */
  private fill(batch: Batch): void {
    const trace = this.runtime.trace;
    while (!this.full(batch)) {
      const got = this.queue.receive({ maxMessages: this.settings.batchSize - batch.messages.length });
      if (got.length === 0) return;
      for (let i = 0; i < got.length; i++) {
        const m = got[i];
        if (this.filter && !this.filter.matches(m)) {
          this.queue.delete(m.receiptHandle);
          this.outcomes.filteredOut++;
          if (trace.full) this.runtime.record('esm.filteredOut', this.logicalId, m.messageId, 'no filter criteria pattern matches; Lambda deletes the message');
          else this.counts.filteredOut.n++;
          continue;
        }
        const size = recordSize(m);
        if (batch.messages.length > 0 && (batch.bytes + size > BATCH_PAYLOAD_MAX || batch.messages.length >= this.settings.batchSize)) {
          batch.capped ||= batch.bytes + size > BATCH_PAYLOAD_MAX;
          this.release(got, i);
          return;
        }
        batch.messages.push(m);
        batch.bytes += size;
      }
    }
  }

  private dispatch(batch: Batch): void {
    if (this.gathering === batch) {
      this.gathering = undefined;
      this.runtime.clock.cancel(batch);
    }
    const records = new Array(batch.messages.length);
    for (let i = 0; i < records.length; i++) records[i] = this.records.record(batch.messages[i]);
    batch.event = { Records: records };
    this.invoke(batch);
  }

  private invoke(batch: Batch): void {
    const now = this.runtime.clock.now;
    const result = this.fn.invoke(batch.event, this, batch);
    if (typeof result !== 'string') {
      batch.state = 'running';
      this.batchSizes.add(now, batch.messages.length);
      if (this.runtime.trace.full) this.runtime.record('esm.batchInvoked', this.logicalId, undefined, undefined, { requestId: result.requestId, size: batch.messages.length, bytes: batch.bytes });
      else this.counts.batchInvoked.n++;
      return;
    }
    // Throttled: Lambda keeps retrying until the messages' visibility timeout would pass (AWS-FACTS §4, "Error backoff").
    this.scaling.onTrouble();
    const delay = Math.min(THROTTLE_RETRY_MAX_MS, THROTTLE_RETRY_FIRST_MS * 2 ** batch.throttles++);
    const visibleAgain = batch.startedAt + this.queue.settings.visibilityTimeoutMs;
    if (now + delay < visibleAgain) {
      batch.state = 'throttled';
      this.runtime.clock.schedule(batch, now + delay, TimerPriority.poll);
      if (this.runtime.trace.full) this.runtime.record('esm.throttled', this.logicalId, undefined, result, { retryInMs: delay, size: batch.messages.length });
      else this.counts.throttled.n++;
      return;
    }
    this.outcomes.throttledUntilVisible++;
    this.runtime.record('esm.throttleGaveUp', this.logicalId, undefined,
      `throttled (${result}) until the visibility timeout; the ${batch.messages.length} messages return to the queue and this receive counts toward maxReceiveCount`,
      { messageIds: batch.messages.map((m) => m.messageId) });
    this.finish();
  }

  /** A timer of a batch: its batching window ended, or a throttle retry is due. */
  public onBatchTimer(batch: Batch): void {
    if (batch.state === 'gathering') {
      this.fill(batch);
      this.dispatch(batch);
    } else {
      this.invoke(batch);
    }
  }

  public onInvocationComplete(inv: Invocation): void {
    const batch = inv.tag as Batch;
    const outcome = batchOutcome(inv.error, inv.response, this.settings.reportBatchItemFailures, () => new Set(batch.messages.map((m) => m.messageId)));
    this.settle(batch, outcome, inv.requestId);
    this.finish();
  }

  private settle(batch: Batch, outcome: BatchOutcome, requestId: string): void {
    const trace = this.runtime.trace;
    if (outcome.kind === 'failure') {
      this.outcomes.failed++;
      this.scaling.onTrouble();
      this.runtime.record('esm.batchFailed', this.logicalId, undefined, `${outcome.reason}; the whole batch returns after the visibility timeout`, {
        requestId, messageIds: batch.messages.map((m) => m.messageId),
      });
      return;
    }
    const failed = outcome.kind === 'partial' ? outcome.failed : undefined;
    for (const m of batch.messages) if (!failed?.has(m.messageId)) this.queue.delete(m.receiptHandle);
    if (!failed) {
      this.outcomes.succeeded++;
      if (trace.full) this.runtime.record('esm.batchSucceeded', this.logicalId, undefined, undefined, { requestId, size: batch.messages.length });
      else this.counts.batchSucceeded.n++;
      return;
    }
    this.outcomes.partiallyFailed++;
    this.runtime.record('esm.batchPartiallyFailed', this.logicalId, undefined, `${failed.size} of ${batch.messages.length} records reported in batchItemFailures; only those return after the visibility timeout`, {
      requestId, failedMessageIds: [...failed],
    });
    if (this.queue.fifo) this.checkFifoOrder(batch, failed);
  }

  /** A FIFO handler must report every record after a group's first failure; one deleted after it breaks the order. */
  private checkFifoOrder(batch: Batch, failed: ReadonlySet<string>): void {
    const failedGroups = new Set<string | undefined>();
    for (const m of batch.messages) {
      if (failed.has(m.messageId)) failedGroups.add(m.groupId);
      else if (failedGroups.has(m.groupId)) {
        this.runtime.record('esm.fifoOrderBroken', this.logicalId, m.messageId,
          `deleted after an earlier message of group ${m.groupId} failed: a FIFO handler must stop at the first failure and report it and every later record`);
      }
    }
  }

  private finish(): void {
    this.setActive(this.active - 1);
    this.poll();
  }

  private setActive(n: number): void {
    this.active = n;
    this.activeBatches.level(this.runtime.clock.now, n);
  }

  public view(): MappingView {
    return {
      logicalId: this.logicalId,
      queue: this.queue.logicalId,
      function: this.fn.logicalId,
      settings: this.settings,
      stoppedReason: this.stoppedReason,
      concurrencyLimit: this.scaling.limitSeries.points,
      activeBatches: this.activeBatches.points,
      batches: this.batchSizes.points,
      totals: { batches: this.batchSizes.length, records: this.batchSizes.sum, maxActiveBatches: this.activeBatches.max, concurrencyLimit: this.scaling.limit, ...this.outcomes },
    };
  }
}

/** `sim.mapping(…)`: the mapping's settings and its time series on the virtual clock. */
export interface MappingView {
  readonly logicalId: string;
  readonly queue: string;
  readonly function: string;
  readonly settings: EventSourceMappingSettings;
  readonly stoppedReason: string | undefined;
  /** How many batches the mapping may run at once, at each change: the scaling ramp. */
  readonly concurrencyLimit: TimePoint[];
  /** Batches in progress, at each change. */
  readonly activeBatches: TimePoint[];
  /** One point per invoked batch: its number of records. */
  readonly batches: TimePoint[];
  /**
   * Batches invoked and their records, the most run at once, the current limit; how invoked batches ended
   * (`succeeded`, `partiallyFailed`, `failed`), batches given up after throttles (`throttledUntilVisible`) and
   * messages the filter criteria deleted (`filteredOut`).
   */
  readonly totals: {
    readonly batches: number; readonly records: number; readonly maxActiveBatches: number; readonly concurrencyLimit: number;
    readonly succeeded: number; readonly partiallyFailed: number; readonly failed: number; readonly throttledUntilVisible: number; readonly filteredOut: number;
  };
}
