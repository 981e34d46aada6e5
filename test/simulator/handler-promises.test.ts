import { Clock } from '../../lib/simulator/clock';
import { PendingHandlers, drive } from '../../lib/simulator/handler-promises';

// drive() runs the clock until idle, and stops a model that never does with an error after maxEvents timers.

/** A clock with a timer that fires `times` times, one second apart; `fired` counts them. */
function ticking(times: number, pending?: PendingHandlers) {
  const clock = new Clock();
  const state = { fired: 0 };
  const tick = () => {
    state.fired++;
    if (pending) pending.track(Promise.resolve());
    if (state.fired < times) clock.after(1000, tick);
  };
  clock.after(1000, tick);
  return { clock, state };
}

describe('drive', () => {
  test('runs exactly maxEvents timers; one more fails, naming the limit', () => {
    const atLimit = ticking(5);
    expect(drive(atLimit.clock, new PendingHandlers(), undefined, 5)).toBeUndefined();
    expect([atLimit.state.fired, atLimit.clock.now]).toEqual([5, 5000]);
    const past = ticking(6);
    expect(() => drive(past.clock, new PendingHandlers(), undefined, 5)).toThrow('The simulation did not become idle after 5 events; a model keeps scheduling work');
    expect(past.state.fired).toBe(5);
  });

  test('with handlers still pending it awaits them between timers, under the same limit', async () => {
    const pending = new PendingHandlers();
    const atLimit = ticking(5, pending);
    await drive(atLimit.clock, pending, undefined, 5);
    expect([atLimit.state.fired, pending.count]).toEqual([5, 0]);
    const morePending = new PendingHandlers();
    const past = ticking(6, morePending);
    await expect(drive(past.clock, morePending, undefined, 5)).rejects.toThrow('The simulation did not become idle after 5 events; a model keeps scheduling work');
    expect(past.state.fired).toBe(5);
  });

  test('up to an instant, it fires the timers due by then and moves the clock there', () => {
    const { clock, state } = ticking(10);
    expect(drive(clock, new PendingHandlers(), 3500)).toBeUndefined();
    expect([state.fired, clock.now, clock.nextTime]).toEqual([3, 3500, 4000]);
  });
});

describe('drive with handlers that settle later', () => {
  test('awaits a pending handler before each timer, and stops at the instant asked for', async () => {
    // GIVEN timers each second, the second of which starts a handler that settles only after real awaits
    const clock = new Clock();
    const pending = new PendingHandlers();
    const log: string[] = [];
    let release!: () => void;
    clock.after(1000, () => log.push('t1'));
    clock.after(2000, () => {
      log.push('t2');
      pending.track(new Promise<void>((resolve) => { release = resolve; }).then(() => { log.push('settled'); }));
    });
    clock.after(3000, () => log.push('t3'));
    clock.after(9000, () => log.push('t9'));
    // WHEN the clock is driven to 5 s
    const run = drive(clock, pending, 5000);
    // THEN it ran synchronously up to the handler, and returned a Promise
    expect(run).toBeInstanceOf(Promise);
    expect(log).toEqual(['t1', 't2']);
    // AND nothing more runs while the handler has not settled
    await new Promise((resolve) => setImmediate(resolve));
    expect([log, clock.now]).toEqual([['t1', 't2'], 2000]);
    release();
    await run;
    // AND once the handler settled, the next timer ran, and the clock stands at 5 s with the later timer kept
    expect(log).toEqual(['t1', 't2', 'settled', 't3']);
    expect([clock.now, clock.nextTime, pending.count]).toEqual([5000, 9000, 0]);
  });

  test('until idle: settles handlers that a settling handler started too', async () => {
    const clock = new Clock();
    const pending = new PendingHandlers();
    const log: string[] = [];
    clock.after(1000, () => {
      pending.track(Promise.resolve().then(() => {
        log.push('first');
        pending.track(Promise.resolve().then(() => { log.push('second'); }));
      }));
    });
    clock.after(2000, () => log.push('t2'));
    await drive(clock, pending, undefined);
    expect(log).toEqual(['first', 'second', 't2']);
    expect([clock.now, clock.pending, pending.count]).toEqual([2000, 0, 0]);
  });

  test('pending handlers before any timer are awaited first; with nothing due the clock still moves to the instant', async () => {
    const clock = new Clock();
    const pending = new PendingHandlers();
    const log: string[] = [];
    pending.track(Promise.resolve().then(() => { log.push('earlier handler'); }));
    const run = drive(clock, pending, 7000);
    expect(run).toBeInstanceOf(Promise);
    await run;
    expect([log, clock.now]).toEqual([['earlier handler'], 7000]);
    expect(drive(clock, pending, 8000)).toBeUndefined();
    expect(clock.now).toBe(8000);
  });
});
