import { App, Stack } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { LAMBDA_LIMITS, ProblemCollector, SQS_LIMITS, isKnown, validateQueueName } from '../../lib/core';
import { Generated, counts, durations, importedFunctions, importedKeys, importedQueues, queueNames, sizes } from './arbitraries';

/** The generators' verdicts are the oracle of every property test: they must agree with the rule they stand for. */

const SAMPLE = { seed: 16, numRuns: 300 };

function verdictsAgree<T>(arbitrary: fc.Arbitrary<Generated<T>>, judge: (problems: ProblemCollector, value: T) => void): void {
  const seen = new Set<string>();
  for (const generated of fc.sample(arbitrary, SAMPLE)) {
    const stack = new Stack(new App(), 'Case');
    const value = generated.make(stack);
    const problems = new ProblemCollector(stack);
    judge(problems, value);
    const found = problems.all.length > 0 ? 'invalid' : isKnown(value) ? 'valid' : 'token';
    expect(`${generated.label}: ${found}`).toBe(`${generated.label}: ${generated.verdict === 'token' ? 'token' : generated.verdict}`);
    seen.add(generated.verdict);
  }
  expect([...seen].sort()).toEqual(['invalid', 'token', 'valid']);
}

test('durations: the verdict is what durationInRange finds', () => {
  verdictsAgree(durations(SQS_LIMITS.delaySeconds), (p, d) => p.durationInRange('c', 'd', d, SQS_LIMITS.delaySeconds));
  verdictsAgree(durations(LAMBDA_LIMITS.timeout), (p, d) => p.durationInRange('c', 'd', d, LAMBDA_LIMITS.timeout));
});

test('counts: the verdict is what inRange finds, bounded or not', () => {
  verdictsAgree(counts(SQS_LIMITS.maximumMessageSize), (p, n) => p.inRange('c', 'n', n, SQS_LIMITS.maximumMessageSize));
  verdictsAgree(counts(LAMBDA_LIMITS.reservedConcurrentExecutions), (p, n) => p.inRange('c', 'n', n, LAMBDA_LIMITS.reservedConcurrentExecutions));
});

test('sizes: the verdict is what sizeInRange finds', () => {
  verdictsAgree(sizes(LAMBDA_LIMITS.ephemeralStorage), (p, s) => p.sizeInRange('c', 's', s, LAMBDA_LIMITS.ephemeralStorage));
});

test.each([false, true])('queue names (fifo %p): the verdict is what validateQueueName finds', (fifo) => {
  const seen = new Set<string>();
  for (const generated of fc.sample(queueNames(fifo), SAMPLE)) {
    const problems = new ProblemCollector(new Stack());
    validateQueueName(problems, 'queueName', generated.make(new Stack()), fifo);
    expect(`${generated.label}: ${problems.all.length > 0 ? 'invalid' : 'valid'}`).toBe(`${generated.label}: ${generated.verdict}`);
    seen.add(generated.verdict);
  }
  expect([...seen].sort()).toEqual(['invalid', 'valid']);
});

test('brought resources are made in a stack without env, the CDK default', () => {
  const stack = new Stack(new App(), 'Case');
  const made = [
    ...fc.sample(importedQueues(true), 2).map((g) => g.make(stack)),
    ...fc.sample(importedKeys(), 3).map((g) => g.make(stack)),
    ...fc.sample(importedFunctions(), 2).map((g) => g.make(stack)),
  ];
  expect(made.every((resource) => resource.node.scope === stack)).toBe(true);
  expect(stack.environment).toBe('aws://unknown-account/unknown-region');
});
