import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AlarmSelection, AlarmSpec, alarmWanted, createAlarm, deadLetterDepthMetric, oldestMessageAgeMetric } from '../../core';

/**
 * The alarms a QueueConsumer makes, each notifying the alarm topic; an alarm turned off in `alarms` is
 * undefined. An alarm on a metric another pattern already watched is that pattern's alarm, merged.
 */
export interface QueueConsumerAlarms {
  /** A message reached the dead-letter queue: the handler gave up on it. */
  readonly deadLetterQueueDepth?: cloudwatch.Alarm;
  /** The oldest message has waited longer than `maxMessageAge`: the consumer is falling behind or stuck. */
  readonly oldestMessageAge?: cloudwatch.Alarm;
  /** An invocation failed as a whole (a thrown error or a timeout; reported item failures are not errors). */
  readonly functionErrors?: cloudwatch.Alarm;
  /** The function was throttled: each throttled batch counts toward `maxReceiveCount`. */
  readonly functionThrottles?: cloudwatch.Alarm;
}

/** The names of the alarms, as `alarms` selects them. */
export const CONSUMER_ALARM_NAMES = ['deadLetterQueueDepth', 'oldestMessageAge', 'functionErrors', 'functionThrottles'] as const;

type ConsumerAlarmName = (typeof CONSUMER_ALARM_NAMES)[number];

/** What the alarms watch. */
export interface QueueConsumerAlarmTargets {
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  readonly function: lambda.IFunction;
  readonly maxMessageAge: Duration;
  readonly action: cloudwatch.IAlarmAction;
}

/**
 * Makes the selected alarms of a queue consumer under `scope` (ids are part of the public contract). The
 * queue metrics are the shared ones (lib/core/queue-metrics.ts), so an alarm a fan-out already made on the
 * same queue is found and merged by `createAlarm` rather than made again.
 */
export function createConsumerAlarms(scope: Construct, t: QueueConsumerAlarmTargets, selection?: AlarmSelection<ConsumerAlarmName>): QueueConsumerAlarms {
  const make = (name: ConsumerAlarmName, id: string, spec: AlarmSpec) =>
    alarmWanted(selection, name) ? createAlarm(scope, id, spec, t.action) : undefined;
  return {
    deadLetterQueueDepth: make('deadLetterQueueDepth', 'DeadLetterQueueDepth', {
      metric: deadLetterDepthMetric(t.deadLetterQueue),
      threshold: 1,
      description: 'Messages are in the dead-letter queue: the consumer gave up on them. Read them, fix the cause, then redrive.',
    }),
    oldestMessageAge: make('oldestMessageAge', 'OldestMessageAge', {
      metric: oldestMessageAgeMetric(t.queue),
      threshold: t.maxMessageAge.toSeconds(),
      description: `The oldest message has waited ${t.maxMessageAge.toHumanString()} or more: the consumer is behind, throttled or failing.`,
    }),
    functionErrors: make('functionErrors', 'FunctionErrors', {
      metric: t.function.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      description: 'The consumer function failed whole batches (an error thrown or a timeout): every message in them is retried.',
    }),
    functionThrottles: make('functionThrottles', 'FunctionThrottles', {
      metric: t.function.metricThrottles({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      description: 'The consumer function was throttled: throttled receives count toward maxReceiveCount. Check reserved concurrency and maxConcurrency.',
    }),
  };
}
