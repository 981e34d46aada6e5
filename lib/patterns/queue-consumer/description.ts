import { PatternDescription, PRICING_SOURCES, SECURE_DEFAULTS, SQS_EVENT_SOURCE_LIMITS } from '../../core';
import { QUEUE_CONSUMER_DEFAULTS as D } from './defaults';
import { QUEUE_CONSUMER_RULE_DEFINITIONS } from './rule-definitions';


/** QueueConsumer as the catalog and the command line present it. */
export const QUEUE_CONSUMER_PATTERN: PatternDescription = {
  name: 'QueueConsumer',
  summary: 'An SQS queue and its dead-letter queue, consumed by a Lambda function through an event source mapping: batches, partial batch responses, '
    + 'a concurrency cap the function reserves, a visibility timeout derived from the function\'s timeout, and alarms.',
  chooseWhen: [
    'Work arrives as messages and each one takes under 15 minutes: Lambda polls, scales to the backlog and retries without a server to run.',
    'Bursts must be absorbed and the downstream protected: the queue holds the backlog, maxConcurrency caps how much runs at once.',
    'Not for work longer than 15 minutes, or that needs a warm process: QueueDepthScaling runs containers or instances on the backlog instead.',
    'Not when several consumers need the same message: put a TopicFanOut in front, one queue per consumer.',
  ],
  rules: Object.values(QUEUE_CONSUMER_RULE_DEFINITIONS),
  defaults: [
    { prop: 'queue visibility timeout', value: '6 x the function timeout + the batching window', why: 'AWS\'s advice: a batch retried after a throttle or a timeout does not reappear to another poller while it is still being processed.', source: 'Lambda developer guide, using Lambda with Amazon SQS (AWS-FACTS §4)' },
    { prop: 'maxReceiveCount', value: SECURE_DEFAULTS.maxReceiveCount, why: 'Lambda\'s recommended minimum: receives that end in a throttle count too, so a lower figure dead-letters healthy messages.', source: 'Lambda developer guide, using Lambda with Amazon SQS' },
    { prop: 'functionProps.timeout', value: `${D.functionTimeout.toSeconds()} seconds`, why: 'Lambda\'s 3 s default is too short for most consumers that call another service.', source: 'cdk-nag Serverless-LambdaDefaultTimeout' },
    { prop: 'functionProps.memorySize', value: D.memorySize, why: '128 MB is Lambda\'s default and its slowest CPU.', source: 'cdk-nag Serverless-LambdaDefaultMemorySize' },
    { prop: 'functionProps.runtime', value: D.runtime.name, why: 'The newest Node.js runtime in this aws-cdk-lib.', source: 'cdk-nag AwsSolutions-L1' },
    { prop: 'batchSize', value: D.batchSize, why: 'AWS\'s own default, written out so the template says what runs.', source: SQS_EVENT_SOURCE_LIMITS.batchSizeStandard.source },
    { prop: 'maxConcurrency', value: D.maxConcurrency, why: 'The poller starts at 5 concurrent batches: 10 lets it scale once without throttling; the function reserves the same, so it can always run what the mapping sends and never more.', source: 'Lambda developer guide, maximum concurrency for SQS event sources (AWS-FACTS §4)' },
    { prop: 'reportBatchItemFailures', value: true, why: 'A batch with one bad record redelivers only that record, not the nine good ones.', source: 'Lambda developer guide, partial batch responses' },
    { prop: 'deadLetterQueueProps.retentionPeriod', value: SECURE_DEFAULTS.deadLetterRetention.toHumanString(), why: 'The longest SQS allows, so a failed message outlives the queue\'s retention and waits to be looked at.' },
    { prop: 'encryptionKey', value: 'a new customer-managed key, yearly rotation', why: 'The queue, the dead-letter queue and the function\'s log group are encrypted with a key the account controls.', source: 'cdk-nag AwsSolutions-SQS2, CloudWatchLogGroupEncrypted' },
  ],
  costs: [
    { item: 'KMS key for the queues and the log group (unless encryptionKey is given)', price: '$1 per key per month, plus $0.03 per 10,000 requests', source: PRICING_SOURCES.kms },
    { item: 'Reserved concurrency (maxConcurrency, reserved for the function)', price: 'no charge; it takes that many from the account\'s Region-wide concurrency quota', source: 'Lambda developer guide, reserved concurrency' },
    { item: 'Alarms (errors, throttles, DLQ depth, oldest message age, by default)', price: 'per standard-resolution alarm metric, a month', source: PRICING_SOURCES.cloudWatch },
  ],
};
