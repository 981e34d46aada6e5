import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createAlarm, deadLetterDepthMetric, oldestMessageAgeMetric } from '../../core';
import { QUEUE_DEPTH_SCALING_DEFAULTS as D } from './defaults';

/** The alarms a QueueDepthScaling makes, each notifying the alarm topic. */
export interface QueueDepthScalingAlarms {
  /** The oldest message is older than `acceptableLatency`: the workers are behind, stuck or failing. */
  readonly oldestMessageAge: cloudwatch.Alarm;
  /** A message reached the dead-letter queue (only when the dead-letter queue is known). */
  readonly deadLetterQueueDepth?: cloudwatch.Alarm;
  /** The workers have been at `maxCapacity` with the backlog per worker above target for `atMaxCapacityFor`. */
  readonly atMaxCapacity: cloudwatch.Alarm;
}

/** What the alarms watch. */
export interface QueueDepthScalingAlarmTargets {
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue?: sqs.IQueue;
  readonly acceptableLatency: Duration;
  /** Backlog per worker while at maximum capacity, else 0 (see backlog-metrics). */
  readonly atMaxCapacityMetric: cloudwatch.IMetric;
  readonly targetBacklogPerWorker: number;
  readonly maxCapacity: number;
  readonly atMaxCapacityFor: Duration;
  readonly action: cloudwatch.IAlarmAction;
}

/** Makes the alarms under `scope`; the ids are part of the public contract. */
export function createScalingAlarms(scope: Construct, t: QueueDepthScalingAlarmTargets): QueueDepthScalingAlarms {
  const latency = t.acceptableLatency.toHumanString();
  return {
    oldestMessageAge: createAlarm(scope, 'OldestMessageAge', {
      metric: oldestMessageAgeMetric(t.queue),
      threshold: t.acceptableLatency.toSeconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: `The oldest message has waited more than the acceptable latency (${latency}): the workers are behind, `
        + 'failing, or at maximum capacity. Look at the at-maximum-capacity alarm and the workers\' logs.',
    }, t.action),
    deadLetterQueueDepth: t.deadLetterQueue && createAlarm(scope, 'DeadLetterQueueDepth', {
      metric: deadLetterDepthMetric(t.deadLetterQueue),
      threshold: 1,
      description: 'Messages are in the dead-letter queue: the workers gave up on them. Read them, fix the cause, then redrive.',
    }, t.action),
    atMaxCapacity: createAlarm(scope, 'AtMaxCapacity', {
      metric: t.atMaxCapacityMetric,
      threshold: t.targetBacklogPerWorker,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: t.atMaxCapacityFor.toSeconds() / D.metricPeriod.toSeconds(),
      description: `The workers have been at maxCapacity (${t.maxCapacity}) for ${t.atMaxCapacityFor.toHumanString()} with more than `
        + `${t.targetBacklogPerWorker} messages per worker: the acceptable latency (${latency}) cannot be kept. Raise maxCapacity or speed up processing.`,
    }, t.action),
  };
}
