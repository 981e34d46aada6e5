import { Aws, CfnParameter, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { PROP_RULES, ProblemCollector, formatValue, validateQueueName, validateQueueProps } from '../../lib/core';
import { collect, named } from './problems';

const R = PROP_RULES;

function check(props: sqs.QueueProps, fifo = false, stack = new Stack()) {
  return collect((p) => validateQueueProps(p, props, { prefix: 'queueProps', fifo }), stack);
}

describe('validateQueueProps: ranges', () => {
  // Each row: a field, its value at a limit (accepted), and one step past that limit (refused).
  const limits: Array<[field: keyof sqs.QueueProps, atLimit: unknown, pastLimit: unknown, rule: RegExp]> = [
    ['visibilityTimeout', Duration.seconds(0), undefined, /./],
    ['visibilityTimeout', Duration.hours(12), Duration.seconds(43_201), /outside VisibilityTimeout's allowed range 0–43,200 seconds/],
    ['retentionPeriod', Duration.seconds(60), Duration.seconds(59), /outside MessageRetentionPeriod's allowed range 60–1,209,600 seconds/],
    ['retentionPeriod', Duration.days(14), Duration.seconds(1_209_601), /MessageRetentionPeriod/],
    ['deliveryDelay', Duration.seconds(0), undefined, /./],
    ['deliveryDelay', Duration.seconds(900), Duration.seconds(901), /outside DelaySeconds's allowed range 0–900 seconds/],
    ['receiveMessageWaitTime', Duration.seconds(0), undefined, /./],
    ['receiveMessageWaitTime', Duration.seconds(20), Duration.seconds(21), /ReceiveMessageWaitTimeSeconds's allowed range 0–20 seconds/],
    ['dataKeyReuse', Duration.seconds(60), Duration.seconds(59), /KmsDataKeyReusePeriodSeconds's allowed range 60–86,400 seconds/],
    ['dataKeyReuse', Duration.days(1), Duration.days(2), /KmsDataKeyReusePeriodSeconds/],
    ['maxMessageSizeBytes', 1_024, 1_023, /MaximumMessageSize's allowed range 1,024–1,048,576 bytes/],
    ['maxMessageSizeBytes', 1_048_576, 1_048_577, /MaximumMessageSize/],
  ];
  // dataKeyReuse applies to KMS encryption only; the rows give every queue a KMS-managed key.
  const encrypted = { encryption: sqs.QueueEncryption.KMS_MANAGED };

  test.each(limits.map(([field, atLimit]) => [field, formatValue(atLimit), atLimit] as const))('%s at its limit, %s, is accepted', (field, _shown, atLimit) => {
    expect(check({ ...encrypted, [field]: atLimit })).toEqual([]);
  });

  test.each(limits.filter(([, , past]) => past !== undefined))('fails if %s is one step past its limit', (field, _at, pastLimit, rule) => {
    const problems = check({ ...encrypted, [field]: pastLimit });
    expect(named(problems)).toEqual([`queueProps.${field} [${R.queueSettingRange}]`]);
    expect(problems[0].rule).toMatch(rule);
  });

  test('fails if a delivery delay is 901 s, named by the prop instead of aws-cdk-lib\'s own error', () => {
    const [problem] = check({ deliveryDelay: Duration.seconds(901) });
    expect(problem).toMatchObject({ prop: 'queueProps.deliveryDelay', value: '901s' });
    expect(problem.fix).toBe('Set queueProps.deliveryDelay to a value in 0–900 seconds.');
  });

  test('fails if a duration is not whole seconds or a size not whole bytes', () => {
    expect(named(check({ visibilityTimeout: Duration.millis(1500), maxMessageSizeBytes: 2048.5 }))).toEqual([
      `queueProps.visibilityTimeout [${R.queueSettingRange}]`,
      `queueProps.maxMessageSizeBytes [${R.queueSettingRange}]`,
    ]);
  });

  test('a value known only at deploy is not judged', () => {
    const stack = new Stack();
    const seconds = new CfnParameter(stack, 'Seconds', { type: 'Number' }).valueAsNumber;
    expect(check({ visibilityTimeout: Duration.seconds(seconds), maxMessageSizeBytes: Token.asNumber(seconds) }, false, stack)).toEqual([]);
  });
});

describe('validateQueueName', () => {
  const name = (value: string, fifo: boolean) => collect((p) => validateQueueName(p, 'queueProps.queueName', value, fifo));

  test('80 characters is the longest name, the .fifo suffix included', () => {
    expect(name('a'.repeat(80), false)).toEqual([]);
    expect(name(`${'a'.repeat(75)}.fifo`, true)).toEqual([]);
  });

  test('fails if a name has 81 characters, the .fifo suffix included', () => {
    expect(name('a'.repeat(81), false)[0].rule).toMatch(/is 81 characters long; SQS allows 1–80 characters/);
    expect(named(name(`${'a'.repeat(76)}.fifo`, true))).toEqual([`queueProps.queueName [${R.invalidQueueName}]`]);
  });

  test('fails if a name is empty', () => {
    expect(name('', false)[0].rule).toMatch(/is 0 characters long/);
  });

  test('fails if a standard queue\'s name ends in .fifo: aws-cdk-lib would make the queue FIFO', () => {
    const problems = name('x.fifo', false);
    expect(named(problems)).toEqual([`queueProps.queueName [${R.fifoMismatch}]`]);
    expect(problems[0].rule).toMatch(/ends in '.fifo', which makes a FIFO queue where this one must be standard/);
  });

  test('fails if a FIFO queue\'s name does not end in .fifo, with the name to use', () => {
    const [problem] = name('ledger', true);
    expect(problem.code).toBe(R.fifoMismatch);
    expect(problem.fix).toBe("Add the suffix: 'ledger.fifo'.");
  });

  test.each([
    ['bad name!', /'[ ]', '!'/],
    ['ünï', /'ü', 'ï'/],
    ['orders.v2', /'\.'/],
  ])('fails if the name %p has characters SQS does not allow', (value, listed) => {
    const problems = name(value, false);
    expect(named(problems)).toEqual([`queueProps.queueName [${R.invalidQueueName}]`]);
    expect(problems[0].rule).toMatch(listed);
  });

  test('letters, digits, hyphens and underscores are allowed', () => {
    expect(name('Orders_v2-dlq', false)).toEqual([]);
  });

  describe('a name with a token', () => {
    test('is judged on its literal text: a bad character or a known .fifo ending is certain', () => {
      expect(named(name(`${Aws.STACK_NAME}-orders!`, false))).toEqual([`queueProps.queueName [${R.invalidQueueName}]`]);
      expect(named(name(`${Aws.STACK_NAME}.fifo`, false))).toEqual([`queueProps.queueName [${R.fifoMismatch}]`]);
      expect(name(`${Aws.STACK_NAME}.fifo`, true)).toEqual([]);
      expect(named(name(`${Aws.STACK_NAME}-orders`, true))).toEqual([`queueProps.queueName [${R.fifoMismatch}]`]);
    });

    test('fails if its literal text alone is longer than 80 characters', () => {
      expect(name(`${Aws.STACK_NAME}${'a'.repeat(81)}`, false)[0].rule).toMatch(/is at least 81 characters long/);
    });

    test('is not judged where the token decides: its ending, or a length within the limit', () => {
      expect(name(`orders-${Aws.STACK_NAME}`, true)).toEqual([]);
      expect(name(`orders-${Aws.STACK_NAME}fo`, true)).toEqual([]);
      expect(name(`${Aws.STACK_NAME}${'a'.repeat(80)}`, false)).toEqual([]);
    });
  });
});

describe('validateQueueProps: FIFO settings', () => {
  test.each([
    ['contentBasedDeduplication', true],
    ['deduplicationScope', sqs.DeduplicationScope.QUEUE],
    ['fifoThroughputLimit', sqs.FifoThroughputLimit.PER_QUEUE],
  ] as const)('fails if %s is given for a standard queue (aws-cdk-lib would make it FIFO)', (field, value) => {
    const problems = check({ [field]: value });
    expect(named(problems)).toEqual([`queueProps.${field} [${R.fifoMismatch}]`]);
    expect(problems[0].rule).toMatch(/applies to FIFO queues only/);
    expect(check({ [field]: value }, true)).toEqual([]);
  });

  test('fails if fifo contradicts the queue the pattern makes', () => {
    expect(named(check({ fifo: true }))).toEqual([`queueProps.fifo [${R.fifoMismatch}]`]);
    expect(named(check({ fifo: false }, true))).toEqual([`queueProps.fifo [${R.fifoMismatch}]`]);
    expect(check({ fifo: true }, true)).toEqual([]);
  });

  test('fails if a throughput limit per message group comes without deduplication per message group', () => {
    const perGroup = { fifoThroughputLimit: sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID };
    expect(named(check(perGroup, true))).toEqual([`queueProps.fifoThroughputLimit [${R.fifoMismatch}]`]);
    expect(check({ ...perGroup, deduplicationScope: sqs.DeduplicationScope.MESSAGE_GROUP }, true)).toEqual([]);
  });
});

describe('validateQueueProps: dead-letter queue and redrive allow policy', () => {
  test('maxReceiveCount 1 and 1,000 are accepted; 0, 1,001 and 2.5 are not', () => {
    const stack = new Stack();
    const queue = new sqs.Queue(stack, 'Dlq');
    const dlq = (maxReceiveCount: number) => check({ deadLetterQueue: { queue, maxReceiveCount } }, false, stack);
    expect(dlq(1)).toEqual([]);
    expect(dlq(1_000)).toEqual([]);
    for (const bad of [0, 1_001, 2.5]) expect(named(dlq(bad))).toEqual([`queueProps.deadLetterQueue.maxReceiveCount [${R.maxReceiveCountRange}]`]);
  });

  test('fails if the dead-letter queue is not of the queue\'s type', () => {
    const stack = new Stack();
    const queue = new sqs.Queue(stack, 'Dlq', { fifo: true });
    expect(named(check({ deadLetterQueue: { queue, maxReceiveCount: 5 } }, false, stack))).toEqual([`queueProps.deadLetterQueue.queue [${R.fifoMismatch}]`]);
  });

  let imported = 0;
  const sources = (stack: Stack, n: number, fifo = false) =>
    Array.from({ length: n }, (_, i) => sqs.Queue.fromQueueArn(stack, `S${imported++}`, `arn:aws:sqs:us-east-1:111111111111:s${i}${fifo ? '.fifo' : ''}`));

  test('byQueue takes 1 to 10 source queues', () => {
    const stack = new Stack();
    const byQueue = (n: number) => check({ redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.BY_QUEUE, sourceQueues: sources(stack, n) } }, false, stack);
    expect(byQueue(1)).toEqual([]);
    expect(byQueue(10)).toEqual([]);
    expect(byQueue(11)[0].fix).toMatch(/Name at most 10 queues, or set queueProps.redriveAllowPolicy.redrivePermission to RedrivePermission.ALLOW_ALL/);
    expect(byQueue(0)[0]).toMatchObject({ prop: 'queueProps.redriveAllowPolicy.sourceQueues', value: '0 queues' });
  });

  test('source queues alone mean byQueue, as aws-cdk-lib reads them', () => {
    const stack = new Stack();
    expect(check({ redriveAllowPolicy: { sourceQueues: sources(stack, 2) } }, false, stack)).toEqual([]);
  });

  test('fails if source queues are given with allowAll or denyAll', () => {
    for (const redrivePermission of [sqs.RedrivePermission.ALLOW_ALL, sqs.RedrivePermission.DENY_ALL]) {
      const stack = new Stack();
      expect(named(check({ redriveAllowPolicy: { redrivePermission, sourceQueues: sources(stack, 1) } }, false, stack)))
        .toEqual([`queueProps.redriveAllowPolicy.sourceQueues [${R.redriveAllowPolicy}]`]);
    }
  });

  test('fails if a source queue is of the other type', () => {
    const stack = new Stack();
    expect(named(check({ redriveAllowPolicy: { sourceQueues: sources(stack, 1, true) } }, false, stack)))
      .toEqual([`queueProps.redriveAllowPolicy.sourceQueues[0] [${R.fifoMismatch}]`]);
  });
});

describe('validateQueueProps: encryption and removal', () => {
  test('fails if a key is given with an encryption that uses none', () => {
    const stack = new Stack();
    const key = new kms.Key(stack, 'Key');
    for (const encryption of [sqs.QueueEncryption.SQS_MANAGED, sqs.QueueEncryption.UNENCRYPTED, sqs.QueueEncryption.KMS_MANAGED]) {
      expect(named(check({ encryption, encryptionMasterKey: key }, false, stack))).toEqual([`queueProps.encryptionMasterKey [${R.queueEncryption}]`]);
    }
    expect(check({ encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key }, false, stack)).toEqual([]);
    expect(check({ encryptionMasterKey: key, dataKeyReuse: Duration.minutes(5) }, false, stack)).toEqual([]);
  });

  test('fails if dataKeyReuse is given to a queue without KMS encryption: aws-cdk-lib would drop it', () => {
    const reuse = { dataKeyReuse: Duration.minutes(5) };
    expect(named(check(reuse))).toEqual([`queueProps.dataKeyReuse [${R.queueEncryption}]`]);
    expect(check({ ...reuse, encryption: sqs.QueueEncryption.UNENCRYPTED })[0].rule).toMatch(/this queue is unencrypted/);
    expect(check({ ...reuse, encryption: sqs.QueueEncryption.KMS_MANAGED })).toEqual([]);
  });

  test('fails if the removal policy is SNAPSHOT: a queue has no snapshot', () => {
    expect(named(check({ removalPolicy: RemovalPolicy.SNAPSHOT }))).toEqual([`queueProps.removalPolicy [${R.removalPolicy}]`]);
    expect(check({ removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE })).toEqual([]);
  });
});

test('every problem is reported at once, in one ValidationError naming the construct path', () => {
  const stack = new Stack(undefined, 'S');
  const problems = new ProblemCollector(stack);
  validateQueueProps(problems, { queueName: 'x.fifo', deliveryDelay: Duration.seconds(901), maxMessageSizeBytes: 2048.5 }, { prefix: 'queueProps', fifo: false });
  expect(() => problems.throwIfAny()).toThrow(/S has 3 invalid settings:[\s\S]*queueProps.deliveryDelay 901s[\s\S]*queueProps.maxMessageSizeBytes 2048.5[\s\S]*queueProps.queueName 'x.fifo'/);
});

test('no props, nothing to check', () => {
  expect(collect((p) => validateQueueProps(p, undefined, { prefix: 'queueProps', fifo: false }))).toEqual([]);
});
