import { Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as fc from 'fast-check';
import { QueueConsumer, QueueConsumerProps } from '../../../lib';
import { LAMBDA_LIMITS, SQS_EVENT_SOURCE_LIMITS, SQS_LIMITS } from '../../../lib/core';
import {
  Generated, constant, counts, durations, functionSettings, given, importedFunctions, judged, materializePaths, optional, patternKeys,
  queueNames, queueRangeSettings, removalPolicies, valid,
} from '../../support/arbitraries';
import { checkPropsProperty, propertySettings } from '../../support/property';

/**
 * QueueConsumer's props, at random: either the pattern refuses them with problems naming every bad prop (and only
 * props that were given), or the stack synthesizes with zero cdk-nag errors on the consumer's resources and zero
 * cfn-lint errors (one cfn-lint call for all). The rules that combine props are applied here from AWS's figures:
 * the visibility timeout against 6 x the function timeout + the batching window, a batch above 10 without a window,
 * no batching window on a FIFO queue.
 */
const settings = propertySettings(60);

type Fields = Record<string, Generated<unknown>>;

const CODE = lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });');

/** Seconds of a generated duration the pattern can read at synth (a valid one), else undefined. */
function secondsOf(g: Generated<unknown> | undefined): number | undefined {
  return g?.verdict === 'valid' ? (g.make(new Stack()) as Duration).toSeconds() : undefined;
}

/** A value the pattern can read at synth (a valid one), else undefined. */
function numberOf(g: Generated<unknown> | undefined): number | undefined {
  return g?.verdict === 'valid' ? g.make(new Stack()) as number : undefined;
}

function consumerCasesAt(scale: number) {
  const opt = <T>(arb: fc.Arbitrary<T>, skip = 3) => optional(arb, skip * scale);
  return fc.boolean().chain((fifo) => fc.record({
    fifo: fc.constant(fifo),
    fifoGiven: fc.boolean(),
    brought: opt(fc.constant(true), 2),
    fn: functionSettings(3 * scale),
    broughtFunction: importedFunctions(),
    functionTimeout: durations(LAMBDA_LIMITS.timeout),
    queue: fc.record({
      ...queueRangeSettings(3 * scale),
      removalPolicy: opt(removalPolicies, 6),
    }),
    queueName: opt(queueNames(fifo)),
    maxReceiveCount: opt(counts(SQS_LIMITS.maxReceiveCount)),
    batchSize: opt(fc.boolean().chain((fifo) => counts(fifo ? SQS_EVENT_SOURCE_LIMITS.batchSizeFifo : SQS_EVENT_SOURCE_LIMITS.batchSizeStandard))),
    maxBatchingWindow: opt(durations(SQS_EVENT_SOURCE_LIMITS.maximumBatchingWindow)),
    maxConcurrency: opt(counts(SQS_EVENT_SOURCE_LIMITS.maximumConcurrency)),
    maxMessageAge: opt(durations(SQS_LIMITS.messageRetentionPeriod), 5),
    encryptionKey: opt(patternKeys(), 5),
  }).map((c) => {
    const fields: Fields = given({
      fifo: c.fifoGiven ? constant('valid', String(c.fifo), c.fifo) : undefined,
      maxReceiveCount: c.maxReceiveCount,
      batchSize: c.batchSize,
      maxBatchingWindow: c.maxBatchingWindow,
      maxConcurrency: c.maxConcurrency,
      maxMessageAge: c.maxMessageAge,
      encryptionKey: c.encryptionKey,
      ...Object.fromEntries(Object.entries(c.queue).map(([k, g]) => [`queueProps.${k}`, g])),
      'queueProps.queueName': c.queueName,
      ...(c.brought
        ? { function: c.broughtFunction, functionTimeout: c.functionTimeout }
        : { 'functionProps.code': valid('inline code', () => CODE), 'functionProps.handler': valid('index.handler', () => 'index.handler'), ...Object.fromEntries(Object.entries(c.fn).map(([k, g]) => [`functionProps.${k}`, g])) }),
    });
    judgePolling(fields, c.fifo);
    return { fifo: c.fifo, fields };
  }));
}

/** The rules that combine props, from AWS's figures (Lambda developer guide, SQS event sources). */
function judgePolling(fields: Fields, fifo: boolean): void {
  const window = fields.maxBatchingWindow;
  // FIFO: no batching window, and at most 10 records a batch.
  if (fifo && window) fields.maxBatchingWindow = judged(window, 'invalid');
  const batch = numberOf(fields.batchSize);
  if (batch !== undefined && batch > SQS_EVENT_SOURCE_LIMITS.batchSizeFifo.max) {
    const windowSeconds = secondsOf(window);
    if (fifo) fields.batchSize = judged(fields.batchSize, 'invalid');
    else if (window === undefined || (windowSeconds !== undefined && windowSeconds < 1)) fields.batchSize = judged(fields.batchSize, 'invalid');
  }
  // Reserved concurrency 0 throttles every invocation: the consumer would never run.
  const reserved = fields['functionProps.reservedConcurrentExecutions'];
  if (numberOf(reserved) === 0) fields['functionProps.reservedConcurrentExecutions'] = judged(reserved!, 'invalid');
  // The visibility timeout given for a queue the pattern makes: ≥ 6 x the function timeout + the window.
  const visibility = fields['queueProps.visibilityTimeout'];
  const visibilitySeconds = secondsOf(visibility);
  // The function's timeout: given in functionProps, or given for a brought function (functionTimeout).
  const timeoutField = fields['functionProps.timeout'] ?? fields.functionTimeout;
  if (visibilitySeconds === undefined || timeoutField?.verdict === 'token' || timeoutField?.verdict === 'invalid') return;
  const timeout = secondsOf(timeoutField) ?? 30;
  if (window?.verdict === 'invalid') return;
  const required = SQS_EVENT_SOURCE_LIMITS.visibilityTimeoutFactor.min * timeout + (secondsOf(window) ?? 0);
  if (visibilitySeconds < required) fields['queueProps.visibilityTimeout'] = judged(visibility!, 'invalid');
}

const consumerCases = fc.oneof({ weight: 1, arbitrary: consumerCasesAt(1) }, { weight: 2, arbitrary: consumerCasesAt(4) });

describe('QueueConsumer props, at random', () => {
  test('refused naming each bad prop, or synthesized with zero cdk-nag and zero cfn-lint errors', () => {
    const lint = checkPropsProperty(consumerCases, ({ fifo, fields }) => ({
      fields,
      note: `fifo ${fifo}`,
      build: (stack) => {
        const props = materializePaths<QueueConsumerProps>(fields, stack);
        new QueueConsumer(stack, 'Consumer', { ...props, fifo: props.fifo ?? (fifo || undefined) });
      },
    }), settings, { nag: 'Consumer' });
    // Not vacuous: a good share of the cases made a consumer, and every template made lints without error.
    expect(lint.size).toBeGreaterThanOrEqual(Math.max(1, Math.floor(settings.numRuns / 5)));
    expect(lint.findings()).toEqual([]);
  }, settings.timeout);
});
