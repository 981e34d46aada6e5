import { Duration, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as fc from 'fast-check';
import { DEAD_LETTER_QUEUE_HAS_NO_REDRIVE, TopicFanOut, TopicFanOutProps } from '../../../lib';
import { SQS_LIMITS, acknowledge } from '../../../lib/core';
import {
  Generated, constant, counts, deferred, durations, given, importedQueues, invalid, judged, materializePaths, optional, patternKeys, queueNames,
  removalPolicies, stringToken, token, valid,
} from '../../support/arbitraries';
import { checkPropsProperty, propertySettings } from '../../support/property';

/**
 * TopicFanOut's props, at random: either the pattern refuses them with problems naming every bad prop (and only props
 * that were given), or the stack synthesizes with zero cdk-nag errors on the fan-out's resources and, linted together
 * in one cfn-lint call, zero cfn-lint errors. Verdicts of the rules that combine props (a DLQ's retention against its
 * queue's, a consumer's visibility timeout, options next to a brought queue, a name given twice) are applied here.
 */
const settings = propertySettings(60);

type Fields = Record<string, Generated<unknown>>;

const VALID_NAMES = ['billing', 'audit', 'order-events_2', 'n'.repeat(80)];
const INVALID_NAMES = ['constructor', 'toString', 'bad name', 'n'.repeat(81), 'Topic'];

const FUNCTION_PROPS = { handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });') };

/** Filters SNS accepts, rejects, or holds a value known only at deploy (judged by SNS then). */
const filters: fc.Arbitrary<Generated<Record<string, unknown>>> = fc.oneof(
  fc.constantFrom(
    constant('valid', '{ eventType: [order_placed] }', { eventType: ['order_placed'] }),
    constant('valid', '{ total: [{ numeric: [>, 100] }] }', { total: [{ numeric: ['>', 100] }] }),
    constant('valid', '{}', {}),
    constant('invalid', '6 keys', { a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] }),
    constant('invalid', '{ price: [{ numeric: [>, 3, <, 1] }] }', { price: [{ numeric: ['>', 3, '<', 1] }] }),
  ),
  fc.constant(token('{ eventType: [<parameter>] }', (scope) => ({ eventType: [stringToken(scope)] }))),
);

/** Queue encryptions: the pattern's KMS (valid), the AWS managed key and anything but the pattern's key (refused). */
const encryptions = fc.constantFrom(
  constant('valid', 'KMS', sqs.QueueEncryption.KMS),
  constant('invalid', 'KMS_MANAGED', sqs.QueueEncryption.KMS_MANAGED),
  constant('invalid', 'SQS_MANAGED', sqs.QueueEncryption.SQS_MANAGED),
  constant('invalid', 'UNENCRYPTED', sqs.QueueEncryption.UNENCRYPTED),
);

/** A queue the user brings, with what the pattern must find on it; made nag-clean, so only the fan-out's resources are judged. */
function broughtQueues(name: string, topicFifo: boolean): fc.Arbitrary<Generated<sqs.IQueue> & { fifo: boolean }> {
  const made = (fifo: boolean, managed: boolean): Generated<sqs.IQueue> & { fifo: boolean } => ({
    fifo,
    label: `an sqs.Queue${fifo ? ' (FIFO)' : ''}${managed ? ' encrypted with alias/aws/sqs' : ''} with a DLQ`,
    verdict: managed || (fifo && !topicFifo) ? 'invalid' : 'valid',
    make: (scope) => {
      const key = new kms.Key(scope, `${name}BroughtKey`, { enableKeyRotation: true });
      const encryption = managed ? { encryption: sqs.QueueEncryption.KMS_MANAGED } : { encryptionMasterKey: key };
      const dlq = new sqs.Queue(scope, `${name}BroughtDlq`, { fifo: fifo || undefined, enforceSSL: true, retentionPeriod: Duration.days(14), encryptionMasterKey: key });
      acknowledge(dlq, DEAD_LETTER_QUEUE_HAS_NO_REDRIVE);
      return new sqs.Queue(scope, `${name}BroughtQueue`, { fifo: fifo || undefined, enforceSSL: true, ...encryption, deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    },
  });
  return fc.oneof(
    fc.tuple(fc.boolean(), fc.boolean()).map(([fifo, managed]) => made(fifo, managed)),
    fc.boolean().chain((fifo) => importedQueues(fifo, `brought-${name}`).map((q) => ({ ...q, fifo, verdict: fifo && !topicFifo ? 'invalid' as const : 'valid' as const }))),
  );
}

/** The fields of one subscriber, by their path in the fan-out's props. */
function subscriberFields(name: string, topicFifo: boolean, scale: number): fc.Arbitrary<Fields> {
  const opt = <T>(arb: fc.Arbitrary<T>, skip = 3) => optional(arb, skip * scale);
  const at = `subscribers.${name}`;
  return fc.record({
    queueFifo: topicFifo ? opt(fc.boolean(), 2) : opt(fc.constant(true), 6),
    brought: opt(broughtQueues(name, topicFifo), 5),
    consumer: opt(fc.constant(true), 4),
    maxReceiveCount: opt(counts(SQS_LIMITS.maxReceiveCount)),
    maxMessageAge: opt(durations(SQS_LIMITS.messageRetentionPeriod), 5),
    filter: opt(filters, 2),
    filterScope: opt(fc.constantFrom('MessageAttributes', 'MessageBody'), 6),
    rawMessageDelivery: opt(fc.boolean(), 4),
  }).chain((s) => {
    const queueFifo = s.brought ? s.brought.fifo : s.queueFifo ?? topicFifo;
    const made = s.brought === undefined;
    return fc.record({
      visibilityTimeout: made ? opt(durations(SQS_LIMITS.visibilityTimeout)) : fc.constant(undefined),
      retentionPeriod: made ? opt(durations(SQS_LIMITS.messageRetentionPeriod)) : fc.constant(undefined),
      deliveryDelay: made ? opt(durations(SQS_LIMITS.delaySeconds), 6) : fc.constant(undefined),
      receiveMessageWaitTime: made ? opt(durations(SQS_LIMITS.receiveMessageWaitTimeSeconds), 6) : fc.constant(undefined),
      dataKeyReuse: made ? opt(durations(SQS_LIMITS.kmsDataKeyReusePeriodSeconds), 6) : fc.constant(undefined),
      maxMessageSizeBytes: made ? opt(counts(SQS_LIMITS.maximumMessageSize), 6) : fc.constant(undefined),
      queueName: made ? opt(queueNames(queueFifo), 4) : fc.constant(undefined),
      removalPolicy: made ? opt(removalPolicies, 8) : fc.constant(undefined),
      encryption: made ? opt(encryptions, 8) : fc.constant(undefined),
      dlqRetentionPeriod: made ? opt(durations(SQS_LIMITS.messageRetentionPeriod)) : fc.constant(undefined),
      dlqQueueName: made ? opt(queueNames(queueFifo), 6) : fc.constant(undefined),
      dlqRedriveAllowPolicy: made ? opt(fc.constant(invalid('{ redrivePermission: ALLOW_ALL }', () => ({ redrivePermission: sqs.RedrivePermission.ALLOW_ALL }))), 12) : fc.constant(undefined),
    }).map((q) => {
      const filter = s.filter;
      const fields = given({
        [`${at}.fifo`]: s.queueFifo === undefined ? undefined : constant(s.queueFifo && !topicFifo ? 'invalid' : 'valid', String(s.queueFifo), s.queueFifo),
        [`${at}.queue`]: s.brought,
        [`${at}.consumer`]: made && s.consumer ? valid('{ functionProps }', () => ({ functionProps: FUNCTION_PROPS })) : undefined,
        [`${at}.maxReceiveCount`]: s.maxReceiveCount,
        [`${at}.maxMessageAge`]: s.maxMessageAge,
        [`${at}.filter`]: filter,
        [`${at}.filterScope`]: s.filterScope === undefined ? undefined : constant(filter ? 'valid' : 'invalid', s.filterScope, s.filterScope),
        [`${at}.rawMessageDelivery`]: s.rawMessageDelivery === undefined ? undefined : constant('valid', String(s.rawMessageDelivery), s.rawMessageDelivery),
        [`${at}.queueProps.visibilityTimeout`]: q.visibilityTimeout,
        [`${at}.queueProps.retentionPeriod`]: q.retentionPeriod,
        [`${at}.queueProps.deliveryDelay`]: q.deliveryDelay,
        [`${at}.queueProps.receiveMessageWaitTime`]: q.receiveMessageWaitTime,
        [`${at}.queueProps.dataKeyReuse`]: q.dataKeyReuse,
        [`${at}.queueProps.maxMessageSizeBytes`]: q.maxMessageSizeBytes,
        [`${at}.queueProps.queueName`]: q.queueName,
        [`${at}.queueProps.removalPolicy`]: q.removalPolicy,
        [`${at}.queueProps.encryption`]: q.encryption,
        [`${at}.deadLetterQueueProps.retentionPeriod`]: q.dlqRetentionPeriod,
        [`${at}.deadLetterQueueProps.queueName`]: q.dlqQueueName,
        [`${at}.deadLetterQueueProps.redriveAllowPolicy`]: q.dlqRedriveAllowPolicy,
      });
      // A brought queue is shaped by its owner: these would be silently ignored.
      for (const option of ['maxReceiveCount', 'fifo']) {
        if (s.brought && fields[`${at}.${option}`]) fields[`${at}.${option}`] = judged(fields[`${at}.${option}`], 'invalid');
      }
      if (made && !queueFifo) judgeRetention(fields, at);
      if (made && s.consumer) judgeConsumerVisibility(fields, at);
      return fields;
    });
  });
}

/** Milliseconds of a generated duration known at synth, else undefined. */
function millis(g: Generated<unknown> | undefined): number | undefined {
  if (!g || g.verdict === 'token') return undefined;
  return (g.make(new Stack()) as Duration).toMilliseconds();
}

/** A standard DLQ keeps messages longer than its queue: the prop the user gave is named when it does not. */
function judgeRetention(fields: Fields, at: string): void {
  const sourceField = `${at}.queueProps.retentionPeriod`;
  const dlqField = `${at}.deadLetterQueueProps.retentionPeriod`;
  if (fields[sourceField]?.verdict === 'token' || fields[dlqField]?.verdict === 'token') return;
  const source = millis(fields[sourceField]) ?? SQS_LIMITS.messageRetentionPeriod.default! * 1000;
  const dlq = millis(fields[dlqField]) ?? Duration.days(14).toMilliseconds();
  if (dlq > source) return;
  const named = fields[dlqField] ? dlqField : sourceField;
  fields[named] = judged(fields[named], 'invalid');
}

/** A consumer needs the queue's visibility timeout at 6 x its function's timeout (30 s by default): 180 s. */
function judgeConsumerVisibility(fields: Fields, at: string): void {
  const field = `${at}.queueProps.visibilityTimeout`;
  const visibility = fields[field]?.verdict === 'valid' ? millis(fields[field]) : undefined;
  // The subscriber's QueueConsumer checks it, once the fan-out's own props are accepted.
  if (visibility !== undefined && visibility < 180_000) fields[field] = deferred(fields[field]);
}

/** Queue names are unique: a name given again is refused on its second use (in the order the fan-out checks them). */
function judgeDuplicateNames(fields: Fields, names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    for (const prop of [`subscribers.${name}.queueProps.queueName`, `subscribers.${name}.deadLetterQueueProps.queueName`]) {
      const g = fields[prop];
      if (!g || g.verdict === 'token') continue;
      const value = g.make(new Stack()) as string;
      if (seen.has(value)) fields[prop] = judged(g, 'invalid');
      seen.add(value);
    }
  }
}

/**
 * Fan-out cases in which a prop is given in one case out of `1 + 3 x scale`: with many props, a high scale leaves
 * most cases without a bad prop, so they synthesize and are linted; scale 1 gives many props at once.
 */
function fanOutCasesAt(scale: number) {
  const opt = <T>(arb: fc.Arbitrary<T>, skip = 3) => optional(arb, skip * scale);
  return fc.record({
    fifo: fc.boolean(),
    names: fc.uniqueArray(fc.oneof({ weight: 6 * scale, arbitrary: fc.constantFrom(...VALID_NAMES) }, { weight: 1, arbitrary: fc.constantFrom(...INVALID_NAMES) }), { minLength: 1, maxLength: 2 }),
    prefix: opt(fc.oneof(
      fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/).map((p) => constant('valid', JSON.stringify(p), p)),
      fc.constantFrom('bad prefix!', 'ünï').map((p) => constant('invalid', JSON.stringify(p), p)),
    ), 4),
    contentBasedDeduplication: opt(fc.constant(true), 6),
    topic: opt(fc.boolean(), 6),
    encryptionKey: opt(patternKeys(), 4),
    keyRemovalPolicy: opt(removalPolicies, 6),
    alarms: opt(fc.constantFrom<boolean | Record<string, boolean>>(false, true, { failedDeliveries: false }, { oldestMessageAge: false, deadLetterQueueDepth: false }), 4),
  }).chain((top) => fc.tuple(...top.names.map((name) => subscriberFields(name, top.fifo, scale))).map((subs) => {
    const fields: Fields = Object.assign({}, ...subs);
    const topicFifo = top.topic === undefined ? undefined : top.topic === top.fifo ? top.fifo : !top.fifo;
    Object.assign(fields, given({
      fifo: constant('valid', String(top.fifo), top.fifo),
      queueNamePrefix: top.prefix,
      contentBasedDeduplication: top.contentBasedDeduplication && constant(top.fifo && top.topic === undefined ? 'valid' : 'invalid', 'true', true),
      topic: top.topic === undefined ? undefined : (topicFifo === top.fifo ? valid : invalid)(`an sns.Topic${topicFifo ? ' (FIFO)' : ''}`, (scope) => {
        const key = new kms.Key(scope, 'BroughtTopicKey', { enableKeyRotation: true });
        return new sns.Topic(scope, 'BroughtTopic', { fifo: topicFifo || undefined, masterKey: key, enforceSSL: true });
      }),
      encryptionKey: top.encryptionKey,
      keyRemovalPolicy: top.keyRemovalPolicy && (top.encryptionKey ? judged(top.keyRemovalPolicy, 'invalid') : top.keyRemovalPolicy),
      alarms: top.alarms === undefined ? undefined : constant('valid', JSON.stringify(top.alarms), top.alarms),
    }));
    for (const name of top.names) {
      if (INVALID_NAMES.includes(name)) fields[`subscribers.${name}`] = constant('invalid', JSON.stringify(name), undefined);
      // With a prefix, the longest queue name is `<prefix>-<name>-subscription-dlq[.fifo]`: at most 80 characters.
      const prefix = top.prefix?.make(new Stack()) as string | undefined;
      if (prefix !== undefined && `${prefix}-${name}-subscription-dlq${top.fifo ? '.fifo' : ''}`.length > SQS_LIMITS.queueNameLength.max) {
        fields[`subscribers.${name}`] = constant('invalid', JSON.stringify(name), undefined);
      }
    }
    judgeDuplicateNames(fields, top.names);
    return { fifo: top.fifo, names: top.names, fields };
  }));
}

const fanOutCases = fc.oneof({ weight: 1, arbitrary: fanOutCasesAt(1) }, { weight: 2, arbitrary: fanOutCasesAt(4) });

describe('TopicFanOut props, at random', () => {
  test('refused naming each bad prop, or synthesized with zero cdk-nag and zero cfn-lint errors', () => {
    const lint = checkPropsProperty(fanOutCases, ({ fifo, names, fields }) => ({
      fields,
      note: `fifo ${fifo}`,
      build: (stack) => {
        const base = { subscribers: Object.fromEntries(names.map((n) => [n, {}])) };
        new TopicFanOut(stack, 'Orders', materializePaths<TopicFanOutProps>(fields, stack, base));
      },
    }), settings, { nag: 'Orders' });
    // Not vacuous: a good share of the cases made a fan-out, and every template made lints without error.
    expect(lint.size).toBeGreaterThanOrEqual(Math.max(1, Math.floor(settings.numRuns / 5)));
    expect(lint.findings()).toEqual([]);
  }, settings.timeout);
});
