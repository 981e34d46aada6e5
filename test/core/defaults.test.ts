import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SECURE_DEFAULTS, deadLetterDepthMetric, oldestMessageAgeMetric, secureDeadLetterQueueProps, secureQueueProps } from '../../lib/core';

describe('secure defaults', () => {
  const key = new kms.Key(new Stack(), 'Key');

  test('queues: the customer-managed key, TLS only, 20 s long polling; FIFO only when asked', () => {
    expect(secureQueueProps(key, false)).toEqual({
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      receiveMessageWaitTime: Duration.seconds(20),
    });
    expect(secureQueueProps(key, true).fifo).toBe(true);
  });

  test('dead-letter queues: the same, keeping messages the 14 days SQS allows at most', () => {
    const props = secureDeadLetterQueueProps(key, true);
    expect(props).toMatchObject({ encryptionMasterKey: key, enforceSSL: true, fifo: true });
    expect(props.retentionPeriod?.toSeconds()).toBe(1_209_600);
  });

  test('the shared values', () => {
    expect(SECURE_DEFAULTS).toMatchObject({ enforceSSL: true, keyRotation: true, logRetention: logs.RetentionDays.ONE_YEAR, maxReceiveCount: 5 });
  });
});

describe('queue metrics', () => {
  const stack = new Stack();
  const queue = new sqs.Queue(stack, 'Queue');

  test('the dead-letter depth and the oldest message age: the maximum over 1 minute', () => {
    const depth = deadLetterDepthMetric(queue);
    expect(depth).toMatchObject({ metricName: 'ApproximateNumberOfMessagesVisible', statistic: cloudwatch.Stats.MAXIMUM });
    expect(depth.period.toSeconds()).toBe(60);
    const age = oldestMessageAgeMetric(queue);
    expect(age).toMatchObject({ metricName: 'ApproximateAgeOfOldestMessage', statistic: cloudwatch.Stats.MAXIMUM });
    expect(age.period.toSeconds()).toBe(60);
  });

  test('options given win over the defaults', () => {
    const depth = deadLetterDepthMetric(queue, { period: Duration.minutes(5), statistic: cloudwatch.Stats.AVERAGE });
    expect(depth.period.toSeconds()).toBe(300);
    expect(depth.statistic).toBe(cloudwatch.Stats.AVERAGE);
    expect(oldestMessageAgeMetric(queue, { label: 'age' }).label).toBe('age');
  });
});
