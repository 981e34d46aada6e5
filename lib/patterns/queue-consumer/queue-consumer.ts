import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, IDependable } from 'constructs';
import {
  DEAD_LETTER_QUEUE_HAS_NO_REDRIVE,
  DEFAULT_MAX_MESSAGE_AGE,
  acknowledge,
  ProblemCollector,
  QueueSettings,
  SECURE_DEFAULTS,
  SQS_EVENT_SOURCE_LIMITS,
  SQS_LIMITS,
  createAlarmTopic,
  createEncryptionKey,
  deadLetterDepthMetric,
  oldestMessageAgeMetric,
  isKnown,
  queueSettings,
  secureDeadLetterQueueProps,
  secureQueueProps,
  warn,
  renderStatement,
  statementsNotAdded,
} from '../../core';
import { QueueConsumerAlarms, createConsumerAlarms } from './alarms';
import { CONSUMER_FUNCTION_ACKNOWLEDGEMENTS, ConsumerFunction, createConsumerFunction } from './consumer-function';
import { QUEUE_CONSUMER_DEFAULTS } from './defaults';
import { FunctionSettings, functionSettings, keyFacts, sourced } from './facts';
import { QueueConsumerFunctionProps, QueueConsumerProps } from './props';
import { checkConcurrency } from './concurrency-rules';
import { routeGrantedServices } from '../vpc-function/routes';
import { ConsumerFacts, Finding, QUEUE_CONSUMER_RULES, checkConsumer, checkKey, requiredVisibilityTimeout } from './rules';

/**
 * An SQS queue (with its dead-letter queue) consumed by a Lambda function through an event source mapping,
 * with validated, secure defaults.
 *
 * The visibility timeout is derived from the function (6 x its timeout plus the batching window), failed
 * messages move to a dead-letter queue after 5 receives, the handler reports partial batch failures, the
 * queues are encrypted with a customer-managed key, and the function gets only receive, delete, get
 * attributes and decrypt. Every prop and every brought resource is checked at synth time.
 */
export class QueueConsumer extends Construct {
  /** The queue the function consumes. */
  public readonly queue: sqs.IQueue;
  /** Where messages go after `maxReceiveCount` failed receives. */
  public readonly deadLetterQueue: sqs.IQueue;
  /** The consuming function. */
  public readonly function: lambda.IFunction;
  /** The key that encrypts the queue, if it uses a customer-managed one. */
  public readonly encryptionKey?: kms.IKey;
  /** The event source mapping that polls the queue and invokes the function. */
  public readonly eventSourceMapping: lambda.EventSourceMapping;
  /** The topic the alarms notify. */
  public readonly alarmTopic: sns.ITopic;
  /** The alarms: dead-letter queue depth, age of the oldest message, function errors and throttles. */
  public readonly alarms: QueueConsumerAlarms;

  private patternKey?: kms.IKey;
  /** What the pattern could not add to the policy of an imported `encryptionKey`, for the key warning. */

  constructor(scope: Construct, id: string, props: QueueConsumerProps) {
    super(scope, id);
    checkShape(this, props);

    const broughtQueue = props.queue ? queueSettings(props.queue) : undefined;
    const broughtFunction = props.function ? functionSettings(props.function) : undefined;
    const facts = this.facts(props, broughtQueue, broughtFunction);
    this.report(checkConsumer(facts));

    const maxConcurrency = props.maxConcurrency ?? defaultMaxConcurrency(props, broughtFunction);
    const key = props.queue ? props.queue.encryptionMasterKey : this.key(props);
    this.encryptionKey = key;

    this.deadLetterQueue = props.deadLetterQueue ?? broughtQueue?.deadLetterQueue?.queue ?? this.createDeadLetterQueue(props, facts.fifo);
    this.queue = props.queue ?? new sqs.Queue(this, 'Queue', {
      ...secureQueueProps(this.key(props), facts.fifo),
      ...props.queueProps,
      visibilityTimeout: facts.visibilityTimeout?.value,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: facts.maxReceiveCount?.value ?? SECURE_DEFAULTS.maxReceiveCount },
    });

    // checkShape made sure that exactly one of function and functionProps is given.
    const made = props.function ? undefined : createConsumerFunction(this, props.functionProps as QueueConsumerFunctionProps,
      props.functionProps?.reservedConcurrentExecutions ?? maxConcurrency ?? QUEUE_CONSUMER_DEFAULTS.maxConcurrency,
      () => this.key(props));
    this.function = props.function ?? (made as ConsumerFunction).function;
    // A function placed in a VPC gets the endpoints (or NAT egress) its grants need, derived at synth.
    if (made && props.functionProps?.vpc) routeGrantedServices(made.function, { vpc: props.functionProps.vpc, scope: this });
    const permissions = this.grantConsume(key, made?.policy);

    this.eventSourceMapping = new lambda.EventSourceMapping(this, 'EventSourceMapping', {
      target: this.function,
      eventSourceArn: this.queue.queueArn,
      batchSize: facts.batchSize,
      maxBatchingWindow: props.maxBatchingWindow,
      maxConcurrency,
      reportBatchItemFailures: true,
    });
    // Lambda checks the role's permissions when it creates the mapping.
    this.eventSourceMapping.node.addDependency(...permissions);
    acknowledge(this.eventSourceMapping, ...CONSUMER_FUNCTION_ACKNOWLEDGEMENTS.mappingDestination);

    this.alarmTopic = props.alarmTopic ?? createAlarmTopic(this, 'AlarmTopic', this.key(props));
    this.alarms = createConsumerAlarms(new Construct(this, 'Alarms'), {
      queue: this.queue,
      deadLetterQueue: this.deadLetterQueue,
      function: this.function,
      maxMessageAge: props.maxMessageAge ?? DEFAULT_MAX_MESSAGE_AGE,
      action: new cloudwatchActions.SnsAction(this.alarmTopic),
    });

    // Everything that adds to the key's policy has run: the key warning can list what was dropped.
    const dropped = facts.key && props.encryptionKey !== undefined && keyToCheck(props) === props.encryptionKey
      ? statementsNotAdded(props.encryptionKey).map((statement) => renderStatement(this, statement))
      : undefined;
    this.report(checkKey({ ...facts, key: facts.key && { ...facts.key, statementsNotAdded: dropped } }));

    // Reserved concurrency can be changed after this construct (an escape hatch on the function), so
    // it is checked when the whole app is built.
    this.node.addValidation({
      validate: () => {
        const reservedConcurrency = functionSettings(this.function).reservedConcurrency;
        this.report(checkConcurrency({ reservedConcurrency, maxConcurrency }));
        return [];
      },
    });
  }

  /** Lets `grantee` send messages to the queue (and use its key to encrypt them). */
  public grantSendMessages(grantee: iam.IGrantable): iam.Grant {
    return this.queue.grantSendMessages(grantee);
  }

  /** The number of messages in the dead-letter queue (maximum over 1 minute). */
  public metricDeadLetterQueueDepth(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return deadLetterDepthMetric(this.deadLetterQueue, props);
  }

  /** The age of the oldest message in the queue, in seconds (maximum over 1 minute). */
  public metricOldestMessageAge(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return oldestMessageAgeMetric(this.queue, props);
  }

  private createDeadLetterQueue(props: QueueConsumerProps, fifo: boolean): sqs.Queue {
    const dlq = new sqs.Queue(this, 'DeadLetterQueue', secureDeadLetterQueueProps(this.key(props), fifo));
    acknowledge(dlq, DEAD_LETTER_QUEUE_HAS_NO_REDRIVE);
    return dlq;
  }

  /**
   * Exactly what the event source mapping needs (Lambda developer guide, SQS execution role): not
   * grantConsumeMessages, which adds ChangeMessageVisibility and GetQueueUrl. For a function the pattern
   * made the statements go to its customer-managed policy; a brought function is granted as usual.
   */
  private grantConsume(key: kms.IKey | undefined, policy?: iam.ManagedPolicy): IDependable[] {
    const actions = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];
    if (!policy) {
      // A function without a known role cannot be granted anything; the functionRoleUnknown rule says so.
      if (!this.function.role) return [];
      const grants = [this.queue.grant(this.function, ...actions)];
      if (key) grants.push(key.grantDecrypt(this.function));
      return grants;
    }
    policy.addStatements(new iam.PolicyStatement({ actions, resources: [this.queue.queueArn] }));
    if (key) policy.addStatements(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [key.keyArn] }));
    return [policy];
  }

  /** The key for what the pattern makes: the given one, or one made on first use. */
  private key(props: QueueConsumerProps): kms.IKey {
    this.patternKey ??= props.encryptionKey
      ?? createEncryptionKey(this, 'Key', { description: `Encrypts the queues and alarm topic of ${this.node.path}` });
    return this.patternKey;
  }

  /** Errors stop the synth, all reported together; warnings are shown with their code, to acknowledge. */
  private report(findings: readonly Finding[]): void {
    const problems = new ProblemCollector(this);
    for (const f of findings) {
      if (f.severity === 'error') problems.add(f.problem);
      else warn(this, f.problem);
    }
    problems.throwIfAny();
  }

  private facts(props: QueueConsumerProps, queue?: QueueSettings, fn?: FunctionSettings): ConsumerFacts {
    const fifo = queue?.fifo ?? props.fifo ?? false;
    const functionTimeout = fn
      ? sourced(fn.timeout ?? props.functionTimeout, fn.timeout ? 'function timeout' : 'functionTimeout')
      : sourced(props.functionProps?.timeout ?? QUEUE_CONSUMER_DEFAULTS.functionTimeout, 'functionProps.timeout');
    const givenVisibility = queue
      ? sourced(queue.visibilityTimeout ?? props.queueVisibilityTimeout, queue.ownedByApp ? 'queue visibilityTimeout' : 'queueVisibilityTimeout')
      : sourced(props.queueProps?.visibilityTimeout, 'queueProps.visibilityTimeout');
    const derivedVisibility = !queue && !givenVisibility && functionTimeout && isKnown(functionTimeout.value)
      ? sourced(requiredVisibilityTimeout(functionTimeout.value, props.maxBatchingWindow), 'visibilityTimeout')
      : undefined;
    const ownDlq = queue?.deadLetterQueue;
    const dlq = props.deadLetterQueue ?? ownDlq?.queue;
    const dlqSettings = dlq ? queueSettings(dlq) : undefined;
    const checkedKey = keyToCheck(props);
    return {
      fifo,
      fifoProp: props.fifo,
      broughtQueueFifo: queue?.fifo,
      functionImported: fn !== undefined && !fn.ownedByApp,
      functionRoleUnknown: props.function !== undefined && props.function.role === undefined,
      functionTimeout,
      functionTimeoutProp: fn?.timeout ? undefined : props.functionTimeout,
      queueImported: queue !== undefined && !queue.ownedByApp,
      visibilityTimeout: givenVisibility ?? derivedVisibility,
      visibilityTimeoutDerived: derivedVisibility !== undefined,
      queueVisibilityTimeoutProp: queue?.visibilityTimeout ? undefined : props.queueVisibilityTimeout,
      deadLetterQueueMissing: !queue || dlq ? undefined : queue.ownedByApp ? 'brought-queue-has-none' : 'imported-queue',
      deadLetterQueueConflict: ownDlq !== undefined && props.deadLetterQueue !== undefined && ownDlq.queue !== props.deadLetterQueue,
      deadLetterFifo: dlqSettings?.fifo,
      maxReceiveCount: queue
        ? sourced(ownDlq?.maxReceiveCount, 'queue deadLetterQueue.maxReceiveCount')
        : sourced(props.maxReceiveCount ?? SECURE_DEFAULTS.maxReceiveCount, 'maxReceiveCount'),
      queueRetention: queue ? queue.retentionPeriod : props.queueProps?.retentionPeriod ?? SQS_DEFAULT_RETENTION,
      deadLetterRetention: dlqSettings ? dlqSettings.retentionPeriod : SECURE_DEFAULTS.deadLetterRetention,
      batchSize: props.batchSize ?? QUEUE_CONSUMER_DEFAULTS.batchSize,
      maxBatchingWindow: props.maxBatchingWindow,
      maxConcurrency: props.maxConcurrency,
      key: checkedKey ? keyFacts(this, checkedKey, props.queue ? 'queue encryptionMasterKey' : 'encryptionKey') : undefined,
    };
  }
}

/** The key the key rule checks: the one the function must decrypt the consumed queue with. */
function keyToCheck(props: QueueConsumerProps): kms.IKey | undefined {
  return props.queue ? props.queue.encryptionMasterKey : props.encryptionKey;
}

// A queue made without a retention period keeps messages for SQS's default (SQS API-model, CreateQueue).
const SQS_DEFAULT_RETENTION = Duration.seconds(SQS_LIMITS.messageRetentionPeriod.default ?? 345_600);

/** The props that decide what the construct is made of: checked first, since every other rule depends on them. */
function checkShape(scope: Construct, props: QueueConsumerProps): void {
  const problems = new ProblemCollector(scope);
  const functionCount = [props.function, props.functionProps].filter((x) => x !== undefined).length;
  problems.expect(functionCount === 1, {
    code: QUEUE_CONSUMER_RULES.exactlyOneFunction,
    prop: 'function / functionProps',
    value: functionCount === 0 ? 'are both missing:' : 'are both given:',
    rule: 'the consumer is either a function you bring or one the pattern makes',
    fix: 'Pass exactly one of function and functionProps.',
  });
  if (props.queue) {
    const ignored = (['queueProps', 'maxReceiveCount'] as const).filter((p) => props[p] !== undefined);
    problems.expect(ignored.length === 0, {
      code: QUEUE_CONSUMER_RULES.queueOptionOnBroughtQueue,
      prop: ignored.join(', '),
      value: 'is given with a brought queue:',
      rule: 'these only shape a queue the pattern makes, and would be silently ignored',
      fix: 'Set them on your queue (its props, its redrive policy), or drop queue and let the pattern make it.',
    });
  }
  problems.throwIfAny();
}

/**
 * The mapping's concurrency cap when none is given: the function's reserved concurrency (so the poller is
 * never throttled), 10 for a function the pattern makes (which reserves the same), else no cap.
 */
function defaultMaxConcurrency(props: QueueConsumerProps, fn?: FunctionSettings): number | undefined {
  const reserved = fn ? fn.reservedConcurrency : props.functionProps?.reservedConcurrentExecutions;
  const range = SQS_EVENT_SOURCE_LIMITS.maximumConcurrency;
  if (reserved !== undefined && isKnown(reserved)) return reserved >= range.min ? Math.min(reserved, range.max) : undefined;
  return fn ? undefined : QUEUE_CONSUMER_DEFAULTS.maxConcurrency;
}
