import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { InvokeResponse } from '../../../lib/simulator/services/lambda';
import { Caller } from '../../../lib/simulator/world/calls';

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:answer';
const API: Caller = { kind: 'service', principal: 'apigateway.amazonaws.com', sourceArn: 'arn:aws:execute-api:us-east-1:123456789012:api/prod/GET/x', sourceAccount: '123456789012' };

/** One function (3 s timeout, reserved concurrency 1) that API Gateway may invoke. */
function simulation(): Simulation {
  return Simulation.fromTemplate({
    Resources: {
      Answer: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'answer', Handler: 'index.handler', Code: { ZipFile: '' }, Timeout: 3, ReservedConcurrentExecutions: 1 } },
      Permission: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: FUNCTION_ARN, Principal: 'apigateway.amazonaws.com' } },
    },
  });
}

function invoke(sim: Simulation, payload: unknown): InvokeResponse | Promise<InvokeResponse> {
  const result = sim.world.calls.call(API, 'lambda:InvokeFunction', FUNCTION_ARN, { invocationType: 'RequestResponse', payload });
  if (!result.ok) throw new Error(result.reason);
  return result.output.response!;
}

describe('synchronous invocation (RequestResponse) through world.calls', () => {
  test('answers with the handler\'s JSON response and its duration, and holds concurrency until the duration ends', () => {
    // GIVEN a handler that takes 200 ms
    const sim = simulation();
    sim.onInvoke('Answer', (event: { n: number }) => ({ doubled: event.n * 2, at: new Date(0), dropped: undefined }), { duration: Duration.millis(200) });
    // WHEN it is invoked twice at the same instant
    const first = invoke(sim, { n: 21 });
    const second = invoke(sim, { n: 1 });
    // THEN the first answers with the response as JSON, the second is throttled (reserved concurrency 1)
    expect(first).toEqual({ kind: 'returned', durationMs: 200, payload: { doubled: 42, at: '1970-01-01T00:00:00.000Z' } });
    expect(second).toEqual({ kind: 'throttled', reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    // AND once 200 ms have passed the function can run again
    sim.advance(Duration.millis(200));
    expect(invoke(sim, { n: 2 })).toMatchObject({ kind: 'returned', payload: { doubled: 4 } });
  });

  test('a handler returning a Promise answers once it settles', async () => {
    const sim = simulation();
    sim.onInvoke('Answer', async () => ({ ok: true }));
    const response = invoke(sim, {});
    expect(response).toBeInstanceOf(Promise);
    await expect(response).resolves.toEqual({ kind: 'returned', durationMs: 1, payload: { ok: true } });
  });

  test('fails if the handler throws, runs past the timeout or returns what JSON cannot hold', async () => {
    const sim = simulation();
    sim.onInvoke('Answer', (event: { mode: string }) => {
      if (event.mode === 'throw') throw new TypeError('bad input');
      return event.mode === 'bigint' ? { n: BigInt(1) } : 'slow';
    }, { duration: (event: { mode: string }) => Duration.millis(event.mode === 'slow' ? 3_001 : 1) });
    expect(invoke(sim, { mode: 'throw' })).toEqual({ kind: 'failed', timedOut: false, durationMs: 1, error: { errorType: 'TypeError', errorMessage: 'bad input' } });
    await sim.advance(Duration.millis(1));
    expect(invoke(sim, { mode: 'bigint' })).toMatchObject({ kind: 'failed', error: { errorType: 'Runtime.MarshalError' } });
    await sim.advance(Duration.millis(1));
    // 3,000 ms is the limit: 3,001 ms declared is a timeout at 3,000 ms
    expect(invoke(sim, { mode: 'slow' })).toMatchObject({ kind: 'failed', timedOut: true, durationMs: 3_000, error: { errorType: 'Sandbox.Timedout' } });
  });

  test('the errors a caller gets are whole: the timeout with the request id, the marshal error, the size limit at 6 MB and one byte past it', async () => {
    const sim = simulation();
    const LIMIT = 6_291_456;
    sim.onInvoke('Answer', (event: { mode: string }) => {
      if (event.mode === 'bigint') return { n: BigInt(1) };
      if (event.mode === 'undefined') return undefined;
      // A JSON string of `n` bytes: the quotes count.
      const bytes = event.mode === 'at' ? LIMIT : event.mode === 'past' ? LIMIT + 1 : 2;
      return 'x'.repeat(bytes - 2);
    }, { duration: (event: { mode: string }) => Duration.millis(event.mode === 'slow' ? 5_000 : 1) });
    const next = async (mode: string) => {
      const r = await invoke(sim, { mode });
      await sim.advance(Duration.seconds(5));
      return r;
    };
    expect(await next('bigint')).toEqual({ kind: 'failed', timedOut: false, durationMs: 1, error: { errorType: 'Runtime.MarshalError', errorMessage: 'Unable to marshal response: Do not know how to serialize a BigInt' } });
    expect(await next('undefined')).toEqual({ kind: 'returned', durationMs: 1, payload: null });
    expect(((await next('at')) as { payload: string }).payload).toHaveLength(LIMIT - 2);
    expect(await next('past')).toEqual({
      kind: 'failed', timedOut: false, durationMs: 1,
      error: { errorType: 'Function.ResponseSizeTooLarge', errorMessage: 'Response payload size exceeded maximum allowed payload size (6291456 bytes).' },
    });
    const slow = await next('slow');
    const [timedOut] = sim.events({ type: 'lambda.timedOut' });
    expect(slow).toEqual({
      kind: 'failed', timedOut: true, durationMs: 3_000,
      error: { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${timedOut.detail?.requestId} Error: Task timed out after 3.00 seconds` },
    });
  });
});

