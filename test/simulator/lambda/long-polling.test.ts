import { Duration } from 'aws-cdk-lib';
import { consumerSimulation } from '../fixtures/consumer';

// Long polling moves virtual time inside a synchronous receive: it cannot await an async handler in flight.

describe('long polling with async Lambda handlers', () => {
  test('receive with waitTime while an async handler is in flight throws, telling the user to await sim.advance first', async () => {
    const sim = consumerSimulation();
    sim.onInvoke('Consumer', async () => {
      await Promise.resolve();
    }, { duration: Duration.seconds(2) });
    sim.send('Queue', { body: 'work' });
    expect(() => sim.receive('DeadLetterQueue', { waitTime: Duration.seconds(20) }))
      .toThrow(/receive with a wait time would move virtual time while 1 async Lambda handler is still running: `await sim.advance\(…\)` or `await sim.runUntilIdle\(\)` first/);
    // Once awaited, the long poll runs its 20 s and returns nothing.
    await sim.advance(Duration.seconds(5));
    const before = sim.now;
    expect(sim.receive('DeadLetterQueue', { waitTime: Duration.seconds(20) })).toEqual([]);
    expect(sim.now).toBe(before + 20_000);
    expect(sim.functionMetrics('Consumer').totals.invocations).toBe(1);
  });
});
