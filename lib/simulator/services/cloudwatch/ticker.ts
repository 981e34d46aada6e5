import { Clock, Timer } from '../../clock';
import { MetricRegistry } from '../../world/metrics';

/** CloudWatch's metrics are one-minute datapoints (SQS, Container Insights, group metrics: AWS-FACTS §1.9, §6). */
export const MINUTE_MS = 60_000;

/**
 * After every other event of the same millisecond: a sample at a minute boundary sees the state the events of
 * that instant left (TimerPriority's largest is 30, expiry).
 */
const TICK_PRIORITY = 40;

/** Something that works once a minute: the alarm evaluator, a run's recorder. */
export interface MinuteSubscriber {
  /**
   * Called at each minute boundary, after the metrics were sampled. `active`: other timers are scheduled, so the
   * world may still change.
   */
  tick(time: number, active: boolean): void;
  /** Whether it has nothing left to do while the rest of the world holds still. */
  settled(): boolean;
}

/**
 * The once-a-minute clock of CloudWatch: it samples the metric registry (AWS publishes SQS's metrics once a
 * minute) and lets its subscribers work. It runs only while it is useful, so `runUntilIdle` ends: while any other
 * timer is scheduled (the world can still change), or while a subscriber is not settled (an alarm whose window
 * still holds older values). Asleep, it is woken by `resume()` before time next moves.
 */
export class MinuteTicker implements Timer {
  public time = 0;
  public priority = 0;
  public seq = 0;
  public heapIndex = -1;
  private readonly subscribers: MinuteSubscriber[] = [];
  private lastTick = -1;

  constructor(
    private readonly clock: Clock,
    private readonly registry: MetricRegistry,
  ) {}

  public subscribe(s: MinuteSubscriber): void {
    this.subscribers.push(s);
    this.resume();
  }

  public unsubscribe(s: MinuteSubscriber): void {
    const i = this.subscribers.indexOf(s);
    if (i >= 0) this.subscribers.splice(i, 1);
  }

  /**
   * Schedules the next minute boundary, unless a tick is already scheduled, nobody listens, or nothing can
   * change: nothing else is scheduled and every subscriber is settled.
   */
  public resume(): void {
    if (this.heapIndex >= 0 || this.subscribers.length === 0) return;
    if (this.clock.pending === 0 && this.subscribers.every((s) => s.settled())) return;
    const now = this.clock.now;
    let next = Math.ceil(now / MINUTE_MS) * MINUTE_MS;
    if (next <= this.lastTick) next = this.lastTick + MINUTE_MS;
    this.clock.schedule(this, next, TICK_PRIORITY);
  }

  public fire(clock: Clock): void {
    const t = clock.now;
    this.lastTick = t;
    this.registry.sample(t);
    const active = clock.pending > 0;
    for (const s of [...this.subscribers]) s.tick(t, active);
    // This timer is off the heap while it fires: anything still scheduled belongs to someone else.
    if (clock.pending > 0 || this.subscribers.some((s) => !s.settled())) clock.schedule(this, t + MINUTE_MS, TICK_PRIORITY);
  }
}
