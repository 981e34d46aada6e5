import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AlarmSelection, alarmWanted, createAlarm, deadLetterDepthMetric, oldestMessageAgeMetric } from '../../core';
import { QueueConsumer } from '../queue-consumer';
import { TopicFanOutAlarmSelection } from './props';

/** What the pattern made (or was given) for one subscriber. */
export interface FanOutSubscriber {
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue?: sqs.IQueue;
  readonly subscriptionDeadLetterQueue: sqs.IQueue;
  readonly subscription: sns.Subscription;
  readonly alarms: readonly cloudwatch.Alarm[];
  /** The Lambda consumer made from the subscriber's `consumer`, if it has one. */
  readonly consumer?: QueueConsumer;
}

/** The queues whose health a subscriber's alarms watch. */
export interface SubscriberAlarmTargets {
  readonly name: string;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue?: sqs.IQueue;
  readonly subscriptionDeadLetterQueue: sqs.IQueue;
  readonly maxMessageAge: Duration;
  /** The alarm topic's action, made when the first alarm needs it. */
  readonly action: () => cloudwatch.IAlarmAction;
}

/**
 * A subscriber's alarms, those the selection asks for: any message in either dead-letter queue (a consumer
 * failure or a failed SNS delivery: both need a person), and a backlog whose oldest message is older than
 * `maxMessageAge` (15 minutes by default).
 */
export function subscriberAlarms(scope: Construct, t: SubscriberAlarmTargets, selection?: AlarmSelection<keyof TopicFanOutAlarmSelection>): cloudwatch.Alarm[] {
  const alarms: cloudwatch.Alarm[] = [];
  if (alarmWanted(selection, 'oldestMessageAge')) {
    alarms.push(createAlarm(scope, 'OldestMessageAlarm', {
      metric: oldestMessageAgeMetric(t.queue),
      threshold: t.maxMessageAge.toSeconds(),
      evaluationPeriods: 3,
      description: `Messages for subscriber '${t.name}' wait longer than ${t.maxMessageAge.toHumanString()}: its consumer is slow or stopped.`,
    }, t.action()));
  }
  if (alarmWanted(selection, 'subscriptionDeadLetterQueueDepth')) {
    alarms.push(createAlarm(scope, 'SubscriptionDeadLetterAlarm', {
      metric: deadLetterDepthMetric(t.subscriptionDeadLetterQueue),
      threshold: 1,
      description: `SNS could not deliver messages to subscriber '${t.name}': check the queue policy and key policy.`,
    }, t.action()));
  }
  if (t.deadLetterQueue && alarmWanted(selection, 'deadLetterQueueDepth')) {
    alarms.push(createAlarm(scope, 'DeadLetterAlarm', {
      metric: deadLetterDepthMetric(t.deadLetterQueue),
      threshold: 1,
      description: `Subscriber '${t.name}' failed to process messages maxReceiveCount times; they are in its dead-letter queue.`,
    }, t.action()));
  }
  return alarms;
}
