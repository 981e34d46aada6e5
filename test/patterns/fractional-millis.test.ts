import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { QueueConsumer, TopicFanOut, TopicFanOutProps } from '../../lib';

const FUNCTION_PROPS = { code: lambda.Code.fromInline('exports.handler = async () => ({})'), handler: 'index.handler' };

/** The first problem line of the ValidationError a construct throws. */
function firstProblem(build: (stack: Stack) => void): string {
  const stack = new Stack(new App(), 'Test');
  try {
    build(stack);
  } catch (e) {
    return String((e as Error).message).split('\n')[1].trim();
  }
  throw new Error('expected a ValidationError, the construct was accepted');
}

// GIVEN a duration with a fraction of a millisecond, which aws-cdk-lib's own conversions refuse with an error
// that names no prop. THEN the pattern's rule names the prop, as it does for a fraction of a second.
describe('durations with a fraction of a millisecond', () => {
  test('fails if QueueConsumer\'s maxBatchingWindow is 1500.5 ms, naming the prop', () => {
    expect(firstProblem((s) => new QueueConsumer(s, 'C', { functionProps: FUNCTION_PROPS, maxBatchingWindow: Duration.millis(1500.5) })))
      .toMatch(/^✖ Test\/C: maxBatchingWindow 1\.5005s is not a whole number of seconds: AWS takes only integers here/);
  });

  test('fails if QueueConsumer\'s functionProps.timeout is 30000.5 ms, naming the prop', () => {
    expect(firstProblem((s) => new QueueConsumer(s, 'C', { functionProps: { ...FUNCTION_PROPS, timeout: Duration.millis(30_000.5) } })))
      .toBe('✖ Test/C: functionProps.timeout 30.0005s is not a whole number of seconds: AWS takes only integers here. Set functionProps.timeout to a whole number of seconds, such as 30 or 31. [decoupled:function-setting-range]');
  });

  test('fails if QueueConsumer\'s queueProps.visibilityTimeout is 300000.5 ms, naming the prop', () => {
    expect(firstProblem((s) => new QueueConsumer(s, 'C', { functionProps: FUNCTION_PROPS, queueProps: { visibilityTimeout: Duration.millis(300_000.5) } })))
      .toBe('✖ Test/C: queueProps.visibilityTimeout 300.0005s is not a whole number of seconds: AWS takes only integers here. Set queueProps.visibilityTimeout to a whole number of seconds, such as 300 or 301. [decoupled:queue-setting-range]');
  });

  test('fails if a TopicFanOut subscriber\'s maxMessageAge is 60000.5 ms, naming the prop', () => {
    const props: TopicFanOutProps = { subscribers: { a: { maxMessageAge: Duration.millis(60_000.5) } } };
    expect(firstProblem((s) => new TopicFanOut(s, 'F', props)))
      .toBe('✖ Test/F: subscribers.a.maxMessageAge 60.0005s is not a whole number of seconds: AWS takes only integers here. Set subscribers.a.maxMessageAge to a whole number of seconds, such as 60 or 61. [decoupled:topic-fan-out/max-message-age-range]');
  });

  test('accepts whole seconds written in milliseconds (60000 ms)', () => {
    const stack = new Stack(new App(), 'Test');
    expect(() => new TopicFanOut(stack, 'F', { subscribers: { a: { maxMessageAge: Duration.millis(60_000) } } })).not.toThrow();
  });
});
