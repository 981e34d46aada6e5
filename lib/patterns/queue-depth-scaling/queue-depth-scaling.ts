import { CfnResource, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  ProblemCollector,
  QueueProvenance,
  SQS_LIMITS,
  acknowledge,
  createAlarmTopic,
  createEncryptionKey,
  deadLetterDepthMetric,
  isKnown,
  oldestMessageAgeMetric,
  queueProvenance,
  queueSettings,
  raiseVisibilityTimeout,
  warn,
  wildcardAcknowledgements,
  exactMillis,
} from '../../core';
import { QueueDepthScalingAlarms, createScalingAlarms } from './alarms';
import { AsgFleet } from './asg-fleet';
import {
  BacklogShape,
  WorkerMetrics,
  atMaxCapacityMetric,
  backlogPerWorkerMetric,
  backlogQueries,
  queueMetrics,
  scaleFromZeroMetric,
} from './backlog-metrics';
import { QUEUE_DEPTH_SCALING_DEFAULTS as D } from './defaults';
import { EcsFleet } from './ecs-fleet';
import { QueueDepthScalingProps } from './props';
import { QUEUE_DEPTH_SCALING_RULE_DEFINITIONS as R, ScalingFacts, checkScaling } from './rules';
import { requiredVisibilityTimeout, scalingTimings, targetBacklogPerWorker } from './sizing';
import { PROTECTION_WILDCARD_REASONS } from './worker-policy';
import { WorkerFleet } from './worker-fleet';

/**
 * Scales the workers of an SQS queue, an ECS service or an EC2 Auto Scaling group, on the backlog per
 * worker: messages not yet processed ÷ in-service workers, held at acceptableLatency ÷ messageProcessingTime
 * × messagesInParallelPerWorker by a target tracking policy on metric math. With minCapacity 0 a step policy
 * takes the workers from zero to one as soon as a message is visible. The workers' role is granted what the
 * worker loop needs, including protecting itself from scale-in while it holds messages.
 *
 * Everything it does is in the template: the scalable range, both policies with their metric math, the
 * alarms and the grants. Nothing runs in a custom resource.
 */
export class QueueDepthScaling extends Construct {
  /** The queue the workers consume. */
  public readonly queue: sqs.IQueue;
  /** The queue's dead-letter queue, when known. */
  public readonly deadLetterQueue?: sqs.IQueue;
  /** The backlog per worker the target tracking policy holds: acceptableLatency ÷ messageProcessingTime × parallelism. */
  public readonly targetBacklogPerWorker: number;
  public readonly minCapacity: number;
  public readonly maxCapacity: number;
  /** From launch until a new worker shows in the metrics: workerStartupTime + messageProcessingTime. */
  public readonly warmUp: Duration;
  public readonly scaleOutCooldown: Duration;
  public readonly scaleInCooldown: Duration;
  /** The target tracking policy on backlog per worker (AWS::ApplicationAutoScaling::ScalingPolicy or AWS::AutoScaling::ScalingPolicy). */
  public readonly backlogPolicy: CfnResource;
  /** The step policy that adds the first worker when messages wait with none desired (only when minCapacity is 0). */
  public readonly scaleFromZeroPolicy?: CfnResource;
  /** The alarm that triggers `scaleFromZeroPolicy`. */
  public readonly scaleFromZeroAlarm?: cloudwatch.Alarm;
  /** The customer-managed policy that holds the workers' grants, attached to their role (unless grantWorkers is false). */
  public readonly workerPolicy?: iam.ManagedPolicy;
  /** The topic the alarms notify (unless alarms is false). */
  public readonly alarmTopic?: sns.ITopic;
  /** The alarms (unless alarms is false). */
  public readonly alarms?: QueueDepthScalingAlarms;

  private readonly fleet: WorkerFleet;
  private readonly workerMetrics: WorkerMetrics;
  private readonly countMessagesInFlight: boolean;
  /** What the pattern that made the queue recorded about it, if a pattern made it. */
  private readonly provenance?: QueueProvenance;
  private readonly backlogShape: BacklogShape;

  constructor(scope: Construct, id: string, props: QueueDepthScalingProps) {
    super(scope, id);
    this.fleet = fleetOf(this, props);
    this.queue = props.queue;
    this.minCapacity = props.minCapacity ?? D.minCapacity;
    this.maxCapacity = props.maxCapacity;
    this.countMessagesInFlight = props.countMessagesInFlight ?? D.countMessagesInFlight;
    this.provenance = queueProvenance(props.queue);
    this.deriveVisibilityTimeout(props);
    const queue = queueSettings(props.queue);
    this.deadLetterQueue = props.deadLetterQueue ?? queue.deadLetterQueue?.queue ?? this.provenance?.deadLetterQueue;
    this.check(props, queue.ownedByApp, queue.fifo, queue.visibilityTimeout);

    const parallel = props.messagesInParallelPerWorker ?? D.messagesInParallelPerWorker;
    this.targetBacklogPerWorker = targetBacklogPerWorker(props.acceptableLatency, props.messageProcessingTime, parallel);
    const timings = scalingTimings(props.workerStartupTime ?? this.fleet.defaultStartupTime, props.messageProcessingTime, props);
    this.warmUp = timings.warmUp;
    this.scaleOutCooldown = timings.scaleOutCooldown;
    this.scaleInCooldown = timings.scaleInCooldown;

    this.workerMetrics = { ...queueMetrics(props.queue), ...this.fleet.metrics };
    this.backlogShape = {
      countInFlight: this.countMessagesInFlight,
      targetBacklogPerWorker: this.targetBacklogPerWorker,
      messagesPerWorkerPerMetricPeriod: (exactMillis(D.metricPeriod) / exactMillis(props.messageProcessingTime)) * parallel,
    };
    this.fleet.setCapacity(this, this.minCapacity, this.maxCapacity);
    this.backlogPolicy = this.fleet.backlogPolicy(this, 'BacklogPerWorker', {
      queries: backlogQueries(this.workerMetrics, this.backlogShape),
      targetValue: this.targetBacklogPerWorker,
      ...timings,
    });
    if (this.minCapacity === 0) {
      this.scaleFromZeroPolicy = this.fleet.scaleFromZeroPolicy(this, 'ScaleFromZero', { warmUp: timings.warmUp, cooldown: timings.scaleOutCooldown });
      this.scaleFromZeroAlarm = this.createScaleFromZeroAlarm(this.scaleFromZeroPolicy);
    }
    if ((props.grantWorkers ?? true) && this.fleet.role) this.workerPolicy = this.grantWorkers(this.fleet.role);

    if (props.alarms ?? true) {
      // A queue another pattern made: its alarm topic (and key), so the composition has one of each.
      this.alarmTopic = props.alarmTopic ?? this.provenance?.alarmTopic?.()
        ?? createAlarmTopic(this, 'AlarmTopic', props.encryptionKey ?? this.provenance?.encryptionKey ?? this.createKey());
      this.alarms = createScalingAlarms(new Construct(this, 'Alarms'), {
        queue: props.queue,
        deadLetterQueue: this.deadLetterQueue,
        acceptableLatency: props.acceptableLatency,
        atMaxCapacityMetric: atMaxCapacityMetric(this.workerMetrics, this.backlogShape, this.maxCapacity),
        targetBacklogPerWorker: this.targetBacklogPerWorker,
        maxCapacity: this.maxCapacity,
        atMaxCapacityFor: props.atMaxCapacityFor ?? D.atMaxCapacityFor,
        action: new cloudwatchActions.SnsAction(this.alarmTopic),
      });
    }

    // A CPU or memory policy can be added to the same workers after this construct: look when the app is complete.
    this.node.addValidation({
      validate: () => {
        const ours = [this.backlogPolicy, ...(this.scaleFromZeroPolicy ? [this.scaleFromZeroPolicy] : [])];
        for (const path of this.fleet.competingPolicies(ours)) {
          warn(this, {
            code: R.competingPolicy.code,
            prop: this.fleet.prop,
            value: `has another scaling policy on CPU or memory (${path}):`,
            rule: 'it scales in while the backlog policy wants capacity, and out when the queue is empty (aws-cdk #20706)',
            fix: R.competingPolicy.fix,
          });
        }
        return [];
      },
    });
  }

  /** Lets `grantee` receive, delete and change the visibility of the queue's messages (and decrypt them). */
  public grantConsumeMessages(grantee: iam.IGrantable): iam.Grant {
    return this.queue.grantConsumeMessages(grantee);
  }

  /** Lets `grantee` protect its own task or instance from scale-in: what the worker loop calls while it holds messages. */
  public grantScaleInProtection(grantee: iam.IGrantable): iam.Grant {
    const statement = this.fleet.protectionStatement();
    return iam.Grant.addToPrincipal({ grantee, actions: statement.actions, resourceArns: statement.resources });
  }

  /** Backlog per worker, as the target tracking policy computes it. */
  public metricBacklogPerWorker(): cloudwatch.MathExpression {
    return backlogPerWorkerMetric(this.workerMetrics, this.backlogShape);
  }

  /** Workers in service: ECS RunningTaskCount or the group's GroupInServiceInstances (average over 1 minute). */
  public metricInServiceWorkers(): cloudwatch.Metric {
    return this.workerMetrics.inService;
  }

  /** Workers desired: ECS DesiredTaskCount or the group's GroupDesiredCapacity (average over 1 minute). */
  public metricDesiredWorkers(): cloudwatch.Metric {
    return this.workerMetrics.desired;
  }

  /** The age of the oldest message in the queue, in seconds (maximum over 1 minute). */
  public metricOldestMessageAge(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return oldestMessageAgeMetric(this.queue, props);
  }

  /** Messages in the dead-letter queue (maximum over 1 minute), when the dead-letter queue is known. */
  public metricDeadLetterQueueDepth(props?: cloudwatch.MetricOptions): cloudwatch.Metric | undefined {
    return this.deadLetterQueue && deadLetterDepthMetric(this.deadLetterQueue, props);
  }

  /**
   * A queue another pattern made, whose visibility timeout the user left to that pattern, gets the one the workers
   * need (2 x messageProcessingTime) when it is shorter, as a QueueConsumer derives its own. Never lowered.
   */
  private deriveVisibilityTimeout(props: QueueDepthScalingProps): void {
    const owned = this.provenance?.settings.visibilityTimeout;
    const processing = props.messageProcessingTime;
    if (!owned || owned.givenByUser || !isKnown(processing) || exactMillis(processing) <= 0) return;
    const required = requiredVisibilityTimeout(processing);
    const current = queueSettings(props.queue).visibilityTimeout;
    if (current && isKnown(current) && current.toSeconds() >= required.toSeconds()) return;
    if (required.toSeconds() <= SQS_LIMITS.visibilityTimeout.max) raiseVisibilityTimeout(props.queue, required);
  }

  private check(props: QueueDepthScalingProps, ownedByApp: boolean, fifo: boolean, visibilityTimeout?: Duration): void {
    const visibility = visibilityTimeout ?? props.queueVisibilityTimeout;
    // Of a queue another pattern made, the visibility timeout is that pattern's prop: the error names it there.
    const owned = visibilityTimeout ? this.provenance?.settings.visibilityTimeout : undefined;
    const facts: ScalingFacts = {
      acceptableLatency: props.acceptableLatency,
      messageProcessingTime: props.messageProcessingTime,
      messagesInParallelPerWorker: props.messagesInParallelPerWorker ?? D.messagesInParallelPerWorker,
      minCapacity: this.minCapacity,
      maxCapacity: this.maxCapacity,
      capacityLimit: this.fleet.capacityLimit,
      templateDurations: [
        { prop: 'workerStartupTime', value: props.workerStartupTime },
        { prop: 'scaleOutCooldown', value: props.scaleOutCooldown },
        { prop: 'scaleInCooldown', value: props.scaleInCooldown },
      ],
      atMaxCapacityFor: props.atMaxCapacityFor ?? D.atMaxCapacityFor,
      visibilityTimeout: visibility && (owned
        ? { value: visibility, prop: owned.prop, path: owned.scope.node.path }
        : { value: visibility, prop: visibilityTimeout ? 'queue visibilityTimeout' : 'queueVisibilityTimeout' }),
      queueVisibilityTimeoutProp: visibilityTimeout ? undefined : props.queueVisibilityTimeout,
      encryptionKey: props.encryptionKey,
      queueImported: !ownedByApp,
      fifo,
      messageGroups: props.messageGroups,
      deadLetterQueueKnown: this.deadLetterQueue !== undefined,
      containerInsights: this.fleet.containerInsights,
    };
    const problems = new ProblemCollector(this);
    const warnings = checkScaling(facts, problems);
    problems.throwIfAny();
    for (const w of warnings) warn(this, w);
  }

  /**
   * Wakes the workers: anything visible or in flight while no worker is desired adds one worker. The alarm
   * keeps firing while it holds (Auto Scaling actions repeat), and the cooldown makes the repeats add nothing.
   */
  private createScaleFromZeroAlarm(policy: CfnResource): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, 'ScaleFromZeroAlarm', {
      metric: scaleFromZeroMetric(this.workerMetrics),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `Messages wait and no worker is desired: adds the first worker to the ${this.fleet.noun}.`,
    });
    alarm.addAlarmAction({ bind: () => ({ alarmActionArn: policy.ref }) });
    return alarm;
  }

  /**
   * The worker loop's permissions, in a customer-managed policy on the workers' role (no inline policy, as
   * the NIST, HIPAA and PCI packs ask): consume the queue, and protect its own task or instance.
   */
  private grantWorkers(role: iam.IRole): iam.ManagedPolicy {
    const protection = this.fleet.protectionStatement();
    const policy = new iam.ManagedPolicy(this, 'WorkerPolicy', {
      description: `What the workers of ${this.node.path} need: consume the queue, protect themselves from scale-in while busy`,
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
          resources: [this.queue.queueArn],
        }),
        protection,
      ],
    });
    const key: kms.IKey | undefined = this.queue.encryptionMasterKey;
    if (key) policy.addStatements(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [key.keyArn] }));
    acknowledge(policy, ...wildcardAcknowledgements(policy, protection, PROTECTION_WILDCARD_REASONS[this.fleet.prop]));
    return policy;
  }

  private createKey(): kms.IKey {
    return createEncryptionKey(this, 'Key', { description: `Encrypts the alarm topic of ${this.node.path}` });
  }
}

/** The workers: exactly one of service and autoScalingGroup, checked before anything else depends on it. */
function fleetOf(scope: Construct, props: QueueDepthScalingProps): WorkerFleet {
  const given = [props.service, props.autoScalingGroup].filter((x) => x !== undefined).length;
  const problems = new ProblemCollector(scope);
  problems.expect(given === 1, {
    code: R.exactlyOneWorkerTarget.code,
    prop: 'service / autoScalingGroup',
    value: given === 0 ? 'are both missing:' : 'are both given:',
    rule: 'the pattern scales one set of workers, an ECS service or an EC2 Auto Scaling group',
    fix: R.exactlyOneWorkerTarget.fix,
  });
  problems.throwIfAny();
  return props.service ? new EcsFleet(props.service, props.enableContainerInsights ?? true) : new AsgFleet(props.autoScalingGroup!);
}
