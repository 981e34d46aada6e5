import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as fc from 'fast-check';
import {
  FunctionSettings, ProblemCollector, SQS_LIMITS, validateFunctionProps, validateQueueProps,
} from '../../lib/core';
import {
  Generated, GeneratedProps, constant, counts, functionSettings, given, judged, materialize, optional, queueNames, queueRangeSettings,
  removalPolicies, valid,
} from '../support/arbitraries';
import { LintBatch, checkPropsProperty, propertySettings } from '../support/property';

/**
 * The property harness proven on the lib/core rules: for random QueueProps and FunctionProps, either the rules refuse
 * them naming every bad prop, or `new sqs.Queue` / `new lambda.Function` with them synthesizes, and every template
 * made lints clean (one cfn-lint call per property). `npm run fuzz` runs the same with a random seed and more runs.
 */
const settings = propertySettings();

/**
 * A dead-letter queue made in the stack, of the queue's type or the other. (cfn-lint 1.x reports E3502 for any
 * RedrivePolicy whose target is an ARN string rather than a queue of the template, so the DLQ is not imported here.)
 */
function deadLetterQueues(fifo: boolean): fc.Arbitrary<Generated<sqs.DeadLetterQueue>> {
  return fc.tuple(fc.boolean(), counts(SQS_LIMITS.maxReceiveCount)).map(([sameType, count]) => {
    const dlqFifo = sameType ? fifo : !fifo;
    const verdict = !sameType || count.verdict === 'invalid' ? 'invalid' : count.verdict;
    return {
      label: `{ queue: a ${dlqFifo ? 'FIFO' : 'standard'} queue, maxReceiveCount: ${count.label} }`,
      verdict,
      make: (scope) => ({ queue: new sqs.Queue(scope, 'DeadLetterQueue', dlqFifo ? { fifo: true } : {}), maxReceiveCount: count.make(scope) }),
    };
  });
}

function redriveAllowPolicies(fifo: boolean): fc.Arbitrary<Generated<sqs.RedriveAllowPolicy>> {
  const permissions = [undefined, sqs.RedrivePermission.ALLOW_ALL, sqs.RedrivePermission.DENY_ALL, sqs.RedrivePermission.BY_QUEUE];
  return fc.tuple(fc.constantFrom(...permissions), fc.option(fc.integer({ min: 0, max: 11 }), { nil: undefined }), fc.boolean()).map(([redrivePermission, n, sameType]) => {
    const byQueue = (redrivePermission ?? (n !== undefined ? sqs.RedrivePermission.BY_QUEUE : sqs.RedrivePermission.ALLOW_ALL)) === sqs.RedrivePermission.BY_QUEUE;
    const ok = byQueue ? n !== undefined && n >= 1 && n <= 10 && sameType : n === undefined;
    return {
      label: `{ redrivePermission: ${redrivePermission}, sourceQueues: ${n} ${sameType ? 'same-type' : 'other-type'} queues }`,
      verdict: ok ? 'valid' : 'invalid',
      make: (scope) => ({
        redrivePermission,
        sourceQueues: n === undefined ? undefined : Array.from({ length: n }, (_, i) =>
          sqs.Queue.fromQueueArn(scope, `Source${i}`, `arn:aws:sqs:us-east-1:111111111111:source${i}${(sameType ? fifo : !fifo) ? '.fifo' : ''}`)),
      }),
    };
  });
}

const encryptions = fc.constantFrom(...Object.values(sqs.QueueEncryption)).map((e) => constant('valid', `QueueEncryption ${e}`, e));
const keys = fc.constant(valid('a kms.Key of the stack', (scope) => new kms.Key(scope, 'Key', { enableKeyRotation: true })));
/** QueueProps for a queue of each type, with the verdicts of the rules that combine fields applied. */
const queueCases = fc.boolean().chain((fifo) => fc.record({
  ...queueRangeSettings(),
  queueName: optional(queueNames(fifo)),
  fifo: optional(fc.boolean().map((f) => constant(f === fifo ? 'valid' : 'invalid', String(f), f))),
  contentBasedDeduplication: optional(fc.constant(constant(fifo ? 'valid' : 'invalid', 'true', true))),
  encryption: optional(encryptions),
  encryptionMasterKey: optional(keys),
  deadLetterQueue: optional(deadLetterQueues(fifo)),
  redriveAllowPolicy: optional(redriveAllowPolicies(fifo)),
  removalPolicy: optional(removalPolicies),
}).map((fields) => {
  const encryption = fields.encryption?.make(new Stack()) as sqs.QueueEncryption | undefined;
  const key = fields.encryptionMasterKey !== undefined;
  const kmsEncrypted = encryption === sqs.QueueEncryption.KMS || encryption === sqs.QueueEncryption.KMS_MANAGED || (encryption === undefined && key);
  return {
    fifo,
    fields: given({
      ...fields,
      encryptionMasterKey: fields.encryptionMasterKey && (encryption === undefined || encryption === sqs.QueueEncryption.KMS ? fields.encryptionMasterKey : judged(fields.encryptionMasterKey, 'invalid')),
      dataKeyReuse: fields.dataKeyReuse && (kmsEncrypted ? fields.dataKeyReuse : judged(fields.dataKeyReuse, 'invalid')),
    }),
  };
}));

/** FunctionProps beyond the code and runtime the case gives. */
const functionCases = functionSettings().map(given);

describe('the property harness on the lib/core rules', () => {
  /** Not vacuous: a good share of the cases made a resource, and every template made lints without error. */
  function expectLintedClean(lint: LintBatch): void {
    expect(lint.size).toBeGreaterThanOrEqual(Math.max(1, Math.floor(settings.numRuns / 20)));
    expect(lint.findings()).toEqual([]);
  }

  test('QueueProps: refused naming each bad prop, or a queue that synthesizes and lints clean', () => {
    expectLintedClean(checkPropsProperty(queueCases, ({ fifo, fields }) => ({
      fields,
      prefix: 'queueProps',
      note: `fifo ${fifo}`,
      build: (stack) => {
        // As a pattern passes them: its own settings (the queue's type), then the user's.
        const props: sqs.QueueProps = { ...(fifo ? { fifo: true } : {}), ...materialize<sqs.QueueProps>(fields, stack) };
        const problems = new ProblemCollector(stack);
        validateQueueProps(problems, props, { prefix: 'queueProps', fifo });
        problems.throwIfAny();
        new sqs.Queue(stack, 'Queue', props);
      },
    }), settings));
  }, settings.timeout);

  test('FunctionProps: refused naming each bad prop, or a function that synthesizes and lints clean', () => {
    expectLintedClean(checkPropsProperty(functionCases, (fields: GeneratedProps) => ({
      fields,
      prefix: 'functionProps',
      build: (stack) => {
        const props = materialize<FunctionSettings>(fields, stack);
        const problems = new ProblemCollector(stack);
        validateFunctionProps(problems, props, 'functionProps');
        problems.throwIfAny();
        new lambda.Function(stack, 'Function', {
          ...props,
          runtime: lambda.Runtime.NODEJS_22_X,
          handler: 'index.handler',
          code: lambda.Code.fromInline('exports.handler = async () => {};'),
        });
      },
    }), settings));
  }, settings.timeout);
});
