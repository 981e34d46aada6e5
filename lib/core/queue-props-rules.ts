import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SQS_LIMITS, SQS_QUEUE_NAME, describeRange } from './limits';
import { PROP_RULES } from './prop-rules';
import { validateRemovalPolicy } from './removal-policy-rules';
import { knownText } from './token-text';
import { ProblemCollector, formatValue } from './validation';

/** Where a pattern's queue props are, and what the pattern makes of them. */
export interface QueuePropsContext {
  /** The props' place in the pattern's own props, as the user writes it: `queueProps`, `subscribers.billing.deadLetterQueueProps`. */
  readonly prefix: string;
  /** Whether the pattern makes a FIFO queue: a name, a setting or a dead-letter queue of the other type is refused. */
  readonly fifo: boolean;
}

/**
 * Checks every field of `sqs.QueueProps` that a pattern passes to aws-cdk-lib, so a value SQS or CloudFormation
 * would refuse (or aws-cdk-lib would throw on, or silently change) is a problem naming the user's prop.
 *
 * Pass the props as the queue will be made (the pattern's defaults merged with the user's): rules that read several
 * fields (encryption and its key) then see what the queue gets. A value that is a token is skipped only by the
 * rules it makes undecidable.
 */
export function validateQueueProps(problems: ProblemCollector, props: sqs.QueueProps | undefined, context: QueuePropsContext): void {
  if (props === undefined) return;
  const at = (field: string) => `${context.prefix}.${field}`;
  const code = PROP_RULES.queueSettingRange;
  problems.durationInRange(code, at('visibilityTimeout'), props.visibilityTimeout, SQS_LIMITS.visibilityTimeout);
  problems.durationInRange(code, at('retentionPeriod'), props.retentionPeriod, SQS_LIMITS.messageRetentionPeriod);
  problems.durationInRange(code, at('deliveryDelay'), props.deliveryDelay, SQS_LIMITS.delaySeconds);
  problems.durationInRange(code, at('receiveMessageWaitTime'), props.receiveMessageWaitTime, SQS_LIMITS.receiveMessageWaitTimeSeconds);
  problems.durationInRange(code, at('dataKeyReuse'), props.dataKeyReuse, SQS_LIMITS.kmsDataKeyReusePeriodSeconds);
  problems.inRange(code, at('maxMessageSizeBytes'), props.maxMessageSizeBytes, SQS_LIMITS.maximumMessageSize);
  validateQueueName(problems, at('queueName'), props.queueName, context.fifo);
  validateFifoSettings(problems, props, context, at);
  validateDeadLetterQueue(problems, props.deadLetterQueue, context.fifo, at('deadLetterQueue'));
  validateRedriveAllowPolicy(problems, props.redriveAllowPolicy, context.fifo, at('redriveAllowPolicy'));
  validateEncryption(problems, props, at);
  validateRemovalPolicy(problems, at('removalPolicy'), props.removalPolicy, 'an SQS queue');
}

/** Whether a name ends in `.fifo`; undefined when a token decides it. */
function endsWithFifoSuffix(name: string): boolean | undefined {
  const text = knownText(name);
  const suffix = SQS_QUEUE_NAME.fifoSuffix;
  if (text.endsWithToken) return undefined;
  if (text.knownEnding.endsWith(suffix)) return true;
  // `${token}fo` ends in `.fifo` if the token ends in `.fi`.
  if (!text.complete && suffix.endsWith(text.knownEnding)) return undefined;
  return false;
}

/**
 * A queue name SQS accepts: 1 to 80 characters counting `.fifo`, letters, digits, hyphens and underscores, and the
 * `.fifo` suffix exactly when the queue is FIFO. aws-cdk-lib would otherwise make a queue named `x.fifo` FIFO
 * without a word, in a pattern whose other queues and topic are standard.
 */
export function validateQueueName(problems: ProblemCollector, prop: string, name: string | undefined, fifo: boolean): void {
  if (name === undefined) return;
  const suffix = SQS_QUEUE_NAME.fifoSuffix;
  const ends = endsWithFifoSuffix(name);
  problems.expect(!(fifo && ends === false), {
    code: PROP_RULES.fifoMismatch,
    prop,
    value: formatValue(name),
    rule: `does not end in '${suffix}', and the queue is FIFO: a FIFO queue's name must (${SQS_QUEUE_NAME.source})`,
    fix: `Add the suffix: '${name}${suffix}'.`,
  });
  problems.expect(!(!fifo && ends === true), {
    code: PROP_RULES.fifoMismatch,
    prop,
    value: formatValue(name),
    rule: `ends in '${suffix}', which makes a FIFO queue where this one must be standard (aws-cdk-lib would make it FIFO without a word)`,
    fix: `Remove the '${suffix}' suffix; a standard queue's name never ends in it.`,
  });
  const text = knownText(name);
  const base = text.literal.endsWith(suffix) ? text.literal.slice(0, -suffix.length) : text.literal;
  const bad = [...new Set([...base].filter((c) => !SQS_QUEUE_NAME.characters.test(c)))];
  problems.expect(bad.length === 0, {
    code: PROP_RULES.invalidQueueName,
    prop,
    value: formatValue(name),
    rule: `has characters SQS does not allow in a queue name: ${bad.map((c) => `'${c}'`).join(', ')} (letters A-Z and a-z, digits, - and _ only, plus the '${suffix}' suffix of a FIFO queue)`,
    fix: 'Use only ASCII letters, digits, hyphens and underscores.',
  });
  const { length } = SQS_QUEUE_NAME;
  const tooLong = text.literal.length > length.max;
  problems.expect(!tooLong && !(text.complete && text.literal.length < length.min), {
    code: PROP_RULES.invalidQueueName,
    prop,
    value: formatValue(name),
    rule: `is ${text.complete ? '' : 'at least '}${text.literal.length} characters long; SQS allows ${describeRange(length)}, the '${suffix}' suffix included`,
    fix: tooLong ? `Shorten the name to at most ${length.max} characters.` : 'Give the queue a name, or leave queueName out to let CloudFormation name it.',
  });
}

/** FIFO-only settings make aws-cdk-lib turn a queue FIFO when `fifo` is left out; on a FIFO queue they must agree. */
function validateFifoSettings(problems: ProblemCollector, props: sqs.QueueProps, context: QueuePropsContext, at: (f: string) => string): void {
  problems.expect(props.fifo === undefined || props.fifo === context.fifo, {
    code: PROP_RULES.fifoMismatch,
    prop: at('fifo'),
    value: formatValue(props.fifo),
    rule: `does not match the queue the pattern makes (${context.fifo ? 'FIFO' : 'standard'})`,
    fix: `Remove ${at('fifo')}; the pattern decides it.`,
  });
  if (!context.fifo) {
    for (const field of ['contentBasedDeduplication', 'deduplicationScope', 'fifoThroughputLimit'] as const) {
      problems.expect(props[field] === undefined, {
        code: PROP_RULES.fifoMismatch,
        prop: at(field),
        value: formatValue(props[field]),
        rule: 'applies to FIFO queues only, and this queue is standard (aws-cdk-lib would make it FIFO)',
        fix: `Remove ${at(field)}.`,
      });
    }
    return;
  }
  // High-throughput FIFO: a throughput limit per message group needs deduplication per message group (SQS API-model).
  problems.expect(props.fifoThroughputLimit !== sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID
    || props.deduplicationScope === sqs.DeduplicationScope.MESSAGE_GROUP, {
    code: PROP_RULES.fifoMismatch,
    prop: at('fifoThroughputLimit'),
    value: 'FifoThroughputLimit.PER_MESSAGE_GROUP_ID',
    rule: `needs deduplicationScope MESSAGE_GROUP, not ${formatValue(props.deduplicationScope ?? sqs.DeduplicationScope.QUEUE)} (SQS API-model CreateQueue, high-throughput FIFO)`,
    fix: `Set ${at('deduplicationScope')} to DeduplicationScope.MESSAGE_GROUP, or use FifoThroughputLimit.PER_QUEUE.`,
  });
}

function validateDeadLetterQueue(problems: ProblemCollector, dlq: sqs.DeadLetterQueue | undefined, fifo: boolean, prop: string): void {
  if (dlq === undefined) return;
  problems.inRange(PROP_RULES.maxReceiveCountRange, `${prop}.maxReceiveCount`, dlq.maxReceiveCount, SQS_LIMITS.maxReceiveCount);
  problems.expect(dlq.queue.fifo === fifo, {
    code: PROP_RULES.fifoMismatch,
    prop: `${prop}.queue`,
    value: dlq.queue.fifo ? 'a FIFO queue' : 'a standard queue',
    rule: `is not of the same type as its source queue (${fifo ? 'FIFO' : 'standard'}); SQS requires a dead-letter queue of the same type`,
    fix: `Use a ${fifo ? 'FIFO' : 'standard'} dead-letter queue.`,
  });
}

/** A dead-letter queue's RedriveAllowPolicy, as SQS accepts it (SQS API-model SetQueueAttributes). */
export function validateRedriveAllowPolicy(problems: ProblemCollector, policy: sqs.RedriveAllowPolicy | undefined, fifo: boolean, prop: string): void {
  if (policy === undefined) return;
  const sources = policy.sourceQueues;
  const permission = policy.redrivePermission ?? (sources ? sqs.RedrivePermission.BY_QUEUE : sqs.RedrivePermission.ALLOW_ALL);
  const limit = SQS_LIMITS.redriveAllowSourceQueues;
  if (permission !== sqs.RedrivePermission.BY_QUEUE) {
    problems.expect(sources === undefined, {
      code: PROP_RULES.redriveAllowPolicy,
      prop: `${prop}.sourceQueues`,
      value: `${sources?.length} queues`,
      rule: `names source queues, which only RedrivePermission.BY_QUEUE takes (the permission is ${formatValue(permission)})`,
      fix: `Remove ${prop}.sourceQueues, or set ${prop}.redrivePermission to RedrivePermission.BY_QUEUE.`,
    });
    return;
  }
  const count = sources?.length ?? 0;
  problems.expect(count >= limit.min && count <= limit.max, {
    code: PROP_RULES.redriveAllowPolicy,
    prop: `${prop}.sourceQueues`,
    value: `${count} queues`,
    rule: `is outside the ${describeRange(limit)} source queues RedrivePermission.BY_QUEUE takes (${limit.source})`,
    fix: count === 0
      ? `Name the queues that may use this dead-letter queue in ${prop}.sourceQueues.`
      : `Name at most ${limit.max} queues, or set ${prop}.redrivePermission to RedrivePermission.ALLOW_ALL.`,
  });
  (sources ?? []).forEach((source, i) => {
    problems.expect(source.fifo === fifo, {
      code: PROP_RULES.fifoMismatch,
      prop: `${prop}.sourceQueues[${i}]`,
      value: source.fifo ? 'a FIFO queue' : 'a standard queue',
      rule: `cannot use this ${fifo ? 'FIFO' : 'standard'} queue as its dead-letter queue: SQS requires both of the same type`,
      fix: `Name only ${fifo ? 'FIFO' : 'standard'} source queues.`,
    });
  });
}

function validateEncryption(problems: ProblemCollector, props: sqs.QueueProps, at: (f: string) => string): void {
  const { encryption, encryptionMasterKey: key } = props;
  problems.expect(key === undefined || encryption === undefined || encryption === sqs.QueueEncryption.KMS, {
    code: PROP_RULES.queueEncryption,
    prop: at('encryptionMasterKey'),
    value: key?.node.path ?? '',
    rule: `is given with encryption ${formatValue(encryption)}, which uses no key of yours (aws-cdk-lib refuses it or changes encryption to KMS)`,
    fix: `Set ${at('encryption')} to QueueEncryption.KMS, or remove ${at('encryptionMasterKey')}.`,
  });
  const kms = encryption === sqs.QueueEncryption.KMS || encryption === sqs.QueueEncryption.KMS_MANAGED || (encryption === undefined && key !== undefined);
  problems.expect(props.dataKeyReuse === undefined || kms, {
    code: PROP_RULES.queueEncryption,
    prop: at('dataKeyReuse'),
    value: formatValue(props.dataKeyReuse),
    rule: `applies only to SSE-KMS queues, and this queue is ${encryption === sqs.QueueEncryption.UNENCRYPTED ? 'unencrypted' : 'encrypted with SSE-SQS'}: aws-cdk-lib would drop it without a word`,
    fix: `Remove ${at('dataKeyReuse')}, or encrypt the queue with KMS.`,
  });
}

/**
 * The fields of passed-through queue props that the pattern sets itself, which the props' type leaves out and a
 * cast or JavaScript can still give: each one given is a problem naming it.
 *
 * @param fix what to do instead, shown after "Remove <prop>;"
 */
export function validatePatternOwnedSettings(problems: ProblemCollector, props: object | undefined, prefix: string, owned: readonly string[], fix: string): void {
  if (props === undefined) return;
  for (const field of owned) {
    const value = (props as Record<string, unknown>)[field];
    problems.expect(value === undefined, {
      code: PROP_RULES.patternOwnedSetting,
      prop: `${prefix}.${field}`,
      value: typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string' ? formatValue(value) : 'given',
      rule: 'is set by the pattern, which keeps its queues secure and consistent',
      fix: `Remove ${prefix}.${field}; ${fix}.`,
    });
  }
}

/**
 * A queue a pattern encrypts with its customer-managed key: `encryption` may be left out or say KMS. The AWS managed
 * key (KMS_MANAGED, `alias/aws/sqs`) admits no service principal; SSE-SQS or none would drop the pattern's key.
 */
export function validatePatternKeyEncryption(problems: ProblemCollector, props: sqs.QueueProps | undefined, prefix: string, keyProp: string): void {
  const encryption = props?.encryption;
  if (encryption === undefined || encryption === sqs.QueueEncryption.KMS) return;
  const prop = `${prefix}.encryption`;
  if (encryption === sqs.QueueEncryption.KMS_MANAGED) {
    problems.add({
      code: PROP_RULES.awsManagedKey,
      prop,
      value: 'KMS_MANAGED (alias/aws/sqs)',
      rule: 'cannot be used by the services that write to or read from the queue for the pattern: the AWS managed key\'s policy admits no service principal',
      fix: `Remove ${prop} to use the pattern's customer-managed key, or pass a key of yours as ${keyProp}.`,
    });
    return;
  }
  problems.add({
    code: PROP_RULES.patternOwnedSetting,
    prop,
    value: formatValue(encryption),
    rule: 'is set by the pattern: its queues are encrypted with its customer-managed key',
    fix: `Remove ${prop}; pass ${keyProp} to use a key of yours.`,
  });
}
