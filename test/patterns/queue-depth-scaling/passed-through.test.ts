import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QUEUE_DEPTH_SCALING_RULE_DEFINITIONS as R, QueueDepthScaling, QueueDepthScalingProps } from '../../../lib';
import { BASE, validationErrorOf, workers } from './support';

/**
 * The props QueueDepthScaling takes about what it cannot read (an imported queue's visibility timeout, a FIFO queue's
 * message groups) and the key it gives CloudWatch: refused when no queue or key could be so, accepted at each limit.
 */

const refused = (props: Partial<QueueDepthScalingProps>, w = workers()) => validationErrorOf(props, w).problems.map((p) => `${p.prop} [${p.code}]`);

function accepts(props: Partial<QueueDepthScalingProps>, w = workers()): void {
  expect(() => new QueueDepthScaling(w.stack, 'Workers', { queue: w.queue, service: w.service, ...BASE, ...props } as QueueDepthScalingProps)).not.toThrow();
}

describe('QueueDepthScaling: an imported queue\'s visibility timeout', () => {
  const imported = (w: ReturnType<typeof workers>) => sqs.Queue.fromQueueArn(w.stack, 'Imported', 'arn:aws:sqs:eu-west-1:111111111111:jobs');

  test.each([Duration.millis(120_500), Duration.seconds(43_201)])('fails if queueVisibilityTimeout is %s', (queueVisibilityTimeout) => {
    const w = workers();
    expect(refused({ queue: imported(w), deadLetterQueue: w.deadLetterQueue, queueVisibilityTimeout }, w))
      .toEqual([`queueVisibilityTimeout [${R.visibilityTimeoutRange.code}]`]);
  });

  test('accepts 43,200 s, the maximum', () => {
    const w = workers();
    accepts({ queue: imported(w), deadLetterQueue: w.deadLetterQueue, queueVisibilityTimeout: Duration.seconds(43_200) }, w);
  });
});

describe('QueueDepthScaling: message groups of a FIFO queue', () => {
  const fifo = (w: ReturnType<typeof workers>) => new sqs.Queue(w.stack, 'Fifo', {
    fifo: true, visibilityTimeout: Duration.seconds(120), deadLetterQueue: { queue: new sqs.Queue(w.stack, 'FifoDlq', { fifo: true }), maxReceiveCount: 5 },
  });

  test.each([0, 2.5])('fails if messageGroups is %d', (messageGroups) => {
    const w = workers();
    expect(refused({ queue: fifo(w), messageGroups }, w)).toEqual([`messageGroups [${R.capacityRange.code}]`]);
  });

  test('accepts one message group (with a warning that the fleet is too large for it)', () => {
    const w = workers();
    accepts({ queue: fifo(w), messageGroups: 1, maxCapacity: 1 }, w);
  });
});

describe('QueueDepthScaling: the key of the alarm topic', () => {
  test('fails if encryptionKey is an AWS managed key, which CloudWatch cannot publish with', () => {
    const w = workers();
    expect(refused({ encryptionKey: kms.Alias.fromAliasName(w.stack, 'Managed', 'alias/aws/sns') }, w)).toEqual([`encryptionKey [${R.awsManagedKey.code}]`]);
  });

  test('accepts a customer-managed key', () => {
    const w = workers();
    accepts({ encryptionKey: new kms.Key(w.stack, 'Key') }, w);
  });
});
