import { Duration } from 'aws-cdk-lib';
import { consumerSimulation } from '../fixtures/consumer';

// The mapping's poller concurrency (AWS-FACTS §4, "Scaling" and "Error backoff"): +5 batches each second while
// messages wait (300 a minute), and one step down for each second in which a batch failed or was throttled.

describe('the poller steps down after errors', () => {
  test('it climbs 5 a second while healthy, falls 5 a second while batches fail, and climbs again after', async () => {
    // GIVEN a backlog the mapping cannot drain in a minute (one record per batch, 1 s each), and a function
    // whose invocations started from 30 s to 40 s fail. Batches start on whole seconds here (each poll follows the
    // previous batch's end, 1 s later): the failures are known at 31 s, 32 s… 40 s, ten ticks
    const sim = consumerSimulation({ batchSize: 1, timeout: 10, visibilityTimeout: 600, maxReceiveCount: 1000 }, { trace: 'summary' });
    sim.onInvoke('Consumer', () => {
      if (sim.now >= 30_000 && sim.now < 40_000) throw new Error('downstream is down');
    }, { duration: Duration.seconds(1) });
    for (let i = 0; i < 20_000; i++) sim.send('Queue', { body: 'x' });
    const limitAt = (ms: number) => sim.mapping('Mapping').concurrencyLimit.filter((p) => p.time <= ms).at(-1)!.value;
    // WHEN a minute passes
    await sim.advance(Duration.seconds(60));
    // THEN 5 + 30 steps up by 30 s; ten seconds with failures, ten steps down; then up again each second
    expect(limitAt(30_000)).toBe(155);
    expect(limitAt(31_000)).toBe(150);
    expect(limitAt(40_000)).toBe(105);
    expect(limitAt(41_000)).toBe(110);
    expect(limitAt(60_000)).toBe(205);
    expect(sim.queue('Queue').counts.visible).toBeGreaterThan(0);
  });

  test('never below 5, however long the errors last', async () => {
    const sim = consumerSimulation({ timeout: 10, visibilityTimeout: 30, maxReceiveCount: 1000 }, { trace: 'summary' });
    sim.onInvoke('Consumer', () => {
      throw new Error('always');
    }, { duration: Duration.millis(100) });
    for (let i = 0; i < 5_000; i++) sim.send('Queue', { body: 'x' });
    await sim.advance(Duration.seconds(120));
    const values = sim.mapping('Mapping').concurrencyLimit.map((p) => p.value);
    expect(Math.min(...values)).toBe(5);
    expect(Math.max(...values)).toBe(5);
  });
});
