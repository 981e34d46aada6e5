import { DEFAULT_MAX_MESSAGE_AGE, PatternDescription, PRICING_SOURCES, SECURE_DEFAULTS } from '../../core';
import { TOPIC_FAN_OUT_RULE_DEFINITIONS } from './rules';


/** TopicFanOut as the catalog and the command line present it. */
export const TOPIC_FAN_OUT_PATTERN: PatternDescription = {
  name: 'TopicFanOut',
  summary: 'One SNS topic (standard or FIFO) delivering to named SQS subscriber queues, each with its filter policy, its own dead-letter queue, '
    + 'a subscription dead-letter queue for deliveries SNS cannot make, and alarms; optionally a Lambda consumer per subscriber.',
  chooseWhen: [
    'One event must reach several independent consumers, each at its own pace, each able to fail and retry without the others noticing.',
    'Subscribers want different subsets of the events: a filter policy per subscriber, on message attributes or on the JSON body, checked at synth.',
    'Order and exactly-once processing per key matter: fifo: true makes the topic and the queues FIFO (message groups, deduplication).',
    'Not for one consumer: a queue alone (QueueConsumer) is simpler. Not for routing on many rules across accounts or SaaS sources: EventBridge does that.',
  ],
  rules: Object.values(TOPIC_FAN_OUT_RULE_DEFINITIONS),
  defaults: [
    { prop: 'encryptionKey', value: 'a new customer-managed key, yearly rotation', why: 'SNS cannot deliver to a queue encrypted with the AWS managed key (alias/aws/sqs); one key the account controls serves the topic and every queue, and its policy lets SNS use it for this topic only.', source: 'SNS developer guide, encryption of topics delivering to encrypted queues' },
    { prop: 'enforceSSL', value: SECURE_DEFAULTS.enforceSSL, why: 'The topic and every queue refuse requests that do not use TLS.', source: 'cdk-nag AwsSolutions-SNS3, AwsSolutions-SQS4' },
    { prop: 'subscribers.<name>.maxReceiveCount', value: SECURE_DEFAULTS.maxReceiveCount, why: 'Lambda\'s recommended minimum: a throttled consumer\'s receives count too, so a lower figure sends healthy messages to the dead-letter queue.', source: 'Lambda developer guide, using Lambda with Amazon SQS' },
    { prop: 'subscribers.<name>.deadLetterQueueProps.retentionPeriod', value: SECURE_DEFAULTS.deadLetterRetention.toHumanString(), why: 'The longest SQS allows: a failed message waits as long as possible for someone to look at it, and outlives the source queue\'s retention.', source: 'SQS developer guide, dead-letter queues (retention is kept from the original enqueue)' },
    { prop: 'subscription dead-letter queue', value: 'one per subscriber', why: 'A delivery SNS cannot make (a key it may not use, a deleted queue) is kept instead of dropped after SNS\'s retries.', source: 'SNS developer guide, dead-letter queues for subscriptions' },
    { prop: 'subscribers.<name>.queueProps.receiveMessageWaitTime', value: SECURE_DEFAULTS.receiveMessageWaitTime.toHumanString(), why: 'Long polling: fewer empty receives to pay for, and no false "empty" answers from a sample of SQS servers.', source: 'SQS developer guide, short and long polling' },
    { prop: 'subscribers.<name>.maxMessageAge', value: DEFAULT_MAX_MESSAGE_AGE.toHumanString(), why: 'The age of the oldest message at which the backlog alarm fires: a consumer that has stopped is noticed within a quarter of an hour.' },
    { prop: 'alarms', value: 'failed deliveries, DLQ depth, subscription DLQ depth, oldest message age', why: 'Each way a message can stop moving has an alarm, on one alarm topic encrypted with the pattern\'s key.' },
    { prop: 'subscribers.<name>.filterScope', value: 'MessageAttributes', why: 'SNS\'s own default; a body filter must be asked for, and is validated against the body-scope rules.', source: 'SNS developer guide, subscription filter policy scope' },
    { prop: 'subscribers.<name>.rawMessageDelivery', value: false, why: 'SNS\'s default: the queue gets the JSON envelope with the message attributes and the topic ARN.' },
  ],
  costs: [
    { item: 'KMS key for the topic and the queues (unless encryptionKey is given)', price: '$1 per key per month, plus $0.03 per 10,000 requests', source: PRICING_SOURCES.kms },
    { item: 'Alarms (4 per subscriber, 1 for the topic, by default)', price: 'per standard-resolution alarm metric, a month', source: PRICING_SOURCES.cloudWatch },
  ],
};
