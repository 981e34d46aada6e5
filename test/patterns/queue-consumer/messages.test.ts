import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QUEUE_CONSUMER_RULES as R, QueueConsumer, QueueConsumerProps, TopicFanOut } from '../../../lib';
import { queueProvenance } from '../../../lib/core';
import { FUNCTION_PROPS, newStack, validationErrorOf } from './support';

const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:111111111111:payments';
const DLQ_ARN = 'arn:aws:sqs:eu-west-1:111111111111:payments-dlq';
const FOREIGN_KEY_ARN = 'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** Every problem of the error a consumer with these props throws, one rendered line each. */
function problemsOf(props: QueueConsumerProps | ((stack: Stack) => QueueConsumerProps)): string[] {
  const stack = newStack();
  const e = validationErrorOf(typeof props === 'function' ? props(stack) : props, stack);
  return e.message.split('\n').slice(1).map((line) => line.replace(/^ {2}✖ /, ''));
}

/** The warnings shown for what `build` makes. */
function warningsOf(build: (stack: Stack) => void, stack: Stack = newStack()): string[] {
  build(stack);
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
}

const imported = (stack: Stack) => ({
  queue: sqs.Queue.fromQueueArn(stack, 'Queue', QUEUE_ARN),
  deadLetterQueue: sqs.Queue.fromQueueArn(stack, 'Dlq', DLQ_ARN),
});

describe('QueueConsumer messages, whole', () => {
  test('fails if an imported queue comes without queueVisibilityTimeout', () => {
    expect(problemsOf((stack) => ({ ...imported(stack), functionProps: FUNCTION_PROPS }))).toEqual([
      'Test/Consumer: queueVisibilityTimeout is missing: the imported queue\'s visibility timeout cannot be read at synth time, and the visibility '
        + 'timeout rule needs it. Set queueVisibilityTimeout to the queue\'s VisibilityTimeout attribute. [decoupled:queue-consumer/visibility-timeout-required]',
    ]);
  });

  test('fails if an imported queue comes without its deadLetterQueue', () => {
    expect(problemsOf((stack) => ({
      queue: sqs.Queue.fromQueueArn(stack, 'Queue', QUEUE_ARN), queueVisibilityTimeout: Duration.minutes(3), functionProps: FUNCTION_PROPS,
    }))).toEqual([
      'Test/Consumer: deadLetterQueue is missing: the imported queue\'s redrive policy cannot be read at synth time, and the pattern alarms on its '
        + 'dead-letter queue. Set deadLetterQueue to the queue its redrive policy names (sqs.Queue.fromQueueArn). [decoupled:queue-consumer/dead-letter-queue-required]',
    ]);
  });

  test('fails if both or neither function and functionProps are given, in full', () => {
    expect(problemsOf({})).toEqual([
      'Test/Consumer: function / functionProps are both missing: the consumer is either a function you bring or one the pattern makes. '
        + 'Pass exactly one of function and functionProps. [decoupled:queue-consumer/exactly-one-function]',
    ]);
  });

  test('fails if queueProps comes with a brought queue, in full', () => {
    expect(problemsOf((stack) => ({ ...imported(stack), queueVisibilityTimeout: Duration.minutes(3), queueProps: {}, functionProps: FUNCTION_PROPS }))).toEqual([
      'Test/Consumer: queueProps is given with a brought queue: these only shape a queue the pattern makes, and would be silently ignored. '
        + 'Set them on your queue (its props, its redrive policy), or drop queue and let the pattern make it. [decoupled:queue-consumer/queue-option-on-brought-queue]',
    ]);
  });

  test('fails if the brought queue\'s redrive target differs from deadLetterQueue', () => {
    expect(problemsOf((stack) => {
      const own = new sqs.Queue(stack, 'Own');
      const queue = new sqs.Queue(stack, 'Q', { visibilityTimeout: Duration.minutes(3), deadLetterQueue: { queue: own, maxReceiveCount: 5 } });
      return { queue, deadLetterQueue: new sqs.Queue(stack, 'Other'), functionProps: FUNCTION_PROPS };
    })).toEqual([
      'Test/Consumer: deadLetterQueue differs from the brought queue\'s redrive target: messages go to the queue\'s own dead-letter queue, so the alarms '
        + 'would watch the wrong one. Leave deadLetterQueue out (the queue\'s own is used), or pass the same queue. [decoupled:queue-consumer/dead-letter-queue-mismatch]',
    ]);
  });

  test('fails if a brought queue has no dead-letter queue, in full', () => {
    expect(problemsOf((stack) => ({ queue: new sqs.Queue(stack, 'Q', { visibilityTimeout: Duration.minutes(3) }), functionProps: FUNCTION_PROPS }))).toEqual([
      'Test/Consumer: queue has no dead-letter queue: a message that always fails would be retried until it expires, blocking or hiding every other failure. '
        + 'Give the queue a redrive policy (sqs.Queue `deadLetterQueue: { queue, maxReceiveCount: 5 }`), or let the pattern make the queue. '
        + '[decoupled:queue-consumer/dead-letter-queue-required]',
    ]);
  });

  test('fails if encryptionKey is the AWS managed key, naming what would fail', () => {
    expect(problemsOf((stack) => ({ functionProps: FUNCTION_PROPS, encryptionKey: kms.Alias.fromAliasName(stack, 'K', 'alias/aws/sqs') }))).toEqual([
      expect.stringContaining('encryptionKey \'alias/aws/sqs\' is an AWS managed key: its policy admits no service principal and cannot be edited, '
        + 'so the function\'s encrypted log group (CloudWatch Logs) and the alarm topic (CloudWatch) would fail. '
        + 'Leave encryptionKey out to let the pattern make a customer-managed key, or pass a kms.Key of yours.'),
    ]);
  });

  test('fails if reserved concurrency is 0, in full', () => {
    expect(problemsOf({ functionProps: { ...FUNCTION_PROPS, reservedConcurrentExecutions: 0 } })).toEqual([
      'Test/Consumer: functionProps.reservedConcurrentExecutions 0 throttles every invocation: the consumer never processes a message, and each one is received '
        + 'until it reaches the dead-letter queue. Leave it out (the pattern reserves maxConcurrency for the function), or give at least 5, the poller\'s starting '
        + 'concurrency. [decoupled:queue-consumer/reserved-concurrency-zero]',
    ]);
  });

  test('fails if a brought standard queue is given fifo: true, naming both types', () => {
    expect(problemsOf((stack) => {
      const queue = new sqs.Queue(stack, 'Q', { fifo: true, visibilityTimeout: Duration.minutes(3), deadLetterQueue: { queue: new sqs.Queue(stack, 'D', { fifo: true }), maxReceiveCount: 5 } });
      return { queue, fifo: false, functionProps: FUNCTION_PROPS };
    })).toEqual([
      'Test/Consumer: fifo false does not match the brought queue, which is FIFO (a queue\'s type is fixed at creation). Set fifo to true, or leave it out. [decoupled:queue-consumer/fifo-mismatch]',
    ]);
  });

  test('fails if a FIFO queue has a standard dead-letter queue, in full', () => {
    expect(problemsOf((stack) => ({ fifo: true, deadLetterQueue: new sqs.Queue(stack, 'D'), functionProps: FUNCTION_PROPS }))).toEqual([
      'Test/Consumer: deadLetterQueue (standard) does not match the FIFO queue: SQS only redrives FIFO to FIFO and standard to standard (SQS API-model, RedrivePolicy). '
        + 'Use a FIFO dead-letter queue. [decoupled:queue-consumer/dead-letter-fifo-mismatch]',
    ]);
  });

  test('fails on a FIFO queue at a batch size of 11, saying FIFO; accepts 10', () => {
    expect(problemsOf({ fifo: true, batchSize: 11, functionProps: FUNCTION_PROPS })).toEqual([expect.stringMatching(/^Test\/Consumer: batchSize 11 is outside BatchSize's allowed range 1–10 \(.*\) for a FIFO queue\. Set batchSize to a value in 1–10\. \[decoupled:queue-consumer\/batch-size\]$/)]);
    expect(() => new QueueConsumer(newStack(), 'Consumer', { fifo: true, batchSize: 10, functionProps: FUNCTION_PROPS })).not.toThrow();
  });

  test('fails on a standard queue at a batch size of 0, saying standard', () => {
    expect(problemsOf({ batchSize: 0, functionProps: FUNCTION_PROPS })).toEqual([expect.stringMatching(/^Test\/Consumer: batchSize 0 is outside BatchSize's allowed range 1–10,000 \(.*\) for a standard queue\. Set batchSize to a value in 1–10,000\. \[decoupled:queue-consumer\/batch-size\]$/)]);
  });

  test('fails if the visibility timeout is too short for a batching window known only at deploy, asking for room for the largest', () => {
    const problems = problemsOf((stack) => ({
      functionProps: FUNCTION_PROPS,
      queueProps: { visibilityTimeout: Duration.seconds(179) },
      maxBatchingWindow: Duration.seconds(new CfnParameter(stack, 'Window', { type: 'Number' }).valueAsNumber),
    }));
    expect(problems).toEqual([expect.stringContaining(
      'queueProps.visibilityTimeout 179s is less than 6 x the function timeout (functionProps.timeout 30s) + the batching window (known only at deploy, at least 0s) ≥ 180s: ',
    )]);
    expect(problems[0]).toContain('Raise queueProps.visibilityTimeout to at least 180s plus the largest batching window you will deploy, or lower the function timeout.');
  });

  test('a function timeout that is not whole seconds fails its own range rule only, not the visibility timeout rule', () => {
    const problems = problemsOf((stack) => ({
      ...imported(stack),
      queueVisibilityTimeout: Duration.seconds(10),
      function: lambda.Function.fromFunctionName(stack, 'Fn', 'payments'),
      functionTimeout: Duration.millis(1500),
    }));
    expect(problems).toEqual([expect.stringContaining('functionTimeout 1.5s is not a whole number of seconds')]);
  });

  test('the imported-key warning names an unresolved key ARN as such', () => {
    const warnings = warningsOf((stack) => {
      const keyArn = new CfnParameter(stack, 'KeyArn').valueAsString;
      const queue = sqs.Queue.fromQueueAttributes(stack, 'Queue', { queueArn: QUEUE_ARN, keyArn });
      new QueueConsumer(stack, 'Consumer', { queue, deadLetterQueue: sqs.Queue.fromQueueArn(stack, 'Dlq', DLQ_ARN), queueVisibilityTimeout: Duration.minutes(3), functionProps: FUNCTION_PROPS });
    });
    expect(warnings.filter((w) => w.includes(R.importedKey))).toEqual([
      'queue encryptionMasterKey \'(unresolved key ARN)\' is imported: the function is granted kms:Decrypt in IAM, which works only if the key policy lets this '
        + 'account\'s IAM policies grant it (the default key policy does). Check the key policy, then acknowledge this warning; or use a key made in this app. '
        + `[ack: ${R.importedKey}]`,
    ]);
  });

  test('the imported-key warning about a fan-out\'s queue key leaves the statements the fan-out could not add to the fan-out\'s own warning', () => {
    const stack = newStack();
    const fanOut = new TopicFanOut(stack, 'Orders', {
      encryptionKey: kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:eu-west-1:111111111111:key/abcd'),
      subscribers: { billing: { queueProps: { visibilityTimeout: Duration.minutes(3) } } },
    });
    new QueueConsumer(stack, 'Consumer', { queue: fanOut.queue('billing'), encryptionKey: new kms.Key(stack, 'Mine'), functionProps: FUNCTION_PROPS });
    const found = Annotations.fromStack(stack).findWarning('/Test/Consumer', Match.stringLikeRegexp(R.importedKey)).map((w) => String(w.entry.data));
    expect(found).toEqual([expect.stringContaining('\'arn:aws:kms:eu-west-1:111111111111:key/abcd\' is imported')]);
    expect(found[0]).not.toContain('could not add');
  });

  test('a key of another account is not called ungrantable when the stack\'s own account is unknown', () => {
    const warnings = warningsOf((stack) => {
      const queue = sqs.Queue.fromQueueAttributes(stack, 'Queue', { queueArn: QUEUE_ARN, keyArn: FOREIGN_KEY_ARN });
      new QueueConsumer(stack, 'Consumer', { queue, deadLetterQueue: sqs.Queue.fromQueueArn(stack, 'Dlq', DLQ_ARN), queueVisibilityTimeout: Duration.minutes(3), functionProps: FUNCTION_PROPS });
    }, new Stack(new App(), 'Agnostic'));
    expect(warnings.filter((w) => w.includes(R.keyNotGrantable))).toEqual([]);
    expect(warnings.filter((w) => w.includes(R.importedKey))).toEqual([expect.stringContaining(`queue encryptionMasterKey '${FOREIGN_KEY_ARN}' is imported`)]);
  });

  test('warns, in full, when a key of another account encrypts the brought queue', () => {
    const warnings = warningsOf((stack) => {
      const queue = sqs.Queue.fromQueueAttributes(stack, 'Queue', { queueArn: QUEUE_ARN, keyArn: FOREIGN_KEY_ARN });
      new QueueConsumer(stack, 'Consumer', { queue, deadLetterQueue: sqs.Queue.fromQueueArn(stack, 'Dlq', DLQ_ARN), queueVisibilityTimeout: Duration.minutes(3), functionProps: FUNCTION_PROPS });
    });
    expect(warnings.filter((w) => w.includes(R.keyNotGrantable))).toEqual([
      `queue encryptionMasterKey '${FOREIGN_KEY_ARN}' belongs to account 222222222222, not the stack's (111111111111): an IAM grant alone cannot let the function `
        + 'decrypt with it, and the key policy is not in this app. Add the function\'s role to the key policy in account 222222222222 (kms:Decrypt), then acknowledge '
        + `this warning; or use a key in this account. [ack: ${R.keyNotGrantable}]`,
    ]);
  });

  test('warns, in full, that an imported encryptionKey cannot take the log group\'s statement', () => {
    const warnings = warningsOf((stack) => {
      new QueueConsumer(stack, 'Consumer', { functionProps: FUNCTION_PROPS, encryptionKey: kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:111111111111:key/abcd') });
    });
    const found = warnings.filter((w) => w.includes(R.keyPolicyNotEditable));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/without this statement CloudWatch Logs cannot use the key for the function's log group \/decoupled\/Test-Consumer-[A-Za-z0-9]+, and the log group fails to create at deploy/);
  });

  test('a FIFO queue whose dead-letter queue keeps messages no longer is not warned about (FIFO resets the enqueue time)', () => {
    const warnings = warningsOf((stack) => new QueueConsumer(stack, 'Consumer', { fifo: true, queueProps: { retentionPeriod: Duration.days(14) }, functionProps: FUNCTION_PROPS }));
    expect(warnings.filter((w) => w.includes(R.deadLetterRetention))).toEqual([]);
  });

  test('warns, in full, when a standard queue\'s dead-letter queue keeps messages no longer than it', () => {
    const warnings = warningsOf((stack) => new QueueConsumer(stack, 'Consumer', { queueProps: { retentionPeriod: Duration.days(14) }, functionProps: FUNCTION_PROPS }));
    expect(warnings).toEqual([
      'deadLetterQueue retentionPeriod 1209600s is not longer than the queue\'s (1209600s): a standard message keeps its enqueue time in the dead-letter queue '
        + 'and can expire there almost at once. Give the dead-letter queue a longer retentionPeriod (up to 1209600s), or shorten the queue\'s. '
        + `[ack: ${R.deadLetterRetention}]`,
    ]);
  });
});

describe('QueueConsumer grants and provenance', () => {
  test('a made function gets its queue and key statements in its managed policy, and no inline policy', () => {
    const stack = newStack();
    const consumer = new QueueConsumer(stack, 'Consumer', { functionProps: FUNCTION_PROPS });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], Effect: 'Allow', Resource: stack.resolve(consumer.queue.queueArn) },
          { Action: 'kms:Decrypt', Effect: 'Allow', Resource: stack.resolve(consumer.encryptionKey!.keyArn) },
        ]),
      },
    });
  });

  test('a brought function is granted kms:Decrypt on the key of the queue the pattern made, on its role', () => {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X });
    const consumer = new QueueConsumer(stack, 'Consumer', { function: fn });
    const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy', { Properties: { Roles: [stack.resolve((fn.role as iam.Role).roleName)] } }));
    const statements = policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[];
    expect(statements).toContainEqual({ Action: 'kms:Decrypt', Effect: 'Allow', Resource: stack.resolve(consumer.encryptionKey!.keyArn) });
    const mapping = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::EventSourceMapping'))[0];
    expect(mapping.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^FnServiceRoleDefaultPolicy/)]));
  });

  test('records whether the user gave encryptionKey', () => {
    const stack = newStack();
    const given = new QueueConsumer(stack, 'Given', { functionProps: FUNCTION_PROPS, encryptionKey: new kms.Key(stack, 'K') });
    const made = new QueueConsumer(stack, 'Made', { functionProps: FUNCTION_PROPS });
    expect(queueProvenance(given.queue)?.settings.encryptionKey).toMatchObject({ givenByUser: true, checkedByOwner: true });
    expect(queueProvenance(made.queue)?.settings.encryptionKey).toMatchObject({ givenByUser: false, checkedByOwner: true });
  });

  test('drains a fan-out\'s subscription dead-letter queue, whose record holds only the key', () => {
    const stack = newStack();
    const fanOut = new TopicFanOut(stack, 'Orders', { subscribers: { billing: {} } });
    const consumer = new QueueConsumer(stack, 'Drain', {
      queue: fanOut.subscriptionDeadLetterQueue('billing'),
      deadLetterQueue: new sqs.Queue(stack, 'Last', { encryptionMasterKey: fanOut.encryptionKey, encryption: sqs.QueueEncryption.KMS }),
      // The subscription DLQ keeps SQS's default 30 s visibility timeout: 6 x 5 s fits it.
      functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(5) },
      alarms: false,
    });
    expect(consumer.queue).toBe(fanOut.subscriptionDeadLetterQueue('billing'));
    expect(consumer.encryptionKey).toBe(fanOut.encryptionKey);
  });
});

describe('QueueConsumer rules at the limit and one past it', () => {
  test.each([
    ['batchSize 10 without a window', { batchSize: 10 }],
    ['batchSize 11 with a 1 s window', { batchSize: 11, maxBatchingWindow: Duration.seconds(1) }],
    ['a 300 s batching window', { maxBatchingWindow: Duration.seconds(300), queueProps: { visibilityTimeout: Duration.seconds(480) } }],
    ['maxConcurrency 2', { maxConcurrency: 2, functionProps: { ...FUNCTION_PROPS, reservedConcurrentExecutions: 5 } }],
    ['maxConcurrency 1,000', { maxConcurrency: 1000, functionProps: { ...FUNCTION_PROPS, reservedConcurrentExecutions: 1000 } }],
    ['maxReceiveCount 1,000', { maxReceiveCount: 1000 }],
    ['maxMessageAge 60 s', { maxMessageAge: Duration.seconds(60) }],
  ] as const)('accepts %s', (_name, more) => {
    expect(() => new QueueConsumer(newStack(), 'Consumer', { functionProps: FUNCTION_PROPS, ...more })).not.toThrow();
  });

  test.each([
    ['batchSize 11 without a window', { batchSize: 11 }, 'batchSize 11 is above 10 without a batching window of at least 1s'],
    ['batchSize 11 with a 0 s window', { batchSize: 11, maxBatchingWindow: Duration.seconds(0) }, 'batchSize 11 is above 10 without a batching window of at least 1s'],
    ['a 301 s batching window', { maxBatchingWindow: Duration.seconds(301), queueProps: { visibilityTimeout: Duration.seconds(481) } }, 'maxBatchingWindow 301s is outside'],
    ['maxConcurrency 2.5', { maxConcurrency: 2.5 }, 'maxConcurrency 2.5 is not a whole number: AWS takes only integers here'],
    ['maxReceiveCount 1,001', { maxReceiveCount: 1001 }, 'maxReceiveCount 1001 is outside maxReceiveCount\'s allowed range 1–1,000'],
    ['maxMessageAge 59 s', { maxMessageAge: Duration.seconds(59) }, 'maxMessageAge 59s is outside'],
    ['maxMessageAge 60.5 s', { maxMessageAge: Duration.millis(60_500) }, 'maxMessageAge 60.5s is not a whole number of seconds'],
  ] as const)('fails if given %s', (_name, more, expected) => {
    const problems = problemsOf({ functionProps: FUNCTION_PROPS, ...more });
    expect(problems).toEqual([expect.stringContaining(expected)]);
  });

  test('the fraction rule suggests the whole number below, or the minimum', () => {
    expect(problemsOf({ functionProps: FUNCTION_PROPS, maxConcurrency: 2.5 })).toEqual([expect.stringContaining('Set maxConcurrency to a whole number in 2–1,000, such as 2.')]);
    expect(problemsOf({ functionProps: FUNCTION_PROPS, maxConcurrency: 1.5 })).toEqual([expect.stringContaining('Set maxConcurrency to a whole number in 2–1,000, such as 2.')]);
    expect(problemsOf({ functionProps: FUNCTION_PROPS, maxMessageAge: Duration.millis(90_500) })).toEqual([expect.stringContaining('Set maxMessageAge to a whole number of seconds in')]);
  });

  test('warns at maxReceiveCount 4, not at 5', () => {
    expect(warningsOf((stack) => new QueueConsumer(stack, 'Consumer', { functionProps: FUNCTION_PROPS, maxReceiveCount: 4 })))
      .toEqual([expect.stringMatching(/^maxReceiveCount 4 is below 5: .*Raise maxReceiveCount to at least 5, or acknowledge this warning if the handler really must give up sooner\. \[ack: /)]);
    expect(warningsOf((stack) => new QueueConsumer(stack, 'Consumer', { functionProps: FUNCTION_PROPS, maxReceiveCount: 5 }))).toEqual([]);
  });
});
