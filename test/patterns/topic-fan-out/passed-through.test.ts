import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SubscriberProps, TopicFanOut, TopicFanOutProps } from '../../../lib';
import { refusalOf } from '../../support/property';

/**
 * What TopicFanOut passes through to aws-cdk-lib (queueProps, deadLetterQueueProps, the key and its removal policy) and
 * the names it turns into construct ids and queue names: every value AWS or the CDK would refuse is refused by the
 * pattern, naming the prop; every value at a limit is accepted.
 */

type Props = TopicFanOutProps | ((stack: Stack) => TopicFanOutProps);

function build(props: Props): Stack {
  const stack = new Stack(new App(), 'Passed');
  new TopicFanOut(stack, 'Orders', typeof props === 'function' ? props(stack) : props);
  return stack;
}

/** `prop [code]` of every problem the props are refused with; [] when they are accepted (and synthesize). */
const refusal = (props: Props): string[] => refusalOf(() => build(props));

const one = (sub: SubscriberProps, extra: Partial<TopicFanOutProps> = {}): TopicFanOutProps => ({ subscribers: { billing: sub }, ...extra });
const RANGE = 'decoupled:queue-setting-range';

describe('TopicFanOut: durations and counts AWS takes in whole units', () => {
  test.each([
    ['queueProps.visibilityTimeout', { queueProps: { visibilityTimeout: Duration.millis(1500) } }],
    ['queueProps.deliveryDelay', { queueProps: { deliveryDelay: Duration.millis(500) } }],
    ['deadLetterQueueProps.retentionPeriod', { deadLetterQueueProps: { retentionPeriod: Duration.millis(1_209_599_500) } }],
    ['queueProps.maxMessageSizeBytes', { queueProps: { maxMessageSizeBytes: 2048.5 } }],
  ] as const)('fails if %s is not a whole number of its unit', (prop, sub) => {
    expect(refusal(one(sub as SubscriberProps))).toEqual([`subscribers.billing.${prop} [${RANGE}]`]);
  });

  test('fails if maxReceiveCount is 2.5, naming it (not the template\'s RedrivePolicy)', () => {
    expect(refusal(one({ maxReceiveCount: 2.5 }))).toEqual(['subscribers.billing.maxReceiveCount [decoupled:max-receive-count-range]']);
  });

  test('fails if maxMessageAge is 59 s or not whole seconds; accepts 60 s, the minimum', () => {
    expect(refusal(one({ maxMessageAge: Duration.seconds(59) }))).toEqual(['subscribers.billing.maxMessageAge [decoupled:topic-fan-out/max-message-age-range]']);
    expect(refusal(one({ maxMessageAge: Duration.millis(60_500) }))).toEqual(['subscribers.billing.maxMessageAge [decoupled:topic-fan-out/max-message-age-range]']);
    expect(refusal(one({ maxMessageAge: Duration.seconds(60) }))).toEqual([]);
  });

  test('accepts the minimum of every queue setting range, and maxReceiveCount 1', () => {
    expect(refusal(one({
      maxReceiveCount: 1,
      queueProps: {
        visibilityTimeout: Duration.seconds(0),
        retentionPeriod: Duration.seconds(60),
        deliveryDelay: Duration.seconds(0),
        receiveMessageWaitTime: Duration.seconds(0),
        maxMessageSizeBytes: 1_024,
        dataKeyReuse: Duration.seconds(60),
      },
    }))).toEqual([]);
  });

  test.each([
    ['retentionPeriod', { retentionPeriod: Duration.seconds(59) }],
    ['maxMessageSizeBytes', { maxMessageSizeBytes: 1_023 }],
    ['dataKeyReuse', { dataKeyReuse: Duration.seconds(59) }],
  ] as const)('fails one below the minimum: queueProps.%s', (field, queueProps) => {
    expect(refusal(one({ queueProps }))).toEqual([`subscribers.billing.queueProps.${field} [${RANGE}]`]);
  });
});

describe('TopicFanOut: queue names in queueProps and deadLetterQueueProps', () => {
  test.each([
    ['\'x.fifo\' on a standard fan-out', 'x.fifo', 'decoupled:fifo-mismatch'],
    ['bad characters', 'bad name!', 'decoupled:invalid-queue-name'],
    ['non-ASCII letters', 'ünï', 'decoupled:invalid-queue-name'],
    ['81 characters', 'q'.repeat(81), 'decoupled:invalid-queue-name'],
  ])('fails if queueProps.queueName has %s', (_what, queueName, code) => {
    expect(refusal(one({ queueProps: { queueName } }))).toEqual([`subscribers.billing.queueProps.queueName [${code}]`]);
  });

  test('fails if a FIFO fan-out\'s deadLetterQueueProps.queueName does not end in .fifo', () => {
    expect(refusal(one({ deadLetterQueueProps: { queueName: 'billing-dlq' } }, { fifo: true })))
      .toEqual(['subscribers.billing.deadLetterQueueProps.queueName [decoupled:fifo-mismatch]']);
  });

  test('accepts an 80-character queue name, and makes the queue standard with that name', () => {
    const queueName = 'q'.repeat(80);
    const template = Template.fromStack(build(one({ queueProps: { queueName } })));
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: queueName });
    expect(JSON.stringify(template.findResources('AWS::SQS::Queue'))).not.toContain('FifoQueue');
  });

  test('fails if two queues of the fan-out are given one name', () => {
    expect(refusal({ subscribers: { a: { queueProps: { queueName: 'orders' } }, b: { queueProps: { queueName: 'orders' } } } }))
      .toEqual(['subscribers.b.queueProps.queueName [decoupled:invalid-queue-name]']);
  });
});

describe('TopicFanOut: the key', () => {
  test('fails if encryptionKey is the AWS managed key alias/aws/sqs, which SNS cannot use', () => {
    expect(refusal((stack) => one({}, { encryptionKey: kms.Alias.fromAliasName(stack, 'Managed', 'alias/aws/sqs') })))
      .toEqual(['encryptionKey [decoupled:aws-managed-key]']);
  });

  test('accepts an alias of a customer-managed key', () => {
    expect(refusal((stack) => one({}, { encryptionKey: kms.Alias.fromAliasName(stack, 'Mine', 'alias/orders') }))).toEqual([]);
  });

  test('fails if keyRemovalPolicy is SNAPSHOT (a key has no snapshot: cfn-lint E3035, E3036); accepts DESTROY', () => {
    expect(refusal(one({}, { keyRemovalPolicy: RemovalPolicy.SNAPSHOT }))).toEqual(['keyRemovalPolicy [decoupled:removal-policy-not-supported]']);
    const template = Template.fromStack(build(one({}, { keyRemovalPolicy: RemovalPolicy.DESTROY })));
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
  });

  test('fails if keyRemovalPolicy is given with a brought key, which it would not shape', () => {
    expect(refusal((stack) => one({}, { encryptionKey: new kms.Key(stack, 'K'), keyRemovalPolicy: RemovalPolicy.DESTROY })))
      .toEqual(['keyRemovalPolicy [decoupled:option-on-brought-resource]']);
  });

  test('fails if a queue\'s removalPolicy is SNAPSHOT', () => {
    expect(refusal(one({ queueProps: { removalPolicy: RemovalPolicy.SNAPSHOT } })))
      .toEqual(['subscribers.billing.queueProps.removalPolicy [decoupled:removal-policy-not-supported]']);
  });

  test('fails if deadLetterQueueProps.redriveAllowPolicy is given: the pattern admits the source queue only', () => {
    expect(refusal(one({ deadLetterQueueProps: { redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.ALLOW_ALL } } })))
      .toEqual(['subscribers.billing.deadLetterQueueProps.redriveAllowPolicy [decoupled:pattern-owned-setting]']);
  });
});

describe('TopicFanOut: subscriber names', () => {
  test.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])('fails if a subscriber is named %s, a name every object has', (name) => {
    expect(refusal({ subscribers: { [name]: {} } })).toContain(`subscribers.${name} [decoupled:invalid-queue-name]`);
  });

  test('accepts an 80-character subscriber name, and every alarm description stays within CloudWatch\'s 1,024 characters', () => {
    const name = 's'.repeat(80);
    const template = Template.fromStack(build({ subscribers: { [name]: { filter: { t: ['x'] } } } }));
    const descriptions = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => String(a.Properties.AlarmDescription));
    expect(descriptions.length).toBeGreaterThan(0);
    expect(Math.max(...descriptions.map((d) => d.length))).toBeLessThanOrEqual(1_024);
  });

  test('fails if a subscriber name has 81 characters', () => {
    expect(refusal({ subscribers: { ['s'.repeat(81)]: {} } })).toEqual([`subscribers.${'s'.repeat(81)} [decoupled:invalid-queue-name]`]);
  });
});

describe('TopicFanOut: a brought queue', () => {
  test('fails if two subscribers bring the same queue (SNS: "Subscription already exists with different attributes")', () => {
    expect(refusal((stack) => {
      const queue = sqs.Queue.fromQueueArn(stack, 'Shared', 'arn:aws:sqs:us-east-1:111111111111:shared');
      return { subscribers: { a: { queue, filter: { t: ['a'] } }, b: { queue, filter: { t: ['b'] } } } };
    })).toEqual(['subscribers.b.queue [decoupled:topic-fan-out/queue-shared-by-subscribers]']);
  });

  test('fails if two subscribers bring two imports of one queue ARN', () => {
    const arn = 'arn:aws:sqs:us-east-1:111111111111:shared';
    expect(refusal((stack) => ({
      subscribers: { a: { queue: sqs.Queue.fromQueueArn(stack, 'A', arn) }, b: { queue: sqs.Queue.fromQueueArn(stack, 'B', arn) } },
    }))).toEqual(['subscribers.b.queue [decoupled:topic-fan-out/queue-shared-by-subscribers]']);
  });

  test('accepts two subscribers with queues of their own', () => {
    expect(refusal((stack) => ({
      subscribers: {
        a: { queue: sqs.Queue.fromQueueArn(stack, 'A', 'arn:aws:sqs:us-east-1:111111111111:a') },
        b: { queue: sqs.Queue.fromQueueArn(stack, 'B', 'arn:aws:sqs:us-east-1:111111111111:b') },
      },
    }))).toEqual([]);
  });

  test('fails if a brought FIFO queue has a standard dead-letter queue; accepts a FIFO one', () => {
    const queueWith = (stack: Stack, dlqFifo: boolean) => new sqs.Queue(stack, 'Q', {
      fifo: true, deadLetterQueue: { queue: new sqs.Queue(stack, 'D', dlqFifo ? { fifo: true } : {}), maxReceiveCount: 5 },
    });
    expect(refusal((stack) => one({ queue: queueWith(stack, false) }, { fifo: true }))).toEqual(['subscribers.billing.queue.deadLetterQueue [decoupled:fifo-mismatch]']);
    expect(refusal((stack) => one({ queue: queueWith(stack, true) }, { fifo: true }))).toEqual([]);
  });
});
