import { CfnParameter, Duration, Size, Stack, Token } from 'aws-cdk-lib';
import { Annotations } from 'aws-cdk-lib/assertions';
import {
  LAMBDA_LIMITS, ProblemCollector, SQS_LIMITS, ValidationError, aValueIn, describeRange, formatValue, isKnown, renderProblem, warn, withinLimit,
} from '../../lib/core';
import { collect } from './problems';

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

describe('ProblemCollector ranges without an upper bound', () => {
  test('a count at the minimum is accepted; one below names the minimum', () => {
    expect(collect((p) => p.inRange('c', 'reserved', 0, LAMBDA_LIMITS.reservedConcurrentExecutions))).toEqual([]);
    const [problem] = collect((p) => p.inRange('c', 'reserved', -1, LAMBDA_LIMITS.reservedConcurrentExecutions));
    expect(problem.rule).toBe("is below ReservedConcurrentExecutions's minimum 0 (Lambda API-model PutFunctionConcurrency)");
    expect(problem.fix).toBe('Set reserved to at least 0.');
  });

  test('a custom fix replaces the default one', () => {
    const [problem] = collect((p) => p.inRange('c', 'n', 0, SQS_LIMITS.maxReceiveCount, 'Use 5.'));
    expect(problem).toEqual({ code: 'c', path: 'Default', prop: 'n', value: '0', rule: expect.stringMatching(/^is outside maxReceiveCount's allowed range 1–1,000 \(/), fix: 'Use 5.' });
  });
});

describe('ProblemCollector sizes', () => {
  test('whole MiB at both ends are accepted; one past either end or a fraction is not', () => {
    expect(collect((p) => p.sizeInRange('c', 's', Size.mebibytes(512), LAMBDA_LIMITS.ephemeralStorage))).toEqual([]);
    expect(collect((p) => p.sizeInRange('c', 's', Size.gibibytes(10), LAMBDA_LIMITS.ephemeralStorage))).toEqual([]);
    expect(collect((p) => p.sizeInRange('c', 's', Size.mebibytes(511), LAMBDA_LIMITS.ephemeralStorage))[0].value).toBe('511 MiB');
    expect(collect((p) => p.sizeInRange('c', 's', Size.mebibytes(10_241), LAMBDA_LIMITS.ephemeralStorage))[0].rule).toMatch(/512–10,240 MB/);
    const [fraction] = collect((p) => p.sizeInRange('c', 's', Size.kibibytes(524_800), LAMBDA_LIMITS.ephemeralStorage));
    expect(fraction).toMatchObject({ value: '512.5 MiB', rule: 'is not a whole number of MiB: AWS takes only integers here', fix: 'Set s to a whole number of MiB, such as 512 or 513.' });
  });

  test('a size or a duration known only at deploy is not judged', () => {
    const stack = new Stack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    expect(collect((p) => {
      p.sizeInRange('c', 's', Size.mebibytes(n), LAMBDA_LIMITS.ephemeralStorage);
      p.durationInRange('c', 'd', Duration.seconds(n), SQS_LIMITS.delaySeconds);
      p.inRange('c', 'i', n, SQS_LIMITS.maxReceiveCount);
    }, stack)).toEqual([]);
  });

  test('nothing given, nothing judged', () => {
    expect(collect((p) => {
      p.sizeInRange('c', 's', undefined, LAMBDA_LIMITS.ephemeralStorage);
      p.durationInRange('c', 'd', undefined, SQS_LIMITS.delaySeconds);
      p.inRange('c', 'i', undefined, SQS_LIMITS.maxReceiveCount);
    })).toEqual([]);
  });
});

describe('how values and problems are shown', () => {
  test('formatValue: seconds, MiB, quoted strings, numbers, JSON, and tokens', () => {
    expect(formatValue(Duration.millis(1500))).toBe('1.5s');
    expect(formatValue(Size.mebibytes(2))).toBe('2 MiB');
    expect(formatValue('x')).toBe("'x'");
    expect(formatValue(2.5)).toBe('2.5');
    expect(formatValue({ a: [1] })).toBe('{"a":[1]}');
    expect(formatValue(undefined)).toBe('undefined');
    expect(formatValue(Duration.seconds(Token.asNumber({ resolve: () => 1 })))).toBe('(a value known only at deploy)');
  });

  test('isKnown: undefined, null and tokens are not known', () => {
    expect([isKnown(undefined), isKnown(null), isKnown(Token.asString({ resolve: () => 'x' })), isKnown('x'), isKnown(0), isKnown(Duration.seconds(1))])
      .toEqual([false, false, false, true, true, true]);
  });

  test('one problem: a ValidationError that says so, with the problem rendered on its line', () => {
    const stack = new Stack(undefined, 'S');
    const problems = new ProblemCollector(stack);
    problems.expect(true, { code: 'c0', prop: 'ok', value: '1', rule: 'r', fix: 'f' });
    problems.expect(false, { code: 'c1', prop: 'a', value: '1', rule: 'is wrong', fix: 'Fix it.' });
    expect(() => problems.throwIfAny()).toThrow('S has an invalid setting:\n  ✖ S: a 1 is wrong. Fix it. [c1]');
    try {
      problems.throwIfAny();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems).toEqual([{ code: 'c1', path: 'S', prop: 'a', value: '1', rule: 'is wrong', fix: 'Fix it.' }]);
    }
  });

  test('no problem, no error', () => {
    expect(() => new ProblemCollector(new Stack()).throwIfAny()).not.toThrow();
  });

  test('renderProblem: path, prop, value, rule, fix and code', () => {
    expect(renderProblem({ code: 'decoupled:x', path: 'S/P', prop: 'p', value: "'v'", rule: 'breaks r', fix: 'Do f.' })).toBe("S/P: p 'v' breaks r. Do f. [decoupled:x]");
  });

  test('warn: a warning with the problem\'s code as its id', () => {
    const stack = new Stack(undefined, 'S');
    warn(stack, { code: 'decoupled:w', prop: 'p', value: '1', rule: 'is odd', fix: 'Look.' });
    Annotations.fromStack(stack).hasWarning('/S', 'p 1 is odd. Look. [ack: decoupled:w]');
  });

  test('describeRange and withinLimit', () => {
    expect(describeRange(SQS_LIMITS.maxReceiveCount)).toBe('1–1,000');
    expect(describeRange(SQS_LIMITS.visibilityTimeout)).toBe('0–43,200 seconds');
    expect(describeRange(LAMBDA_LIMITS.reservedConcurrentExecutions)).toBe('at least 0');
    expect([0, 1, 1000, 1001].map((n) => withinLimit(n, SQS_LIMITS.maxReceiveCount))).toEqual([false, true, true, false]);
  });
});

describe('what a range fix asks for', () => {
  test('a bounded range asks for a value in it, an unbounded one for at least its minimum', () => {
    expect(aValueIn({ name: 'BatchSize', min: 1, max: 10, unit: 'count', source: 'AWS' })).toBe('a value in 1–10');
    expect(aValueIn({ name: 'Timeout', min: 1, max: 900, unit: 'seconds', source: 'AWS' })).toBe('a value in 1–900 seconds');
    expect(aValueIn({ name: 'Groups', min: 1, max: Number.POSITIVE_INFINITY, unit: 'count', source: 'AWS' })).toBe('at least 1');
  });
});
