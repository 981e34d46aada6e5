import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SubscriberProps, TopicFanOut, TopicFanOutProps, ValidationError } from '../../../lib';

/**
 * The errors and warnings of a consumer a fan-out makes (`subscribers.<name>.consumer`), asserted whole: each is the
 * QueueConsumer's rule, reported at the fan-out's path and naming the fan-out's props, where the user changes them.
 */

const FUNCTION_PROPS = { handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });') };
const consumed = (consumer: object = {}, more: SubscriberProps = {}): SubscriberProps => ({ ...more, consumer: { functionProps: FUNCTION_PROPS, ...consumer } });
const build = (stack: Stack, fulfilment: SubscriberProps, more: Partial<TopicFanOutProps> = {}) => new TopicFanOut(stack, 'Orders', { ...more, subscribers: { fulfilment } });

/** The lines of the ValidationError that building in a fresh stack throws. */
function errorLines(make: (stack: Stack) => void): string[] {
  try {
    make(new Stack(new App(), 'Shop'));
  } catch (error) {
    if (error instanceof ValidationError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ValidationError, the fan-out was accepted');
}

/** Every warning shown once `make` has built in a fresh stack. */
function warningsOf(make: (stack: Stack) => void): string[] {
  const stack = new Stack(new App(), 'Shop');
  make(stack);
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
}

describe('a fan-out consumer\'s errors and warnings, whole', () => {
  test('fails if subscribers.<name>.queueProps.visibilityTimeout is one second below 6 x the consumer\'s function timeout', () => {
    // GIVEN the subscriber WHEN the fan-out is made THEN the whole error is as expected, on the fan-out's props
    expect(errorLines((s) => {
      build(s, consumed({ functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(60) } }, { queueProps: { visibilityTimeout: Duration.seconds(359) } }));
    })).toEqual([
      'Shop/Orders has an invalid setting:',
      '  ✖ Shop/Orders: subscribers.fulfilment.queueProps.visibilityTimeout 359s is less than 6 x the function timeout (subscribers.fulfilment.consumer.functionProps.timeout 60s) + the batching window (0s) = 360s: messages would reappear while still being processed, and AWS rejects the mapping outright below 1 x the timeout (Lambda developer guide, configuring SQS event sources). Raise subscribers.fulfilment.queueProps.visibilityTimeout to at least 360s, or lower the function timeout. [decoupled:queue-consumer/visibility-timeout]',
    ]);
  });

  test('fails if the consumer batches 11 without a batching window', () => {
    // GIVEN the subscriber WHEN the fan-out is made THEN the whole error is as expected, on the fan-out's props
    expect(errorLines((s) => {
      build(s, consumed({ batchSize: 11 }));
    })).toEqual([
      'Shop/Orders has an invalid setting:',
      '  ✖ Shop/Orders: subscribers.fulfilment.consumer.batchSize 11 is above 10 without a batching window of at least 1s (Lambda API-model CreateEventSourceMapping). Set subscribers.fulfilment.consumer.maxBatchingWindow (1–300s), or lower subscribers.fulfilment.consumer.batchSize to 10. [decoupled:queue-consumer/batch-size-without-window]',
    ]);
  });

  test('fails if the consumer\'s maxConcurrency is 1', () => {
    // GIVEN the subscriber WHEN the fan-out is made THEN the whole error is as expected, on the fan-out's props
    expect(errorLines((s) => {
      build(s, consumed({ maxConcurrency: 1 }));
    })).toEqual([
      'Shop/Orders has an invalid setting:',
      '  ✖ Shop/Orders: subscribers.fulfilment.consumer.maxConcurrency 1 is outside ScalingConfig.MaximumConcurrency\'s allowed range 2–1,000 (Lambda API-model ScalingConfig). Set subscribers.fulfilment.consumer.maxConcurrency to a value in 2–1,000. [decoupled:queue-consumer/max-concurrency]',
    ]);
  });

  test('fails if the consumer\'s batching window is 301 s', () => {
    // GIVEN the subscriber WHEN the fan-out is made THEN the whole error is as expected, on the fan-out's props
    expect(errorLines((s) => {
      build(s, consumed({ maxBatchingWindow: Duration.seconds(301) }));
    })).toEqual([
      'Shop/Orders has an invalid setting:',
      '  ✖ Shop/Orders: subscribers.fulfilment.consumer.maxBatchingWindow 301s is outside MaximumBatchingWindowInSeconds\'s allowed range 0–300 seconds (Lambda API-model CreateEventSourceMapping). Set subscribers.fulfilment.consumer.maxBatchingWindow to a value in 0–300 seconds. [decoupled:queue-consumer/batching-window]',
    ]);
  });

  test('fails if a FIFO subscriber\'s consumer batches 11 with a batching window, naming both consumer props', () => {
    // GIVEN the subscriber WHEN the fan-out is made THEN the whole error is as expected, on the fan-out's props
    expect(errorLines((s) => {
      build(s, consumed({ batchSize: 11, maxBatchingWindow: Duration.seconds(1) }), { fifo: true });
    })).toEqual([
      'Shop/Orders has 2 invalid settings:',
      '  ✖ Shop/Orders: subscribers.fulfilment.consumer.batchSize 11 is outside BatchSize\'s allowed range 1–10 (Lambda API-model CreateEventSourceMapping) for a FIFO queue. Set subscribers.fulfilment.consumer.batchSize to a value in 1–10. [decoupled:queue-consumer/batch-size]',
      '  ✖ Shop/Orders: subscribers.fulfilment.consumer.maxBatchingWindow 1s is set on a FIFO queue: Lambda supports a batching window on standard queues only (Lambda API-model CreateEventSourceMapping). Remove subscribers.fulfilment.consumer.maxBatchingWindow, or use a standard queue. [decoupled:queue-consumer/batching-window-fifo]',
    ]);
  });

  test('fails if the consumer is given both function and functionProps', () => {
    // GIVEN the subscriber WHEN the fan-out is made THEN the whole error is as expected, on the fan-out's props
    expect(errorLines((s) => {
      build(s, consumed({ function: lambda.Function.fromFunctionArn(s, 'Fn', 'arn:aws:lambda:eu-west-1:111111111111:function:f'), functionTimeout: Duration.seconds(10) }));
    })).toEqual([
      'Shop/Orders has an invalid setting:',
      '  ✖ Shop/Orders: subscribers.fulfilment.consumer.function / functionProps are both given: the consumer is either a function you bring or one the pattern makes. Pass exactly one of function and functionProps. [decoupled:queue-consumer/exactly-one-function]',
    ]);
  });

  test('fails if a brought queue\'s visibility timeout is too short for the consumer, naming subscribers.<name>.queue', () => {
    // GIVEN the subscriber WHEN the fan-out is made THEN the whole error is as expected, on the fan-out's props
    expect(errorLines((s) => {
      build(s, consumed({}, { queue: new sqs.Queue(s, 'Mine', { deadLetterQueue: { queue: new sqs.Queue(s, 'MineDlq', { retentionPeriod: Duration.days(14) }), maxReceiveCount: 5 } }) }));
    })).toEqual([
      'Shop/Orders has an invalid setting:',
      '  ✖ Shop/Orders: subscribers.fulfilment.queue visibilityTimeout 30s is less than 6 x the function timeout (subscribers.fulfilment.consumer.functionProps.timeout 30s) + the batching window (0s) = 180s: messages would reappear while still being processed, and AWS rejects the mapping outright below 1 x the timeout (Lambda developer guide, configuring SQS event sources). Raise subscribers.fulfilment.queue visibilityTimeout to at least 180s, or lower the function timeout. [decoupled:queue-consumer/visibility-timeout]',
    ]);
  });

  test('fails if maxMessageAge is 60.5 s', () => {
    // GIVEN the subscriber WHEN the fan-out is made THEN the whole error is as expected, on the fan-out's props
    expect(errorLines((s) => {
      build(s, { maxMessageAge: Duration.millis(60_500) });
    })).toEqual([
      'Shop/Orders has an invalid setting:',
      '  ✖ Shop/Orders: subscribers.fulfilment.maxMessageAge 60.5s is not a whole number of seconds: AWS takes only integers here. Set subscribers.fulfilment.maxMessageAge to a whole number of seconds, such as 60 or 61. [decoupled:topic-fan-out/max-message-age-range]',
    ]);
  });

  test('warns once, as the fan-out, when maxReceiveCount is 3', () => {
    // GIVEN the subscriber WHEN the fan-out is made THEN the whole warning list is as expected, on the fan-out's props
    expect(warningsOf((s) => {
      build(s, consumed({}, { maxReceiveCount: 3 }));
    })).toEqual([
      'subscribers.fulfilment.maxReceiveCount 3 is below 5: a throttled Lambda consumer\'s receives count too, so healthy messages can reach the dead-letter queue. Raise it to 5 or more, or acknowledge the warning if poison messages must fail fast. [ack: decoupled:max-receive-count-low]',
    ]);
  });

  test('warns, naming the consumer\'s function on the fan-out, when its reserved concurrency 4 is below the poller\'s 5', () => {
    // GIVEN the subscriber WHEN the fan-out is made THEN the whole warning list is as expected, on the fan-out's props
    expect(warningsOf((s) => {
      build(s, consumed({ functionProps: { ...FUNCTION_PROPS, reservedConcurrentExecutions: 4 }, maxConcurrency: 4 }));
    })).toEqual([
      'subscribers.fulfilment.consumer.function reservedConcurrentExecutions 4 is below 5: the SQS poller starts with 5 concurrent batches, so it is throttled from the first message (Lambda developer guide, SQS scaling). Raise the function\'s reserved concurrency to at least 5. [ack: decoupled:queue-consumer/reserved-concurrency-below-poller]',
    ]);
  });
});
