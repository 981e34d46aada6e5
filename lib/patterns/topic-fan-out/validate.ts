import { Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ProblemCollector, formatValue, isKnown, validateCustomerManagedKey, validateKeyRemovalPolicy } from '../../core';
import { TopicFanOutProps } from './props';
import { TOPIC_FAN_OUT_RULES as R } from './rules';
import { literalTopicName } from './topic-arn';
import { NAME_PATTERN, queueNamesOf, validateSubscriber } from './validate-subscriber';

/**
 * Every rule a TopicFanOut's props must meet, checked together so the user sees every problem at once.
 */
export function validateTopicFanOutProps(problems: ProblemCollector, props: TopicFanOutProps): void {
  const fifo = props.fifo ?? false;
  validateTopic(problems, props, fifo);
  validateKey(problems, props);
  validateNamePrefix(problems, props.queueNamePrefix);
  const names = Object.keys(props.subscribers);
  problems.expect(names.length > 0, {
    code: R.noSubscribers,
    prop: 'subscribers',
    value: '{}',
    rule: 'names no subscriber: a fan-out delivers to at least one queue',
    fix: 'Add a subscriber, for example `subscribers: { audit: {} }`.',
  });
  for (const name of names) validateSubscriber(problems, name, props.subscribers[name], fifo, props.queueNamePrefix);
  validateSharedQueues(problems, props);
  validateUniqueQueueNames(problems, props);
}

/**
 * The key encrypts the topic and every queue the pattern makes, and SNS and CloudWatch must use it: an AWS managed key
 * cannot be it. A brought topic encrypted with it makes the key policy name the topic; without a known topic name that
 * is a reference, and key and topic would depend on each other (CloudFormation cannot deploy it).
 */
function validateKey(problems: ProblemCollector, props: TopicFanOutProps): void {
  const key = props.encryptionKey;
  validateCustomerManagedKey(problems, 'encryptionKey', key, 'every SNS delivery to the queues it encrypts, and every alarm notification,');
  validateKeyRemovalPolicy(problems, 'keyRemovalPolicy', props.keyRemovalPolicy);
  problems.expect(!key || props.keyRemovalPolicy === undefined, {
    code: R.optionOnBroughtKey,
    prop: 'keyRemovalPolicy',
    value: formatValue(props.keyRemovalPolicy),
    rule: 'shapes the key the pattern makes, and encryptionKey was brought',
    fix: 'Set the removal policy on the key you bring, and remove keyRemovalPolicy.',
  });
  const topic = props.topic;
  if (!(topic instanceof sns.Topic) || !key || topic.masterKey !== key || literalTopicName(topic) !== undefined) return;
  problems.add({
    code: R.keyTopicCycle,
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
    code: R.optionOnBroughtTopic,
    prop: 'contentBasedDeduplication',
    value: formatValue(props.contentBasedDeduplication),
    rule: 'shapes a topic the pattern makes, and a topic was brought',
    fix: 'Set contentBasedDeduplication on the topic you bring, and remove it here.',
  });
  problems.expect(fifo || props.contentBasedDeduplication === undefined, {
    code: R.dedupRequiresFifo,
    prop: 'contentBasedDeduplication',
    value: formatValue(props.contentBasedDeduplication),
    rule: 'applies to FIFO topics only',
    fix: 'Remove contentBasedDeduplication or set fifo: true.',
  });
}

function validateNamePrefix(problems: ProblemCollector, prefix: string | undefined): void {
  if (prefix === undefined || !isKnown(prefix)) return;
  problems.expect(NAME_PATTERN.test(prefix), {
    code: R.subscriberName,
    prop: 'queueNamePrefix',
    value: formatValue(prefix),
    rule: 'has characters SQS does not allow in a queue name (letters, digits, - and _ only)',
    fix: 'Use only letters, digits, hyphens and underscores.',
  });
}

/**
 * SNS keeps one subscription per topic and endpoint: a second subscription of the same queue with other attributes (a
 * filter, raw delivery, a subscription DLQ) is refused, and an identical one is the same subscription, which either
 * subscriber's removal would delete.
 */
function validateSharedQueues(problems: ProblemCollector, props: TopicFanOutProps): void {
  const seen = new Map<string, string>();
  for (const [name, sub] of Object.entries(props.subscribers)) {
    if (!sub.queue) continue;
    const arn = JSON.stringify(Stack.of(sub.queue).resolve(sub.queue.queueArn));
    const first = seen.get(arn);
    if (first === undefined) {
      seen.set(arn, name);
      continue;
    }
    problems.add({
      code: R.queueSharedBySubscribers,
      prop: `subscribers.${name}.queue`,
      value: sub.queue.node.path,
      rule: `is also subscribers.${first}.queue: SNS keeps one subscription per topic and queue, and refuses a second one with other attributes ("Subscription already exists with different attributes")`,
      fix: `Give subscribers.${name} its own queue, or merge it into subscribers.${first} with a filter that matches both.`,
    });
  }
}

/** Queue names are unique in an account and Region: two queues of the fan-out given one name cannot both be made. */
function validateUniqueQueueNames(problems: ProblemCollector, props: TopicFanOutProps): void {
  const seen = new Map<string, string>();
  for (const [prop, name] of queueNamesOf(props)) {
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, prop);
      continue;
    }
    problems.add({
      code: R.subscriberName,
      prop,
      value: formatValue(name),
      rule: `is also ${first}: SQS queue names are unique in an account and Region, so the second queue cannot be made`,
      fix: `Give ${prop} another name.`,
    });
  }
}
