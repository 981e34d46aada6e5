import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/**
 * The function the pattern makes, as `lambda.FunctionProps` with the runtime optional.
 *
 * What is left out gets the pattern's secure defaults (see `QUEUE_CONSUMER_DEFAULTS`): the current
 * Node.js runtime, X-Ray tracing, a log group with retention, a role with only what the function needs,
 * and reserved concurrency equal to the event source mapping's `maxConcurrency`.
 */
export interface QueueConsumerFunctionProps extends Omit<lambda.FunctionProps, 'runtime'> {
  /**
   * The runtime of the handler.
   * @default lambda.Runtime.NODEJS_24_X - the newest Node.js runtime aws-cdk-lib knows
   */
  readonly runtime?: lambda.Runtime;
}

/** The function that consumes the queue: bring one, or let the pattern make one. Exactly one of the two. */
export interface QueueConsumerFunctionOptions {
  /**
   * A function you made (or imported) to consume the queue.
   * @default - the pattern makes one from `functionProps`
   */
  readonly function?: lambda.IFunction;
  /**
   * The function for the pattern to make, with secure defaults.
   * @default - `function` is used
   */
  readonly functionProps?: QueueConsumerFunctionProps;
  /**
   * The timeout of an imported `function`, which the pattern cannot read. Required for an imported
   * function so the visibility timeout rule can be checked; ignored when the timeout can be read.
   * @default - read from the function
   */
  readonly functionTimeout?: Duration;
}

/** The queue and its dead-letter queue: bring them, or let the pattern make them. */
export interface QueueConsumerQueueOptions {
  /**
   * A queue you made (or imported). It is validated like a queue the pattern makes.
   * @default - the pattern makes one from `queueProps`
   */
  readonly queue?: sqs.IQueue;
  /**
   * Settings for the queue the pattern makes, over its secure defaults. Its `visibilityTimeout`, when
   * given, is checked against 6 x the function timeout plus the batching window.
   * @default - a KMS-encrypted, TLS-only, long-polling queue whose visibility timeout is derived from the function
   */
  readonly queueProps?: Omit<sqs.QueueProps, 'deadLetterQueue' | 'fifo' | 'encryption' | 'encryptionMasterKey'>;
  /**
   * The visibility timeout of an imported `queue`, which the pattern cannot read. Required for an imported
   * queue so the visibility timeout rule can be checked.
   * @default - read from the queue
   */
  readonly queueVisibilityTimeout?: Duration;
  /**
   * The dead-letter queue. For a queue the pattern makes it is the redrive target; for a brought
   * `sqs.Queue` it must be the queue's own redrive target; for an imported queue it is required,
   * because the pattern cannot read the queue's redrive policy.
   * @default - a new queue that keeps messages 14 days, or the brought queue's redrive target
   */
  readonly deadLetterQueue?: sqs.IQueue;
  /**
   * How many times a message is received before it moves to the dead-letter queue. Below 5, throttled
   * receives can send healthy messages to the dead-letter queue: a warning, not an error.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * Whether the queue is FIFO. For a brought queue it must match the queue.
   * @default - the brought queue's type, else false
   */
  readonly fifo?: boolean;
  /**
   * The key that encrypts what the pattern makes: the queues, the function's log group, the alarm topic.
   * @default - the key of the pattern that made `queue` (a TopicFanOut's, for `fanOut.queue('name')`), else a
   * new customer-managed key with yearly rotation
   */
  readonly encryptionKey?: kms.IKey;
}

/** How the event source mapping polls the queue. */
export interface QueueConsumerPollingOptions {
  /**
   * The most records per batch: 1–10 for FIFO queues, 1–10,000 for standard queues (above 10 with a
   * batching window).
   * @default 10
   */
  readonly batchSize?: number;
  /**
   * How long Lambda gathers records before invoking: 0–300 s, standard queues only.
   * @default - no batching window
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * The most concurrent invocations the event source mapping makes: 2–1,000.
   * @default - the function's reserved concurrency if known, else 10 for a function the pattern makes, else no cap
   */
  readonly maxConcurrency?: number;
}

/**
 * Which of a QueueConsumer's alarms to make. Turn one off to make your own from the same metric
 * (`metricDeadLetterQueueDepth()`, `metricOldestMessageAge()`, `function.metricErrors()`, ...).
 */
export interface QueueConsumerAlarmSelection {
  /**
   * A message reached the dead-letter queue.
   * @default true
   */
  readonly deadLetterQueueDepth?: boolean;
  /**
   * The oldest message has waited `maxMessageAge`.
   * @default true
   */
  readonly oldestMessageAge?: boolean;
  /**
   * The function failed a whole batch (an error thrown, a timeout).
   * @default true
   */
  readonly functionErrors?: boolean;
  /**
   * The function was throttled.
   * @default true
   */
  readonly functionThrottles?: boolean;
}

/** The alarms the pattern makes. */
export interface QueueConsumerAlarmOptions {
  /**
   * Which alarms to make: `false` for none, or one flag per alarm. An alarm on a metric that another
   * pattern already alarms on (the dead-letter depth and message age of a fan-out's queue) is not made
   * twice: the two become one alarm that fires when either would.
   * @default true - all four
   */
  readonly alarms?: boolean | QueueConsumerAlarmSelection;
  /**
   * The topic every alarm notifies.
   * @default - the alarm topic of the pattern that made `queue` (a TopicFanOut's, for `fanOut.queue('name')`),
   * else a new topic encrypted with the pattern's key; none when no alarm is made. Subscribe to `consumer.alarmTopic`
   */
  readonly alarmTopic?: sns.ITopic;
  /**
   * The age of the oldest message in the queue at which the backlog alarm fires.
   * @default Duration.minutes(15)
   */
  readonly maxMessageAge?: Duration;
}

/** Props of {@link QueueConsumer}. */
export interface QueueConsumerProps
  extends QueueConsumerFunctionOptions, QueueConsumerQueueOptions, QueueConsumerPollingOptions, QueueConsumerAlarmOptions {}
