import { Duration, Token } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ProblemCollector, SECURE_DEFAULTS, SQS_LIMITS, describeRange, formatValue, isKnown, queueSettings } from '../../core';
import { validateFilterPolicy } from '../../filter-policy';
import { toFilterPolicy } from './filter';
import { SubscriberProps, SubscriberQueueProps, TopicFanOutProps } from './props';
import { TOPIC_FAN_OUT_RULES as R } from './rules';
import { literalTopicName } from './topic-arn';

/** Queue and topic names allow letters, digits, hyphens and underscores (SQS and SNS API-model). */
const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

/** The longest suffix the pattern appends to `queueNamePrefix-<subscriber>` decides the name's length. */
const LONGEST_QUEUE_NAME_SUFFIX = '-subscription-dlq';

/** The ids of the fan-out's own children: a subscriber of the same name would collide with them. */
const RESERVED_SUBSCRIBER_NAMES = ['Key', 'Topic', 'AlarmTopic', 'FailedDeliveriesAlarm'];

/** Queue settings the pattern owns; overriding them would undo a secure default or the fan-out's consistency. */
const PATTERN_OWNED_QUEUE_PROPS = ['deadLetterQueue', 'fifo', 'encryptionMasterKey', 'enforceSSL'] as const;

/**
 * Every rule a TopicFanOut's props must meet, checked together so the user sees every problem at once.
 */
export function validateTopicFanOutProps(problems: ProblemCollector, props: TopicFanOutProps): void {
  const fifo = props.fifo ?? false;
  validateTopic(problems, props, fifo);
  validateTopicKey(problems, props);
  validateNamePrefix(problems, props.queueNamePrefix);
  const names = Object.keys(props.subscribers);
  problems.expect(names.length > 0, {
    code: 'decoupled:fan-out-no-subscribers',
    prop: 'subscribers',
    value: '{}',
    rule: 'names no subscriber: a fan-out delivers to at least one queue',
    fix: 'Add a subscriber, for example `subscribers: { audit: {} }`.',
  });
  for (const name of names) validateSubscriber(problems, name, props.subscribers[name], fifo, props.queueNamePrefix);
}

/**
 * A brought topic encrypted with `encryptionKey` makes the key policy name the topic; without a known topic
 * name that is a reference, and key and topic would depend on each other (CloudFormation cannot deploy it).
 */
function validateTopicKey(problems: ProblemCollector, props: TopicFanOutProps): void {
  const topic = props.topic;
  const key = props.encryptionKey;
  if (!(topic instanceof sns.Topic) || !key || topic.masterKey !== key || literalTopicName(topic) !== undefined) return;
  problems.add({
    code: 'decoupled:key-topic-cycle',
    prop: 'topic',
    value: topic.node.path,
    rule: 'is encrypted with encryptionKey and has no topicName, so the key policy would refer to the topic while the topic refers to the key: a circular dependency CloudFormation cannot deploy',
    fix: 'Give the topic a topicName, or encrypt it with another key than encryptionKey.',
  });
}

function validateTopic(problems: ProblemCollector, props: TopicFanOutProps, fifo: boolean): void {
  if (props.topic) {
    problems.expect(props.topic.fifo === fifo, {
      code: R.fifoMismatch,
      prop: 'topic',
      value: props.topic.fifo ? 'a FIFO topic' : 'a standard topic',
      rule: `does not match fifo: ${fifo}; fifo says which topic the fan-out has, and so the type of its queues and of its subscription dead-letter queues, which must be the topic's`,
      fix: `Set fifo: ${props.topic.fifo} or bring a ${fifo ? 'FIFO' : 'standard'} topic.`,
    });
  }
  problems.expect(!props.topic || props.contentBasedDeduplication === undefined, {
    code: 'decoupled:option-on-brought-topic',
    prop: 'contentBasedDeduplication',
    value: formatValue(props.contentBasedDeduplication),
    rule: 'shapes a topic the pattern makes, and a topic was brought',
    fix: 'Set contentBasedDeduplication on the topic you bring, and remove it here.',
  });
  problems.expect(fifo || props.contentBasedDeduplication === undefined, {
    code: 'decoupled:dedup-requires-fifo',
    prop: 'contentBasedDeduplication',
    value: formatValue(props.contentBasedDeduplication),
    rule: 'applies to FIFO topics only',
    fix: 'Remove contentBasedDeduplication or set fifo: true.',
  });
}

function validateNamePrefix(problems: ProblemCollector, prefix: string | undefined): void {
  if (prefix === undefined || !isKnown(prefix)) return;
  problems.expect(NAME_PATTERN.test(prefix), {
    code: 'decoupled:invalid-queue-name',
    prop: 'queueNamePrefix',
    value: formatValue(prefix),
    rule: 'has characters SQS does not allow in a queue name (letters, digits, - and _ only)',
    fix: 'Use only letters, digits, hyphens and underscores.',
  });
}

function validateSubscriber(problems: ProblemCollector, name: string, sub: SubscriberProps, fifo: boolean, prefix?: string): void {
  const at = `subscribers.${name}`;
  validateSubscriberName(problems, name, fifo, prefix);
  problems.inRange('decoupled:max-receive-count-range', `${at}.maxReceiveCount`, sub.maxReceiveCount, SQS_LIMITS.maxReceiveCount);
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
        code: 'decoupled:option-on-brought-queue',
        prop: `${at}.${option}`,
        value: formatValue(sub[option]),
        rule: 'shapes a queue the pattern makes, and this subscriber brings its own queue',
        fix: `Set it on the queue you bring, and remove ${at}.${option}.`,
      });
    }
    validateBroughtQueue(problems, at, sub.queue, fifo);
  } else {
    const queueFifo = sub.fifo ?? fifo;
    validateQueueProps(problems, `${at}.queueProps`, sub.queueProps, queueFifo);
    validateQueueProps(problems, `${at}.deadLetterQueueProps`, sub.deadLetterQueueProps, queueFifo);
    if (!queueFifo) {
      validateRetention(problems, {
        sourceProp: `${at}.queueProps.retentionPeriod`,
        source: sub.queueProps?.retentionPeriod ?? Duration.seconds(SQS_LIMITS.messageRetentionPeriod.default!),
        dlqProp: `${at}.deadLetterQueueProps.retentionPeriod`,
        dlq: sub.deadLetterQueueProps?.retentionPeriod ?? SECURE_DEFAULTS.deadLetterRetention,
      });
    }
  }
}

function validateSubscriberName(problems: ProblemCollector, name: string, fifo: boolean, prefix?: string): void {
  problems.expect(NAME_PATTERN.test(name), {
    code: 'decoupled:invalid-queue-name',
    prop: `subscribers.${name}`,
    value: formatValue(name),
    rule: 'is not a valid queue name part (letters, digits, - and _ only)',
    fix: 'Rename the subscriber with letters, digits, hyphens and underscores only, for example \'order-billing\'.',
  });
  problems.expect(!RESERVED_SUBSCRIBER_NAMES.includes(name), {
    code: 'decoupled:invalid-queue-name',
    prop: `subscribers.${name}`,
    value: formatValue(name),
    rule: `is the id of one of the fan-out's own resources (${RESERVED_SUBSCRIBER_NAMES.join(', ')})`,
    fix: 'Rename the subscriber.',
  });
  if (prefix === undefined || !isKnown(prefix)) return;
  const longest = `${prefix}-${name}${LONGEST_QUEUE_NAME_SUFFIX}${fifo ? '.fifo' : ''}`;
  problems.expect(longest.length <= SQS_LIMITS.queueNameLength.max, {
    code: 'decoupled:invalid-queue-name',
    prop: `subscribers.${name}`,
    value: formatValue(name),
    rule: `makes the queue name '${longest}' ${longest.length} characters long; SQS allows ${describeRange(SQS_LIMITS.queueNameLength)}`,
    fix: 'Shorten the subscriber name or queueNamePrefix.',
  });
}

function validateFilter(problems: ProblemCollector, at: string, sub: SubscriberProps): void {
  if (sub.filter === undefined) {
    problems.expect(sub.filterScope === undefined, {
      code: 'decoupled:filter-scope-without-filter',
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
      code: 'decoupled:invalid-filter-policy',
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

function validateQueueProps(problems: ProblemCollector, at: string, q: SubscriberQueueProps | undefined, fifo: boolean): void {
  if (!q) return;
  // The type leaves these out; a JavaScript caller or a cast can still pass them.
  const given = q as sqs.QueueProps;
  for (const owned of PATTERN_OWNED_QUEUE_PROPS) {
    problems.expect(given[owned] === undefined || (owned === 'fifo' && given.fifo === fifo), {
      code: owned === 'fifo' ? R.fifoMismatch : 'decoupled:pattern-owned-setting',
      prop: `${at}.${owned}`,
      value: owned === 'fifo' || owned === 'enforceSSL' ? formatValue(given[owned]) : 'given',
      rule: owned === 'fifo' ? `does not match the fan-out's fifo: ${fifo}` : 'is set by the pattern (dead-letter queue, its customer-managed key, TLS only)',
      fix: `Remove ${at}.${owned}; ${owned === 'fifo' ? 'the pattern sets it from the fan-out\'s fifo and the subscriber\'s' : 'use the subscriber\'s maxReceiveCount, the fan-out\'s encryptionKey, or bring your own queue'}.`,
    });
  }
  const code = 'decoupled:queue-setting-range';
  problems.durationInRange(code, `${at}.visibilityTimeout`, q.visibilityTimeout, SQS_LIMITS.visibilityTimeout);
  problems.durationInRange(code, `${at}.retentionPeriod`, q.retentionPeriod, SQS_LIMITS.messageRetentionPeriod);
  problems.durationInRange(code, `${at}.deliveryDelay`, q.deliveryDelay, SQS_LIMITS.delaySeconds);
  problems.durationInRange(code, `${at}.receiveMessageWaitTime`, q.receiveMessageWaitTime, SQS_LIMITS.receiveMessageWaitTimeSeconds);
  problems.durationInRange(code, `${at}.dataKeyReuse`, q.dataKeyReuse, SQS_LIMITS.kmsDataKeyReusePeriodSeconds);
  problems.inRange(code, `${at}.maxMessageSizeBytes`, q.maxMessageSizeBytes, SQS_LIMITS.maximumMessageSize);
  problems.expect([undefined, sqs.QueueEncryption.KMS, sqs.QueueEncryption.KMS_MANAGED].includes(given.encryption), {
    code: 'decoupled:pattern-owned-setting',
    prop: `${at}.encryption`,
    value: formatValue(given.encryption),
    rule: 'is set by the pattern: its queues are encrypted with its customer-managed key',
    fix: `Remove ${at}.encryption; pass encryptionKey to the fan-out to use a key of yours.`,
  });
  problems.expect(given.encryption !== sqs.QueueEncryption.KMS_MANAGED, {
    code: 'decoupled:aws-managed-key',
    prop: `${at}.encryption`,
    value: 'KMS_MANAGED (alias/aws/sqs)',
    rule: 'cannot be used by SNS: the AWS managed key\'s policy admits no service principal, so every delivery would fail',
    fix: `Remove ${at}.encryption to use the pattern's customer-managed key, or use QueueEncryption.KMS with your own key.`,
  });
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
    code: 'decoupled:aws-managed-key',
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
  problems.inRange('decoupled:max-receive-count-range', `${at}.queue.deadLetterQueue.maxReceiveCount`, dlq.maxReceiveCount, SQS_LIMITS.maxReceiveCount);
  if (!settings.fifo && settings.retentionPeriod && dlqSettings.retentionPeriod) {
    validateRetention(problems, {
      sourceProp: `${at}.queue retentionPeriod`,
      source: settings.retentionPeriod,
      dlqProp: `${at}.queue's dead-letter queue retentionPeriod`,
      dlq: dlqSettings.retentionPeriod,
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
}

function validateRetention(problems: ProblemCollector, r: RetentionPair): void {
  if (!isKnown(r.source) || !isKnown(r.dlq)) return;
  problems.expect(r.dlq.toSeconds() > r.source.toSeconds(), {
    code: 'decoupled:dlq-retention-too-short',
    prop: r.dlqProp,
    value: formatValue(r.dlq),
    rule: `is not longer than ${r.sourceProp} (${formatValue(r.source)}); a message keeps its original enqueue time in a standard dead-letter queue and can expire on arrival`,
    fix: `Make ${r.dlqProp} longer than ${formatValue(r.source)} (the pattern's default is 14 days), or lower ${r.sourceProp}.`,
  });
}
