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
  KnownFunctionSettings,
  PropLocation,
  acknowledge,
  ProblemCollector,
  QueueProvenance,
  QueueSettings,
  SECURE_DEFAULTS,
  SQS_EVENT_SOURCE_LIMITS,
  SQS_LIMITS,
  alarmWanted,
  createAlarmTopic,
  createEncryptionKey,
  deadLetterDepthMetric,
  describeLocation,
  functionSettings,
  locateProp,
  oldestMessageAgeMetric,
  isKnown,
  propOrigin,
  queueProvenance,
  queueSettings,
  queueShapingSettings,
  raiseVisibilityTimeout,
  recordQueueProvenance,
  secureDeadLetterQueueProps,
  secureQueueProps,
  warn,
  renderStatement,
  statementsNotAdded,
  allowRedriveOnlyFrom,
  generatedQueueName,
  grantRedrive,
  queueArnFromName,
} from '../../core';
import { CONSUMER_ALARM_NAMES, QueueConsumerAlarms, createConsumerAlarms } from './alarms';
import { CONSUMER_FUNCTION_ACKNOWLEDGEMENTS, ConsumerFunction, createConsumerFunction } from './consumer-function';
import { QUEUE_CONSUMER_DEFAULTS } from './defaults';
import { keyFacts, sourced } from './facts';
import { seconds } from './findings';
import { QueueConsumerFunctionProps, QueueConsumerProps } from './props';
import { checkConcurrency } from './concurrency-rules';
import { checkPassedThrough } from './passed-through';
import { checkShape } from './shape-rules';
import { routeGrantedServices } from '../vpc-function/routes';
import { ConsumerFacts, Finding, PropNamer, checkConsumer, checkKey, requiredVisibilityTimeout } from './rules';

/**
 * The settings of a brought queue the rules name, and the setting of a queue's provenance each one is:
 * for a queue another pattern made, the message names that pattern's prop instead.
 */
const QUEUE_SETTING_PROPS = {
  'queue visibilityTimeout': 'visibilityTimeout',
  'queue deadLetterQueue.maxReceiveCount': 'maxReceiveCount',
  'deadLetterQueue retentionPeriod': 'deadLetterRetentionPeriod',
  'queue encryptionMasterKey': 'encryptionKey',
} as const;

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
  /**
   * The alarms: dead-letter queue depth, age of the oldest message, function errors and throttles (each
   * undefined when turned off in `alarms`).
   */
  public readonly alarms: QueueConsumerAlarms;

  private patternKey?: kms.IKey;
  private topic?: sns.ITopic;
  /** What the pattern that made the brought queue recorded about it, if a pattern made it. */
  private readonly provenance?: QueueProvenance;
  private readonly props: QueueConsumerProps;

  constructor(scope: Construct, id: string, props: QueueConsumerProps) {
    super(scope, id);
    this.props = props;
    this.provenance = props.queue ? queueProvenance(props.queue) : undefined;
    this.report(checkShape(props));

    const broughtQueue = props.queue ? queueSettings(props.queue) : undefined;
    const broughtFunction = props.function ? functionSettings(props.function) : undefined;
    const facts = this.facts(props, broughtQueue, broughtFunction);
    this.report([...checkConsumer(facts, this.namer), ...checkPassedThrough(this, props, facts.fifo)]);

    const maxConcurrency = props.maxConcurrency ?? defaultMaxConcurrency(props, broughtFunction);
    const key = props.queue ? props.queue.encryptionMasterKey : this.key();
    this.encryptionKey = key;

    if (props.queue) {
      this.queue = props.queue;
      // checkConsumer made sure a brought queue comes with its dead-letter queue.
      this.deadLetterQueue = (props.deadLetterQueue ?? broughtQueue?.deadLetterQueue?.queue) as sqs.IQueue;
      // A queue another pattern made with its default visibility timeout gets the one this consumer needs.
      if (facts.visibilityTimeoutDerived && facts.visibilityTimeout) raiseVisibilityTimeout(props.queue, facts.visibilityTimeout.value);
    } else {
      // The queue's name is known before the queue exists, so its dead-letter queue can admit it by an ARN built from
      // the name: a reference to the queue's ARN would make each queue depend on the other.
      const queueName = props.queueProps?.queueName ?? generatedQueueName(this, facts.fifo);
      this.deadLetterQueue = props.deadLetterQueue ?? this.createDeadLetterQueue(facts.fifo, queueName);
      this.queue = new sqs.Queue(this, 'Queue', {
        ...secureQueueProps(this.key(), facts.fifo),
        ...props.queueProps,
        queueName,
        visibilityTimeout: facts.visibilityTimeout?.value,
        deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: facts.maxReceiveCount?.value ?? SECURE_DEFAULTS.maxReceiveCount },
      });
      this.recordProvenance(props);
    }

    // checkShape made sure that exactly one of function and functionProps is given.
    const made = props.function ? undefined : createConsumerFunction(this, props.functionProps as QueueConsumerFunctionProps,
      props.functionProps?.reservedConcurrentExecutions ?? maxConcurrency ?? QUEUE_CONSUMER_DEFAULTS.maxConcurrency,
      () => this.key(), this.namer('encryptionKey'));
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

    const anyAlarm = CONSUMER_ALARM_NAMES.some((name) => alarmWanted(props.alarms, name));
    this.alarms = anyAlarm
      ? createConsumerAlarms(new Construct(this, 'Alarms'), {
        queue: this.queue,
        deadLetterQueue: this.deadLetterQueue,
        function: this.function,
        maxMessageAge: props.maxMessageAge ?? DEFAULT_MAX_MESSAGE_AGE,
        action: new cloudwatchActions.SnsAction(this.alarmTopicOrCreate()),
      }, props.alarms)
      : {};

    // Everything that adds to the key's policy has run: the key warning can list what was dropped.
    const checkedKey = keyToCheck(props);
    const dropped = facts.key && checkedKey !== undefined && checkedKey === this.key()
      ? statementsNotAdded(checkedKey).map((statement) => renderStatement(this, statement))
      : undefined;
    this.report(checkKey({ ...facts, key: facts.key && { ...facts.key, statementsNotAdded: dropped } }));

    // Reserved concurrency can be changed after this construct (an escape hatch on the function), so
    // it is checked when the whole app is built.
    this.node.addValidation({
      validate: () => {
        const reservedConcurrency = functionSettings(this.function).reservedConcurrency;
        this.report(checkConcurrency({ reservedConcurrency, maxConcurrency }, this.namer));
        return [];
      },
    });
  }

  /**
   * The topic the alarms notify: `alarmTopic`, the topic of the pattern that made the queue, or one the
   * consumer made. Undefined when no alarm is made and none was given.
   */
  public get alarmTopic(): sns.ITopic | undefined {
    return this.props.alarmTopic ?? this.topic;
  }

  /** Lets `grantee` send messages to the queue (and use its key to encrypt them). */
  public grantSendMessages(grantee: iam.IGrantable): iam.Grant {
    return this.queue.grantSendMessages(grantee);
  }

  /**
   * Lets `grantee` move the dead-letter queue's messages back to the queue once their cause is fixed (SQS
   * `StartMessageMoveTask`, `ListMessageMoveTasks`, `CancelMessageMoveTask`): exactly the actions AWS requires on both
   * queues and their keys (`REDRIVE_PERMISSIONS`), whether the pattern made the queues or they were brought.
   */
  public grantRedrive(grantee: iam.IGrantable): iam.Grant {
    return grantRedrive(grantee, this.deadLetterQueue, this.queue);
  }

  /** The number of messages in the dead-letter queue (maximum over 1 minute). */
  public metricDeadLetterQueueDepth(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return deadLetterDepthMetric(this.deadLetterQueue, props);
  }

  /** The age of the oldest message in the queue, in seconds (maximum over 1 minute). */
  public metricOldestMessageAge(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return oldestMessageAgeMetric(this.queue, props);
  }

  /** The dead-letter queue of the queue the pattern makes, admitting that queue only (RedriveAllowPolicy byQueue). */
  private createDeadLetterQueue(fifo: boolean, sourceName: string): sqs.Queue {
    const dlq = new sqs.Queue(this, 'DeadLetterQueue', secureDeadLetterQueueProps(this.key(), fifo));
    allowRedriveOnlyFrom(dlq, [queueArnFromName(this, sourceName)]);
    acknowledge(dlq, DEAD_LETTER_QUEUE_HAS_NO_REDRIVE);
    return dlq;
  }

  /**
   * Records, for patterns later given this consumer's queue, where its settings are changed: on this
   * consumer (or on the pattern that wrote its props), and whether the user gave them.
   */
  private recordProvenance(props: QueueConsumerProps): void {
    const settings = queueShapingSettings((prop) => this.where(prop), props);
    const encryptionKey = { ...this.where('encryptionKey'), givenByUser: props.encryptionKey !== undefined, checkedByOwner: true };
    const shared = { owner: this, encryptionKey: this.key(), alarmTopic: () => this.alarmTopicOrCreate() };
    recordQueueProvenance(this.queue, { ...shared, deadLetterQueue: this.deadLetterQueue, settings: { ...settings, encryptionKey } });
    if (!props.deadLetterQueue) recordQueueProvenance(this.deadLetterQueue, { ...shared, settings: { encryptionKey, fifo: settings.fifo } });
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
      // For a role that may be of another account (an imported role in a stack without env, the CDK default) a queue's or
      // key's grant also goes to the resource's policy and keeps only that as its dependable: a key policy document, which
      // is not a construct at all. So the mapping depends on the role's own statements, granted on the principal; the
      // resource grants add what another account would need (an identical statement on the role is written once).
      const onRole = (granted: string[], resource: string) => iam.Grant.addToPrincipal({ grantee: this.function, actions: granted, resourceArns: [resource] });
      const grants: IDependable[] = [onRole(actions, this.queue.queueArn), this.queue.grant(this.function, ...actions)];
      if (key) {
        grants.push(onRole(['kms:Decrypt'], key.keyArn));
        key.grantDecrypt(this.function);
      }
      return grants;
    }
    policy.addStatements(new iam.PolicyStatement({ actions, resources: [this.queue.queueArn] }));
    if (key) policy.addStatements(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [key.keyArn] }));
    return [policy];
  }

  /** The key for what the pattern makes: the given one, the one of the pattern that made the queue, or one made on first use. */
  private key(): kms.IKey {
    this.patternKey ??= this.props.encryptionKey ?? this.provenance?.encryptionKey
      ?? createEncryptionKey(this, 'Key', { description: `Encrypts the queues and alarm topic of ${this.node.path}` });
    return this.patternKey;
  }

  /** The topic for the alarms: the given one, the one of the pattern that made the queue, or one made on first use. */
  private alarmTopicOrCreate(): sns.ITopic {
    this.topic ??= this.props.alarmTopic ?? this.provenance?.alarmTopic?.() ?? createAlarmTopic(this, 'AlarmTopic', this.key());
    return this.topic;
  }

  /**
   * Where the user changes one of this pattern's props (`queue visibilityTimeout`, `batchSize`): for a
   * setting of a queue another pattern made, that pattern's prop; for props another pattern wrote (a fan-out
   * subscriber's `consumer`), that pattern's name for them; else the prop on this construct.
   */
  private where(prop: string): PropLocation {
    const setting = QUEUE_SETTING_PROPS[prop as keyof typeof QUEUE_SETTING_PROPS]
      ?? (prop === 'encryptionKey' && this.props.encryptionKey === undefined ? 'encryptionKey' : undefined);
    const owned = setting === undefined ? undefined : this.provenance?.settings[setting];
    return owned ?? locateProp(this, this.props, prop);
  }

  /** The construct whose path heads this pattern's errors: where the user wrote its props. */
  private get home(): Construct {
    return (propOrigin(this.props)?.scope as Construct | undefined) ?? this;
  }

  /** A prop as messages name it: bare where the error is reported, with its construct path elsewhere. */
  private readonly namer: PropNamer = (prop) => {
    const location = this.where(prop);
    return location.scope === this.home ? location.prop : describeLocation(location);
  };

  /**
   * Errors stop the synth, all reported together, each at the construct where its prop is set; warnings are
   * shown on this construct with their code, to acknowledge here or on any construct above it.
   */
  private report(findings: readonly Finding[]): void {
    const problems = new ProblemCollector(this.home);
    for (const f of findings) {
      const location = this.where(f.problem.prop);
      if (f.severity === 'error') {
        problems.add({ ...f.problem, prop: location.prop, path: location.scope.node.path });
      } else {
        const above = location.scope === this || this.node.scopes.includes(location.scope as Construct);
        warn(this, { ...f.problem, prop: above ? location.prop : describeLocation(location) });
      }
    }
    problems.throwIfAny();
  }

  private facts(props: QueueConsumerProps, queue?: QueueSettings, fn?: KnownFunctionSettings): ConsumerFacts {
    const fifo = queue?.fifo ?? props.fifo ?? false;
    const functionTimeout = fn
      ? sourced(fn.timeout ?? props.functionTimeout, fn.timeout ? 'function timeout' : 'functionTimeout')
      : sourced(props.functionProps?.timeout ?? QUEUE_CONSUMER_DEFAULTS.functionTimeout, 'functionProps.timeout');
    const owned = this.provenance?.settings;
    // A queue another pattern made, with the visibility timeout left to that pattern, is derived as if made here.
    const derivable = !queue || (owned?.visibilityTimeout !== undefined && !owned.visibilityTimeout.givenByUser);
    const givenVisibility = queue && !derivable
      ? sourced(queue.visibilityTimeout ?? props.queueVisibilityTimeout, queue.ownedByApp ? 'queue visibilityTimeout' : 'queueVisibilityTimeout')
      : sourced(props.queueProps?.visibilityTimeout, 'queueProps.visibilityTimeout');
    const derivedVisibility = derivable && !givenVisibility && functionTimeout && seconds(functionTimeout.value) !== undefined
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
      // A setting the queue's maker already checks (and warns about) is not checked a second time.
      maxReceiveCount: !queue
        ? sourced(props.maxReceiveCount ?? SECURE_DEFAULTS.maxReceiveCount, 'maxReceiveCount')
        : owned?.maxReceiveCount?.checkedByOwner ? undefined : sourced(ownDlq?.maxReceiveCount, 'queue deadLetterQueue.maxReceiveCount'),
      queueRetention: !queue ? props.queueProps?.retentionPeriod ?? SQS_DEFAULT_RETENTION
        : owned?.deadLetterRetentionPeriod?.checkedByOwner ? undefined : queue.retentionPeriod,
      deadLetterRetention: dlqSettings ? dlqSettings.retentionPeriod : SECURE_DEFAULTS.deadLetterRetention,
      batchSize: props.batchSize ?? QUEUE_CONSUMER_DEFAULTS.batchSize,
      maxBatchingWindow: props.maxBatchingWindow,
      maxConcurrency: props.maxConcurrency,
      maxMessageAge: props.maxMessageAge,
      key: checkedKey ? keyFacts(this, checkedKey, props.queue ? 'queue encryptionMasterKey' : 'encryptionKey') : undefined,
      // Pointless when the owner already made this consumer in one call.
      oneCall: propOrigin(props) ? undefined : this.provenance?.oneCall,
    };
  }
}

/** The key the key rule checks: the one the function must decrypt the consumed queue with. */
function keyToCheck(props: QueueConsumerProps): kms.IKey | undefined {
  return props.queue ? props.queue.encryptionMasterKey : props.encryptionKey;
}

// A queue made without a retention period keeps messages for SQS's default (SQS API-model, CreateQueue).
const SQS_DEFAULT_RETENTION = Duration.seconds(SQS_LIMITS.messageRetentionPeriod.default ?? 345_600);

/**
 * The mapping's concurrency cap when none is given: the function's reserved concurrency (so the poller is
 * never throttled), 10 for a function the pattern makes (which reserves the same), else no cap.
 */
function defaultMaxConcurrency(props: QueueConsumerProps, fn?: KnownFunctionSettings): number | undefined {
  const reserved = fn ? fn.reservedConcurrency : props.functionProps?.reservedConcurrentExecutions;
  const range = SQS_EVENT_SOURCE_LIMITS.maximumConcurrency;
  if (reserved !== undefined && isKnown(reserved)) return reserved >= range.min ? Math.min(reserved, range.max) : undefined;
  return fn ? undefined : QUEUE_CONSUMER_DEFAULTS.maxConcurrency;
}
