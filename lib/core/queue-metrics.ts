import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/**
 * The queue metrics the patterns alarm on, alike everywhere: SQS publishes 1-minute data points, and
 * the maximum over the minute is what a person on call wants to see (AWS/SQS, SQS developer guide).
 */
const QUEUE_GAUGE: cloudwatch.MetricOptions = { period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM };

/** Messages waiting in a dead-letter queue. */
export function deadLetterDepthMetric(deadLetterQueue: sqs.IQueue, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
  return deadLetterQueue.metricApproximateNumberOfMessagesVisible({ ...QUEUE_GAUGE, ...props });
}

/** The age of the oldest message in a queue, in seconds. */
export function oldestMessageAgeMetric(queue: sqs.IQueue, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
  return queue.metricApproximateAgeOfOldestMessage({ ...QUEUE_GAUGE, ...props });
}
