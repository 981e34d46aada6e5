import { Duration } from 'aws-cdk-lib';
import { consumerSimulation } from '../fixtures/consumer';

// When the mapping's concurrency steps back down (scaling.ts): only while the queue is empty AND fewer batches run
// than the limit allows; and it stops ticking once back at 5.

describe('the ramp back down', () => {
  test('a limit that every running batch uses is kept; it falls once batches end, and the ticking stops at 5', async () => {
    // GIVEN 10 messages, one a batch, each running 10 s
    const sim = consumerSimulation({ batchSize: 1, timeout: 30, visibilityTimeout: 180 });
    sim.onInvoke('Consumer', () => undefined, { duration: Duration.seconds(10) });
    for (let i = 0; i < 10; i++) sim.send('Queue', { body: `m${i}` });
    // WHEN the mapping runs them all
    await sim.runUntilIdle();
    // THEN 5 start at 0 s, the limit rises to 10 at 1 s and the other 5 start; from 2 s the queue is empty but all
    // 10 run, so the limit stays until the first 5 end at 10 s, when it falls back to 5
    const view = sim.mapping('Mapping');
    expect(view.concurrencyLimit).toEqual([{ time: 0, value: 5 }, { time: 1_000, value: 10 }, { time: 10_000, value: 5 }]);
    expect(view.activeBatches).toEqual([{ time: 0, value: 5 }, { time: 1_000, value: 10 }, { time: 10_000, value: 5 }, { time: 11_000, value: 0 }]);
    expect(sim.now).toBe(11_000);
  });

  test('with more messages than the limit allows, the limit climbs each second until the backlog is taken', async () => {
    const sim = consumerSimulation({ batchSize: 1, timeout: 30, visibilityTimeout: 180 });
    sim.onInvoke('Consumer', () => undefined, { duration: Duration.seconds(10) });
    for (let i = 0; i < 12; i++) sim.send('Queue', { body: `m${i}` });
    await sim.runUntilIdle();
    // 5 at 0 s, 5 more at 1 s, the last 2 at 2 s (limit 15); at 3 s 12 run under 15, so it steps down to 10;
    // at 10 s 7 run under 10: down to 5
    expect(sim.mapping('Mapping').concurrencyLimit).toEqual([
      { time: 0, value: 5 }, { time: 1_000, value: 10 }, { time: 2_000, value: 15 }, { time: 3_000, value: 10 }, { time: 10_000, value: 5 },
    ]);
  });
});
