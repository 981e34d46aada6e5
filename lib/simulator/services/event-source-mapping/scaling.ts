import { SQS_EVENT_SOURCE_LIMITS } from '../../../core/limits';
import { Clock, Timer, TimerPriority } from '../../clock';
import { TimeSeries } from '../../world/time-series';

/** What the scaler watches. */
export interface ScalingTarget {
  /** Batches in progress (gathering, running or retrying a throttle). */
  readonly active: number;
  /** Whether messages are waiting to be received. */
  hasBacklog(): boolean;
  /** Called when the limit rose, so idle pollers can start. */
  onLimitRaised(): void;
}

const TICK_MS = 1_000;
/** +300 concurrent batches per minute, applied as +5 each second (the simulator's discretisation). */
const STEP = SQS_EVENT_SOURCE_LIMITS.concurrencyRampPerMinute.min / (60_000 / TICK_MS);

/**
 * How many batches an SQS event source mapping runs at once (AWS-FACTS §4, "Scaling"): it starts at 5, adds
 * up to 300 per minute while messages are still available, up to 1,000 or MaximumConcurrency, and
 * falls back toward 5 when the queue is empty. Throttles and function errors make Lambda lower the
 * mapping's concurrency ("Error backoff"); the rate is not documented, so a second with any of them takes
 * one step down instead of up.
 *
 * It is a clock timer that ticks once a second only while there is something to scale, so an idle mapping
 * schedules nothing and `runUntilIdle` ends.
 */
export class EsmScaling implements Timer {
  public time = 0;
  public priority = 0;
  public seq = 0;
  public heapIndex = -1;

  public limit: number;
  public readonly max: number;
  public readonly floor: number;
  /** The limit over time: the documented ramp, observable. */
  public readonly limitSeries = new TimeSeries();
  private troubled = false;

  constructor(
    private readonly clock: Clock,
    private readonly target: ScalingTarget,
    maximumConcurrency: number | undefined,
  ) {
    this.max = Math.min(maximumConcurrency ?? Infinity, SQS_EVENT_SOURCE_LIMITS.maxConcurrentBatches.max);
    this.floor = Math.min(SQS_EVENT_SOURCE_LIMITS.initialConcurrency.min, this.max);
    this.limit = this.floor;
    this.limitSeries.level(0, this.limit);
  }

  /** Starts ticking if it is not: called while messages wait. */
  public wake(): void {
    if (this.heapIndex < 0) this.clock.schedule(this, this.clock.now + TICK_MS, TimerPriority.poll);
  }

  /** A throttle or a function error happened: the next tick steps down. */
  public onTrouble(): void {
    this.troubled = true;
    this.wake();
  }

  public fire(): void {
    const backlog = this.target.hasBacklog();
    const before = this.limit;
    if (this.troubled) this.limit = Math.max(this.floor, this.limit - STEP);
    else if (backlog) this.limit = Math.min(this.max, this.limit + STEP);
    else if (!backlog && this.target.active < this.limit) this.limit = Math.max(this.floor, this.limit - STEP);
    this.troubled = false;
    this.limitSeries.level(this.clock.now, this.limit);
    if (backlog || this.limit > this.floor) this.clock.schedule(this, this.clock.now + TICK_MS, TimerPriority.poll);
    if (this.limit > before) this.target.onLimitRaised();
  }
}
