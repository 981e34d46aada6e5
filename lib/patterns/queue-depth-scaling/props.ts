import { Duration } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/** The workers to scale: an ECS service or an EC2 Auto Scaling group. Exactly one of the two. */
export interface QueueDepthScalingWorkerOptions {
  /**
   * An ECS service (Fargate or EC2 launch type) whose tasks consume the queue. The pattern enables scaling
   * of its desired count (or reuses the scalable target made by `autoScaleTaskCount`).
   * @default - `autoScalingGroup` is scaled
   */
  readonly service?: ecs.BaseService;
  /**
   * An EC2 Auto Scaling group whose instances consume the queue. The pattern sets the group's MinSize and
   * MaxSize from `minCapacity` and `maxCapacity` and turns on the group metrics the policies read.
   * @default - `service` is scaled
   */
  readonly autoScalingGroup?: autoscaling.AutoScalingGroup;
  /**
   * How long a new worker takes from launch to its first receive: image pull and start for a task, boot
   * and start for an instance. Warm-up and cooldowns are derived from it.
   * @default - 60 seconds for an ECS service, 300 seconds for an Auto Scaling group (assumptions, see the docs)
   */
  readonly workerStartupTime?: Duration;
  /**
   * Whether the pattern grants the workers' role (the task role, or the group's instance role) what the
   * worker loop needs: receive, delete, change visibility (and decrypt), and scale-in protection of itself.
   * @default true
   */
  readonly grantWorkers?: boolean;
  /**
   * Whether the pattern may turn on Container Insights on the service's cluster, made in this app, when
   * it is off: the backlog policy divides by Container Insights' `RunningTaskCount`. Container Insights is
   * billed as custom metrics.
   * @default true
   */
  readonly enableContainerInsights?: boolean;
}

/** The latency the workers must keep, and what it takes to process a message. */
export interface QueueDepthScalingTargetOptions {
  /**
   * How long a message may take from being sent to being processed. The age alarm fires above it.
   * Whole seconds, at least one metric period (60 seconds).
   */
  readonly acceptableLatency: Duration;
  /** How long a worker takes to process one message, on average. Milliseconds are allowed. */
  readonly messageProcessingTime: Duration;
  /**
   * How many messages one worker processes at the same time.
   * @default 1
   */
  readonly messagesInParallelPerWorker?: number;
  /**
   * Whether messages in flight (received, not yet deleted) count as backlog. With it, a fleet busy on
   * long messages reads a backlog above zero and is not scaled to zero while it works; without it the
   * metric is AWS's `ApproximateNumberOfMessagesVisible ÷ in-service workers` as written.
   * @default true
   */
  readonly countMessagesInFlight?: boolean;
  /**
   * The fewest workers. 0 lets the workers scale to zero when the queue is empty; a step policy brings
   * the first worker back as soon as a message is visible.
   * @default 1
   */
  readonly minCapacity?: number;
  /** The most workers. */
  readonly maxCapacity: number;
  /**
   * The time after a scale-out before the next one.
   * @default - the warm-up: workerStartupTime + messageProcessingTime, at least one metric period
   */
  readonly scaleOutCooldown?: Duration;
  /**
   * The time after a scale-in before the next one.
   * @default - the larger of the scale-out cooldown and messageProcessingTime + one metric period
   */
  readonly scaleInCooldown?: Duration;
}

/** What the pattern needs to know about the queue that it cannot read from an imported one. */
export interface QueueDepthScalingQueueOptions {
  /**
   * The queue the workers consume: one made in this app (read and checked), or an imported one. Of a queue
   * another pattern made (`fanOut.queue(name)`, a QueueConsumer's queue) the pattern reuses the key and alarm
   * topic, merges its alarms with that pattern's on the same metrics, derives the visibility timeout when that
   * pattern left it to its default, and names that pattern's props in its errors.
   */
  readonly queue: sqs.IQueue;
  /**
   * The visibility timeout of an imported `queue`, which the pattern cannot read.
   * @default - read from the queue; unknown for an imported queue (a warning)
   */
  readonly queueVisibilityTimeout?: Duration;
  /**
   * The dead-letter queue of an imported `queue`, which the pattern cannot read; it is alarmed on.
   * @default - the queue's own redrive target, if the queue was made in this app
   */
  readonly deadLetterQueue?: sqs.IQueue;
  /**
   * For a FIFO queue: how many message groups are active at once, if known. Only one message per group is
   * in flight at a time, so workers beyond that number cannot help.
   * @default - unknown, not checked
   */
  readonly messageGroups?: number;
}

/** The alarms the pattern makes. */
export interface QueueDepthScalingAlarmOptions {
  /**
   * Whether to make the alarms (oldest message age, dead-letter queue depth, at maximum capacity) and,
   * unless `alarmTopic` is given, a topic and a key for them.
   * @default true
   */
  readonly alarms?: boolean;
  /**
   * The topic every alarm notifies.
   * @default - for a queue another pattern made (`fanOut.queue(name)`, a QueueConsumer's queue), that pattern's
   * alarm topic, so the composition has one; else a new topic encrypted with `encryptionKey`
   */
  readonly alarmTopic?: sns.ITopic;
  /**
   * The key that encrypts the alarm topic the pattern makes (none is made when `alarmTopic` is given, or when
   * the queue's maker shares its alarm topic).
   * @default - the key of the pattern that made the queue, if one did; else a new customer-managed key with yearly rotation
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * How long the workers must sit at maxCapacity with the backlog above target before the alarm fires.
   * Whole minutes, at most one day.
   * @default Duration.minutes(15)
   */
  readonly atMaxCapacityFor?: Duration;
}

/** Props of {@link QueueDepthScaling}. */
export interface QueueDepthScalingProps
  extends QueueDepthScalingQueueOptions, QueueDepthScalingWorkerOptions, QueueDepthScalingTargetOptions, QueueDepthScalingAlarmOptions {}
