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
