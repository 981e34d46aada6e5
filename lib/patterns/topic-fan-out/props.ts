import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueConsumerAlarmSelection, QueueConsumerFunctionOptions, QueueConsumerPollingOptions } from '../queue-consumer/props';

/** Where SNS looks for the keys of a filter policy. */
export type SubscriberFilterScope = 'MessageAttributes' | 'MessageBody';

/**
 * A filter policy as AWS documents it (plain JSON: `{ eventType: ['order_placed'] }`), or the CDK's
 * own form (`{ eventType: sns.SubscriptionFilter.stringFilter(...) }`, or `sns.FilterOrPolicy` values
 * for the message body).
 */
export type SubscriberFilter = Record<string, unknown>;

/**
 * Overrides of a queue the pattern makes. What makes the pattern secure and consistent is not overridable: the
 * dead-letter queue, FIFO (set by the fan-out), encryption with the pattern's key, and TLS only.
 */
export type SubscriberQueueProps = Omit<sqs.QueueProps, 'deadLetterQueue' | 'fifo' | 'encryption' | 'encryptionMasterKey' | 'enforceSSL'>;

/**
 * A Lambda function that consumes a subscriber's queue, made with the queue: a `QueueConsumer` on it.
 *
 * The queue stays the fan-out's, so what shapes it is set on the subscriber (`queueProps`, `maxReceiveCount`,
 * `maxMessageAge`); its visibility timeout, unless `queueProps.visibilityTimeout` is given, is derived from
 * the function as a QueueConsumer derives it (6 x the function timeout + the batching window). The consumer
 * shares the fan-out's key and alarm topic, and its alarms on the queue are the fan-out's, merged.
 */
export interface SubscriberConsumerProps extends QueueConsumerFunctionOptions, QueueConsumerPollingOptions {
  /**
   * Which of the consumer's alarms to make (function errors and throttles; its dead-letter and message age
   * alarms are one with the fan-out's).
   * @default true - all
   */
  readonly alarms?: boolean | QueueConsumerAlarmSelection;
}

/** One named subscriber of a {@link TopicFanOut}: a queue, its dead-letter queue and its filter. */
export interface SubscriberProps {
  /**
   * Which messages this subscriber gets.
   * @default - every message published to the topic
   */
  readonly filter?: SubscriberFilter;
  /**
   * Whether `filter` matches message attributes or the JSON message body.
   * @default 'MessageAttributes'
   */
  readonly filterScope?: SubscriberFilterScope;
  /**
   * Deliver the published message as the SQS body, without SNS's JSON envelope.
   * @default false
   */
  readonly rawMessageDelivery?: boolean;
  /**
   * How many receives a message gets before it moves to the dead-letter queue. Not allowed with `queue`
   * (set it on the queue you bring); below 5 is a warning.
   * @default 5 - Lambda's recommended minimum, so throttled receives do not dead-letter healthy messages
   */
  readonly maxReceiveCount?: number;
  /**
   * Overrides of the queue the pattern makes (retention, visibility timeout, delivery delay, maximum
   * message size, ...). Not allowed with `queue`.
   * @default - a queue encrypted with the pattern's key, TLS only, long polling, SQS defaults otherwise
   */
  readonly queueProps?: SubscriberQueueProps;
  /**
   * Overrides of the dead-letter queue the pattern makes. Not allowed with `queue`.
   * @default - retention 14 days, encrypted with the pattern's key, TLS only
   */
  readonly deadLetterQueueProps?: SubscriberQueueProps;
  /**
   * Bring your own subscriber queue. It is validated like one the pattern makes; its dead-letter queue
   * is the one its redrive policy names.
   * @default - the pattern makes the queue and its dead-letter queue
   */
  readonly queue?: sqs.IQueue;
  /**
   * Whether the queue the pattern makes for this subscriber is FIFO. A FIFO topic also delivers to a standard
   * queue: set `false` for a subscriber that needs neither order nor deduplication (cheaper, and the queue
   * takes batches above 10 and a batching window). It then gets messages in best-effort order, at least once,
   * without their message group: a warning says so, to acknowledge. A standard topic cannot deliver to a
   * FIFO queue. Not allowed with `queue` (its type is the queue's).
   * @default - the fan-out's `fifo`
   */
  readonly fifo?: boolean;
  /**
   * The age of the oldest message in the queue at which the backlog alarm fires.
   * @default Duration.minutes(15)
   */
  readonly maxMessageAge?: Duration;
  /**
   * A Lambda function that consumes the queue, made with it: get it with `fanOut.consumer('name')`.
   * @default - no consumer: consume `fanOut.queue('name')` yourself (a QueueConsumer given it reuses the
   * fan-out's key and alarm topic and derives the visibility timeout too)
   */
  readonly consumer?: SubscriberConsumerProps;
}

/**
 * Which of a TopicFanOut's alarms to make. Turn one off to make your own from the same metric
 * (`metricFailedDeliveries()`, `metricDeadLetterQueueDepth(name)`, ...).
 */
export interface TopicFanOutAlarmSelection {
  /**
   * SNS failed to deliver a message from the topic.
   * @default true
   */
  readonly failedDeliveries?: boolean;
  /**
   * A message reached a subscriber's dead-letter queue.
   * @default true
   */
  readonly deadLetterQueueDepth?: boolean;
  /**
   * A delivery reached a subscription dead-letter queue.
   * @default true
   */
  readonly subscriptionDeadLetterQueueDepth?: boolean;
  /**
   * A subscriber's oldest message has waited its `maxMessageAge`.
   * @default true
   */
  readonly oldestMessageAge?: boolean;
}

/** Props of {@link TopicFanOut}. */
export interface TopicFanOutProps {
  /** The subscribers, by name. A name becomes part of construct ids and, with `queueNamePrefix`, of queue names. */
  readonly subscribers: Record<string, SubscriberProps>;
  /**
   * Make the topic, the queues and the dead-letter queues FIFO (strict order per message group,
   * deduplication).
   * @default false
   */
  readonly fifo?: boolean;
  /**
   * FIFO only: deduplicate on a SHA-256 hash of the message body instead of an explicit id.
   * @default false
   */
  readonly contentBasedDeduplication?: boolean;
  /**
   * Bring your own topic. It is validated (FIFO or not) and subscribed to.
   * @default - a topic encrypted with the pattern's key, TLS only
   */
  readonly topic?: sns.ITopic;
  /**
   * The key for the topic and the queues the pattern makes. A key from another app or account cannot
   * have its policy edited: you are told which statement to add.
   * @default - a customer-managed key with rotation on
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Name the queues `<prefix>-<subscriber>` (`-dlq`, `-subscription-dlq`, `.fifo` as needed) instead of
   * letting CloudFormation generate names.
   * @default - generated names
   */
  readonly queueNamePrefix?: string;
  /**
   * Which alarms to make, for every subscriber: `false` for none, or one flag per alarm. An alarm on a metric
   * another pattern also alarms on (a QueueConsumer of a subscriber's queue) is one alarm that fires when
   * either would.
   * @default true - all four
   */
  readonly alarms?: boolean | TopicFanOutAlarmSelection;
  /**
   * The topic every alarm notifies, the fan-out's and its consumers'.
   * @default - a new topic encrypted with the pattern's key, made when an alarm needs one; subscribe to `fanOut.alarmTopic`
   */
  readonly alarmTopic?: sns.ITopic;
  /**
   * What happens to the key the pattern makes when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly keyRemovalPolicy?: RemovalPolicy;
}
