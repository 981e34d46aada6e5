import { CallbackTimer, Clock, Timer, TimerPriority, newTimerFields } from '../../lib/simulator/clock';

// The virtual clock: timers fire in (time, priority, sequence) order, whatever order they were scheduled in.

/** A clock and a log of the labels of the timers it fired, with the time each fired at. */
function logged() {
  const clock = new Clock();
  const log: string[] = [];
  const at = (time: number, label: string, priority = 0) => clock.at(time, (c) => log.push(`${label}@${c.now}`), priority);
  return { clock, log, at };
}

describe('Clock', () => {
  test('fires timers by time, then priority, then the order they were scheduled in', () => {
    // GIVEN timers scheduled out of order, some at the same time with different priorities
    const { clock, log, at } = logged();
    at(30, 'late');
    at(10, 'expiry', TimerPriority.expiry);
    at(10, 'poll', TimerPriority.poll);
    at(10, 'first-delivery', TimerPriority.delivery);
    at(10, 'visibility', TimerPriority.visibility);
    at(10, 'second-delivery', TimerPriority.delivery);
    at(5, 'early');
    at(20, 'b');
    at(20, 'a', -1);
    // WHEN the clock runs until idle
    const fired = clock.runUntilIdle();
    // THEN the order is (time, priority, sequence)
    expect(log).toEqual(['early@5', 'first-delivery@10', 'second-delivery@10', 'visibility@10', 'poll@10', 'expiry@10', 'a@20', 'b@20', 'late@30']);
    expect([fired, clock.now, clock.pending, clock.nextTime]).toEqual([9, 30, 0, undefined]);
  });

  test('many timers come out sorted (the heap keeps its order through pushes and pops)', () => {
    const { clock, log, at } = logged();
    const times = [50, 3, 77, 3, 12, 99, 0, 45, 45, 8, 61, 23, 5, 5, 88, 31];
    times.forEach((t, i) => at(t, `t${i}`));
    expect(clock.pending).toBe(16);
    expect(clock.nextTime).toBe(0);
    clock.runUntilIdle();
    const expected = times.map((t, i) => ({ t, i })).sort((x, y) => x.t - y.t || x.i - y.i).map(({ t, i }) => `t${i}@${t}`);
    expect(log).toEqual(expected);
  });

  test('cancel removes a timer from anywhere in the heap; cancelling twice is a no-op', () => {
    const { clock, log, at } = logged();
    const timers = [40, 10, 30, 20, 50, 60].map((t) => at(t, `t${t}`));
    clock.cancel(timers[2]);
    clock.cancel(timers[1]);
    clock.cancel(timers[1]);
    expect(timers[1].heapIndex).toBe(-1);
    expect(clock.pending).toBe(4);
    expect(clock.nextTime).toBe(20);
    clock.runUntilIdle();
    expect(log).toEqual(['t20@20', 't40@40', 't50@50', 't60@60']);
  });

  test('cancelling the last timer of the heap leaves the others in order', () => {
    const { clock, log, at } = logged();
    at(1, 'a');
    const last = at(2, 'b');
    clock.cancel(last);
    expect(clock.pending).toBe(1);
    clock.runUntilIdle();
    expect(log).toEqual(['a@1']);
  });

  test('schedule moves a scheduled timer, earlier or later; the same time again goes after timers already there', () => {
    const { clock, log, at } = logged();
    const moved = at(10, 'moved');
    at(20, 'other');
    at(30, 'third');
    clock.schedule(moved, 25);
    expect(clock.nextTime).toBe(20);
    clock.schedule(moved, 5);
    expect(clock.nextTime).toBe(5);
    clock.schedule(moved, 20, 0);
    clock.runUntilIdle();
    expect(log).toEqual(['other@20', 'moved@20', 'third@30']);
  });

  test('a timer scheduled in the past fires now, never earlier', () => {
    const { clock, log, at } = logged();
    clock.run(100);
    at(40, 'past');
    expect(clock.nextTime).toBe(100);
    clock.after(5, () => log.push(`after@${clock.now}`));
    clock.runUntilIdle();
    expect(log).toEqual(['past@100', 'after@105']);
  });

  test('run fires what is due up to and including the instant, then stands there', () => {
    const { clock, log, at } = logged();
    at(10, 'a');
    at(20, 'b');
    at(21, 'c');
    clock.run(20);
    expect(log).toEqual(['a@10', 'b@20']);
    expect([clock.now, clock.pending]).toEqual([20, 1]);
    clock.run(20);
    expect(clock.now).toBe(20);
  });

  test('fails if run is asked to go backwards', () => {
    const clock = new Clock();
    clock.run(50);
    expect(() => clock.run(49)).toThrow(new Error('Cannot run the clock backwards: now is 50 ms, asked for 49 ms'));
  });

  test('step fires one timer and says whether there was one', () => {
    const { clock, log, at } = logged();
    expect(clock.step()).toBe(false);
    at(7, 'only');
    expect(clock.step()).toBe(true);
    expect([log, clock.now]).toEqual([['only@7'], 7]);
    expect(clock.step()).toBe(false);
  });

  test('runUntilIdle stops when asked (checked before each timer) and at maxEvents exactly', () => {
    const { clock, log, at } = logged();
    for (let t = 1; t <= 5; t++) at(t, `t${t}`);
    expect(clock.runUntilIdle(10, () => log.length >= 2)).toBe(2);
    expect(clock.runUntilIdle(3)).toBe(3);
    expect(log).toEqual(['t1@1', 't2@2', 't3@3', 't4@4', 't5@5']);
    const forever = new Clock();
    const tick = () => forever.after(1, tick);
    forever.after(1, tick);
    expect(() => forever.runUntilIdle(4)).toThrow(new Error('The simulation did not become idle after 4 events; a model keeps scheduling work'));
    expect(forever.now).toBe(4);
  });

  test('a model can embed the timer fields and be its own timer', () => {
    const clock = new Clock();
    const fired: number[] = [];
    const own: Timer = { ...newTimerFields(), fire: (c) => fired.push(c.now) };
    expect(newTimerFields()).toEqual({ time: 0, priority: 0, seq: 0, heapIndex: -1 });
    clock.schedule(own, 12, TimerPriority.poll);
    expect([own.time, own.priority, own.heapIndex]).toEqual([12, 20, 0]);
    clock.runUntilIdle();
    expect([fired, own.heapIndex]).toEqual([[12], -1]);
    const cb = new CallbackTimer(() => fired.push(-1));
    expect([cb.time, cb.priority, cb.seq, cb.heapIndex]).toEqual([0, 0, 0, -1]);
  });
});
