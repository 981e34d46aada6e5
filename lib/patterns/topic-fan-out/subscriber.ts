import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEFAULT_MAX_MESSAGE_AGE, createAlarm, deadLetterDepthMetric, oldestMessageAgeMetric } from '../../core';

/** What the pattern made (or was given) for one subscriber. */
export interface FanOutSubscriber {
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue?: sqs.IQueue;
  readonly subscriptionDeadLetterQueue: sqs.IQueue;
  readonly subscription: sns.Subscription;
  readonly alarms: readonly cloudwatch.Alarm[];
}

/** The queues whose health a subscriber's alarms watch. */
export interface SubscriberAlarmTargets {
  readonly name: string;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue?: sqs.IQueue;
  readonly subscriptionDeadLetterQueue: sqs.IQueue;
  readonly action: cloudwatch.IAlarmAction;
}

/**
 * A subscriber's alarms: any message in either dead-letter queue (a consumer failure or a failed SNS
 * delivery: both need a person), and a backlog whose oldest message is older than 15 minutes.
 */
export function subscriberAlarms(scope: Construct, t: SubscriberAlarmTargets): cloudwatch.Alarm[] {
  const alarms = [
    createAlarm(scope, 'OldestMessageAlarm', {
      metric: oldestMessageAgeMetric(t.queue),
      threshold: DEFAULT_MAX_MESSAGE_AGE.toSeconds(),
      evaluationPeriods: 3,
      description: `Messages for subscriber '${t.name}' wait longer than ${DEFAULT_MAX_MESSAGE_AGE.toMinutes()} minutes: its consumer is slow or stopped.`,
    }, t.action),
    createAlarm(scope, 'SubscriptionDeadLetterAlarm', {
      metric: deadLetterDepthMetric(t.subscriptionDeadLetterQueue),
      threshold: 1,
      description: `SNS could not deliver messages to subscriber '${t.name}': check the queue policy and key policy.`,
    }, t.action),
  ];
  if (t.deadLetterQueue) {
    alarms.push(createAlarm(scope, 'DeadLetterAlarm', {
      metric: deadLetterDepthMetric(t.deadLetterQueue),
      threshold: 1,
      description: `Subscriber '${t.name}' failed to process messages maxReceiveCount times; they are in its dead-letter queue.`,
    }, t.action));
  }
  return alarms;
}
