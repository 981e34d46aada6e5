import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createAlarm } from '../../core';

/** The alarms a QueueConsumer makes, each notifying the alarm topic. */
export interface QueueConsumerAlarms {
  /** A message reached the dead-letter queue: the handler gave up on it. */
  readonly deadLetterQueueDepth: cloudwatch.Alarm;
  /** The oldest message has waited longer than `maxMessageAge`: the consumer is falling behind or stuck. */
  readonly oldestMessageAge: cloudwatch.Alarm;
  /** An invocation failed as a whole (a thrown error or a timeout; reported item failures are not errors). */
  readonly functionErrors: cloudwatch.Alarm;
  /** The function was throttled: each throttled batch counts toward `maxReceiveCount`. */
  readonly functionThrottles: cloudwatch.Alarm;
}

/** What the alarms watch. */
export interface QueueConsumerAlarmTargets {
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  readonly function: lambda.IFunction;
  readonly maxMessageAge: Duration;
  readonly action: cloudwatch.IAlarmAction;
}

// SQS publishes 1-minute data points; one minute is the shortest period that is not always missing.
const PERIOD = Duration.minutes(1);

/** Makes the four alarms of a queue consumer under `scope` (ids are part of the public contract). */
export function createConsumerAlarms(scope: Construct, t: QueueConsumerAlarmTargets): QueueConsumerAlarms {
  return {
    deadLetterQueueDepth: createAlarm(scope, 'DeadLetterQueueDepth', {
      metric: t.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 1,
      description: 'Messages are in the dead-letter queue: the consumer gave up on them. Read them, fix the cause, then redrive.',
    }, t.action),
    oldestMessageAge: createAlarm(scope, 'OldestMessageAge', {
      metric: t.queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: t.maxMessageAge.toSeconds(),
      description: `The oldest message has waited ${t.maxMessageAge.toHumanString()} or more: the consumer is behind, throttled or failing.`,
    }, t.action),
    functionErrors: createAlarm(scope, 'FunctionErrors', {
      metric: t.function.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      description: 'The consumer function failed whole batches (an error thrown or a timeout): every message in them is retried.',
    }, t.action),
    functionThrottles: createAlarm(scope, 'FunctionThrottles', {
      metric: t.function.metricThrottles({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      description: 'The consumer function was throttled: throttled receives count toward maxReceiveCount. Check reserved concurrency and maxConcurrency.',
    }, t.action),
  };
}
