import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { queueSettings } from '../../lib/core';

describe('queueSettings', () => {
  test('a queue made in the app: its own values, the SQS defaults where it leaves them out', () => {
    const stack = new Stack();
    const dlq = new sqs.Queue(stack, 'Dlq');
    const queue = new sqs.Queue(stack, 'Queue', { visibilityTimeout: Duration.seconds(45), deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    const settings = queueSettings(queue);
    expect(settings).toMatchObject({ ownedByApp: true, fifo: false, usesAwsManagedKey: false, deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    expect(settings.visibilityTimeout?.toSeconds()).toBe(45);
    // SQS API-model CreateQueue: MessageRetentionPeriod defaults to 345,600 seconds (4 days).
    expect(settings.retentionPeriod?.toSeconds()).toBe(345_600);
    expect(queueSettings(dlq).visibilityTimeout?.toSeconds()).toBe(30);
  });

  test('a visibility timeout of 0 is known, not taken for the default', () => {
    expect(queueSettings(new sqs.Queue(new Stack(), 'Queue', { visibilityTimeout: Duration.seconds(0) })).visibilityTimeout?.toSeconds()).toBe(0);
  });

  test('a FIFO queue, and a retention set explicitly', () => {
    const stack = new Stack();
    const settings = queueSettings(new sqs.Queue(stack, 'Queue', { fifo: true, retentionPeriod: Duration.days(1) }));
    expect(settings.fifo).toBe(true);
    expect(settings.retentionPeriod?.toSeconds()).toBe(86_400);
  });

  test('a value known only at deploy is unknown, not guessed', () => {
    const stack = new Stack();
    const seconds = new CfnParameter(stack, 'Seconds', { type: 'Number' }).valueAsNumber;
    expect(queueSettings(new sqs.Queue(stack, 'Queue', { visibilityTimeout: Duration.seconds(seconds) })).visibilityTimeout).toBeUndefined();
  });

  test('the AWS managed key is recognised by encryption type, by alias and inside an alias ARN', () => {
    const stack = new Stack();
    expect(queueSettings(new sqs.Queue(stack, 'Managed', { encryption: sqs.QueueEncryption.KMS_MANAGED })).usesAwsManagedKey).toBe(true);
    const alias = kms.Alias.fromAliasName(stack, 'Alias', 'alias/aws/sqs');
    expect(queueSettings(new sqs.Queue(stack, 'ByAlias', { encryptionMasterKey: alias })).usesAwsManagedKey).toBe(true);
    const other = kms.Alias.fromAliasName(stack, 'Other', 'alias/aws/sqs-orders');
    expect(queueSettings(new sqs.Queue(stack, 'Lookalike', { encryptionMasterKey: other })).usesAwsManagedKey).toBe(false);
    expect(queueSettings(new sqs.Queue(stack, 'Customer', { encryptionMasterKey: new kms.Key(stack, 'Key') })).usesAwsManagedKey).toBe(false);
    expect(queueSettings(new sqs.Queue(stack, 'SqsManaged', { encryption: sqs.QueueEncryption.SQS_MANAGED })).usesAwsManagedKey).toBe(false);
  });

  test('an imported queue tells only its type', () => {
    const stack = new Stack();
    const settings = queueSettings(sqs.Queue.fromQueueArn(stack, 'Q', 'arn:aws:sqs:us-east-1:111111111111:orders.fifo'));
    expect(settings).toEqual({ ownedByApp: false, fifo: true, usesAwsManagedKey: false });
    const managed = sqs.Queue.fromQueueAttributes(stack, 'M', { queueArn: 'arn:aws:sqs:us-east-1:111111111111:m', keyArn: undefined });
    expect(queueSettings(managed).ownedByApp).toBe(false);
  });
});
