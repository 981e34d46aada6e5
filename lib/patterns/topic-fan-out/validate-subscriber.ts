import { Duration, Token } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import {
  ProblemCollector, SECURE_DEFAULTS, SQS_LIMITS, SQS_QUEUE_NAME, describeRange, formatValue, isKnown, queueSettings,
  validatePatternKeyEncryption, validatePatternOwnedSettings, validateQueueProps,
  exactMillis,
} from '../../core';
import { validateFilterPolicy } from '../../filter-policy';
import { toFilterPolicy } from './filter';
import { SubscriberProps, SubscriberQueueProps, TopicFanOutProps } from './props';
import { TOPIC_FAN_OUT_RULES as R } from './rules';

/** Queue and topic names allow letters, digits, hyphens and underscores (SQS and SNS API-model). */
export const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

/** The longest suffix the pattern appends to `queueNamePrefix-<subscriber>` decides the name's length. */
const LONGEST_QUEUE_NAME_SUFFIX = '-subscription-dlq';

/** The ids of the fan-out's own children: a subscriber of the same name would collide with them. */
const RESERVED_SUBSCRIBER_NAMES = ['Key', 'Topic', 'AlarmTopic', 'FailedDeliveriesAlarm'];

/**
 * Names every JavaScript object already has (`constructor`, `toString`, …): the construct tree keeps a node's children
 * in a plain object, so it takes a child of such a name for one that exists ("There is already a Construct with name").
 */
const OBJECT_MEMBER_NAMES = Object.getOwnPropertyNames(Object.prototype);

/** Queue settings the pattern owns, with what to do instead. */
const OWNED_QUEUE_SETTINGS = ['deadLetterQueue', 'encryptionMasterKey', 'enforceSSL'] as const;
const OWNED_FIX = 'use the subscriber\'s maxReceiveCount, the fan-out\'s encryptionKey, or bring your own queue';

/** The queue name the pattern gives a subscriber's queue with `queueNamePrefix` (suffix `''`, `-dlq`, `-subscription-dlq`). */
export function prefixedQueueName(prefix: string, name: string, suffix: string, fifo: boolean): string {
  return `${prefix}-${name}${suffix}${fifo ? SQS_QUEUE_NAME.fifoSuffix : ''}`;
}

/** The literal queue names the fan-out's queues will have, with the prop that gives each: for the duplicate rule. */
export function queueNamesOf(props: TopicFanOutProps): [string, string][] {
  const fifo = props.fifo ?? false;
  const prefix = props.queueNamePrefix !== undefined && isKnown(props.queueNamePrefix) ? props.queueNamePrefix : undefined;
  const names: [string, string | undefined][] = [];
  for (const [name, sub] of Object.entries(props.subscribers)) {
    if (sub.queue) continue;
    const queueFifo = sub.fifo ?? fifo;
    const at = `subscribers.${name}`;
    const derived = (suffix: string, f: boolean) => (prefix === undefined ? undefined : prefixedQueueName(prefix, name, suffix, f));
    names.push([`${at}.queueProps.queueName`, sub.queueProps?.queueName ?? derived('', queueFifo)]);
    names.push([`${at}.deadLetterQueueProps.queueName`, sub.deadLetterQueueProps?.queueName ?? derived('-dlq', queueFifo)]);
    names.push([at, derived(LONGEST_QUEUE_NAME_SUFFIX, fifo)]);
  }
  return names.filter((n): n is [string, string] => n[1] !== undefined && isKnown(n[1]));
}

/** Every rule of one subscriber. */
export function validateSubscriber(problems: ProblemCollector, name: string, sub: SubscriberProps, fifo: boolean, prefix?: string): void {
  const at = `subscribers.${name}`;
  validateSubscriberName(problems, name, fifo, prefix);
  problems.inRange(R.maxReceiveCountRange, `${at}.maxReceiveCount`, sub.maxReceiveCount, SQS_LIMITS.maxReceiveCount);
  problems.durationInRange(R.maxMessageAgeRange, `${at}.maxMessageAge`, sub.maxMessageAge, SQS_LIMITS.messageRetentionPeriod,
    `Set ${at}.maxMessageAge to whole seconds in ${describeRange(SQS_LIMITS.messageRetentionPeriod)}: no message is kept longer than the longest retention.`);
  validateFilter(problems, at, sub);
  // A FIFO topic delivers to FIFO and standard queues; a standard topic to standard queues only (SNS developer guide, FIFO topic delivery).
  problems.expect(fifo || sub.fifo !== true, {
    code: R.fifoMismatch,
    prop: `${at}.fifo`,
    value: 'true',
    rule: 'asks for a FIFO queue on a standard topic, which cannot deliver to a FIFO queue',
    fix: `Remove ${at}.fifo, or make the fan-out FIFO (fifo: true).`,
  });
  if (sub.queue) {
    for (const option of ['queueProps', 'deadLetterQueueProps', 'maxReceiveCount', 'fifo'] as const) {
      problems.expect(sub[option] === undefined, {
        code: R.optionOnBroughtQueue,
        prop: `${at}.${option}`,
        value: formatValue(sub[option]),
        rule: 'shapes a queue the pattern makes, and this subscriber brings its own queue',
        fix: `Set it on the queue you bring, and remove ${at}.${option}.`,
      });
    }
    validateBroughtQueue(problems, at, sub.queue, fifo);
    return;
  }
  const queueFifo = sub.fifo ?? fifo;
  validateMadeQueueProps(problems, `${at}.queueProps`, sub.queueProps, queueFifo, OWNED_QUEUE_SETTINGS);
  // The dead-letter queue admits its source queue only: the pattern writes its RedriveAllowPolicy.
  validateMadeQueueProps(problems, `${at}.deadLetterQueueProps`, sub.deadLetterQueueProps, queueFifo, [...OWNED_QUEUE_SETTINGS, 'redriveAllowPolicy']);
  if (!queueFifo) {
    validateRetention(problems, {
      sourceProp: `${at}.queueProps.retentionPeriod`,
      source: sub.queueProps?.retentionPeriod ?? Duration.seconds(SQS_LIMITS.messageRetentionPeriod.default!),
      dlqProp: `${at}.deadLetterQueueProps.retentionPeriod`,
      dlq: sub.deadLetterQueueProps?.retentionPeriod ?? SECURE_DEFAULTS.deadLetterRetention,
      dlqGiven: sub.deadLetterQueueProps?.retentionPeriod !== undefined,
    });
  }
}

function validateSubscriberName(problems: ProblemCollector, name: string, fifo: boolean, prefix?: string): void {
  const prop = `subscribers.${name}`;
  const length = SQS_LIMITS.queueNameLength;
  problems.expect(NAME_PATTERN.test(name) && name.length <= length.max, {
    code: R.subscriberName,
    prop,
    value: name.length > 40 ? `(${name.length} characters)` : formatValue(name),
    rule: `is not a valid queue name part (${describeRange(length)} of letters, digits, - and _)`,
    fix: 'Rename the subscriber with letters, digits, hyphens and underscores only, for example \'order-billing\'.',
  });
  problems.expect(!RESERVED_SUBSCRIBER_NAMES.includes(name), {
    code: R.subscriberName,
    prop,
    value: formatValue(name),
    rule: `is the id of one of the fan-out's own resources (${RESERVED_SUBSCRIBER_NAMES.join(', ')})`,
    fix: 'Rename the subscriber.',
  });
  problems.expect(!OBJECT_MEMBER_NAMES.includes(name), {
    code: R.subscriberName,
    prop,
    value: formatValue(name),
    rule: 'is a name every JavaScript object already has, which the construct tree cannot take as a construct id',
    fix: `Rename the subscriber, for example '${name}-queue'.`,
  });
  if (prefix === undefined || !isKnown(prefix)) return;
  const longest = prefixedQueueName(prefix, name, LONGEST_QUEUE_NAME_SUFFIX, fifo);
  problems.expect(longest.length <= length.max, {
    code: R.subscriberName,
    prop,
    value: name.length > 40 ? `(${name.length} characters)` : formatValue(name),
    rule: `makes the queue name '${longest}' ${longest.length} characters long; SQS allows ${describeRange(length)}`,
    fix: 'Shorten the subscriber name or queueNamePrefix.',
  });
}

function validateFilter(problems: ProblemCollector, at: string, sub: SubscriberProps): void {
  if (sub.filter === undefined) {
    problems.expect(sub.filterScope === undefined, {
      code: R.filterScopeWithoutFilter,
      prop: `${at}.filterScope`,
      value: formatValue(sub.filterScope),
      rule: 'has no filter to apply to',
      fix: `Add ${at}.filter or remove filterScope.`,
    });
    return;
  }
  const scope = sub.filterScope ?? 'MessageAttributes';
  const policy = toFilterPolicy(sub.filter);
  // A value known only at deploy (a parameter) cannot be judged now; SNS judges it then.
  if (hasUnresolvedValue(policy)) return;
  for (const reason of validateFilterPolicy(policy, scope)) {
    problems.add({
      code: R.filterPolicy,
      prop: `${at}.filter`,
      value: JSON.stringify(policy),
      rule: `would be rejected by SNS (${scope} scope): ${reason}`,
      fix: 'Correct the filter policy as described; see the SNS filter policy syntax.',
    });
  }
}

function hasUnresolvedValue(value: unknown): boolean {
  if (Token.isUnresolved(value)) return true;
  if (Array.isArray(value)) return value.some(hasUnresolvedValue);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasUnresolvedValue);
  return false;
}

/**
 * The props of a queue the pattern makes: what the pattern owns is refused, and the rest is checked as every pattern
 * checks the `sqs.QueueProps` it passes through (lib/core), as the queue gets them: encrypted with the pattern's key.
 */
function validateMadeQueueProps(problems: ProblemCollector, at: string, q: SubscriberQueueProps | undefined, fifo: boolean, owned: readonly string[]): void {
  if (!q) return;
  validatePatternOwnedSettings(problems, q, at, owned, OWNED_FIX);
  validatePatternKeyEncryption(problems, q as sqs.QueueProps, at, 'encryptionKey');
  const rest = Object.fromEntries(Object.entries(q).filter(([field]) => !owned.includes(field))) as sqs.QueueProps;
  validateQueueProps(problems, { encryption: sqs.QueueEncryption.KMS, ...rest }, { prefix: at, fifo });
}

function validateBroughtQueue(problems: ProblemCollector, at: string, queue: sqs.IQueue, fifo: boolean): void {
  const settings = queueSettings(queue);
  // A standard queue on a FIFO topic is allowed, with a warning the construct gives (what the subscriber loses).
  problems.expect(fifo || !settings.fifo, {
    code: R.fifoMismatch,
    prop: `${at}.queue`,
    value: 'a FIFO queue',
    rule: 'does not match fifo: false; a standard topic cannot deliver to a FIFO queue',
    fix: 'Bring a standard queue, or set fifo: true.',
  });
  problems.expect(!settings.usesAwsManagedKey, {
    code: R.awsManagedKey,
    prop: `${at}.queue`,
    value: 'encrypted with alias/aws/sqs',
    rule: 'cannot receive from SNS: the AWS managed key\'s policy admits no service principal, so every delivery would fail',
    fix: 'Encrypt the queue with a customer-managed key (QueueEncryption.KMS) or SSE-SQS.',
  });
  const dlq = settings.deadLetterQueue;
  if (!dlq) return;
  const dlqSettings = queueSettings(dlq.queue);
  problems.expect(dlqSettings.fifo === settings.fifo, {
    code: R.fifoMismatch,
    prop: `${at}.queue.deadLetterQueue`,
    value: dlqSettings.fifo ? 'a FIFO queue' : 'a standard queue',
    rule: `does not match its source queue (${settings.fifo ? 'FIFO' : 'standard'}); SQS requires the dead-letter queue to be of the same type`,
    fix: `Use a ${settings.fifo ? 'FIFO' : 'standard'} dead-letter queue.`,
  });
  problems.inRange(R.maxReceiveCountRange, `${at}.queue.deadLetterQueue.maxReceiveCount`, dlq.maxReceiveCount, SQS_LIMITS.maxReceiveCount);
  if (!settings.fifo && settings.retentionPeriod && dlqSettings.retentionPeriod) {
    validateRetention(problems, {
      sourceProp: `${at}.queue retentionPeriod`,
      source: settings.retentionPeriod,
      dlqProp: `${at}.queue's dead-letter queue retentionPeriod`,
      dlq: dlqSettings.retentionPeriod,
      dlqGiven: true,
    });
  }
}

/**
 * A standard queue's message keeps its original enqueue time in the dead-letter queue, so a DLQ whose
 * retention is not longer than its source's can delete a message the moment it arrives (SQS developer
 * guide, dead-letter queue retention). FIFO queues reset the timestamp on the move.
 */
interface RetentionPair {
  readonly sourceProp: string;
  readonly source: Duration;
  readonly dlqProp: string;
  readonly dlq: Duration;
  /** Whether the user gave the dead-letter queue's retention: the problem names it then, else the source's, which they gave. */
  readonly dlqGiven: boolean;
}

function validateRetention(problems: ProblemCollector, r: RetentionPair): void {
  if (!isKnown(r.source) || !isKnown(r.dlq)) return;
  // A retention that is not whole seconds is refused by its own range rule.
  if (exactMillis(r.dlq) > exactMillis(r.source)) return;
  const why = 'a message keeps its original enqueue time in a standard dead-letter queue and can expire on arrival';
  problems.add(r.dlqGiven ? {
    code: R.dlqRetentionTooShort,
    prop: r.dlqProp,
    value: formatValue(r.dlq),
    rule: `is not longer than ${r.sourceProp} (${formatValue(r.source)}); ${why}`,
    fix: `Make ${r.dlqProp} longer than ${formatValue(r.source)} (the pattern's default is 14 days), or lower ${r.sourceProp}.`,
  } : {
    code: R.dlqRetentionTooShort,
    prop: r.sourceProp,
    value: formatValue(r.source),
    rule: `is not shorter than the dead-letter queue's retention (${r.dlqProp}, ${formatValue(r.dlq)} by default); ${why}`,
    fix: `Lower ${r.sourceProp} below ${formatValue(r.dlq)}: the dead-letter queue already keeps messages as long as SQS allows.`,
  });
}
