import { Duration, Stack } from 'aws-cdk-lib';
import { ProblemCollector, SQS_LIMITS } from '../../lib/core';

function collect(check: (p: ProblemCollector) => void) {
  const problems = new ProblemCollector(new Stack());
  check(problems);
  return problems.all;
}

describe('ProblemCollector ranges', () => {
  test('a count at either end of its range is accepted; one past either end is not', () => {
    expect(collect((p) => p.inRange('c', 'maxReceiveCount', 1, SQS_LIMITS.maxReceiveCount))).toEqual([]);
    expect(collect((p) => p.inRange('c', 'maxReceiveCount', 1000, SQS_LIMITS.maxReceiveCount))).toEqual([]);
    expect(collect((p) => p.inRange('c', 'maxReceiveCount', 0, SQS_LIMITS.maxReceiveCount))[0].rule).toMatch(/allowed range 1–1,000/);
    expect(collect((p) => p.inRange('c', 'maxReceiveCount', 1001, SQS_LIMITS.maxReceiveCount))[0].rule).toMatch(/allowed range 1–1,000/);
  });

  test('fails if a count is fractional, naming the prop and two whole values to use', () => {
    const [problem] = collect((p) => p.inRange('c', 'subscribers.billing.maxReceiveCount', 2.5, SQS_LIMITS.maxReceiveCount));
    expect(problem).toMatchObject({ prop: 'subscribers.billing.maxReceiveCount', value: '2.5' });
    expect(problem.rule).toBe('is not a whole number: AWS takes only integers here');
    expect(problem.fix).toBe('Set subscribers.billing.maxReceiveCount to a whole number, such as 2 or 3.');
  });

  test('fails if a size is fractional, with its unit', () => {
    const [problem] = collect((p) => p.inRange('c', 'queueProps.maxMessageSizeBytes', 2048.5, SQS_LIMITS.maximumMessageSize));
    expect(problem.rule).toBe('is not a whole number of bytes: AWS takes only integers here');
  });

  test('fails if a duration is not whole seconds, instead of throwing aws-cdk-lib\'s conversion error', () => {
    const problems = collect((p) => p.durationInRange('c', 'queueProps.visibilityTimeout', Duration.millis(1500), SQS_LIMITS.visibilityTimeout));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ prop: 'queueProps.visibilityTimeout', value: '1.5s' });
    expect(problems[0].fix).toBe('Set queueProps.visibilityTimeout to a whole number of seconds, such as 1 or 2.');
  });

  test('a duration at either end of its range in whole seconds is accepted; one second past is not', () => {
    expect(collect((p) => p.durationInRange('c', 'd', Duration.seconds(0), SQS_LIMITS.delaySeconds))).toEqual([]);
    expect(collect((p) => p.durationInRange('c', 'd', Duration.seconds(900), SQS_LIMITS.delaySeconds))).toEqual([]);
    expect(collect((p) => p.durationInRange('c', 'd', Duration.seconds(901), SQS_LIMITS.delaySeconds))[0].value).toBe('901s');
    expect(collect((p) => p.durationInRange('c', 'd', Duration.millis(900_000), SQS_LIMITS.delaySeconds))).toEqual([]);
  });
});
