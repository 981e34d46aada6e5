import { Clock } from './clock';

/**
 * Handlers that returned a Promise, not yet settled.
 *
 * An invocation's outcome is read when its completion timer fires, at start + declared duration on the
 * virtual clock; a Promise cannot be read synchronously, so the clock is driven by `drive`, which awaits
 * every pending handler before it fires the next timer. Virtual time never depends on how long a Promise
 * takes in real time, so runs stay deterministic; a simulation whose handlers are all synchronous never
 * yields and finishes inside the call.
 */
export class PendingHandlers {
  private readonly pending: Promise<unknown>[] = [];

  public get count(): number {
    return this.pending.length;
  }

  /** Keeps `p` until it settles; `p` must not reject (callers attach their own handlers first). */
  public track(p: Promise<unknown>): void {
    this.pending.push(p);
  }

  public async settle(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.pending.length);
      await Promise.all(batch);
    }
  }
}

/**
 * Runs the clock up to `until` (or until idle when undefined), awaiting pending handlers between timers.
 * Returns undefined when nothing was pending at any step (the run completed synchronously), else a Promise.
 */
export function drive(clock: Clock, pending: PendingHandlers, until: number | undefined, maxEvents = 10_000_000): Promise<void> | undefined {
  let fired = 0;
  const due = () => clock.nextTime !== undefined && (until === undefined || clock.nextTime <= until);
  const finish = () => {
    if (until !== undefined) clock.run(until);
  };
  for (;;) {
    if (pending.count > 0) return continueAsync();
    if (!due()) break;
    if (fired++ >= maxEvents) throw new Error(`The simulation did not become idle after ${maxEvents} events; a model keeps scheduling work`);
    clock.step();
  }
  finish();
  return undefined;

  async function continueAsync(): Promise<void> {
    for (;;) {
      if (pending.count > 0) await pending.settle();
      if (!due()) break;
      if (fired++ >= maxEvents) throw new Error(`The simulation did not become idle after ${maxEvents} events; a model keeps scheduling work`);
      clock.step();
    }
    finish();
  }
}
