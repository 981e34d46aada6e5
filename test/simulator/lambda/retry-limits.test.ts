import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';

// The limits of asynchronous retries (async-invocation.ts) at the value and one past it, and the account's shared
// pool as invocations of reserved and unreserved functions end (account.ts).

/** Worker (FunctionName `worker`) and Shared (no reservation), with Worker's EventInvokeConfig; no destination. */
function simulation(o: { reserved?: number; maxAge?: number; timeout?: number } = {}, options: { accountConcurrency?: number } = {}): Simulation {
  return Simulation.fromTemplate({
    Resources: {
      Worker: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          FunctionName: 'worker', Handler: 'index.handler', Code: { ZipFile: '' }, Timeout: o.timeout ?? 10,
          ...(o.reserved !== undefined ? { ReservedConcurrentExecutions: o.reserved } : {}),
        },
      },
      Shared: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'shared', Handler: 'index.handler', Code: { ZipFile: '' }, Timeout: 60 } },
      InvokeConfig: {
        Type: 'AWS::Lambda::EventInvokeConfig',
        Properties: { FunctionName: { Ref: 'Worker' }, Qualifier: '$LATEST', ...(o.maxAge !== undefined ? { MaximumEventAgeInSeconds: o.maxAge } : {}) },
      },
    },
  } as never, { seed: 1, ...options });
}

/** Invokes a handler that always fails after 1 s once, and returns when each attempt started. */
async function failingAttempts(sim: Simulation): Promise<number[]> {
  const starts: number[] = [];
  sim.onInvoke('Worker', () => {
    starts.push(sim.now);
    throw new Error('no');
  }, { duration: Duration.seconds(1) });
  sim.invokeAsync('Worker', {});
  await sim.advance(Duration.hours(1));
  return starts;
}

describe('the maximum event age at its limit', () => {
  test('a retry due exactly at the maximum age is made; one second less of age and it is not', async () => {
    // GIVEN the first attempt ends at 1 s, so its retry is due at 61 s
    expect(await failingAttempts(simulation({ maxAge: 61 }))).toEqual([0, 61_000]);
    const young = simulation({ maxAge: 60 });
    expect(await failingAttempts(young)).toEqual([0]);
    expect(young.events({ type: 'lambda.asyncFailed' }).map((e) => e.reason)).toEqual(['EventAgeExceeded: no']);
  });

  test('a throttle retry due exactly at the maximum age is made; one second less and the event fails at the throttle before', async () => {
    // GIVEN one concurrent execution held 100 s, and a second event throttled at 0, 1, 3, 7, 15, 31 s: its next try is at 63 s
    const run = async (maxAge: number) => {
      const sim = simulation({ reserved: 1, maxAge, timeout: 300 });
      sim.onInvoke('Worker', () => undefined, { duration: Duration.seconds(100) });
      sim.invokeAsync('Worker', { n: 1 });
      sim.invokeAsync('Worker', { n: 2 });
      await sim.advance(Duration.hours(1));
      return sim;
    };
    const atLimit = await run(63);
    expect(atLimit.events({ type: 'lambda.throttled' }).map((e) => e.time)).toEqual([0, 1_000, 3_000, 7_000, 15_000, 31_000, 63_000]);
    const past = await run(62);
    expect(past.events({ type: 'lambda.throttled' }).map((e) => e.time)).toEqual([0, 1_000, 3_000, 7_000, 15_000, 31_000]);
    expect(past.events({ type: 'lambda.asyncFailed' }).map(({ time, reason }) => [time, reason])).toEqual([
      [31_000, 'EventAgeExceeded: ReservedFunctionConcurrentInvocationLimitExceeded'],
    ]);
  });

  test('the throttle backoff doubles up to 5 minutes, then stays there', async () => {
    // GIVEN one concurrent execution held 15 minutes and events that may wait an hour
    const sim = simulation({ reserved: 1, maxAge: 3_600, timeout: 900 });
    sim.onInvoke('Worker', () => undefined, { duration: Duration.minutes(15) });
    sim.invokeAsync('Worker', { n: 1 });
    sim.invokeAsync('Worker', { n: 2 });
    await sim.advance(Duration.hours(1));
    // THEN tries 1, 2, 4 … 256 s apart, then 300 s apart, until the first ends at 900 s: the try at 1,111 s runs
    expect(sim.events({ type: 'lambda.throttled' }).map((e) => e.time / 1_000)).toEqual([0, 1, 3, 7, 15, 31, 63, 127, 255, 511, 811]);
    expect(sim.events({ type: 'lambda.invoked' }).map((e) => e.time / 1_000)).toEqual([0, 1_111]);
    expect(sim.events({ type: 'lambda.asyncSucceeded' }).map((e) => e.detail?.attempts)).toEqual([1, 1]);
  });
});

describe('the account\'s shared pool as invocations end', () => {
  test('the end of a reserved function\'s invocation gives nothing back to the shared pool', async () => {
    // GIVEN an account of 103: Worker reserves 1, so functions without a reservation share 102
    const sim = simulation({ reserved: 1 }, { accountConcurrency: 103 });
    sim.onInvoke('Worker', () => undefined);
    sim.onInvoke('Shared', () => undefined, { duration: Duration.seconds(10) });
    // WHEN Worker runs and ends, then Shared is invoked 103 times at once
    sim.invokeAsync('Worker', {});
    await sim.advance(Duration.seconds(1));
    for (let i = 0; i < 103; i++) sim.invokeAsync('Shared', { i });
    await sim.advance(Duration.millis(1));
    // THEN 102 run and one is throttled
    expect(sim.functionMetrics('Shared').totals).toEqual({ invocations: 102, errors: 0, throttles: 1, maxConcurrency: 102 });
  });

  test('the end of a shared invocation gives its unit back', async () => {
    const sim = simulation({}, { accountConcurrency: 2 });
    sim.onInvoke('Shared', () => undefined, { duration: Duration.seconds(10) });
    sim.onInvoke('Worker', () => undefined, { duration: Duration.seconds(10) });
    sim.invokeAsync('Shared', {});
    sim.invokeAsync('Worker', {});
    await sim.advance(Duration.seconds(10));
    // WHEN both have ended, two more run at once
    sim.invokeAsync('Shared', {});
    sim.invokeAsync('Worker', {});
    await sim.advance(Duration.millis(1));
    expect([sim.functionMetrics('Shared').totals.throttles, sim.functionMetrics('Worker').totals.throttles]).toEqual([0, 0]);
    expect(sim.events({ type: 'lambda.invoked' }).map((e) => e.time)).toEqual([0, 0, 10_000, 10_000]);
  });
});
