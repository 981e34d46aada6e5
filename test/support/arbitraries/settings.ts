import { RemovalPolicy } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { LAMBDA_LIMITS, SQS_LIMITS } from '../../../lib/core';
import { Generated, constant, judged, optional, valid } from './generated';
import { counts, durations, sizes } from './numbers';

/** Removal policies: SNAPSHOT is refused on a queue, a topic or a key (none has a snapshot). */
export const removalPolicies: fc.Arbitrary<Generated<RemovalPolicy>> = fc.constantFrom(
  constant('valid', 'RETAIN', RemovalPolicy.RETAIN),
  constant('valid', 'DESTROY', RemovalPolicy.DESTROY),
  constant('valid', 'RETAIN_ON_UPDATE_OR_DELETE', RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE),
  constant('invalid', 'SNAPSHOT', RemovalPolicy.SNAPSHOT),
);

const FUNCTION_NAME = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'];

/** Function names: 1–64 letters, digits, - and _; 65 characters and the characters Lambda refuses. */
export const functionNames: fc.Arbitrary<Generated<string>> = fc.oneof(
  fc.string({ unit: fc.constantFrom(...FUNCTION_NAME), minLength: 1, maxLength: 64 }).map((n) => constant('valid', JSON.stringify(n), n)),
  fc.string({ unit: fc.constantFrom(...FUNCTION_NAME), minLength: 65, maxLength: 65 }).map((n) => constant('invalid', `${n.length} characters`, n)),
  fc.constantFrom('pay ments', 'payments.v2', 'zahlungen-ü', '').map((n) => constant('invalid', JSON.stringify(n), n)),
);

/** Function descriptions: up to 256 characters. */
export const descriptions: fc.Arbitrary<Generated<string>> = fc.oneof(
  fc.string({ maxLength: 256 }).map((d) => constant('valid', `${d.length} characters`, d)),
  fc.string({ minLength: 257, maxLength: 300 }).map((d) => constant('invalid', `${d.length} characters`, d)),
);

/** Environment variables: keys Lambda takes, keys it refuses or reserves, and a map over 4 KB as JSON. */
export const environments: fc.Arbitrary<Generated<Record<string, string>>> = fc.oneof(
  fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{1,20}$/).filter((k) => !k.startsWith('AWS_') && k !== 'LAMBDA_TASK_ROOT' && k !== 'LAMBDA_RUNTIME_DIR'), fc.string({ maxLength: 100 }), { maxKeys: 5 })
    .map((env) => constant('valid', `${Object.keys(env).length} variables`, env)),
  fc.constantFrom('A', '1A', 'A-B', 'AWS_REGION', '_HANDLER').map((k) => constant('invalid', `key ${k}`, { [k]: 'x' })),
  fc.integer({ min: 4_089, max: 5_000 }).map((n) => constant('invalid', `${n + 8} bytes`, { K: 'v'.repeat(n) })),
);

/** A destination for failed asynchronous events (a queue's ARN). */
const onFailure = valid('{ onFailure: a queue destination }', () => ({ bind: () => ({ destination: 'arn:aws:sqs:us-east-1:111111111111:failures' }) }));

/**
 * FunctionProps fields a pattern passes to the function it makes, each given in one case out of `1 + skip`, by field
 * name: the ranges Lambda enforces (timeout, memory, storage, reserved concurrency, async retries), names, environment.
 * Asynchronous settings without `onFailure` are refused, whatever their value (an event failing them is dropped).
 */
export function functionSettings(skip = 3): fc.Arbitrary<Record<string, Generated<unknown> | undefined>> {
  return fc.record({
    timeout: optional(durations(LAMBDA_LIMITS.timeout), skip),
    memorySize: optional(counts(LAMBDA_LIMITS.memorySize), skip),
    ephemeralStorageSize: optional(sizes(LAMBDA_LIMITS.ephemeralStorage), skip),
    reservedConcurrentExecutions: optional(counts(LAMBDA_LIMITS.reservedConcurrentExecutions), skip),
    retryAttempts: optional(counts(LAMBDA_LIMITS.asyncRetryAttempts), skip),
    maxEventAge: optional(durations(LAMBDA_LIMITS.asyncMaxEventAge), skip),
    onFailure: optional(fc.constant(onFailure), 1),
    functionName: optional(functionNames, skip),
    description: optional(descriptions, skip),
    environment: optional(environments, skip),
  }).map((f) => (f.onFailure ? f : {
    ...f,
    retryAttempts: f.retryAttempts && judged(f.retryAttempts, 'invalid'),
    maxEventAge: f.maxEventAge && judged(f.maxEventAge, 'invalid'),
  }));
}

/**
 * The QueueProps durations and sizes SQS bounds, each given in one case out of `1 + skip`, by field name:
 * visibility timeout, retention, delivery delay, wait time, data key reuse, maximum message size.
 */
export function queueRangeSettings(skip = 3) {
  return {
    visibilityTimeout: optional(durations(SQS_LIMITS.visibilityTimeout), skip),
    retentionPeriod: optional(durations(SQS_LIMITS.messageRetentionPeriod), skip),
    deliveryDelay: optional(durations(SQS_LIMITS.delaySeconds), skip),
    receiveMessageWaitTime: optional(durations(SQS_LIMITS.receiveMessageWaitTimeSeconds), skip),
    dataKeyReuse: optional(durations(SQS_LIMITS.kmsDataKeyReusePeriodSeconds), skip),
    maxMessageSizeBytes: optional(counts(SQS_LIMITS.maximumMessageSize), skip),
  };
}
