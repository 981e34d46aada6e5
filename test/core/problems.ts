import { Stack } from 'aws-cdk-lib';
import { ProblemCollector, ValidationProblem } from '../../lib/core';

/** Runs checks on a fresh collector (in the stack given, or a new one) and returns what they found. */
export function collect(check: (problems: ProblemCollector) => void, stack: Stack = new Stack()): readonly ValidationProblem[] {
  const problems = new ProblemCollector(stack);
  check(problems);
  return problems.all;
}

/** `prop [code]` for each problem: what a rule test asserts on first. */
export function named(problems: readonly ValidationProblem[]): string[] {
  return problems.map((p) => `${p.prop} [${p.code}]`);
}
