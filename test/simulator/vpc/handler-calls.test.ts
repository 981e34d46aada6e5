import { Duration } from 'aws-cdk-lib';
import { AwsCallError, LambdaContext, Simulation } from '../../../lib/simulator';
import { snsQueuePolicy, subscription } from '../fixtures/templates';
import { Resources, allow, build, interfaceEndpoint, isolatedNetwork } from './network-template';

const QUEUE_ARN = { 'Fn::GetAtt': ['Queue', 'Arn'] };
const SEND = allow(['sqs:SendMessage'], QUEUE_ARN);
const PUBLISH = allow(['sns:Publish'], { Ref: 'Topic' });

function simulate(...parts: Resources[]): { sim: Simulation; queueUrl: string; topicArn: string } {
  const sim = Simulation.fromTemplate(build(...parts));
  return { sim, queueUrl: sim.queue('Queue').settings.url, topicArn: sim.topic('Topic').arn };
}

/** The function running its own inline code, which sends `event.id` to the queue in QUEUE_URL through context.aws. */
function ownCode(route: Resources): Simulation {
  const network = isolatedNetwork([SEND]);
  Object.assign(network.Fn.Properties!, {
    Code: { ZipFile: 'exports.handler = async (event, context) => { await context.aws.sqs.sendMessage({ QueueUrl: process.env.QUEUE_URL, MessageBody: event.id }); };' },
    Environment: { Variables: { QUEUE_URL: { Ref: 'Queue' } } },
  });
  const { sim } = simulate(network, route);
  sim.onInvoke('Fn', 'inline');
  return sim;
}

describe('context.aws: calls a handler makes as its function', () => {
  test('a granted call through an endpoint is served: the message lands, traced on the function', async () => {
    // GIVEN a function in an isolated subnet with an SQS endpoint, granted sqs:SendMessage
    const { sim, queueUrl } = simulate(isolatedNetwork([SEND]), interfaceEndpoint('sqs'));
    sim.onInvoke('Fn', async (event: { id: string }, context: LambdaContext) => {
      const { MessageId } = await context.aws.sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: event.id, MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } } });
      return MessageId;
    });
    // WHEN it is invoked
    sim.invokeAsync('Fn', { id: 'o-1' });
    await sim.advance(Duration.minutes(1));
    // THEN the message is in the queue and the invocation succeeded
    expect(sim.queue('Queue').visible.map((m) => [m.body, m.attributes?.kind?.StringValue])).toEqual([['o-1', 'order']]);
    expect(sim.events({ type: 'lambda.called' }).map((e) => e.detail)).toEqual([expect.objectContaining({ action: 'sqs:SendMessage', resource: queueUrl })]);
    expect(sim.events({ type: 'lambda.succeeded' })).toHaveLength(1);
  });

  test('a call with no route gets no answer: the invocation runs into its timeout, traced with what blocks it', async () => {
    // GIVEN the same function without the endpoint (10 s timeout)
    const { sim, queueUrl } = simulate(isolatedNetwork([SEND]));
    let answered = false;
    sim.onInvoke('Fn', async (_event: unknown, context: LambdaContext) => {
      await context.aws.sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: 'x' });
      answered = true;
    });
    // WHEN it is invoked
    sim.invokeAsync('Fn', {});
    await sim.advance(Duration.seconds(30));
    // THEN the call never returned, nothing landed, and the invocation timed out at 10 s
    expect(answered).toBe(false);
    expect(sim.queue('Queue').counts.visible).toBe(0);
    const [unanswered] = sim.events({ type: 'lambda.callUnanswered' });
    expect(unanswered.reason).toMatch(/^sqs:SendMessage from Fn gets no answer: Amazon SQS is unreachable: route table PrivateRoutes .* has no route to 0\.0\.0\.0\/0/);
    const [timedOut] = sim.events({ type: 'lambda.timedOut' });
    expect([timedOut.time, timedOut.reason]).toEqual([10_000, expect.stringMatching(/Task timed out after 10\.00 seconds$/)]);
    expect(timedOut.detail).toMatchObject({ unansweredCall: expect.stringMatching(/^sqs:SendMessage https:\/\/sqs\..*PrivateRoutes/) });
  });

  test('a synchronous handler that makes an unanswered call times out too', () => {
    const { sim, queueUrl } = simulate(isolatedNetwork([SEND]));
    sim.onInvoke('Fn', (_event: unknown, context: LambdaContext) => {
      void context.aws.sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: 'x' });
      return 'done';
    }, { duration: Duration.millis(5) });
    sim.invokeAsync('Fn', {});
    sim.advance(Duration.seconds(11));
    expect(sim.events({ type: 'lambda.timedOut' }).map((e) => e.time)).toEqual([10_000]);
    expect(sim.events({ type: 'lambda.succeeded' })).toEqual([]);
  });

  test('fails if the role is not granted the action: AccessDenied, an answer the handler can catch', async () => {
    // GIVEN a function (with a route to SQS) whose role grants SNS only
    const { sim, queueUrl } = simulate(isolatedNetwork([PUBLISH]), interfaceEndpoint('sqs'));
    let caught: unknown;
    sim.onInvoke('Fn', async (_event: unknown, context: LambdaContext) => {
      await context.aws.sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: 'x' }).catch((e: unknown) => (caught = e));
    });
    sim.invokeAsync('Fn', {});
    await sim.advance(Duration.minutes(1));
    expect(caught).toBeInstanceOf(AwsCallError);
    expect((caught as AwsCallError).name).toBe('AccessDenied');
    expect((caught as Error).message).toMatch(/the execution role may not sqs:SendMessage: no policy of Role allows sqs:SendMessage/);
    expect(sim.events({ type: 'lambda.callFailed' })).toHaveLength(1);
  });

  test('fails if the service refuses the request: a ServiceError with SQS\'s reason', async () => {
    const { sim, queueUrl } = simulate(isolatedNetwork([SEND]), interfaceEndpoint('sqs'));
    const attributes = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]));
    let caught: unknown;
    sim.onInvoke('Fn', async (_event: unknown, context: LambdaContext) => {
      await context.aws.sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: 'x', MessageAttributes: attributes }).catch((e: unknown) => (caught = e));
    });
    sim.invokeAsync('Fn', {});
    await sim.advance(Duration.seconds(1));
    expect((caught as AwsCallError).name).toBe('ServiceError');
    expect((caught as Error).message).toMatch(/11 message attributes/);
  });

  test('no route wins over a missing permission: the call never reaches IAM', async () => {
    const { sim, queueUrl } = simulate(isolatedNetwork([PUBLISH]));
    sim.onInvoke('Fn', async (_event: unknown, context: LambdaContext) => {
      await context.aws.sqs.sendMessage({ QueueUrl: queueUrl, MessageBody: 'x' });
    });
    sim.invokeAsync('Fn', {});
    await sim.advance(Duration.seconds(11));
    expect(sim.events({ type: 'lambda.callUnanswered' })).toHaveLength(1);
    expect(sim.events({ type: 'lambda.callFailed' })).toEqual([]);
  });

  test('sns.publish through an SNS endpoint reaches the topic\'s subscribers', async () => {
    const { sim, topicArn } = simulate(isolatedNetwork([PUBLISH]), interfaceEndpoint('sns'), { Sub: subscription('Topic', 'Queue', { RawMessageDelivery: true }), QueuePolicy: snsQueuePolicy('Topic', 'Queue') });
    sim.onInvoke('Fn', async (_event: unknown, context: LambdaContext) => {
      await context.aws.sns.publish({ TopicArn: topicArn, Message: 'report ready', MessageAttributes: { day: { DataType: 'String', StringValue: 'mon' } } });
    });
    sim.invokeAsync('Fn', {});
    await sim.advance(Duration.minutes(1));
    expect(sim.queue('Queue').visible.map((m) => m.body)).toEqual(['report ready']);
  });

  test('context.aws.call serves any action by name, with the input the service declares', async () => {
    const { sim, queueUrl } = simulate(isolatedNetwork([SEND]), interfaceEndpoint('sqs'));
    sim.onInvoke('Fn', async (_event: unknown, context: LambdaContext) => context.aws.call('sqs:SendMessage', queueUrl, { body: 'generic' }));
    sim.invokeAsync('Fn', {});
    await sim.advance(Duration.minutes(1));
    expect(sim.queue('Queue').visible.map((m) => m.body)).toEqual(['generic']);
  });

  test('the function\'s own code gets the same context.aws', async () => {
    // GIVEN inline code that sends to the queue its environment names
    const sim = ownCode(interfaceEndpoint('sqs'));
    sim.invokeAsync('Fn', { id: 'own' });
    await sim.advance(Duration.minutes(1));
    expect(sim.queue('Queue').visible.map((m) => m.body)).toEqual(['own']);
  });

  test('own code whose call gets no answer times out, and its environment is put back', async () => {
    const sim = ownCode({});
    sim.invokeAsync('Fn', { id: 'x' });
    await sim.advance(Duration.seconds(11));
    expect(sim.events({ type: 'lambda.timedOut' })).toHaveLength(1);
    expect(process.env.QUEUE_URL).toBeUndefined();
  });

  test('Lambda delivers a destination from its own network: a VPC function with no route still gets its failure record out', async () => {
    // GIVEN a function with no route to SQS, whose on-failure destination is the queue
    const { sim } = simulate(isolatedNetwork([SEND]), {
      Config: { Type: 'AWS::Lambda::EventInvokeConfig', Properties: { FunctionName: { Ref: 'Fn' }, Qualifier: '$LATEST', MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: QUEUE_ARN } } } },
    });
    sim.onInvoke('Fn', () => {
      throw new Error('boom');
    });
    sim.invokeAsync('Fn', {});
    await sim.advance(Duration.minutes(1));
    // THEN the record lands: the route guard checks only calls made by the function's code
    expect(sim.events({ type: 'lambda.destinationDelivered' })).toHaveLength(1);
    expect(sim.queue('Queue').visible).toHaveLength(1);
  });
});
