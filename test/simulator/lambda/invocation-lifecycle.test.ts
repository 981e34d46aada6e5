import { Duration } from 'aws-cdk-lib';
import { LambdaContext, Simulation } from '../../../lib/simulator';
import { InvokeResponse } from '../../../lib/simulator/services/lambda';
import { RoleCaller } from '../../../lib/simulator/world/calls';
import { allow, build, isolatedNetwork } from '../vpc/network-template';

// One invocation from start to end (function.ts, handler.ts, metrics.ts): errors of every shape a handler may throw,
// calls that get no answer, summary counts, and the CloudWatch datapoints Lambda publishes.

const ROLE: RoleCaller = { kind: 'role', roleArn: undefined, roleKind: 'execution role' };

/** Worker (FunctionName `worker`, 5 s timeout) and Reader, whose variable reads an attribute of Worker. */
function simulation(worker: Record<string, unknown> = {}, trace: 'full' | 'summary' = 'full'): Simulation {
  return Simulation.fromTemplate({
    Resources: {
      Worker: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'worker', Handler: 'index.handler', Code: { ZipFile: '' }, Timeout: 5, ...worker } },
      Reader: {
        Type: 'AWS::Lambda::Function',
        Properties: { Handler: 'index.handler', Code: { ZipFile: '' }, Environment: { Variables: { ARN: { 'Fn::GetAtt': ['Worker', 'Arn'] }, SNAP: { 'Fn::GetAtt': ['Worker', 'SnapStartResponse'] } } } },
      },
    },
  } as never, { seed: 1, trace });
}

function invokeSync(sim: Simulation, payload: unknown): InvokeResponse | Promise<InvokeResponse> {
  const r = sim.world.calls.call(ROLE, 'lambda:InvokeFunction', 'worker', { invocationType: 'RequestResponse', payload });
  if (!r.ok) throw new Error(r.reason);
  return r.output.response!;
}

describe('what a handler throws, as Lambda reports it', () => {
  test.each([
    ['an Error', () => new TypeError('typed'), { errorType: 'TypeError', errorMessage: 'typed' }],
    ['an error whose name is empty', () => Object.assign(new Error('nameless'), { name: '' }), { errorType: 'Error', errorMessage: 'nameless' }],
    ['an object with a message', () => ({ name: 'Custom', message: 'duck' }), { errorType: 'Custom', errorMessage: 'duck' }],
    ['a string', () => 'plain text', { errorType: 'Error', errorMessage: 'plain text' }],
    ['an object without a message', () => ({ code: 42 }), { errorType: 'Error', errorMessage: '{"code":42}' }],
    ['undefined', () => undefined, { errorType: 'Error', errorMessage: 'undefined' }],
    ['null', () => null, { errorType: 'Error', errorMessage: 'null' }],
  ])('%s', (_, make, error) => {
    // GIVEN a handler throwing it
    const sim = simulation();
    sim.onInvoke('Worker', () => {
      throw make();
    });
    // WHEN invoked synchronously THEN the response carries the error, and the trace its message once it ends
    expect(invokeSync(sim, {})).toEqual({ kind: 'failed', timedOut: false, durationMs: 1, error });
    sim.advance(Duration.millis(1));
    expect(sim.events({ type: 'lambda.failed' }).map((e) => e.reason)).toEqual([error.errorMessage]);
  });

  test('a rejected Promise is reported the same way', async () => {
    const sim = simulation();
    sim.onInvoke('Worker', () => Promise.reject('rejected text'));
    expect(await invokeSync(sim, {})).toEqual({ kind: 'failed', timedOut: false, durationMs: 1, error: { errorType: 'Error', errorMessage: 'rejected text' } });
  });
});

describe('the invocation\'s end', () => {
  test('fails if the clock passes the end of an invocation whose handler has not settled, saying how to drive it', () => {
    // GIVEN a handler waiting on something outside the simulation
    const sim = simulation();
    sim.onInvoke('Worker', () => new Promise((resolve) => setTimeout(resolve, 10)));
    void invokeSync(sim, {});
    // WHEN the clock is run without awaiting handlers THEN the end refuses
    expect(() => sim.world.runtime.clock.run(5)).toThrow(new Error(
      'The handler of Worker returned a Promise that had not settled when its invocation ended: drive the simulation with `await sim.advance(…)` / `await sim.runUntilIdle()`',
    ));
  });

  test('in summary mode throttles are counted, not recorded', () => {
    // GIVEN reserved concurrency 1 and a 1 s handler
    const sim = simulation({ ReservedConcurrentExecutions: 1 }, 'summary');
    sim.onInvoke('Worker', () => 'ok', { duration: Duration.seconds(1) });
    // WHEN three synchronous invocations arrive at once
    const responses = [invokeSync(sim, {}), invokeSync(sim, {}), invokeSync(sim, {})];
    sim.advance(Duration.seconds(2));
    // THEN one ran, two were throttled, and only counts were kept
    expect(responses.map((r) => (r as { kind: string }).kind)).toEqual(['returned', 'throttled', 'throttled']);
    expect([sim.trace.count('lambda.invoked'), sim.trace.count('lambda.throttled'), sim.trace.count('lambda.succeeded')]).toEqual([1, 2, 1]);
    expect(sim.trace.events).toEqual([]);
    expect(sim.functionMetrics('Worker').totals).toEqual({ invocations: 1, errors: 0, throttles: 2, maxConcurrency: 1 });
  });

  test('a function without a Code property is code the template does not locate', () => {
    const sim = simulation({ Code: undefined });
    expect(sim.lambdaFunction('Worker').settings.code).toEqual({ kind: 'other', description: 'code the template does not locate' });
    expect(() => sim.onInvoke('Worker', 'inline')).toThrow(new Error('Worker\'s code is code the template does not locate; only inline code and local assets can run in-process'));
  });

  test('Ref and Arn of a function are its name and ARN; other attributes are known at deploy only', () => {
    const sim = simulation();
    expect(sim.lambdaFunction('Reader').settings.environment).toEqual({ ARN: 'arn:aws:lambda:us-east-1:123456789012:function:worker' });
    expect(sim.lambdaFunction('Reader').settings.unresolvedEnvironment).toEqual({ SNAP: 'Worker.SnapStartResponse' });
    expect(sim.lambdaFunction('Reader').name).toMatch(/^SimulatedStack-Reader-[A-Za-z0-9]{12}$/);
  });
});

describe('calls that get no answer', () => {
  const QUEUE_ARN = { 'Fn::GetAtt': ['Queue', 'Arn'] };

  function isolated(): { sim: Simulation; queueUrl: string } {
    const sim = Simulation.fromTemplate(build(isolatedNetwork([allow(['sqs:SendMessage'], QUEUE_ARN)])));
    return { sim, queueUrl: sim.queue('Queue').settings.url };
  }

  test('a call made after the handler\'s first await moves the end of the running invocation to its timeout', async () => {
    // GIVEN a handler that declares 1 s, awaits once, then calls SQS with no route (10 s timeout)
    const { sim, queueUrl } = isolated();
    sim.onInvoke('Fn', async (_e: unknown, context: LambdaContext) => {
      await new Promise((resolve) => setImmediate(resolve));
      await context.aws.sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: 'x' });
    }, { duration: Duration.seconds(1) });
    sim.invokeAsync('Fn', {});
    await sim.advance(Duration.seconds(30));
    // THEN the invocation ended at 10 s as a timeout (not at 1 s), naming the call; then it was retried
    const [timedOut] = sim.events({ type: 'lambda.timedOut' });
    expect([timedOut.time, timedOut.detail?.durationMs]).toEqual([10_000, 10_000]);
    expect(timedOut.detail?.unansweredCall).toMatch(/^sqs:SendMessage .*: sqs:SendMessage from Fn gets no answer/);
    expect(sim.functionMetrics('Fn').durations[0]).toEqual({ time: 10_000, value: 10_000 });
  });

  test('own code hung after its first await gives the process its environment back, though its Promise never settles', async () => {
    // GIVEN the function's inline code, with a variable, awaiting once and then calling SQS with no route
    const template = build(isolatedNetwork([allow(['sqs:SendMessage'], QUEUE_ARN)])) as unknown as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    Object.assign(template.Resources.Fn.Properties, {
      Code: { ZipFile: 'exports.handler = async (e, context) => { await new Promise((r) => setImmediate(r)); await context.aws.sqs.sendMessage({ QueueUrl: process.env.QUEUE_URL, MessageBody: "x" }); };' },
      Environment: { Variables: { QUEUE_URL: { Ref: 'Queue' } } },
    });
    const sim = Simulation.fromTemplate(template as never);
    sim.onInvoke('Fn', 'inline');
    sim.invokeAsync('Fn', {});
    // WHEN the clock runs past its timeout
    await sim.advance(Duration.seconds(11));
    // THEN it timed out at 10 s, and QUEUE_URL is no longer set in this process
    expect(sim.events({ type: 'lambda.timedOut' }).map((e) => e.time)).toEqual([10_000]);
    expect(process.env.QUEUE_URL).toBeUndefined();
  });

  test('a second call without answer changes nothing: the first one is the reason', async () => {
    const { sim, queueUrl } = isolated();
    const queueArn = sim.queue('Queue').arn;
    sim.onInvoke('Fn', async (_e: unknown, context: LambdaContext) => {
      await Promise.all([
        context.aws.sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: 'first' }),
        context.aws.call('sqs:SendMessage', queueArn, { body: 'second' }),
      ]);
    });
    sim.invokeAsync('Fn', {});
    await sim.advance(Duration.seconds(11));
    expect(sim.events({ type: 'lambda.callUnanswered' }).map((e) => e.detail?.resource)).toEqual([queueUrl, queueArn]);
    const [timedOut] = sim.events({ type: 'lambda.timedOut' });
    expect([timedOut.time, (timedOut.detail?.unansweredCall as string).startsWith(`sqs:SendMessage ${queueUrl}: `)]).toEqual([10_000, true]);
  });
});

describe('the metrics Lambda publishes', () => {
  test('Invocations, Duration and ConcurrentExecutions as CloudWatch datapoints, per period', async () => {
    // GIVEN two invocations at 0 s, running 1.5 s each
    const sim = simulation();
    sim.onInvoke('Worker', () => undefined, { duration: Duration.millis(1_500) });
    sim.invokeAsync('Worker', {});
    sim.invokeAsync('Worker', {});
    await sim.advance(Duration.seconds(5));
    const metric = (metricName: string) => sim.metrics.find({ namespace: 'AWS/Lambda', metricName, dimensions: { FunctionName: 'worker' } })!;
    // THEN the invocations count 2 in the first second
    expect(metric('Invocations').datapoints(0, 3_000, 1_000)).toEqual([{ time: 0, sampleCount: 2, sum: 2, minimum: 1, maximum: 1 }]);
    expect(metric('Errors').datapoints(0, 3_000, 1_000)).toEqual([]);
    // AND each duration is a sample at its end
    expect(metric('Duration').datapoints(0, 3_000, 1_000)).toEqual([{ time: 1_000, sampleCount: 2, sum: 3_000, minimum: 1_500, maximum: 1_500 }]);
    // AND the concurrency level in force at a period's start counts in it: 2 from 0 s, 0 from 1.5 s
    const concurrency = metric('ConcurrentExecutions');
    expect(concurrency.datapoints(0, 3_000, 1_000)).toEqual([
      { time: 0, sampleCount: 1, sum: 2, minimum: 2, maximum: 2 },
      { time: 1_000, sampleCount: 2, sum: 2, minimum: 0, maximum: 2 },
    ]);
    // AND a window starting after the first change starts from the level then: 2
    expect(concurrency.datapoints(1_000, 2_000, 1_000)).toEqual([{ time: 1_000, sampleCount: 2, sum: 2, minimum: 0, maximum: 2 }]);
    expect(concurrency.datapoints(2_000, 3_000, 1_000)).toEqual([]);
    // AND a window that does not start on a period boundary is aligned to it, and one that ends inside a period
    // stops there
    expect(metric('Duration').datapoints(1_200, 3_000, 1_000)).toEqual([{ time: 1_000, sampleCount: 2, sum: 3_000, minimum: 1_500, maximum: 1_500 }]);
    expect(metric('Duration').datapoints(1_000, 1_400, 1_000)).toEqual([]);
    expect(metric('Duration').datapoints(1_000, 1_501, 1_000)).toEqual([{ time: 1_000, sampleCount: 2, sum: 3_000, minimum: 1_500, maximum: 1_500 }]);
  });

  test('Throttles and Errors count per period; each metric has its unit and the FunctionName dimension', () => {
    // GIVEN reserved concurrency 1: of two synchronous invocations at once, one fails and one is throttled
    const sim = simulation({ ReservedConcurrentExecutions: 1 });
    sim.onInvoke('Worker', () => {
      throw new Error('no');
    });
    void invokeSync(sim, {});
    void invokeSync(sim, {});
    sim.advance(Duration.seconds(1));
    const metric = (metricName: string) => sim.metrics.find({ namespace: 'AWS/Lambda', metricName, dimensions: { FunctionName: 'worker' } });
    expect(metric('Throttles')!.datapoints(0, 1_000, 1_000)).toEqual([{ time: 0, sampleCount: 1, sum: 1, minimum: 1, maximum: 1 }]);
    expect(metric('Errors')!.datapoints(0, 1_000, 1_000)).toEqual([{ time: 0, sampleCount: 1, sum: 1, minimum: 1, maximum: 1 }]);
    expect(['Invocations', 'Errors', 'Throttles', 'Duration', 'ConcurrentExecutions'].map((name) => {
      const m = metric(name)!;
      return [m.namespace, m.metricName, m.unit, m.dimensions];
    })).toEqual([
      ['AWS/Lambda', 'Invocations', 'Count', { FunctionName: 'worker' }],
      ['AWS/Lambda', 'Errors', 'Count', { FunctionName: 'worker' }],
      ['AWS/Lambda', 'Throttles', 'Count', { FunctionName: 'worker' }],
      ['AWS/Lambda', 'Duration', 'Milliseconds', { FunctionName: 'worker' }],
      ['AWS/Lambda', 'ConcurrentExecutions', 'Count', { FunctionName: 'worker' }],
    ]);
  });
});
