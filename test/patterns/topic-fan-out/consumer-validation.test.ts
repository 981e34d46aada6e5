import { App, Annotations as CoreAnnotations, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QUEUE_CONSUMER_RULES as R, SubscriberProps, TopicFanOut, TopicFanOutProps, ValidationError } from '../../../lib';

const FUNCTION_PROPS = { handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });') };

function newStack(): Stack {
  return new Stack(new App(), 'Shop');
}

/** A fan-out whose fulfilment subscriber has these props, in a fresh stack. */
function build(subscriber: SubscriberProps | ((stack: Stack) => SubscriberProps), more: Partial<TopicFanOutProps> = {}) {
  const stack = newStack();
  const fulfilment = typeof subscriber === 'function' ? subscriber(stack) : subscriber;
  const fanOut = new TopicFanOut(stack, 'Orders', { ...more, subscribers: { fulfilment } });
  return { stack, fanOut };
}

/** The ValidationError a fan-out with these subscriber props throws. */
function attempt(subscriber: SubscriberProps | ((stack: Stack) => SubscriberProps), more: Partial<TopicFanOutProps> = {}): ValidationError {
  try {
    build(subscriber, more);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError, none was thrown');
}

const consumed = (consumer: object = {}, more: SubscriberProps = {}): SubscriberProps => ({ ...more, consumer: { functionProps: FUNCTION_PROPS, ...consumer } });

describe('a fan-out consumer\'s errors name the fan-out\'s props, on the fan-out', () => {
  test('fails if subscribers.<name>.queueProps.visibilityTimeout is one second below 6 x the consumer\'s function timeout', () => {
    const e = attempt(consumed({ functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(60) } }, { queueProps: { visibilityTimeout: Duration.seconds(359) } }));
    expect(e.problems.map((p) => [p.code, p.path, p.prop])).toEqual([[R.visibilityTimeout, 'Shop/Orders', 'subscribers.fulfilment.queueProps.visibilityTimeout']]);
    expect(e.message).toContain('Shop/Orders has an invalid setting:');
    expect(e.message).toContain('Shop/Orders: subscribers.fulfilment.queueProps.visibilityTimeout 359s is less than 6 x the function timeout '
      + '(subscribers.fulfilment.consumer.functionProps.timeout 60s) + the batching window (0s) = 360s');
    expect(e.message).toContain('Raise subscribers.fulfilment.queueProps.visibilityTimeout to at least 360s, or lower the function timeout.');
  });

  test('accepts subscribers.<name>.queueProps.visibilityTimeout at exactly 6 x the function timeout', () => {
    expect(() => build(consumed({ functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(60) } }, { queueProps: { visibilityTimeout: Duration.seconds(360) } }))).not.toThrow();
  });

  test.each([
    [{ batchSize: 11 }, R.batchSizeWithoutWindow, 'subscribers.fulfilment.consumer.batchSize 11 is above 10 without a batching window', 'Set subscribers.fulfilment.consumer.maxBatchingWindow (1–300s), or lower subscribers.fulfilment.consumer.batchSize to 10.'],
    [{ maxConcurrency: 1 }, R.maxConcurrency, 'subscribers.fulfilment.consumer.maxConcurrency 1 is outside', 'Set subscribers.fulfilment.consumer.maxConcurrency to a value in 2–1,000.'],
    [{ maxConcurrency: 1001 }, R.maxConcurrency, 'subscribers.fulfilment.consumer.maxConcurrency 1001 is outside', 'Set subscribers.fulfilment.consumer.maxConcurrency to a value in 2–1,000.'],
    [{ maxBatchingWindow: Duration.seconds(301) }, R.batchingWindow, 'subscribers.fulfilment.consumer.maxBatchingWindow 301s is outside', 'Set subscribers.fulfilment.consumer.maxBatchingWindow to a value in 0–300 seconds.'],
  ])('fails if the consumer has %j, naming subscribers.fulfilment.consumer.<prop>', (consumer, code, message, fix) => {
    const e = attempt(consumed(consumer));
    expect(e.problems.map((p) => [p.code, p.path])).toEqual([[code, 'Shop/Orders']]);
    expect(e.message).toContain(message);
    expect(e.message).toContain(fix);
  });

  test.each([
    { batchSize: 10 },
    { maxConcurrency: 2 },
    { maxConcurrency: 1000 },
    { batchSize: 11, maxBatchingWindow: Duration.seconds(300) },
  ])('accepts the consumer at the limit: %j', (consumer) => {
    expect(() => build(consumed(consumer))).not.toThrow();
  });

  test('fails if a FIFO subscriber\'s consumer batches more than 10 or asks for a batching window, naming both props', () => {
    const e = attempt(consumed({ batchSize: 11, maxBatchingWindow: Duration.seconds(1) }), { fifo: true });
    expect(e.problems.map((p) => p.code)).toEqual([R.batchSize, R.batchingWindowFifo]);
    expect(e.message).toContain('subscribers.fulfilment.consumer.batchSize 11 is outside BatchSize\'s allowed range 1–10');
    expect(e.message).toContain('subscribers.fulfilment.consumer.maxBatchingWindow 1s is set on a FIFO queue');
  });

  test('fails if both function and functionProps are given, naming the consumer\'s props', () => {
    const fn = lambda.Function.fromFunctionArn(newStack(), 'Fn', 'arn:aws:lambda:eu-west-1:111111111111:function:f');
    const e = attempt(consumed({ function: fn, functionTimeout: Duration.seconds(10) }));
    expect(e.problems[0]).toMatchObject({ code: R.exactlyOneFunction, path: 'Shop/Orders', prop: 'subscribers.fulfilment.consumer.function / functionProps' });
  });

  test('fails if a brought queue\'s visibility timeout is too short, naming subscribers.<name>.queue', () => {
    const e = attempt((stack) => consumed({}, {
      queue: new sqs.Queue(stack, 'Mine', { deadLetterQueue: { queue: new sqs.Queue(stack, 'MineDlq', { retentionPeriod: Duration.days(14) }), maxReceiveCount: 5 } }),
    }));
    expect(e.problems.map((p) => [p.path, p.prop])).toEqual([['Shop/Orders', 'subscribers.fulfilment.queue visibilityTimeout']]);
    expect(e.message).toContain('Raise subscribers.fulfilment.queue visibilityTimeout to at least 180s');
  });

  test('warns once, as the fan-out, when maxReceiveCount is below 5: the consumer does not repeat it', () => {
    const { stack } = build(consumed({}, { maxReceiveCount: 3 }));
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('max-receive-count')).map((w) => String(w.entry.data));
    expect(warnings).toEqual([expect.stringContaining('subscribers.fulfilment.maxReceiveCount 3 is below 5')]);
  });

  test('a consumer warning names the fan-out\'s prop, and is acknowledged on the fan-out', () => {
    const consumer = consumed({ functionProps: { ...FUNCTION_PROPS, reservedConcurrentExecutions: 4 }, maxConcurrency: 4 });
    const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(R.reservedBelowPoller)).map((w) => String(w.entry.data));
    const shown = build(consumer).stack;
    expect(warnings(shown)).toEqual([expect.stringContaining('subscribers.fulfilment.consumer.function reservedConcurrentExecutions 4 is below 5')]);
    const acknowledged = build(consumer);
    CoreAnnotations.of(acknowledged.fanOut).acknowledgeWarning(R.reservedBelowPoller);
    expect(warnings(acknowledged.stack)).toEqual([]);
  });
});

describe('subscribers.<name>.maxMessageAge', () => {
  test.each([Duration.seconds(60), Duration.days(14)])('accepts %s, the ends of the range', (maxMessageAge) => {
    expect(() => build({ maxMessageAge })).not.toThrow();
  });

  test.each([
    [Duration.seconds(59), /subscribers.fulfilment.maxMessageAge 59s is outside MessageRetentionPeriod's allowed range 60–1,209,600 seconds/],
    [Duration.seconds(1_209_601), /subscribers.fulfilment.maxMessageAge 1209601s is outside/],
    [Duration.millis(60_500), /subscribers.fulfilment.maxMessageAge 60.5s is not a whole number of seconds/],
  ])('fails if it is %s', (maxMessageAge, message) => {
    const e = attempt({ maxMessageAge });
    expect(e.problems.map((p) => p.code)).toEqual(['decoupled:topic-fan-out/max-message-age-range']);
    expect(e.message).toMatch(message);
  });
});
