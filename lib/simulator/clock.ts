/**
 * Virtual time for the simulator.
 *
 * The clock owns `now` (milliseconds since the simulation started) and a binary heap of timers ordered by
 * `(time, priority, seq)`; the sequence number makes ties deterministic, as in SimPy's Environment. There is no
 * `Date.now`, no `setTimeout` and no background work: time moves only when `run`, `step` or `runUntilIdle` is
 * called, so twelve hours of visibility timeout cost one heap operation, not twelve hours.
 *
 * A timer is any object with the four heap fields and a `fire` method. Models that keep one timer per message
 * make the message itself the timer and move it with `schedule` (no allocation per state change); rare events use
 * `at`/`after`, which wrap a callback.
 */

/** An entry on the clock's heap. `heapIndex` is -1 while the timer is not scheduled. */
export interface Timer {
  time: number;
  priority: number;
  seq: number;
  heapIndex: number;
  /** Called once when the clock reaches `time`; the timer is off the heap by then and may be rescheduled. */
  fire(clock: Clock): void;
}

/**
 * Tie-breakers for timers due at the same millisecond: lower runs first. Messages become visible before
 * pollers (part 2) look for them, and expiry runs last so a message due both ways is still seen once.
 */
export const TimerPriority = {
  delivery: 0,
  visibility: 10,
  poll: 20,
  expiry: 30,
} as const;

/** A timer created for a callback by `Clock.at` / `Clock.after`. */
export class CallbackTimer implements Timer {
  public time = 0;
  public priority = 0;
  public seq = 0;
  public heapIndex = -1;
  constructor(private readonly action: (clock: Clock) => void) {}
  public fire(clock: Clock): void {
    this.action(clock);
  }
}

/** Creates a timer entry with no schedule, for classes that embed one. */
export function newTimerFields(): Pick<Timer, 'time' | 'priority' | 'seq' | 'heapIndex'> {
  return { time: 0, priority: 0, seq: 0, heapIndex: -1 };
}

export class Clock {
  private nowMs = 0;
  private nextSeq = 0;
  private readonly heap: Timer[] = [];

  /** Virtual milliseconds since the start of the simulation. */
  public get now(): number {
    return this.nowMs;
  }

  /** How many timers are scheduled. */
  public get pending(): number {
    return this.heap.length;
  }

  /** The time of the next timer, or `undefined` when nothing is scheduled. */
  public get nextTime(): number | undefined {
    return this.heap.length > 0 ? this.heap[0].time : undefined;
  }

  /**
   * Schedules `timer` at `time` (never earlier than now), or moves it there if it is already scheduled.
   * A timer rescheduled to the same time gets a new sequence number: it runs after timers scheduled before.
   */
  public schedule(timer: Timer, time: number, priority: number = timer.priority): void {
    timer.time = Math.max(time, this.nowMs);
    timer.priority = priority;
    timer.seq = this.nextSeq++;
    if (timer.heapIndex >= 0) {
      this.siftDown(this.siftUp(timer.heapIndex));
    } else {
      timer.heapIndex = this.heap.length;
      this.heap.push(timer);
      this.siftUp(timer.heapIndex);
    }
  }

  /** Removes a scheduled timer; a no-op when it is not scheduled. */
  public cancel(timer: Timer): void {
    const i = timer.heapIndex;
    if (i < 0) return;
    timer.heapIndex = -1;
    const last = this.heap.pop()!;
    if (i < this.heap.length) {
      this.heap[i] = last;
      last.heapIndex = i;
      this.siftDown(this.siftUp(i));
    }
  }

  /** Runs `action` at `time`. Returns the timer, so the caller can cancel it. */
  public at(time: number, action: (clock: Clock) => void, priority = 0): Timer {
    const timer = new CallbackTimer(action);
    this.schedule(timer, time, priority);
    return timer;
  }

  /** Runs `action` `delayMs` from now. */
  public after(delayMs: number, action: (clock: Clock) => void, priority = 0): Timer {
    return this.at(this.nowMs + delayMs, action, priority);
  }

  /** Fires the next timer, moving `now` to its time. Returns false when nothing is scheduled. */
  public step(): boolean {
    if (this.heap.length === 0) return false;
    const timer = this.heap[0];
    this.cancel(timer);
    this.nowMs = timer.time;
    timer.fire(this);
    return true;
  }

  /** Fires every timer due at or before `until`, then sets `now` to `until`. */
  public run(until: number): void {
    if (until < this.nowMs) throw new Error(`Cannot run the clock backwards: now is ${this.nowMs} ms, asked for ${until} ms`);
    while (this.heap.length > 0 && this.heap[0].time <= until) this.step();
    this.nowMs = until;
  }

  /**
   * Fires timers until none is left or `stop()` says so (checked before each timer). Returns the number fired.
   * `maxEvents` guards against models that reschedule forever (a poller on an empty queue).
   */
  public runUntilIdle(maxEvents = 10_000_000, stop?: () => boolean): number {
    let fired = 0;
    while (this.heap.length > 0 && !(stop && stop())) {
      if (fired >= maxEvents) throw new Error(`The simulation did not become idle after ${maxEvents} events; a model keeps scheduling work`);
      this.step();
      fired++;
    }
    return fired;
  }

  private before(a: Timer, b: Timer): boolean {
    if (a.time !== b.time) return a.time < b.time;
    if (a.priority !== b.priority) return a.priority < b.priority;
    return a.seq < b.seq;
  }

  private siftUp(index: number): number {
    const heap = this.heap;
    const timer = heap[index];
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(timer, heap[parent])) break;
      heap[i] = heap[parent];
      heap[i].heapIndex = i;
      i = parent;
    }
    heap[i] = timer;
    timer.heapIndex = i;
    return i;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const n = heap.length;
    const timer = heap[index];
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.before(heap[right], heap[left]) ? right : left;
      if (!this.before(heap[child], timer)) break;
      heap[i] = heap[child];
      heap[i].heapIndex = i;
      i = child;
    }
    heap[i] = timer;
    timer.heapIndex = i;
  }
}
