import { Duration } from 'aws-cdk-lib';
import { LambdaContext, Simulation } from '../../../lib/simulator';
import { RoleCaller } from '../../../lib/simulator/world/calls';
import { snsQueuePolicy, subscription } from '../fixtures/templates';

// Asynchronous invocation's destinations of each kind (SNS topic, function, something not simulated), and the calls a
// handler makes through context.aws with the SDK's input shapes.

const BUS = 'arn:aws:events:us-east-1:123456789012:event-bus/default';
const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

interface Options {
  /** The Worker role's statements; default: publish to the topic, invoke Fallback, send to Seen. */
  readonly statements?: object[];
  /** EventInvokeConfig properties beyond FunctionName. */
  readonly invokeConfig?: Record<string, unknown>;
  /** DeadLetterConfig.TargetArn of Worker; default: an EventBridge bus. */
  readonly deadLetter?: unknown;
}

/** Worker (role, DLQ), Fallback, a topic with a raw queue subscription (Seen), Worker's EventInvokeConfig. */
function destinationTemplate(o: Options = {}): object {
  return {
    Resources: {
      Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'outcomes' } },
      Seen: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'seen' } },
      SeenPolicy: snsQueuePolicy('Topic', 'Seen'),
      Sub: subscription('Topic', 'Seen', { RawMessageDelivery: 'true' }),
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
      RolePolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'destinations',
          Roles: [{ Ref: 'Role' }],
          PolicyDocument: {
            Statement: o.statements ?? [
              { Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: 'Topic' } },
              { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: arn('Fallback') },
              { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arn('Seen') },
            ],
          },
        },
      },
      Worker: {
        Type: 'AWS::Lambda::Function',
        Properties: { FunctionName: 'worker', Handler: 'index.handler', Role: arn('Role'), Code: { ZipFile: '' }, Timeout: 10, DeadLetterConfig: { TargetArn: o.deadLetter ?? BUS } },
      },
      Fallback: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'fallback', Handler: 'index.handler', Code: { ZipFile: '' } } },
      InvokeConfig: {
        Type: 'AWS::Lambda::EventInvokeConfig',
        Properties: {
          FunctionName: { Ref: 'Worker' }, Qualifier: '$LATEST',
          ...(o.invokeConfig ?? { MaximumRetryAttempts: 0, DestinationConfig: { OnSuccess: { Destination: { Ref: 'Topic' } }, OnFailure: { Destination: arn('Fallback') } } }),
        },
      },
    },
  };
}

const simulation = (o: Options = {}) => Simulation.fromTemplate(destinationTemplate(o) as never, { seed: 1 });
const traceOf = (sim: Simulation, resource: string) => sim.events({ resource }).map(({ type, time, reason, detail }) => ({ type, time, reason, detail }));

describe('asynchronous invocation destinations', () => {
  test('an SNS topic as on-success destination gets the invocation record as its message', async () => {
    // GIVEN a handler that answers
    const sim = simulation();
    sim.onInvoke('Worker', (e: { n: number }) => ({ n: e.n + 1 }));
    // WHEN it is invoked asynchronously
    const requestId = sim.invokeAsync('Worker', { n: 1 });
    await sim.advance(Duration.minutes(1));
    // THEN the topic published the record, and its raw subscriber holds it
    const topicArn = sim.topic('Topic').arn;
    expect(sim.queue('Seen').visible.map((m) => JSON.parse(m.body))).toEqual([{
      version: '1.0', timestamp: '2026-01-01T00:00:00.001Z',
      requestContext: { requestId, functionArn: `${sim.lambdaFunction('Worker').arn}:$LATEST`, condition: 'Success', approximateInvokeCount: 1 },
      requestPayload: { n: 1 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: { n: 2 },
    }]);
    expect(traceOf(sim, 'Worker').filter((e) => e.type.startsWith('lambda.destination'))).toEqual([
      { type: 'lambda.destinationDelivered', time: 1, reason: undefined, detail: { requestId, destination: topicArn, kind: 'on-success destination' } },
    ]);
  });

  test('a function as on-failure destination is invoked asynchronously with the record as its event; a DLQ that is not simulated loses the event, with why', async () => {
    // GIVEN a failing Worker, a Fallback that keeps what it gets
    const sim = simulation();
    sim.onInvoke('Worker', () => {
      throw new RangeError('out of range');
    });
    const received: unknown[] = [];
    sim.onInvoke('Fallback', (e: unknown) => {
      received.push(e);
    });
    // WHEN Worker is invoked
    const requestId = sim.invokeAsync('Worker', { n: 1 });
    await sim.advance(Duration.minutes(1));
    // THEN Fallback got the record itself (not its JSON text)
    expect(received).toEqual([{
      version: '1.0', timestamp: '2026-01-01T00:00:00.001Z',
      requestContext: { requestId, functionArn: `${sim.lambdaFunction('Worker').arn}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 1 },
      requestPayload: { n: 1 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'RangeError', errorMessage: 'out of range' },
    }]);
    // AND the EventBridge DLQ is reported lost, the function destination delivered
    const fallbackArn = sim.lambdaFunction('Fallback').arn;
    expect(traceOf(sim, 'Worker').filter((e) => e.type.startsWith('lambda.destination') || e.type === 'lambda.asyncFailed')).toEqual([
      { type: 'lambda.asyncFailed', time: 1, reason: 'RetriesExhausted: out of range', detail: { requestId, attempts: 1, destination: fallbackArn, deadLetterQueue: BUS } },
      { type: 'lambda.destinationDelivered', time: 1, reason: undefined, detail: { requestId, destination: fallbackArn, kind: 'on-failure destination' } },
      {
        type: 'lambda.destinationFailed', time: 1, detail: { requestId },
        reason: `dead-letter queue ${BUS}: not an SQS queue, SNS topic or function of the template (EventBridge and S3 destinations are not simulated)`,
      },
    ]);
  });

  test('a destination the role may not publish to or invoke is lost, with the whole reason', async () => {
    // GIVEN a role with no statement at all
    const sim = simulation({ statements: [] });
    sim.onInvoke('Worker', () => 'ok');
    sim.onInvoke('Fallback', () => undefined);
    const requestId = sim.invokeAsync('Worker', {});
    await sim.advance(Duration.minutes(1));
    const topicArn = sim.topic('Topic').arn;
    expect(sim.queue('Seen').counts.visible).toBe(0);
    expect(traceOf(sim, 'Worker').filter((e) => e.type.startsWith('lambda.destination'))).toEqual([{
      type: 'lambda.destinationFailed', time: 1, detail: { requestId },
      reason: `on-success destination ${topicArn}: the execution role may not sns:Publish: no policy of Role allows sns:Publish on ${topicArn}`,
    }]);
  });

  test('an EventInvokeConfig without MaximumRetryAttempts keeps Lambda\'s 2 retries; one without destinations only drops to the DLQ', async () => {
    // GIVEN only a maximum event age, and a DLQ that is the raw queue
    const sim = simulation({ invokeConfig: { MaximumEventAgeInSeconds: 3600 }, deadLetter: arn('Seen') });
    let calls = 0;
    sim.onInvoke('Worker', () => {
      calls++;
      throw new Error('down');
    });
    sim.invokeAsync('Worker', { id: 'e' });
    await sim.advance(Duration.minutes(10));
    // THEN three attempts, and the original event in the DLQ with the error message
    expect(calls).toBe(3);
    expect(sim.queue('Seen').visible.map((m) => [m.body, m.attributes?.ErrorMessage])).toEqual([['{"id":"e"}', { DataType: 'String', StringValue: 'down' }]]);
  });

  test.each([
    ['names a function not in the template', (p: Record<string, unknown>) => {
      p.FunctionName = 'someone-else';
    }],
    ['has no FunctionName', (p: Record<string, unknown>) => {
      delete p.FunctionName;
    }],
  ])('an EventInvokeConfig that %s is ignored', async (_, edit) => {
    const template = destinationTemplate() as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    edit(template.Resources.InvokeConfig.Properties);
    const sim = Simulation.fromTemplate(template as never, { seed: 1 });
    let calls = 0;
    sim.onInvoke('Worker', () => {
      calls++;
      throw new Error('down');
    });
    sim.invokeAsync('Worker', {});
    await sim.advance(Duration.minutes(10));
    // THEN Lambda's defaults apply to Worker: 3 attempts, no destination
    expect(calls).toBe(3);
    expect(sim.events({ type: 'lambda.asyncFailed' }).map((e) => e.detail?.destination)).toEqual([undefined]);
  });
});

describe('lambda:InvokeFunction served to other callers', () => {
  const ROLE: RoleCaller = { kind: 'role', roleArn: undefined, roleKind: 'execution role' };

  test('an Event invocation answers with the request id; one over 1 MB is refused with Lambda\'s reason', async () => {
    const sim = simulation();
    sim.onInvoke('Fallback', () => undefined);
    const accepted = sim.world.calls.call(ROLE, 'lambda:InvokeFunction', 'fallback', { invocationType: 'Event', payload: { a: 1 } });
    expect(accepted).toEqual({ ok: true, output: { requestId: sim.events({ type: 'lambda.asyncQueued' })[0].detail?.requestId } });
    const refused = sim.world.calls.call(ROLE, 'lambda:InvokeFunction', 'fallback', { invocationType: 'Event', payload: 'x'.repeat(1_048_576) });
    expect(refused).toEqual({ ok: false, reason: 'the payload is 1048578 bytes; an asynchronous invocation takes at most 1048576' });
  });

  test('a role caller needs no AWS::Lambda::Permission; a service caller does, and is refused without one', () => {
    const sim = simulation();
    sim.onInvoke('Fallback', () => ({ ok: true }));
    const byRole = sim.world.calls.call(ROLE, 'lambda:InvokeFunction', 'fallback', { invocationType: 'RequestResponse', payload: {} });
    expect(byRole).toEqual({ ok: true, output: { requestId: expect.any(String), response: { kind: 'returned', durationMs: 1, payload: { ok: true } } } });
    const service = { kind: 'service' as const, principal: 'events.amazonaws.com', sourceArn: 'arn:aws:events:us-east-1:123456789012:rule/r', sourceAccount: '123456789012' };
    const byService = sim.world.calls.call(service, 'lambda:InvokeFunction', 'fallback', { invocationType: 'RequestResponse', payload: {} });
    expect(byService).toEqual({ ok: false, reason: 'no AWS::Lambda::Permission lets events.amazonaws.com invoke Fallback from arn:aws:events:us-east-1:123456789012:rule/r' });
  });
});

describe('context.aws with the SDK\'s shapes', () => {
  test('sns.publish passes subject and attributes (string, binary, or neither) and answers the MessageId', async () => {
    // GIVEN a handler publishing to the topic
    const sim = simulation();
    const topicArn = sim.topic('Topic').arn;
    const ids: string[] = [];
    sim.onInvoke('Worker', async (_e: unknown, context: LambdaContext) => {
      const { MessageId } = await context.aws.sns.publish({
        TopicArn: topicArn, Message: 'hello', Subject: 'greeting',
        MessageAttributes: { s: { DataType: 'String', StringValue: 'v' }, b: { DataType: 'Binary', BinaryValue: 'AQI=' }, e: { DataType: 'String' } },
      });
      ids.push(MessageId);
    });
    // WHEN it runs
    sim.invokeAsync('Worker', {});
    await sim.advance(Duration.seconds(1));
    // THEN the raw subscriber has the message with its attributes, under the id the handler got
    const [m] = sim.queue('Seen').visible;
    expect(ids).toEqual([sim.events({ type: 'sns.published' })[0].messageId]);
    expect([m.body, m.attributes]).toEqual(['hello', {
      s: { DataType: 'String', StringValue: 'v' }, b: { DataType: 'Binary', BinaryValue: 'AQI=' }, e: { DataType: 'String', StringValue: '' },
    }]);
  });

  test('sns.publish passes the subject: an enveloped subscriber sees it', async () => {
    // GIVEN the topic's subscription without raw delivery
    const template = destinationTemplate({ invokeConfig: { MaximumRetryAttempts: 0 } }) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    template.Resources.Sub.Properties.RawMessageDelivery = 'false';
    const sim = Simulation.fromTemplate(template as never, { seed: 1 });
    const topicArn = sim.topic('Topic').arn;
    sim.onInvoke('Worker', async (_e: unknown, context: LambdaContext) => {
      await context.aws.sns.publish({ TopicArn: topicArn, Message: 'hello', Subject: 'greeting', MessageAttributes: { s: { DataType: 'String', StringValue: 'v' } } });
    });
    sim.invokeAsync('Worker', {});
    await sim.advance(Duration.seconds(1));
    const envelope = JSON.parse(sim.queue('Seen').visible[0].body) as Record<string, unknown>;
    expect([envelope.Subject, envelope.Message, envelope.MessageAttributes]).toEqual(['greeting', 'hello', { s: { Type: 'String', Value: 'v' } }]);
  });

  test('sns.publish without attributes publishes none', async () => {
    const sim = simulation({ invokeConfig: { MaximumRetryAttempts: 0 } });
    const topicArn = sim.topic('Topic').arn;
    sim.onInvoke('Worker', async (_e: unknown, context: LambdaContext) => {
      await context.aws.sns.publish({ TopicArn: topicArn, Message: 'bare' });
    });
    sim.invokeAsync('Worker', {});
    await sim.advance(Duration.seconds(1));
    expect(sim.queue('Seen').visible.map((m) => [m.body, m.attributes])).toEqual([['bare', undefined]]);
  });

  test('sqs.sendMessage passes DelaySeconds in seconds: the message is visible that many seconds later', async () => {
    const sim = simulation({ invokeConfig: { MaximumRetryAttempts: 0 } });
    const queueUrl = sim.queue('Seen').settings.url;
    sim.onInvoke('Worker', async (_e: unknown, context: LambdaContext) => {
      await context.aws.sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: 'later', DelaySeconds: 5 });
      await context.aws.sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: 'now' });
    });
    sim.invokeAsync('Worker', {});
    await sim.advance(Duration.millis(4_999));
    expect(sim.queue('Seen').visible.map((m) => m.body)).toEqual(['now']);
    await sim.advance(Duration.millis(1));
    expect(sim.queue('Seen').visible.map((m) => m.body)).toEqual(['now', 'later']);
  });

  test('sqs.sendMessage with an attribute that has no value of its type is refused as AWS refuses it; one with its value is sent', async () => {
    // GIVEN a function sending three messages through the SDK shapes
    const sim = simulation({ invokeConfig: { MaximumRetryAttempts: 0 } });
    const queueUrl = sim.queue('Seen').settings.url;
    const errors: string[] = [];
    sim.onInvoke('Worker', async (_e: unknown, context: LambdaContext) => {
      const send = (MessageAttributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>) =>
        context.aws.sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: 'b', MessageAttributes }).catch((e: Error) => { errors.push(`${e.name}: ${e.message}`); });
      await send({ kind: { DataType: 'String' } });
      await send({ blob: { DataType: 'Binary', StringValue: 'not the binary field' } });
      await send({ kind: { DataType: 'String', StringValue: 'k' }, blob: { DataType: 'Binary.gz', BinaryValue: 'AQI=' } });
    });
    // WHEN it runs
    sim.invokeAsync('Worker', {});
    await sim.advance(Duration.seconds(1));
    // THEN the two without a value of their type are refused, naming the attribute and the field; the third is sent
    expect(errors).toEqual([
      `ServiceError: sqs:SendMessage on ${queueUrl}: the message attribute kind (String) has no StringValue: an attribute must carry a value of its type`,
      `ServiceError: sqs:SendMessage on ${queueUrl}: the message attribute blob (Binary) has no BinaryValue: an attribute must carry a value of its type`,
    ]);
    expect(sim.queue('Seen').visible.map((m) => m.attributes)).toEqual([{ kind: { DataType: 'String', StringValue: 'k' }, blob: { DataType: 'Binary.gz', BinaryValue: 'AQI=' } }]);
  });

  test('a refused call rejects, and is traced as lambda.callFailed with the action and resource', async () => {
    const sim = simulation({ statements: [] });
    const topicArn = sim.topic('Topic').arn;
    const errors: string[] = [];
    sim.onInvoke('Worker', async (_e: unknown, context: LambdaContext) => {
      await context.aws.call('sns:Publish', topicArn, { message: 'm' }).catch((e: Error) => errors.push(`${e.name}: ${e.message}`));
    });
    const requestId = sim.invokeAsync('Worker', {});
    await sim.advance(Duration.seconds(1));
    const reason = `the execution role may not sns:Publish: no policy of Role allows sns:Publish on ${topicArn}`;
    expect(errors).toEqual([`AccessDenied: sns:Publish on ${topicArn}: ${reason}`]);
    expect(traceOf(sim, 'Worker').filter((e) => e.type === 'lambda.callFailed')).toEqual([
      { type: 'lambda.callFailed', time: 0, reason, detail: { requestId: expect.any(String), action: 'sns:Publish', resource: topicArn } },
    ]);
    expect(requestId).toEqual(expect.any(String));
  });
});
