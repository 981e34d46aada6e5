import { App, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QUEUE_CONSUMER_RULES as R, QueueConsumer, QueueConsumerProps, TopicFanOut, ValidationError } from '../../../lib';
import { FUNCTION_PROPS } from './support';
import { refusalOf } from '../../support/property';

/**
 * What QueueConsumer passes through to aws-cdk-lib (queueProps, functionProps, the key) and the numbers it writes to the
 * template: every value AWS or the CDK would refuse is refused by the pattern with a problem naming the prop, in a stack
 * without env (the CDK default); every value at a limit is accepted.
 */

type Props = QueueConsumerProps | ((stack: Stack) => QueueConsumerProps);

function build(props: Props): Stack {
  const stack = new Stack(new App(), 'Passed');
  new QueueConsumer(stack, 'Consumer', typeof props === 'function' ? props(stack) : props);
  return stack;
}

/** `prop [code]` of every problem the props are refused with; [] when they are accepted (and synthesize). */
const refusal = (props: Props): string[] => refusalOf(() => build(props));

const made = (extra: Partial<QueueConsumerProps> = {}): QueueConsumerProps => ({ functionProps: FUNCTION_PROPS, ...extra });
const withFunction = (fn: Partial<QueueConsumerProps['functionProps']>, extra: Partial<QueueConsumerProps> = {}) =>
  made({ functionProps: { ...FUNCTION_PROPS, ...fn }, ...extra });

describe('QueueConsumer: queueProps, checked as every pattern checks them', () => {
  test.each([
    ['deliveryDelay 901 s', { deliveryDelay: Duration.seconds(901) }, 'queueProps.deliveryDelay [decoupled:queue-setting-range]'],
    ['dataKeyReuse 2 days', { dataKeyReuse: Duration.days(2) }, 'queueProps.dataKeyReuse [decoupled:queue-setting-range]'],
    ['visibilityTimeout 1.5 s', { visibilityTimeout: Duration.millis(1500) }, 'queueProps.visibilityTimeout [decoupled:queue-setting-range]'],
    ['maxMessageSizeBytes 2048.5', { maxMessageSizeBytes: 2048.5 }, 'queueProps.maxMessageSizeBytes [decoupled:queue-setting-range]'],
    ['queueName \'x.fifo\' on a standard queue', { queueName: 'x.fifo' }, 'queueProps.queueName [decoupled:fifo-mismatch]'],
    ['queueName \'bad name!\'', { queueName: 'bad name!' }, 'queueProps.queueName [decoupled:invalid-queue-name]'],
    ['queueName \'ünï\'', { queueName: 'ünï' }, 'queueProps.queueName [decoupled:invalid-queue-name]'],
    ['an 81-character queueName', { queueName: 'q'.repeat(81) }, 'queueProps.queueName [decoupled:invalid-queue-name]'],
    ['removalPolicy SNAPSHOT', { removalPolicy: RemovalPolicy.SNAPSHOT }, 'queueProps.removalPolicy [decoupled:removal-policy-not-supported]'],
  ] as const)('fails if queueProps has %s', (_what, queueProps, problem) => {
    expect(refusal(made({ queueProps: queueProps as QueueConsumerProps['queueProps'] }))).toEqual([problem]);
  });

  test('accepts deliveryDelay 900 s, data key reuse of 1 day, an 80-character name, and names the queue with it', () => {
    const queueName = 'q'.repeat(80);
    const template = Template.fromStack(build(made({ queueProps: { deliveryDelay: Duration.seconds(900), dataKeyReuse: Duration.days(1), queueName } })));
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: queueName, DelaySeconds: 900, KmsDataKeyReusePeriodSeconds: 86_400 });
  });

  test('fails if a FIFO consumer\'s queueName lacks .fifo; accepts it with the suffix', () => {
    expect(refusal(made({ fifo: true, queueProps: { queueName: 'payments' } }))).toEqual(['queueProps.queueName [decoupled:fifo-mismatch]']);
    expect(refusal(made({ fifo: true, queueProps: { queueName: 'payments.fifo' } }))).toEqual([]);
  });

  test.each([
    ['fifo', true],
    ['encryption', sqs.QueueEncryption.SQS_MANAGED],
  ] as const)('fails if queueProps.%s, which the pattern owns, is given (a cast or JavaScript)', (field, value) => {
    expect(refusal(made({ queueProps: { [field]: value } as never }))).toEqual([`queueProps.${field} [decoupled:pattern-owned-setting]`]);
  });
});

describe('QueueConsumer: functionProps, checked as every pattern checks them', () => {
  test.each([
    ['timeout 0 s', { timeout: Duration.seconds(0) }, 'functionProps.timeout'],
    ['timeout 901 s', { timeout: Duration.seconds(901) }, 'functionProps.timeout'],
    ['timeout 1.5 s', { timeout: Duration.millis(1500) }, 'functionProps.timeout'],
    ['memorySize 127', { memorySize: 127 }, 'functionProps.memorySize'],
    ['memorySize 10,241', { memorySize: 10_241 }, 'functionProps.memorySize'],
    ['memorySize 256.5', { memorySize: 256.5 }, 'functionProps.memorySize'],
    ['reservedConcurrentExecutions 2.5', { reservedConcurrentExecutions: 2.5 }, 'functionProps.reservedConcurrentExecutions'],
  ] as const)('fails if functionProps has %s', (_what, fn, prop) => {
    expect(refusal(withFunction(fn))).toEqual([`${prop} [decoupled:function-setting-range]`]);
  });

  test('accepts timeout 1 s and 900 s, memory 128 and 10,240 MB (and derives the visibility timeout from the timeout)', () => {
    expect(refusal(withFunction({ timeout: Duration.seconds(1), memorySize: 128 }))).toEqual([]);
    const template = Template.fromStack(build(withFunction({ timeout: Duration.seconds(900), memorySize: 10_240 })));
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 5_400, RedrivePolicy: Match.anyValue() });
  });

  test('reserved concurrency 2.5 never becomes ScalingConfig.MaximumConcurrency 2.5: it is refused first', () => {
    expect(refusal(withFunction({ reservedConcurrentExecutions: 2.5 }))).not.toContain('maxConcurrency [decoupled:queue-consumer/max-concurrency]');
  });
});

describe('QueueConsumer: counts and durations it writes to the template', () => {
  test.each([
    ['maxReceiveCount', { maxReceiveCount: 2.5 }, R.maxReceiveCountRange],
    ['batchSize', { batchSize: 5.5 }, R.batchSize],
    ['maxConcurrency', { maxConcurrency: 2.5 }, R.maxConcurrency],
    ['maxBatchingWindow', { maxBatchingWindow: Duration.millis(1500) }, R.batchingWindow],
    ['maxMessageAge', { maxMessageAge: Duration.millis(60_500) }, R.maxMessageAgeRange],
  ] as const)('fails if %s is not a whole number', (prop, extra, code) => {
    expect(refusal(made(extra as Partial<QueueConsumerProps>))).toEqual([`${prop} [${code}]`]);
  });

  test('fails if functionTimeout or queueVisibilityTimeout of imported resources is not whole seconds', () => {
    expect(refusal((stack) => ({
      function: lambda.Function.fromFunctionArn(stack, 'F', 'arn:aws:lambda:us-east-1:111111111111:function:f'),
      functionTimeout: Duration.millis(1500),
      queue: sqs.Queue.fromQueueArn(stack, 'Q', 'arn:aws:sqs:us-east-1:111111111111:q'),
      queueVisibilityTimeout: Duration.millis(90_500),
      deadLetterQueue: sqs.Queue.fromQueueArn(stack, 'D', 'arn:aws:sqs:us-east-1:111111111111:d'),
    }))).toEqual([`functionTimeout [${R.functionTimeoutRange}]`, `queueVisibilityTimeout [${R.visibilityTimeoutRange}]`]);
  });

  test('accepts the minimums: maxReceiveCount 1 (with its warning), batch size 1, maxConcurrency 2, a 1 s batching window, maxMessageAge 60 s', () => {
    expect(refusal(made({ maxReceiveCount: 1, batchSize: 1, maxConcurrency: 2, maxBatchingWindow: Duration.seconds(1), maxMessageAge: Duration.seconds(60) }))).toEqual([]);
  });

  test('a batch of 11 needs a batching window of at least 1 s: 1 s is accepted, 0 s is refused', () => {
    expect(refusal(made({ batchSize: 11, maxBatchingWindow: Duration.seconds(1) }))).toEqual([]);
    expect(refusal(made({ batchSize: 11, maxBatchingWindow: Duration.seconds(0) }))).toEqual([`batchSize [${R.batchSizeWithoutWindow}]`]);
  });

  test('fails if maxMessageAge is 59 s', () => {
    expect(refusal(made({ maxMessageAge: Duration.seconds(59) }))).toEqual([`maxMessageAge [${R.maxMessageAgeRange}]`]);
  });
});

describe('QueueConsumer: a token decides only the rule it makes undecidable', () => {
  const window = (stack: Stack) => Duration.seconds(new CfnParameter(stack, 'Window', { type: 'Number', default: 0 }).valueAsNumber);
  const fn = (stack: Stack) => new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X, timeout: Duration.seconds(900) });
  const queue = (stack: Stack, visibility: number) => new sqs.Queue(stack, 'Queue', {
    visibilityTimeout: Duration.seconds(visibility),
    deadLetterQueue: { queue: new sqs.Queue(stack, 'Dlq', { retentionPeriod: Duration.days(14) }), maxReceiveCount: 5 },
  });

  test('fails if a 900 s function reads a queue with a 180 s visibility timeout, whatever the parameter batching window', () => {
    expect(refusal((stack) => ({ function: fn(stack), queue: queue(stack, 180), maxBatchingWindow: window(stack) })))
      .toEqual([`queue visibilityTimeout [${R.visibilityTimeout}]`]);
  });

  test('accepts 5,400 s (6 x 900 s, the part of the rule the parameter leaves decidable); fails at 5,399 s', () => {
    expect(refusal((stack) => ({ function: fn(stack), queue: queue(stack, 5_400), maxBatchingWindow: window(stack) }))).toEqual([]);
    expect(refusal((stack) => ({ function: fn(stack), queue: queue(stack, 5_399), maxBatchingWindow: window(stack) })))
      .toEqual([`queue visibilityTimeout [${R.visibilityTimeout}]`]);
  });

  test('a visibility timeout the pattern derives covers the largest window a parameter can hold (300 s)', () => {
    const template = Template.fromStack(build((stack) => withFunction({ timeout: Duration.seconds(30) }, { maxBatchingWindow: window(stack) })));
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 6 * 30 + 300, RedrivePolicy: Match.anyValue() });
  });
});

describe('QueueConsumer: brought resources', () => {
  test('an imported function with a role, in a stack without env, synthesizes (no "does not implement IDependable")', () => {
    const stack = build((s) => ({
      function: lambda.Function.fromFunctionAttributes(s, 'Fn', {
        functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:brought',
        role: iam.Role.fromRoleArn(s, 'Role', 'arn:aws:iam::111111111111:role/brought'),
        sameEnvironment: true,
      }),
      functionTimeout: Duration.seconds(30),
    }));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: ['brought'],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'] })]) },
    });
    // The mapping waits for the role's policy and for the queue policy that admits a role of another account.
    template.hasResource('AWS::Lambda::EventSourceMapping', { DependsOn: [Match.stringLikeRegexp('^ConsumerQueuePolicy'), Match.stringLikeRegexp('^RolePolicy')] });
  });

  test('a brought lambda.Function without a timeout has Lambda\'s 3 s: a visibility timeout of 18 s (6 x 3 s) is accepted, 17 s refused', () => {
    const consume = (visibility: number) => (stack: Stack): QueueConsumerProps => ({
      function: new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X }),
      queue: new sqs.Queue(stack, 'Queue', {
        visibilityTimeout: Duration.seconds(visibility),
        deadLetterQueue: { queue: new sqs.Queue(stack, 'Dlq', { retentionPeriod: Duration.days(14) }), maxReceiveCount: 5 },
      }),
    });
    expect(refusal(consume(18))).toEqual([]);
    expect(refusal(consume(17))).toEqual([`queue visibilityTimeout [${R.visibilityTimeout}]`]);
  });

  test('fails if a brought queue\'s dead-letter queue is of the other type', () => {
    expect(refusal((stack) => ({
      functionProps: FUNCTION_PROPS,
      queue: new sqs.Queue(stack, 'Queue', { fifo: true, visibilityTimeout: Duration.seconds(180), deadLetterQueue: { queue: new sqs.Queue(stack, 'Dlq'), maxReceiveCount: 5 } }),
    }))).toEqual([`deadLetterQueue [${R.deadLetterFifoMismatch}]`]);
  });

  test('fails if encryptionKey is the AWS managed key alias/aws/sqs (no log group or alarm topic could use it)', () => {
    expect(refusal((stack) => made({ encryptionKey: kms.Alias.fromAliasName(stack, 'Managed', 'alias/aws/sqs') })))
      .toEqual(['encryptionKey [decoupled:aws-managed-key]']);
  });

  test('a fan-out consumer\'s functionProps problems name the fan-out\'s prop', () => {
    const stack = new Stack(new App(), 'Fan');
    let error: ValidationError | undefined;
    try {
      new TopicFanOut(stack, 'Orders', { subscribers: { fulfilment: { consumer: { functionProps: { ...FUNCTION_PROPS, memorySize: 127 }, batchSize: 2.5 } } } });
    } catch (e) {
      error = e as ValidationError;
    }
    expect(error?.problems.map((p) => `${p.path} ${p.prop}`)).toEqual([
      'Fan/Orders subscribers.fulfilment.consumer.batchSize',
      'Fan/Orders subscribers.fulfilment.consumer.functionProps.memorySize',
    ]);
  });
});

describe('QueueConsumer: reserved concurrency at the poller\'s starting concurrency', () => {
  const warnings = (reserved: number) => {
    const stack = build(withFunction({ reservedConcurrentExecutions: reserved }, { maxConcurrency: 2 }));
    return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(R.reservedBelowPoller)).length;
  };

  test('exactly 5 is not warned about; 4 is', () => {
    expect(warnings(5)).toBe(0);
    expect(warnings(4)).toBe(1);
  });

  test('fails if it is 0, which throttles every invocation; 1 is accepted with the warning', () => {
    expect(refusal(withFunction({ reservedConcurrentExecutions: 0 }))).toEqual([`functionProps.reservedConcurrentExecutions [${R.reservedConcurrencyZero}]`]);
    expect(refusal(withFunction({ reservedConcurrentExecutions: 1 }, { maxConcurrency: 2 }))).toEqual([]);
  });
});
