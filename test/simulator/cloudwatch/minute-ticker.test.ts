import { Clock } from '../../../lib/simulator/clock';
import { MINUTE_MS, MinuteSubscriber, MinuteTicker } from '../../../lib/simulator/services/cloudwatch/ticker';
import { MetricRegistry } from '../../../lib/simulator/world/metrics';

// CloudWatch's minute clock: when it samples, whom it calls, and when it sleeps so runUntilIdle ends.

/** A subscriber that records its ticks and says it is settled when told so. */
class Listener implements MinuteSubscriber {
  public readonly ticks: [number, boolean][] = [];
  constructor(public quiet = false) {}
  public tick(time: number, active: boolean): void {
    this.ticks.push([time, active]);
  }
  public settled(): boolean {
    return this.quiet;
  }
}

/** A clock, a registry with a gauge recording every sample time, and a ticker on them. */
function setup() {
  const clock = new Clock();
  const registry = new MetricRegistry();
  const sampled: number[] = [];
  registry.gauge('N', 'M', {}, 'Count', () => {
    sampled.push(clock.now);
    return 0;
  });
  return { clock, sampled, ticker: new MinuteTicker(clock, registry) };
}

describe('the minute ticker', () => {
  test('is a minute long and sleeps with no subscriber', () => {
    expect(MINUTE_MS).toBe(60_000);
    const { clock, ticker } = setup();
    ticker.resume();
    expect([clock.pending, ticker.heapIndex]).toEqual([0, -1]);
  });

  test('ticks at each minute boundary, after sampling the metrics, while a subscriber is not settled; then sleeps', () => {
    // GIVEN a listener that is busy until 2:00, subscribed at 0:30
    const { clock, sampled, ticker } = setup();
    const listener = new Listener();
    clock.run(30_000);
    ticker.subscribe(listener);
    clock.at(2 * MINUTE_MS, () => { listener.quiet = true; }, 0);
    // WHEN the clock runs until idle
    clock.runUntilIdle();
    // THEN ticks at 1:00 (something else scheduled: active) and 2:00 (nothing else), none after it settled
    expect(listener.ticks).toEqual([[MINUTE_MS, true], [2 * MINUTE_MS, false]]);
    expect(sampled).toEqual([MINUTE_MS, 2 * MINUTE_MS]);
    expect(clock.now).toBe(2 * MINUTE_MS);
  });

  test('a settled subscriber with nothing scheduled does not wake it; something scheduled does, at the next boundary', () => {
    const { clock, ticker } = setup();
    const listener = new Listener(true);
    ticker.subscribe(listener);
    expect(clock.pending).toBe(0);
    clock.at(90_000, () => undefined);
    ticker.resume();
    expect([ticker.time, clock.pending]).toEqual([0, 2]);
    clock.runUntilIdle();
    // THEN ticks at 0:00 and 1:00 (the other timer pending), 2:00 (nothing else left); then it sleeps
    expect(listener.ticks).toEqual([[0, true], [MINUTE_MS, true], [2 * MINUTE_MS, false]]);
  });

  test('woken at the instant of its last tick, it ticks next a minute later, not twice at once', () => {
    // GIVEN a tick at 1:00 after which everything is settled
    const { clock, ticker } = setup();
    const listener = new Listener();
    clock.run(1);
    ticker.subscribe(listener);
    clock.at(MINUTE_MS, () => { listener.quiet = true; });
    clock.runUntilIdle();
    expect(listener.ticks).toEqual([[MINUTE_MS, false]]);
    // WHEN something is scheduled again at 1:00 and the ticker is resumed
    listener.quiet = false;
    ticker.resume();
    // THEN its next tick is at 2:00
    expect(ticker.time).toBe(2 * MINUTE_MS);
    ticker.resume();
    expect(clock.pending).toBe(1);
  });

  test('an unsubscribed listener is not called; unsubscribing one never subscribed removes no other', () => {
    const { clock, ticker } = setup();
    const a = new Listener();
    const b = new Listener();
    ticker.subscribe(a);
    ticker.subscribe(b);
    ticker.unsubscribe(new Listener());
    clock.run(MINUTE_MS);
    ticker.unsubscribe(a);
    clock.run(2 * MINUTE_MS);
    expect([a.ticks, b.ticks]).toEqual([[[0, false], [MINUTE_MS, false]], [[0, false], [MINUTE_MS, false], [2 * MINUTE_MS, false]]]);
  });
});
