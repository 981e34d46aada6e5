import { Duration } from 'aws-cdk-lib';
import { LambdaContext, Simulation } from '../../../lib/simulator';
import { InvokeResponse } from '../../../lib/simulator/services/lambda';
import { functionByName } from '../../../lib/simulator/services/lambda/function';
import { RoleCaller } from '../../../lib/simulator/world/calls';

// What the simulator reads from AWS::Lambda::Function, with Lambda's defaults; the context a handler gets; the
// duration rules at their limits; and finding a function by what a template calls it.

const ROLE: RoleCaller = { kind: 'role', roleArn: undefined, roleKind: 'execution role' };
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:worker';

function simulation(properties: Record<string, unknown> = {}): Simulation {
  return Simulation.fromTemplate({
    Resources: {
      Worker: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'worker', Handler: 'index.handler', Code: { ZipFile: 'exports.handler = () => 1;' }, ...properties } },
      Other: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'other', Handler: 'index.handler', Code: { ZipFile: '' } } },
    },
  } as never, { seed: 1 });
}

function invoke(sim: Simulation, payload: unknown = {}): InvokeResponse | Promise<InvokeResponse> {
  const r = sim.world.calls.call(ROLE, 'lambda:InvokeFunction', 'worker', { invocationType: 'RequestResponse', payload });
  if (!r.ok) throw new Error(r.reason);
  return r.output.response!;
}

describe('the settings of a function', () => {
  test('fails if asked for a resource that is not a function, saying what it is', () => {
    const sim = Simulation.fromTemplate({
      Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: {} }, Worker: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Code: { ZipFile: '' } } } },
    } as never);
    const error = new Error('Queue is an AWS::SQS::Queue, not a Lambda function');
    expect(() => sim.lambdaFunction('Queue')).toThrow(error);
    expect(() => sim.functionMetrics('Queue')).toThrow(error);
    expect(() => sim.onInvoke('Queue', () => undefined)).toThrow(error);
    expect(() => sim.invokeAsync('Queue', {})).toThrow(error);
  });

  test('Lambda\'s defaults: 3 s timeout, 128 MB, no reservation, no role, no DLQ', () => {
    expect(simulation().lambdaFunction('Worker').settings).toEqual({
      logicalId: 'Worker', name: 'worker', arn: ARN, timeoutMs: 3_000, memoryMb: 128, reservedConcurrency: undefined, roleArn: undefined,
      handler: 'index.handler', runtime: undefined, environment: {}, unresolvedEnvironment: {},
      code: { kind: 'inline', source: 'exports.handler = () => 1;' }, deadLetterTargetArn: undefined,
    });
  });

  test('each setting given', () => {
    const settings = simulation({
      Timeout: 900, MemorySize: 10_240, ReservedConcurrentExecutions: 7, Role: 'arn:aws:iam::123456789012:role/r', Runtime: 'nodejs22.x',
      DeadLetterConfig: { TargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq' },
    }).lambdaFunction('Worker').settings;
    expect(settings).toMatchObject({
      timeoutMs: 900_000, memoryMb: 10_240, reservedConcurrency: 7, roleArn: 'arn:aws:iam::123456789012:role/r', runtime: 'nodejs22.x',
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq',
    });
  });

  test('a DeadLetterConfig without a TargetArn is no DLQ', () => {
    expect(simulation({ DeadLetterConfig: {} }).lambdaFunction('Worker').settings.deadLetterTargetArn).toBeUndefined();
  });
});

describe('the context a handler gets', () => {
  test('every field, from the function and the invocation', () => {
    const sim = simulation({ Timeout: 7, MemorySize: 512 });
    let seen: Omit<LambdaContext, 'aws' | 'getRemainingTimeInMillis'> & { remaining: number } | undefined;
    sim.onInvoke('Worker', (_e: unknown, c: LambdaContext) => {
      seen = {
        functionName: c.functionName, functionVersion: c.functionVersion, invokedFunctionArn: c.invokedFunctionArn, memoryLimitInMB: c.memoryLimitInMB,
        awsRequestId: c.awsRequestId, logGroupName: c.logGroupName, logStreamName: c.logStreamName, callbackWaitsForEmptyEventLoop: c.callbackWaitsForEmptyEventLoop,
        remaining: c.getRemainingTimeInMillis(),
      };
    });
    void invoke(sim);
    const requestId = sim.events({ type: 'lambda.invoked' })[0].detail?.requestId as string;
    expect(seen).toEqual({
      functionName: 'worker', functionVersion: '$LATEST', invokedFunctionArn: ARN, memoryLimitInMB: '512', awsRequestId: requestId,
      logGroupName: '/aws/lambda/worker', logStreamName: `2026/01/01/[$LATEST]${requestId.replace(/-/g, '')}`, callbackWaitsForEmptyEventLoop: true,
      remaining: 7_000,
    });
    expect(requestId).toMatch(/-/);
  });

  test('context.aws is one client per invocation', () => {
    const sim = simulation();
    const clients: unknown[] = [];
    sim.onInvoke('Worker', (_e: unknown, c: LambdaContext) => {
      clients.push(c.aws, c.aws);
    });
    void invoke(sim);
    sim.advance(Duration.millis(1));
    void invoke(sim);
    expect(clients[0]).toBe(clients[1]);
    expect(clients[2]).not.toBe(clients[0]);
  });
});

describe('durations at their limits', () => {
  test('a declared duration equal to the timeout succeeds; a zero one lasts 1 ms', () => {
    const sim = simulation({ Timeout: 3 });
    sim.onInvoke('Worker', (e: { ms: number }) => e.ms, { duration: (e: { ms: number }) => Duration.millis(e.ms) });
    expect(invoke(sim, { ms: 3_000 })).toEqual({ kind: 'returned', durationMs: 3_000, payload: 3_000 });
    sim.advance(Duration.seconds(3));
    expect(invoke(sim, { ms: 0 })).toEqual({ kind: 'returned', durationMs: 1, payload: 0 });
    sim.advance(Duration.millis(1));
    expect(sim.functionMetrics('Worker').durations).toEqual([{ time: 3_000, value: 3_000 }, { time: 3_001, value: 1 }]);
  });

  test('a response with a `then` that is not a function is a value, not a Promise', () => {
    const sim = simulation();
    sim.onInvoke('Worker', () => ({ then: 'later' }));
    expect(invoke(sim)).toEqual({ kind: 'returned', durationMs: 1, payload: { then: 'later' } });
  });

  test('a handler registered on sim.lambda without options lasts 1 ms', () => {
    const sim = simulation();
    sim.lambda.onInvoke('Worker', () => 'ok');
    expect(invoke(sim)).toEqual({ kind: 'returned', durationMs: 1, payload: 'ok' });
  });
});

describe('finding a function by what a template calls it', () => {
  test('its name, its ARN, its ARN with a version or alias; not another function\'s, nor a partial name', () => {
    const sim = simulation();
    const worker = sim.lambdaFunction('Worker');
    for (const name of ['worker', ARN, `${ARN}:$LATEST`, `${ARN}:live`]) expect([name, functionByName(sim.world, name)]).toEqual([name, worker]);
    for (const name of ['work', `${ARN}x`, 'arn:aws:lambda:us-east-1:123456789012:function:other', '']) {
      expect([name, functionByName(sim.world, name)?.logicalId]).toEqual([name, name.endsWith(':other') ? 'Other' : undefined]);
    }
  });
});

describe('the trace of invocations and calls', () => {
  test('lambda.invoked carries the request id and how many run with it; lambda.called the action and resource', async () => {
    // GIVEN a handler that sends to a queue of the template (no role: nothing to check)
    const sim = Simulation.fromTemplate({
      Resources: {
        Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'out' } },
        Worker: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'worker', Handler: 'index.handler', Code: { ZipFile: '' } } },
      },
    } as never, { seed: 1 });
    const queueUrl = sim.queue('Queue').settings.url;
    sim.onInvoke('Worker', async (e: { body: string }, c: LambdaContext) => {
      await c.aws.sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: e.body });
    }, { duration: Duration.seconds(1) });
    // WHEN it is invoked twice at once
    const first = invoke(sim, { body: 'a' });
    const second = invoke(sim, { body: 'b' });
    await Promise.all([first, second]);
    await sim.advance(Duration.seconds(1));
    // THEN each invocation and each call is recorded whole
    const ids = sim.events({ type: 'lambda.invoked' }).map((e) => e.detail?.requestId);
    expect(sim.events({ resource: 'Worker' }).filter((e) => e.type === 'lambda.invoked' || e.type === 'lambda.called').map(({ type, time, reason, detail }) => ({ type, time, reason, detail }))).toEqual([
      { type: 'lambda.invoked', time: 0, reason: undefined, detail: { requestId: ids[0], concurrency: 1 } },
      { type: 'lambda.called', time: 0, reason: undefined, detail: { requestId: ids[0], action: 'sqs:SendMessage', resource: queueUrl } },
      { type: 'lambda.invoked', time: 0, reason: undefined, detail: { requestId: ids[1], concurrency: 2 } },
      { type: 'lambda.called', time: 0, reason: undefined, detail: { requestId: ids[1], action: 'sqs:SendMessage', resource: queueUrl } },
    ]);
    expect(new Set(ids).size).toBe(2);
    expect(sim.queue('Queue').visible.map((m) => m.body)).toEqual(['a', 'b']);
  });
});
