import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { QueueConsumer, QueueConsumerProps } from '../../../lib';
import { FUNCTION_PROPS, newStack } from './support';

/**
 * The event source mapping a QueueConsumer makes, whole, and the concurrency cap it derives when maxConcurrency is left
 * out: the function's reserved concurrency (so the poller is never throttled), within Lambda's 2–1,000; 10 for a
 * function the pattern makes (which reserves the same); no cap for a brought function that reserves nothing.
 */

/** The one event source mapping's properties, the function's reserved concurrency, and the warnings, of a consumer made with `props`. */
function made(props: (stack: Stack) => QueueConsumerProps) {
  const stack = newStack();
  const consumer = new QueueConsumer(stack, 'Consumer', props(stack));
  const template = Template.fromStack(stack);
  const [mapping] = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
  const functions = Object.values(template.findResources('AWS::Lambda::Function')).map((f) => f.Properties.ReservedConcurrentExecutions);
  const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
  return { stack, consumer, mapping: mapping.Properties, reserved: functions, warnings };
}

const brought = (reserved?: number) => (stack: Stack): QueueConsumerProps => ({
  function: new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X, timeout: Duration.seconds(10), reservedConcurrentExecutions: reserved }),
});

describe('the event source mapping of a consumer with defaults', () => {
  test('polls its queue for its function in batches of 10, reports partial batch failures, and caps concurrency at the 10 the function reserves', () => {
    // GIVEN a consumer with nothing but its function's code WHEN it is synthesized
    const { stack, consumer, mapping, reserved, warnings } = made(() => ({ functionProps: FUNCTION_PROPS }));
    // THEN the mapping is exactly this
    expect(mapping).toEqual({
      EventSourceArn: stack.resolve(consumer.queue.queueArn),
      FunctionName: stack.resolve((consumer.function as lambda.Function).functionName),
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 10 },
    });
    expect(reserved).toEqual([10]);
    expect(warnings).toEqual([]);
  });

  test('with a batching window, batch size and maxConcurrency given, writes them as given', () => {
    const { stack, consumer, mapping, reserved } = made(() => ({ functionProps: FUNCTION_PROPS, batchSize: 50, maxBatchingWindow: Duration.seconds(5), maxConcurrency: 20 }));
    expect(mapping).toEqual({
      EventSourceArn: stack.resolve(consumer.queue.queueArn),
      FunctionName: stack.resolve((consumer.function as lambda.Function).functionName),
      BatchSize: 50,
      MaximumBatchingWindowInSeconds: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 20 },
    });
    // The function the pattern makes reserves what the mapping may run at once.
    expect(reserved).toEqual([20]);
  });
});

describe('the concurrency cap derived from a function\'s reserved concurrency', () => {
  test('a brought function reserving 2, Lambda\'s least cap: the cap is 2', () => {
    expect(made(brought(2)).mapping.ScalingConfig).toEqual({ MaximumConcurrency: 2 });
  });

  test('a brought function reserving 1, below the least cap: no cap (and the poller warning says why 1 is too few)', () => {
    const { mapping, warnings } = made(brought(1));
    expect(mapping.ScalingConfig).toBeUndefined();
    expect(warnings).toEqual([
      'function reservedConcurrentExecutions 1 is lower than the event source mapping\'s uncapped concurrency (up to 1000 batches): the poller would be throttled, and every throttled receive counts '
        + 'toward maxReceiveCount (Lambda API-model ScalingConfig). Set maxConcurrency to at most 1, or raise the function\'s reserved concurrency. [ack: decoupled:queue-consumer/reserved-concurrency-below-max-concurrency]',
      'function reservedConcurrentExecutions 1 is below 5: the SQS poller starts with 5 concurrent batches, so it is throttled from the first message (Lambda developer guide, SQS scaling). '
        + 'Raise the function\'s reserved concurrency to at least 5. [ack: decoupled:queue-consumer/reserved-concurrency-below-poller]',
    ]);
  });

  test('a brought function reserving 1,000, Lambda\'s greatest cap: the cap is 1,000; reserving 1,001: still 1,000', () => {
    expect(made(brought(1000)).mapping.ScalingConfig).toEqual({ MaximumConcurrency: 1000 });
    expect(made(brought(1001)).mapping.ScalingConfig).toEqual({ MaximumConcurrency: 1000 });
  });

  test('a brought function reserving nothing: no cap, and no warning', () => {
    const { mapping, warnings } = made(brought());
    expect(mapping.ScalingConfig).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  test('a function the pattern makes with reservedConcurrentExecutions 30: the cap is 30, and the function reserves 30', () => {
    const { mapping, reserved, warnings } = made(() => ({ functionProps: { ...FUNCTION_PROPS, reservedConcurrentExecutions: 30 } }));
    expect(mapping.ScalingConfig).toEqual({ MaximumConcurrency: 30 });
    expect(reserved).toEqual([30]);
    expect(warnings).toEqual([]);
  });
});
