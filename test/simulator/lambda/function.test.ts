import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration } from 'aws-cdk-lib';
import { LambdaContext, Simulation, SqsEvent } from '../../../lib/simulator';
import { consumerSimulation, consumerTemplate } from '../fixtures/consumer';

describe('handlers', () => {
  test('the context counts the remaining time on the virtual clock, and names the function and request', async () => {
    const sim = consumerSimulation({ timeout: 30 });
    let seen: { remaining: number; name: string; requestId: string; arn: string } | undefined;
    sim.onInvoke('Consumer', (_e: SqsEvent, context: LambdaContext) => {
      seen = { remaining: context.getRemainingTimeInMillis(), name: context.functionName, requestId: context.awsRequestId, arn: context.invokedFunctionArn };
    });
    sim.send('Queue', { body: 'x' });
    await sim.advance(Duration.seconds(1));
    const fn = sim.lambdaFunction('Consumer');
    expect(seen).toEqual({ remaining: 30_000, name: fn.name, requestId: sim.events({ type: 'lambda.invoked' })[0].detail?.requestId, arn: fn.arn });
  });

  test('an async handler is awaited; the clock moves only by the declared duration', async () => {
    const sim = consumerSimulation({ batchingWindow: 1, reportBatchItemFailures: true });
    sim.onInvoke('Consumer', async (e: SqsEvent) => {
      await new Promise((resolve) => setImmediate(resolve));
      return { batchItemFailures: [{ itemIdentifier: e.Records[0].messageId }] };
    }, { duration: Duration.seconds(3) });
    sim.send('Queue', { body: 'a' });
    sim.send('Queue', { body: 'b' });
    // advance returns a Promise because a handler is pending
    const run = sim.advance(Duration.seconds(10));
    expect(run).toBeInstanceOf(Promise);
    await run;
    expect(sim.now).toBe(10_000);
    expect(sim.events({ type: 'esm.batchPartiallyFailed' }).map((e) => e.time)).toEqual([4_000]);
    expect(sim.queue('Queue').inFlight.map((m) => m.body)).toEqual(['a']);
  });

  test('with synchronous handlers advance and runUntilIdle finish inside the call', () => {
    const sim = consumerSimulation();
    sim.onInvoke('Consumer', () => undefined);
    sim.send('Queue', { body: 'x' });
    expect(sim.runUntilIdle()).toBeUndefined();
    expect(sim.queue('Queue').counts.visible + sim.queue('Queue').counts.inFlight).toBe(0);
  });

  test('a duration longer than the timeout is a timeout error at the timeout', async () => {
    const sim = consumerSimulation({ timeout: 3 });
    sim.onInvoke('Consumer', () => 'would have succeeded', { duration: Duration.seconds(4) });
    sim.send('Queue', { body: 'x' });
    await sim.advance(Duration.seconds(5));
    const [timedOut] = sim.events({ type: 'lambda.timedOut' });
    expect(timedOut.time).toBe(3_000);
    expect(timedOut.reason).toMatch(/Task timed out after 3.00 seconds/);
    expect(sim.functionMetrics('Consumer').totals.errors).toBe(1);
  });

  test('an invocation without a registered handler fails loudly, saying how to register one', () => {
    const sim = consumerSimulation();
    expect(() => sim.send('Queue', { body: 'x' })).toThrow(/Consumer was invoked but has no handler: call sim.onInvoke/);
  });
});

describe('the function\'s own code', () => {
  test('inline code runs in-process with the template\'s environment variables', async () => {
    // The code runs outside Jest's sandbox, so it reports what it saw through its error message.
    const code = `exports.handler = async (event) => {
      throw new Error(JSON.stringify({ table: process.env.TABLE, region: process.env.AWS_REGION, bodies: event.Records.map((r) => r.body) }));
    };`;
    const sim = consumerSimulation({ functionExtra: { Code: { ZipFile: code }, Environment: { Variables: { TABLE: { Ref: 'Queue' } } } } });
    sim.onInvoke('Consumer', 'inline');
    sim.send('Queue', { body: 'hello' });
    await sim.advance(Duration.seconds(1));
    const seen = JSON.parse(sim.events({ type: 'lambda.failed' })[0].reason!);
    expect(seen).toEqual({ table: sim.queue('Queue').settings.url, region: 'us-east-1', bodies: ['hello'] });
    expect(process.env.TABLE).toBeUndefined();
  });

  test('environment variables only known at deploy time are left out, and listed in settings.unresolvedEnvironment', async () => {
    const code = `exports.handler = async () => { throw new Error(JSON.stringify({ shared: process.env.SHARED ?? null, table: process.env.TABLE })); };`;
    const sim = consumerSimulation({ functionExtra: { Code: { ZipFile: code }, Environment: { Variables: { TABLE: 'orders', SHARED: { 'Fn::ImportValue': 'SharedBusArn' } } } } });
    const settings = sim.lambdaFunction('Consumer').settings;
    expect(settings.environment).toEqual({ TABLE: 'orders' });
    expect(settings.unresolvedEnvironment).toEqual({ SHARED: expect.stringContaining('Fn::ImportValue "SharedBusArn"') });
    sim.onInvoke('Consumer', 'inline');
    sim.send('Queue', { body: 'hello' });
    await sim.advance(Duration.seconds(1));
    expect(JSON.parse(sim.events({ type: 'lambda.failed' })[0].reason!)).toEqual({ shared: null, table: 'orders' });
  });

  test('a local asset is loaded from the cloud assembly folder', async () => {
    // GIVEN a staged asset folder, as cdk.out holds it
    const assembly = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-assets-'));
    fs.mkdirSync(path.join(assembly, 'asset.abc123'));
    fs.writeFileSync(path.join(assembly, 'asset.abc123', 'main.js'), 'exports.run = (event) => { if (event.Records[0].body === "bad") throw new Error("bad input"); };');
    const template = consumerTemplate({ functionExtra: { Handler: 'main.run', Code: { S3Bucket: 'cdk-assets', S3Key: 'abc123.zip' } } });
    const sim = Simulation.fromTemplate(template as never, { assetDirectory: assembly });
    sim.onInvoke('Consumer', 'inline');
    sim.send('Queue', { body: 'bad' });
    await sim.advance(Duration.seconds(1));
    expect(sim.events({ type: 'lambda.failed' })[0].reason).toBe('bad input');
  });

  test('an asset the simulation cannot find is an error naming what it looked for', () => {
    const template = consumerTemplate({ functionExtra: { Code: { S3Bucket: 'cdk-assets', S3Key: 'missing.zip' } } });
    const sim = Simulation.fromTemplate(template as never, { assetDirectory: os.tmpdir() });
    expect(() => sim.onInvoke('Consumer', 'inline')).toThrow(/asset\.missing\) is not a folder/);
  });
});

describe('metrics', () => {
  test('invocations, errors, durations and concurrency are time series on the virtual clock', async () => {
    const sim = consumerSimulation({ batchSize: 1 });
    let n = 0;
    sim.onInvoke('Consumer', () => {
      if (++n === 2) throw new Error('second fails');
    }, { duration: (e: SqsEvent) => Duration.millis(e.Records[0].body.length * 100) });
    for (const body of ['a', 'bb', 'ccc']) sim.send('Queue', { body });
    await sim.advance(Duration.seconds(2));
    const m = sim.functionMetrics('Consumer');
    expect(m.invocations).toEqual([{ time: 0, value: 3 }]);
    expect(m.errors).toEqual([{ time: 0, value: 1 }]);
    expect(m.durations).toEqual([{ time: 100, value: 100 }, { time: 200, value: 200 }, { time: 300, value: 300 }]);
    expect(m.concurrency).toEqual([{ time: 0, value: 3 }, { time: 100, value: 2 }, { time: 200, value: 1 }, { time: 300, value: 0 }]);
    expect(sim.mapping('Queue').batches).toEqual([{ time: 0, value: 1 }, { time: 0, value: 1 }, { time: 0, value: 1 }]);
  });
});

describe('the trace of invocations', () => {
  test('each invocation is recorded with its request id and duration, and its outcome with the error message', async () => {
    const sim = consumerSimulation({ batchSize: 1, timeout: 3 });
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      if (e.Records[0].body === 'fail') throw new Error('bad body');
      return 'ok';
    }, { duration: (e: SqsEvent) => Duration.millis(e.Records[0].body === 'slow' ? 5000 : 250) });
    for (const body of ['fine', 'fail', 'slow']) sim.send('Queue', { body });
    await sim.advance(Duration.seconds(4));
    const outcomes = sim.events({ resource: 'Consumer' }).filter((e) => ['lambda.succeeded', 'lambda.failed', 'lambda.timedOut'].includes(e.type));
    const ids = sim.events({ type: 'lambda.invoked' }).map((e) => e.detail?.requestId);
    expect(ids).toHaveLength(3);
    expect(outcomes.map(({ type, time, reason, detail }) => ({ type, time, reason, detail }))).toEqual([
      { type: 'lambda.succeeded', time: 250, reason: undefined, detail: { requestId: ids[0], durationMs: 250 } },
      { type: 'lambda.failed', time: 250, reason: 'bad body', detail: { requestId: ids[1], durationMs: 250 } },
      { type: 'lambda.timedOut', time: 3000, reason: `RequestId: ${ids[2]} Error: Task timed out after 3.00 seconds`, detail: { requestId: ids[2], durationMs: 3000 } },
    ]);
    expect(sim.functionMetrics('Consumer').totals).toMatchObject({ invocations: 3, errors: 2 });
  });

  test('in summary mode the outcomes are counted, not recorded', async () => {
    const sim = consumerSimulation({ batchSize: 1, timeout: 3 }, { trace: 'summary' });
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      if (e.Records[0].body === 'fail') throw new Error('bad body');
    }, { duration: (e: SqsEvent) => Duration.millis(e.Records[0].body === 'slow' ? 5000 : 250) });
    for (const body of ['fine', 'fail', 'slow', 'fine']) sim.send('Queue', { body });
    await sim.advance(Duration.seconds(4));
    expect(sim.trace.events).toEqual([]);
    expect([sim.trace.count('lambda.invoked'), sim.trace.count('lambda.succeeded'), sim.trace.count('lambda.failed'), sim.trace.count('lambda.timedOut')]).toEqual([4, 2, 1, 1]);
  });
});

describe('code that cannot run in-process', () => {
  test.each([
    [{ ImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest' }, 'a container image'],
    [{}, 'code the template does not locate'],
  ])('fails if the code is %p, naming what it is and what can run', (code, description) => {
    const template = consumerTemplate({ functionExtra: { Code: code } });
    const sim = Simulation.fromTemplate(template as never);
    expect(() => sim.onInvoke('Consumer', 'inline')).toThrow(`Consumer's code is ${description}; only inline code and local assets can run in-process`);
  });

  test('fails if the handler file exports no such function', () => {
    const sim = consumerSimulation({ functionExtra: { Handler: 'index.missing', Code: { ZipFile: 'exports.handler = async () => {};' } } });
    expect(() => sim.onInvoke('Consumer', 'inline')).toThrow('Consumer: index exports no function missing');
  });
});

