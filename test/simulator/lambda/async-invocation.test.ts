import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';

/** A function invoked asynchronously, with an EventInvokeConfig, an on-failure queue and a function DLQ. */
function asyncTemplate(o: { retries?: number; maxAge?: number; reserved?: number; canSend?: boolean; onSuccess?: boolean; timeout?: number } = {}): object {
  const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
  return {
    Resources: {
      Failures: { Type: 'AWS::SQS::Queue', Properties: {} },
      Successes: { Type: 'AWS::SQS::Queue', Properties: {} },
      FunctionDlq: { Type: 'AWS::SQS::Queue', Properties: {} },
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
      RolePolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'destinations',
          Roles: [{ Ref: 'Role' }],
          PolicyDocument: { Statement: o.canSend === false ? [] : [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: [arn('Failures'), arn('Successes'), arn('FunctionDlq')] }] },
        },
      },
      Worker: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Handler: 'index.handler',
          Role: arn('Role'),
          Code: { ZipFile: 'exports.handler = async () => {}' },
          Timeout: o.timeout ?? 10,
          DeadLetterConfig: { TargetArn: arn('FunctionDlq') },
          ...(o.reserved !== undefined ? { ReservedConcurrentExecutions: o.reserved } : {}),
        },
      },
      InvokeConfig: {
        Type: 'AWS::Lambda::EventInvokeConfig',
        Properties: {
          FunctionName: { Ref: 'Worker' },
          Qualifier: '$LATEST',
          MaximumRetryAttempts: o.retries ?? 2,
          ...(o.maxAge !== undefined ? { MaximumEventAgeInSeconds: o.maxAge } : {}),
          DestinationConfig: {
            OnFailure: { Destination: arn('Failures') },
            ...(o.onSuccess ? { OnSuccess: { Destination: arn('Successes') } } : {}),
          },
        },
      },
    },
  };
}

// Every test advances one hour, not until idle: idle would run the queues' 4-day retention and empty them.
function simulation(o: Parameters<typeof asyncTemplate>[0] = {}): Simulation {
  return Simulation.fromTemplate(asyncTemplate(o) as never, { seed: 1 });
}

/** Registers a handler that always throws, invokes it once asynchronously, runs the clock, and counts the attempts. */
async function invokeFailingFor(sim: Simulation, duration: Duration): Promise<number> {
  let calls = 0;
  sim.onInvoke('Worker', () => {
    calls++;
    throw new Error('no');
  });
  sim.invokeAsync('Worker', {});
  await sim.advance(duration);
  return calls;
}

describe('asynchronous invocation', () => {
  test('a failing event is retried twice, 1 minute and then 2 more minutes later, then sent to the destination and the DLQ', async () => {
    // GIVEN a handler that always fails
    const sim = simulation();
    const attempts: number[] = [];
    sim.onInvoke('Worker', () => {
      attempts.push(sim.now);
      throw new Error('downstream is down');
    }, { duration: Duration.seconds(1) });
    // WHEN it is invoked asynchronously
    const requestId = sim.invokeAsync('Worker', { orderId: 42 });
    await sim.advance(Duration.hours(1));
    // THEN 3 attempts, each retry 1 and 2 minutes after the previous attempt ended
    expect(attempts).toEqual([0, 61_000, 182_000]);
    // AND the on-failure destination got an invocation record, the DLQ the original event with the error
    const [record] = sim.queue('Failures').visible;
    expect(JSON.parse(record.body)).toMatchObject({
      requestContext: { requestId, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { orderId: 42 },
      responseContext: { functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: 'downstream is down' },
    });
    const [dead] = sim.queue('FunctionDlq').visible;
    expect(JSON.parse(dead.body)).toEqual({ orderId: 42 });
    expect(dead.attributes?.ErrorMessage.StringValue).toBe('downstream is down');
  });

  test('MaximumRetryAttempts 0: one attempt, then the destination', async () => {
    const sim = simulation({ retries: 0 });
    const calls = await invokeFailingFor(sim, Duration.hours(1));
    expect(calls).toBe(1);
    expect(sim.queue('Failures').counts.visible).toBe(1);
  });

  test('a timeout is a function error and is retried', async () => {
    const sim = simulation({ retries: 1 });
    sim.onInvoke('Worker', () => 'done', { duration: Duration.seconds(11) });
    sim.invokeAsync('Worker', {});
    await sim.advance(Duration.hours(1));
    expect(sim.events({ type: 'lambda.timedOut' })).toHaveLength(2);
    expect(JSON.parse(sim.queue('Failures').visible[0].body).responsePayload.errorType).toBe('Sandbox.Timedout');
  });

  test('a retry that would come after the maximum event age is not made: EventAgeExceeded', async () => {
    // GIVEN events may be 90 s old: the second retry (3 minutes in) is too late
    const sim = simulation({ maxAge: 90 });
    const calls = await invokeFailingFor(sim, Duration.hours(1));
    expect(calls).toBe(2);
    expect(JSON.parse(sim.queue('Failures').visible[0].body).requestContext.condition).toBe('EventAgeExceeded');
  });

  test('reserved concurrency 0: the event goes to the destination at once, without retries', async () => {
    const sim = simulation({ reserved: 0 });
    sim.onInvoke('Worker', () => undefined);
    sim.invokeAsync('Worker', {});
    await sim.advance(Duration.hours(1));
    expect(sim.functionMetrics('Worker').totals.invocations).toBe(0);
    expect(sim.queue('Failures').visible).toHaveLength(1);
    expect(sim.events({ type: 'lambda.asyncFailed' })[0].time).toBe(0);
  });

  test('throttles are retried with a growing backoff while the event is young enough', async () => {
    // GIVEN one concurrent execution, a 100 s invocation holding it, and a second event
    const sim = simulation({ reserved: 1, maxAge: 60, timeout: 300 });
    sim.onInvoke('Worker', () => undefined, { duration: Duration.seconds(100) });
    sim.invokeAsync('Worker', { n: 1 });
    sim.invokeAsync('Worker', { n: 2 });
    await sim.advance(Duration.hours(1));
    // THEN the second is throttled at 0, 1, 3, 7, 15, 31 s; the next try (63 s) is past 60 s: EventAgeExceeded
    expect(sim.events({ type: 'lambda.throttled' }).map((e) => e.time)).toEqual([0, 1000, 3000, 7000, 15_000, 31_000]);
    expect(JSON.parse(sim.queue('Failures').visible[0].body)).toMatchObject({ requestContext: { condition: 'EventAgeExceeded' }, requestPayload: { n: 2 } });
  });

  test('a success goes to the on-success destination with the response', async () => {
    const sim = simulation({ onSuccess: true });
    sim.onInvoke('Worker', async (e: { n: number }) => ({ doubled: e.n * 2 }));
    sim.invokeAsync('Worker', { n: 21 });
    await sim.advance(Duration.hours(1));
    expect(JSON.parse(sim.queue('Successes').visible[0].body)).toMatchObject({ requestContext: { condition: 'Success' }, responsePayload: { doubled: 42 } });
  });

  test('a destination the role may not send to loses the record, with the reason', async () => {
    const sim = simulation({ retries: 0, canSend: false });
    sim.onInvoke('Worker', () => {
      throw new Error('no');
    });
    sim.invokeAsync('Worker', {});
    await sim.advance(Duration.hours(1));
    expect(sim.queue('Failures').counts.visible).toBe(0);
    expect(sim.events({ type: 'lambda.destinationFailed' })[0].reason).toMatch(/execution role may not sqs:SendMessage/);
  });

  test('reserved concurrency 0: the whole failure record, the DLQ attributes and the trace of the event', async () => {
    const sim = simulation({ reserved: 0 });
    sim.onInvoke('Worker', () => undefined);
    const requestId = sim.invokeAsync('Worker', { orderId: 7 });
    await sim.advance(Duration.hours(1));
    const functionArn = sim.lambda.lambdaFunction('Worker').arn;
    const message = 'ReservedFunctionConcurrentInvocationLimitExceeded: reserved concurrency is 0';
    expect(JSON.parse(sim.queue('Failures').visible[0].body)).toEqual({
      version: '1.0', timestamp: '2026-01-01T00:00:00.000Z',
      requestContext: { requestId, functionArn: `${functionArn}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 0 },
      requestPayload: { orderId: 7 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'TooManyRequestsException', errorMessage: message },
    });
    const [dead] = sim.queue('FunctionDlq').visible;
    expect(JSON.parse(dead.body)).toEqual({ orderId: 7 });
    expect(dead.attributes).toEqual({
      RequestID: { DataType: 'String', StringValue: requestId },
      ErrorCode: { DataType: 'Number', StringValue: '200' },
      ErrorMessage: { DataType: 'String', StringValue: message },
    });
    const failuresArn = functionArn.replace(/:lambda:(.*):function:.*/, ':sqs:$1:');
    expect(sim.events({ resource: 'Worker' }).map(({ type, time, reason, detail }) => ({ type, time, reason, detail }))).toEqual([
      { type: 'lambda.asyncQueued', time: 0, reason: undefined, detail: { requestId } },
      { type: 'lambda.throttled', time: 0, reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', detail: undefined },
      { type: 'lambda.asyncFailed', time: 0, reason: `RetriesExhausted: ${message}`, detail: { requestId, attempts: 0, destination: expect.stringContaining(failuresArn), deadLetterQueue: expect.stringContaining(failuresArn) } },
      { type: 'lambda.destinationDelivered', time: 0, reason: undefined, detail: { requestId, destination: expect.stringContaining(failuresArn), kind: 'on-failure destination' } },
      { type: 'lambda.destinationDelivered', time: 0, reason: undefined, detail: { requestId, destination: expect.stringContaining(failuresArn), kind: 'dead-letter queue' } },
    ]);
  });

  test('a failing event: the trace of each attempt, retry and delivery, with the whole on-failure record', async () => {
    const sim = simulation({ retries: 1 });
    sim.onInvoke('Worker', () => {
      throw new TypeError('bad order');
    }, { duration: Duration.seconds(1) });
    const requestId = sim.invokeAsync('Worker', { orderId: 8 });
    await sim.advance(Duration.hours(1));
    expect(sim.events({ resource: 'Worker' }).filter((e) => e.type.startsWith('lambda.async')).map(({ type, time, reason, detail }) => ({ type, time, reason, detail }))).toEqual([
      { type: 'lambda.asyncQueued', time: 0, reason: undefined, detail: { requestId } },
      { type: 'lambda.asyncRetryScheduled', time: 1000, reason: 'bad order', detail: { requestId, attempt: 1, retryAt: 61_000 } },
      { type: 'lambda.asyncFailed', time: 62_000, reason: 'RetriesExhausted: bad order', detail: { requestId, attempts: 2, destination: expect.stringMatching(/^arn:aws:sqs:/), deadLetterQueue: expect.stringMatching(/^arn:aws:sqs:/) } },
    ]);
    expect(JSON.parse(sim.queue('Failures').visible[0].body)).toEqual({
      version: '1.0', timestamp: '2026-01-01T00:01:02.000Z',
      requestContext: { requestId, functionArn: `${sim.lambda.lambdaFunction('Worker').arn}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 2 },
      requestPayload: { orderId: 8 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'TypeError', errorMessage: 'bad order' },
    });
  });

  test('a success: the whole on-success record (no functionError), sent when the 1 ms default invocation ends, and the asyncSucceeded entry', async () => {
    const sim = simulation({ onSuccess: true });
    sim.onInvoke('Worker', () => ({ ok: true }));
    const requestId = sim.invokeAsync('Worker', { n: 1 });
    await sim.advance(Duration.hours(1));
    expect(JSON.parse(sim.queue('Successes').visible[0].body)).toEqual({
      version: '1.0', timestamp: '2026-01-01T00:00:00.001Z',
      requestContext: { requestId, functionArn: `${sim.lambda.lambdaFunction('Worker').arn}:$LATEST`, condition: 'Success', approximateInvokeCount: 1 },
      requestPayload: { n: 1 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: { ok: true },
    });
    expect(sim.events({ type: 'lambda.asyncSucceeded' }).map((e) => e.detail)).toEqual([{ requestId, attempts: 1 }]);
  });

  test('without destination nor DLQ a failed event is dropped, with the reason', async () => {
    const template = asyncTemplate({ retries: 0 }) as { Resources: Record<string, any> };
    delete template.Resources.Worker.Properties.DeadLetterConfig;
    delete template.Resources.InvokeConfig.Properties.DestinationConfig;
    const sim = Simulation.fromTemplate(template as never, { seed: 1 });
    sim.onInvoke('Worker', () => {
      throw new Error('no');
    });
    const requestId = sim.invokeAsync('Worker', {});
    await sim.advance(Duration.hours(1));
    expect(sim.events({ type: 'lambda.asyncDropped' }).map(({ resource, reason, detail }) => ({ resource, reason, detail }))).toEqual([
      { resource: 'Worker', reason: 'RetriesExhausted, and the function has neither an on-failure destination nor a dead-letter queue', detail: { requestId } },
    ]);
  });
});
