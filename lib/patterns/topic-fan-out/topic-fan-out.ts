import { Duration, Names, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  DEAD_LETTER_QUEUE_HAS_NO_REDRIVE,
  DEFAULT_MAX_MESSAGE_AGE,
  ProblemCollector,
  SUBSCRIPTION_DEAD_LETTER_QUEUE,
  acknowledge,
  SECURE_DEFAULTS,
  createAlarmTopic,
  ValidationError,
  addKeyStatementOrWarn,
  createEncryptionKey,
  isKnown,
  renderStatement,
  deadLetterDepthMetric,
  oldestMessageAgeMetric,
  secureDeadLetterQueueProps,
  secureQueueProps,
  warn,
  alarmWanted,
  allowRedriveOnlyFrom,
  createAlarm,
  generatedQueueName,
  grantRedrive,
  queueArnFromName,
  queueSettings,
} from '../../core';
import { QueueConsumer } from '../queue-consumer';
import { createSubscriberConsumer, recordSubscriberProvenance, recordTopicFanOutProvenance } from './composition';
import { toFilterPolicy } from './filter';
import { SubscriberProps, TopicFanOutAlarmSelection, TopicFanOutProps } from './props';
import { TOPIC_FAN_OUT_RULES } from './rules';
import { FanOutSubscriber, subscriberAlarms } from './subscriber';
import { policyArnOfBroughtTopic } from './topic-arn';
import { validateTopicFanOutProps } from './validate';
import { prefixedQueueName } from './validate-subscriber';

/**
 * One SNS topic delivering to named SQS subscriber queues, each with its filter policy, its own
 * dead-letter queue, a subscription dead-letter queue for failed deliveries, and alarms.
 *
 * Secure by default: one customer-managed key (rotation on) for the topic and the queues, whose policy
 * lets SNS use it only for this topic; queue policies that admit this topic only; TLS only everywhere.
 * Wrong props fail at synth with every problem listed (FIFO mismatches, filter policies SNS would
 * reject, settings out of range, keys SNS cannot use, dead-letter retention shorter than the source's).
 *
 * @example
 * const fanOut = new TopicFanOut(this, 'Orders', {
 *   subscribers: {
 *     billing: { filter: { eventType: ['order_placed'] } },
 *     audit: {},
 *   },
 * });
 * fanOut.grantPublish(publisherRole);
 */
export class TopicFanOut extends Construct {
  /** The topic publishers send to. */
  public readonly topic: sns.ITopic;
  /** The key of the topic and of the queues the pattern made. */
  public readonly encryptionKey: kms.IKey;
  /** Whether the topic is FIFO (and the queues, unless a subscriber asks for a standard one). */
  public readonly fifo: boolean;
  /** The topic-level alarm on failed deliveries, unless turned off in `alarms`. */
  public readonly failedDeliveriesAlarm?: cloudwatch.Alarm;

  /**
   * The topic's ARN as a string built from its name, not a reference to the topic: the key policy
   * names it, and a reference would make key and topic depend on each other.
   */
  private readonly topicArnForPolicies: string;
  private readonly subscribers = new Map<string, FanOutSubscriber>();
  private readonly keysGrantedToSns = new Set<kms.IKey>();
  private readonly props: TopicFanOutProps;
  private topicForAlarms?: sns.ITopic;
  private alarmAction?: cloudwatch.IAlarmAction;

  constructor(scope: Construct, id: string, props: TopicFanOutProps) {
    super(scope, id);
    this.props = props;
    const problems = new ProblemCollector(this);
    validateTopicFanOutProps(problems, props);
    problems.throwIfAny();

    this.fifo = props.fifo ?? false;
    this.encryptionKey = props.encryptionKey ?? createEncryptionKey(this, 'Key', {
      description: `Encrypts the topic and queues of ${this.node.path}`,
      removalPolicy: props.keyRemovalPolicy,
    });
    if (props.topic) {
      this.topic = props.topic;
      this.topicArnForPolicies = policyArnOfBroughtTopic(props.topic);
    } else {
      const topicName = Names.uniqueResourceName(this, { maxLength: 200 }) + (this.fifo ? '.fifo' : '');
      this.topic = new sns.Topic(this, 'Topic', {
        topicName,
        masterKey: this.encryptionKey,
        enforceSSL: SECURE_DEFAULTS.enforceSSL,
        fifo: this.fifo || undefined,
        contentBasedDeduplication: props.contentBasedDeduplication,
      });
      this.topicArnForPolicies = Stack.of(this).formatArn({ service: 'sns', resource: topicName });
    }
    if (FAN_OUT_ALARMS.some((name) => alarmWanted(props.alarms, name))) this.alarmActionOrCreate();

    for (const [name, sub] of Object.entries(props.subscribers)) {
      this.subscribers.set(name, this.addSubscriber(name, sub, props.queueNamePrefix));
    }
    recordTopicFanOutProvenance(this, this.topic, props, { encryptionKey: this.encryptionKey, alarmTopic: () => this.alarmTopicOrCreate() });
    if (alarmWanted(props.alarms, 'failedDeliveries')) {
      this.failedDeliveriesAlarm = createAlarm(this, 'FailedDeliveriesAlarm', {
        metric: this.metricFailedDeliveries(),
        threshold: 1,
        description: `SNS failed to deliver a message from ${this.node.path}. Look in the subscription dead-letter queues.`,
      }, this.alarmActionOrCreate());
    }
  }

  /**
   * The topic every alarm notifies, the fan-out's and its consumers': subscribe your pager or email to it.
   * Undefined only when no alarm is made and none was given.
   */
  public get alarmTopic(): sns.ITopic | undefined {
    return this.props.alarmTopic ?? this.topicForAlarms;
  }

  /** The Lambda consumer of a subscriber made with its `consumer` prop: its function, mapping, alarms and grants. */
  public consumer(subscriber: string): QueueConsumer {
    const found = this.subscriber(subscriber).consumer;
    if (!found) {
      throw new ValidationError(this, [{
        code: TOPIC_FAN_OUT_RULES.noSuchConsumer,
        prop: `subscribers.${subscriber}.consumer`,
        value: 'is not set:',
        rule: 'the subscriber has no consumer made by the fan-out',
        fix: `Give subscribers.${subscriber} a consumer ({ functionProps: ... }), or consume fanOut.queue('${subscriber}') yourself.`,
      }].map((p) => ({ ...p, path: this.node.path })));
    }
    return found;
  }

  /** The names of the subscribers, in the order they were given. */
  public get subscriberNames(): string[] {
    return [...this.subscribers.keys()];
  }

  /** The queue that receives the subscriber's messages. */
  public queue(subscriber: string): sqs.IQueue {
    return this.subscriber(subscriber).queue;
  }

  /** The dead-letter queue of the subscriber's queue: messages its consumer failed `maxReceiveCount` times. */
  public deadLetterQueue(subscriber: string): sqs.IQueue {
    const dlq = this.subscriber(subscriber).deadLetterQueue;
    if (!dlq) {
      throw new Error(`${this.node.path}: subscribers.${subscriber}.queue was brought without a dead-letter queue. Configure deadLetterQueue on the queue you bring.`);
    }
    return dlq;
  }

  /**
   * Lets `grantee` move the messages of the subscriber's dead-letter queue back to its queue once their cause is fixed
   * (SQS `StartMessageMoveTask`, `ListMessageMoveTasks`, `CancelMessageMoveTask`): exactly the actions AWS requires on
   * both queues and their keys (`REDRIVE_PERMISSIONS`). Also for a brought queue whose dead-letter queue is known.
   * (A subscription dead-letter queue holds deliveries SNS could not make, not a queue's failures: SQS cannot move
   * them with a move task, which takes only the dead-letter queues of SQS queues.)
   */
  public grantRedrive(subscriber: string, grantee: iam.IGrantable): iam.Grant {
    return grantRedrive(grantee, this.deadLetterQueue(subscriber), this.queue(subscriber));
  }

  /** The subscription's dead-letter queue: messages SNS could not deliver to the subscriber's queue. */
  public subscriptionDeadLetterQueue(subscriber: string): sqs.IQueue {
    return this.subscriber(subscriber).subscriptionDeadLetterQueue;
  }

  /** The SNS subscription of the subscriber's queue. */
  public subscription(subscriber: string): sns.Subscription {
    return this.subscriber(subscriber).subscription;
  }

  /** The alarms of a subscriber: dead-letter depth, age of the oldest message, failed deliveries. */
  public alarms(subscriber: string): cloudwatch.Alarm[] {
    return [...this.subscriber(subscriber).alarms];
  }

  /** Messages in the subscriber's dead-letter queue (maximum over 1 minute). */
  public metricDeadLetterQueueDepth(subscriber: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return deadLetterDepthMetric(this.deadLetterQueue(subscriber), props);
  }

  /** Deliveries SNS could not make to the subscriber, kept in its subscription dead-letter queue. */
  public metricSubscriptionDeadLetterQueueDepth(subscriber: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return deadLetterDepthMetric(this.subscriptionDeadLetterQueue(subscriber), props);
  }

  /** The age of the oldest message waiting for the subscriber, in seconds. */
  public metricOldestMessageAge(subscriber: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return oldestMessageAgeMetric(this.queue(subscriber), props);
  }

  /** Deliveries the topic failed to make, to any subscriber (sum over 1 minute). */
  public metricFailedDeliveries(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.topic.metricNumberOfNotificationsFailed({ period: Duration.minutes(1), ...props });
  }

  /** Lets a principal publish to the topic (and use the topic's key to do so). */
  public grantPublish(grantee: iam.IGrantable): iam.Grant {
    return this.topic.grantPublish(grantee);
  }

  /** Lets a principal consume a subscriber's queue: receive, delete, change visibility, decrypt. */
  public grantConsumeMessages(subscriber: string, grantee: iam.IGrantable): iam.Grant {
    return this.queue(subscriber).grantConsumeMessages(grantee);
  }

  private subscriber(name: string): FanOutSubscriber {
    const found = this.subscribers.get(name);
    if (!found) {
      throw new Error(`${this.node.path}: no subscriber named '${name}'. Subscribers: ${this.subscriberNames.join(', ')}.`);
    }
    return found;
  }

  private addSubscriber(name: string, props: SubscriberProps, prefix?: string): FanOutSubscriber {
    const scope = new Construct(this, name);
    const queueFifo = props.queue ? queueSettings(props.queue).fifo : props.fifo ?? this.fifo;
    // The subscription dead-letter queue is of the topic's type (SNS developer guide, FIFO topics).
    const queueName = (suffix: string, fifo = queueFifo) => prefix === undefined ? undefined : prefixedQueueName(prefix, name, suffix, fifo);
    let queue: sqs.IQueue;
    let deadLetterQueue: sqs.IQueue | undefined;
    if (props.queue) {
      queue = props.queue;
      deadLetterQueue = queue instanceof sqs.Queue ? queue.deadLetterQueue?.queue : undefined;
      if (!deadLetterQueue) {
        warn(scope, {
          code: TOPIC_FAN_OUT_RULES.queueWithoutDlq,
          prop: `subscribers.${name}.queue`,
          value: queue.node.path,
          rule: 'has no dead-letter queue that the pattern can see, so a message its consumer keeps failing is retried until it expires',
          fix: 'Give the queue a deadLetterQueue, or let the pattern make the queue.',
        });
      }
    } else {
      warnIfFewReceives(scope, name, props.maxReceiveCount);
      // The queue's name is known before the queue exists, so its dead-letter queue can admit it by an ARN built from
      // the name: a reference to the queue's ARN would make each queue depend on the other.
      const sourceName = props.queueProps?.queueName ?? queueName('') ?? generatedQueueName(scope, queueFifo);
      const dlq = new sqs.Queue(scope, 'DeadLetterQueue', {
        ...secureDeadLetterQueueProps(this.encryptionKey, queueFifo),
        queueName: queueName('-dlq'),
        ...props.deadLetterQueueProps,
      });
      allowRedriveOnlyFrom(dlq, [queueArnFromName(scope, sourceName)]);
      acknowledge(dlq, DEAD_LETTER_QUEUE_HAS_NO_REDRIVE);
      deadLetterQueue = dlq;
      queue = new sqs.Queue(scope, 'Queue', {
        ...secureQueueProps(this.encryptionKey, queueFifo),
        ...props.queueProps,
        queueName: sourceName,
        deadLetterQueue: { queue: dlq, maxReceiveCount: props.maxReceiveCount ?? SECURE_DEFAULTS.maxReceiveCount },
      });
    }
    if (this.fifo && !queueFifo) warnStandardQueueOnFifoTopic(scope, name, props);
    const subscriptionDeadLetterQueue = new sqs.Queue(scope, 'SubscriptionDeadLetterQueue', {
      ...secureDeadLetterQueueProps(this.encryptionKey, this.fifo),
      queueName: queueName('-subscription-dlq', this.fifo),
    });
    // No queue should name it as its dead-letter queue (it keeps SNS's failed deliveries); denyAll would fail AWS Control
    // Tower's CT.SQS.PR.1 and allowAll would let any queue of the account do so. Only the subscriber's queue, whose own
    // redrive policy names its own dead-letter queue, is admitted.
    allowRedriveOnlyFrom(subscriptionDeadLetterQueue, [queue.queueArn]);
    acknowledge(subscriptionDeadLetterQueue, DEAD_LETTER_QUEUE_HAS_NO_REDRIVE, SUBSCRIPTION_DEAD_LETTER_QUEUE);
    const subscription = this.subscribe(scope, name, queue, subscriptionDeadLetterQueue, props);
    const shared = { owner: this, name, encryptionKey: this.encryptionKey, alarmTopic: () => this.alarmTopicOrCreate() };
    recordSubscriberProvenance(shared, { queue, deadLetterQueue, subscriptionDeadLetterQueue }, props, this.props.encryptionKey !== undefined);
    const maxMessageAge = props.maxMessageAge ?? DEFAULT_MAX_MESSAGE_AGE;
    const alarms = subscriberAlarms(scope, {
      name, queue, deadLetterQueue, subscriptionDeadLetterQueue, maxMessageAge, action: () => this.alarmActionOrCreate(),
    }, this.props.alarms);
    return {
      queue,
      deadLetterQueue,
      subscriptionDeadLetterQueue,
      subscription,
      alarms,
      // Made after the fan-out's own alarms on the queue, which its alarms on the same metrics merge into.
      consumer: props.consumer && createSubscriberConsumer(scope, { fanOut: this, name, queue, maxMessageAge, consumer: props.consumer, alarmTopic: () => this.alarmTopicOrCreate() }),
    };
  }

  /** The alarm topic: the given one, or one made when the first alarm (the fan-out's or a consumer's) needs it. */
  private alarmTopicOrCreate(): sns.ITopic {
    this.topicForAlarms ??= this.props.alarmTopic ?? createAlarmTopic(this, 'AlarmTopic', this.encryptionKey);
    return this.topicForAlarms;
  }

  private alarmActionOrCreate(): cloudwatch.IAlarmAction {
    this.alarmAction ??= new cloudwatchActions.SnsAction(this.alarmTopicOrCreate());
    return this.alarmAction;
  }

  private subscribe(scope: Construct, name: string, queue: sqs.IQueue, dlq: sqs.IQueue, props: SubscriberProps): sns.Subscription {
    const queuePolicy = this.allowTopicToSend(scope, name, queue);
    const keyProp = (key: kms.IKey | undefined) => key === this.encryptionKey ? 'encryptionKey' : `subscribers.${name}.queue`;
    this.allowSnsToUseKey(scope, keyProp(queue.encryptionMasterKey), queue.encryptionMasterKey);
    this.allowSnsToUseKey(scope, keyProp(dlq.encryptionMasterKey), dlq.encryptionMasterKey);
    const subscription = new sns.Subscription(scope, 'Subscription', {
      topic: this.topic,
      endpoint: queue.queueArn,
      protocol: sns.SubscriptionProtocol.SQS,
      rawMessageDelivery: props.rawMessageDelivery,
      deadLetterQueue: dlq,
    });
    if (props.filter) {
      const cfn = subscription.node.defaultChild as sns.CfnSubscription;
      cfn.filterPolicy = toFilterPolicy(props.filter);
      cfn.filterPolicyScope = props.filterScope ?? 'MessageAttributes';
    }
    // SNS checks the queue policy when the subscription is created; make it wait for the policy.
    if (queuePolicy) subscription.node.addDependency(queuePolicy);
    return subscription;
  }

  /** The queue admits `sqs:SendMessage` from this topic only (`aws:SourceArn`), never any topic. */
  private allowTopicToSend(scope: Construct, name: string, queue: sqs.IQueue) {
    const statement = new iam.PolicyStatement({
      sid: 'AllowFanOutTopicToSend',
      principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
      actions: ['sqs:SendMessage'],
      resources: [queue.queueArn],
      conditions: { ArnEquals: { 'aws:SourceArn': this.topic.topicArn } },
    });
    const result = queue.addToResourcePolicy(statement);
    if (!result.statementAdded) {
      warn(scope, {
        code: TOPIC_FAN_OUT_RULES.queuePolicyNotEditable,
        prop: `subscribers.${name}.queue`,
        value: queue.queueArn,
        rule: 'is imported, so its queue policy cannot be edited here; without this statement SNS cannot deliver to it',
        fix: `Add this statement to the queue's policy: ${renderStatement(this, statement)}`,
      });
    }
    return result.policyDependable;
  }

  /** SNS writes to an encrypted queue only if the key policy lets it, for this topic only. */
  private allowSnsToUseKey(scope: Construct, prop: string, key: kms.IKey | undefined): void {
    if (!key || this.keysGrantedToSns.has(key)) return;
    this.keysGrantedToSns.add(key);
    addKeyStatementOrWarn(scope, key, new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { ArnEquals: { 'aws:SourceArn': this.topicArnForPolicies } },
    }), {
      code: TOPIC_FAN_OUT_RULES.keyPolicyNotEditable,
      prop,
      consequence: 'without this statement every SNS delivery to the queues it encrypts fails',
    });
  }
}

/** The fan-out's own alarms, as `alarms` selects them. */
const FAN_OUT_ALARMS = ['failedDeliveries', 'deadLetterQueueDepth', 'subscriptionDeadLetterQueueDepth', 'oldestMessageAge'] as const satisfies readonly (keyof TopicFanOutAlarmSelection)[];

/**
 * A FIFO topic delivers to standard queues too (SNS developer guide, message delivery for FIFO topics); the
 * subscriber then loses what FIFO gives. Deliberate for some subscribers, so a warning to acknowledge.
 */
function warnStandardQueueOnFifoTopic(scope: Construct, name: string, props: SubscriberProps): void {
  const prop = props.queue ? `subscribers.${name}.queue` : `subscribers.${name}.fifo`;
  warn(scope, {
    code: TOPIC_FAN_OUT_RULES.standardQueueOnFifoTopic,
    prop,
    value: props.queue ? 'is a standard queue' : 'false',
    rule: 'subscribes a standard queue to the FIFO topic: this subscriber gets messages in best-effort order, not in order per message group; '
      + 'at least once, so a message can arrive twice (a standard queue does not deduplicate what SNS deduplicated); and without their message group id '
      + '(SNS developer guide, message delivery for FIFO topics)',
    fix: `Acknowledge this warning if subscriber '${name}' needs neither order nor deduplication; otherwise ${props.queue ? 'bring a FIFO queue' : `leave ${prop} out`}.`,
  });
}

/**
 * Fewer than 5 receives dead-letters messages that a Lambda consumer only failed to get because it was
 * throttled (Lambda's recommendation for SQS event sources). Deliberate for some consumers, so a warning.
 */
function warnIfFewReceives(scope: Construct, name: string, maxReceiveCount: number | undefined): void {
  if (maxReceiveCount === undefined || !isKnown(maxReceiveCount) || maxReceiveCount >= SECURE_DEFAULTS.maxReceiveCount) return;
  warn(scope, {
    code: TOPIC_FAN_OUT_RULES.maxReceiveCountLow,
    prop: `subscribers.${name}.maxReceiveCount`,
    value: String(maxReceiveCount),
    rule: `is below ${SECURE_DEFAULTS.maxReceiveCount}: a throttled Lambda consumer's receives count too, so healthy messages can reach the dead-letter queue`,
    fix: `Raise it to ${SECURE_DEFAULTS.maxReceiveCount} or more, or acknowledge the warning if poison messages must fail fast.`,
  });
}
