import { Annotations as CoreAnnotations, CfnParameter, Duration } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CfnLogGroup, LogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QUEUE_CONSUMER_RULES as R, QueueConsumer, QueueConsumerProps } from '../../../lib';
import { FUNCTION_PROPS, newStack, validationErrorOf } from './support';

const fnProps = (more: Partial<QueueConsumerProps> = {}): QueueConsumerProps => ({ functionProps: FUNCTION_PROPS, ...more });

/** The warnings a consumer made with these props shows, as `code: message`. */
function warningsOf(build: (stack: ReturnType<typeof newStack>) => void): string[] {
  const stack = newStack();
  build(stack);
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
}

describe('QueueConsumer validation: errors', () => {
  test('fails if the visibility timeout is less than 6 x the function timeout + the batching window', () => {
    const e = validationErrorOf(fnProps({
      functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(60) },
      queueProps: { visibilityTimeout: Duration.seconds(30) },
      maxBatchingWindow: Duration.seconds(10),
    }));
    expect(e.problems.map((p) => p.code)).toEqual([R.visibilityTimeout]);
    expect(e.message).toContain('Test/Consumer: queueProps.visibilityTimeout 30s is less than 6 x the function timeout (functionProps.timeout 60s) + the batching window (10s) = 370s');
    expect(e.message).toContain('Raise queueProps.visibilityTimeout to at least 370s, or lower the function timeout.');
  });

  test('accepts a visibility timeout of exactly 6 x the function timeout', () => {
    const stack = newStack();
    expect(() => new QueueConsumer(stack, 'Consumer', fnProps({ queueProps: { visibilityTimeout: Duration.seconds(180) } }))).not.toThrow();
  });

  test('fails if a brought queue\'s visibility timeout is too short for a brought function', () => {
    const stack = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq');
    const queue = new sqs.Queue(stack, 'Queue', { deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } }); // SQS default 30 s
    const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X, timeout: Duration.seconds(10) });
    const e = validationErrorOf({ queue, function: fn }, stack);
    expect(e.message).toContain('queue visibilityTimeout 30s is less than 6 x the function timeout (function timeout 10s)');
    expect(e.message).toContain('Raise queue visibilityTimeout to at least 60s');
  });

  test('fails if the batch size is above 10 on a FIFO queue', () => {
    const e = validationErrorOf(fnProps({ fifo: true, batchSize: 11 }));
    expect(e.problems[0].code).toBe(R.batchSize);
    expect(e.message).toContain('batchSize 11 is outside BatchSize\'s allowed range 1–10');
    expect(e.message).toContain('for a FIFO queue. Set batchSize to a value in 1–10.');
  });

  test('fails if the batch size is above 10,000 on a standard queue', () => {
    const e = validationErrorOf(fnProps({ batchSize: 10_001, maxBatchingWindow: Duration.seconds(1) }));
    expect(e.message).toContain('batchSize 10001 is outside BatchSize\'s allowed range 1–10,000');
  });

  test('fails if the batch size is above 10 without a batching window', () => {
    const e = validationErrorOf(fnProps({ batchSize: 100 }));
    expect(e.problems.map((p) => p.code)).toEqual([R.batchSizeWithoutWindow]);
    expect(e.message).toContain('batchSize 100 is above 10 without a batching window of at least 1s');
    expect(e.message).toContain('Set maxBatchingWindow (1–300s), or lower batchSize to 10.');
  });

  test('fails if the batching window is above 300 s', () => {
    const e = validationErrorOf(fnProps({ maxBatchingWindow: Duration.seconds(301) }));
    expect(e.problems.map((p) => p.code)).toEqual([R.batchingWindow]);
    expect(e.message).toContain('maxBatchingWindow 301s is outside MaximumBatchingWindowInSeconds\'s allowed range 0–300 seconds');
    expect(e.message).toContain('Set maxBatchingWindow to a value in 0–300 seconds.');
  });

  test('fails if a batching window is set on a FIFO queue', () => {
    const e = validationErrorOf(fnProps({ fifo: true, maxBatchingWindow: Duration.seconds(5) }));
    expect(e.problems.map((p) => p.code)).toEqual([R.batchingWindowFifo]);
    expect(e.message).toContain('maxBatchingWindow 5s is set on a FIFO queue');
    expect(e.message).toContain('Remove maxBatchingWindow, or use a standard queue.');
  });

  test.each([1, 1001])('fails if maxConcurrency is %d, outside 2–1,000', (value) => {
    const e = validationErrorOf(fnProps({ maxConcurrency: value }));
    expect(e.problems.map((p) => p.code)).toEqual([R.maxConcurrency]);
    expect(e.message).toContain(`maxConcurrency ${value} is outside ScalingConfig.MaximumConcurrency's allowed range 2–1,000`);
    expect(e.message).toContain('Set maxConcurrency to a value in 2–1,000.');
  });

  test('fails if queueVisibilityTimeout is above SQS\'s 12 hours', () => {
    const stack = newStack();
    const queue = sqs.Queue.fromQueueArn(stack, 'Queue', 'arn:aws:sqs:eu-west-1:111111111111:payments');
    const deadLetterQueue = sqs.Queue.fromQueueArn(stack, 'Dlq', 'arn:aws:sqs:eu-west-1:111111111111:payments-dlq');
    const e = validationErrorOf(fnProps({ queue, deadLetterQueue, queueVisibilityTimeout: Duration.hours(13) }), stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.visibilityTimeoutRange]);
    expect(e.message).toContain('queueVisibilityTimeout 46800s is outside VisibilityTimeout\'s allowed range 0–43,200 seconds');
    expect(e.message).toContain('Set queueVisibilityTimeout to a value in 0–43,200 seconds.');
  });

  test('fails if maxReceiveCount is outside SQS\'s 1–1,000', () => {
    const e = validationErrorOf(fnProps({ maxReceiveCount: 0 }));
    expect(e.problems.map((p) => p.code)).toEqual([R.maxReceiveCountRange]);
    expect(e.message).toContain('maxReceiveCount 0 is outside maxReceiveCount\'s allowed range 1–1,000');
  });

  test('fails if both function and functionProps are given', () => {
    const stack = newStack();
    const fn = lambda.Function.fromFunctionName(stack, 'Fn', 'payments');
    const e = validationErrorOf({ function: fn, functionProps: FUNCTION_PROPS }, stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.exactlyOneFunction]);
    expect(e.message).toContain('function / functionProps are both given');
    expect(e.message).toContain('Pass exactly one of function and functionProps.');
  });

  test('fails if neither function nor functionProps is given', () => {
    expect(validationErrorOf({}).message).toContain('function / functionProps are both missing');
  });

  test('fails if an imported function comes without functionTimeout', () => {
    const stack = newStack();
    const e = validationErrorOf({ function: lambda.Function.fromFunctionName(stack, 'Fn', 'payments') }, stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.functionTimeoutRequired]);
    expect(e.message).toContain('functionTimeout is missing: the imported function\'s timeout cannot be read at synth time');
    expect(e.message).toContain('Set functionTimeout to the function\'s configured timeout.');
  });

  test('fails if functionTimeout is outside Lambda\'s 1–900 s', () => {
    const stack = newStack();
    const e = validationErrorOf({ function: lambda.Function.fromFunctionName(stack, 'Fn', 'payments'), functionTimeout: Duration.seconds(901) }, stack);
    expect(e.problems.map((p) => p.code)).toContain(R.functionTimeoutRange);
    expect(e.message).toContain('functionTimeout 901s is outside Timeout\'s allowed range 1–900 seconds');
  });

  test('fails if the fifo prop does not match a brought queue', () => {
    const stack = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq');
    const queue = new sqs.Queue(stack, 'Queue', { visibilityTimeout: Duration.minutes(5), deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    const e = validationErrorOf(fnProps({ queue, fifo: true }), stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.fifoMismatch]);
    expect(e.message).toContain('fifo true does not match the brought queue, which is standard');
    expect(e.message).toContain('Set fifo to false, or leave it out.');
  });

  test('fails if the dead-letter queue is FIFO and the queue standard', () => {
    const stack = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq', { fifo: true });
    const e = validationErrorOf(fnProps({ deadLetterQueue: dlq }), stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.deadLetterFifoMismatch]);
    expect(e.message).toContain('deadLetterQueue (FIFO) does not match the standard queue');
    expect(e.message).toContain('Use a standard dead-letter queue.');
  });

  test('fails if a brought queue has no dead-letter queue', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Queue', { visibilityTimeout: Duration.minutes(5) });
    const e = validationErrorOf(fnProps({ queue }), stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.deadLetterQueueRequired]);
    expect(e.message).toContain('queue has no dead-letter queue');
    expect(e.message).toContain('Give the queue a redrive policy');
  });

  test('fails if queue-shaping props come with a brought queue', () => {
    const stack = newStack();
    const queue = sqs.Queue.fromQueueArn(stack, 'Queue', 'arn:aws:sqs:eu-west-1:111111111111:payments');
    const e = validationErrorOf(fnProps({ queue, queueProps: {}, maxReceiveCount: 5 }), stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.queueOptionOnBroughtQueue]);
    expect(e.message).toContain('queueProps, maxReceiveCount is given with a brought queue');
  });

  test('reports every problem at once, with the construct path', () => {
    const e = validationErrorOf(fnProps({
      fifo: true,
      batchSize: 20,
      maxBatchingWindow: Duration.seconds(400),
      maxConcurrency: 1,
      queueProps: { visibilityTimeout: Duration.seconds(10) },
    }));
    expect(e.problems.map((p) => p.code).sort()).toEqual([
      R.batchSize, R.batchingWindow, R.batchingWindowFifo, R.maxConcurrency, R.visibilityTimeout,
    ].sort());
    expect(e.message).toMatch(/^Test\/Consumer has 5 invalid settings:/);
    expect(e.problems.every((p) => p.path === 'Test/Consumer')).toBe(true);
  });

  test('skips values that are tokens', () => {
    const stack = newStack();
    const size = new CfnParameter(stack, 'BatchSize', { type: 'Number' }).valueAsNumber;
    expect(() => new QueueConsumer(stack, 'Consumer', fnProps({ batchSize: size }))).not.toThrow();
  });
});

describe('QueueConsumer validation: warnings', () => {
  test('warns if maxReceiveCount is below 5, with a code to acknowledge', () => {
    const warnings = warningsOf((stack) => new QueueConsumer(stack, 'Consumer', fnProps({ maxReceiveCount: 2 })));
    expect(warnings).toEqual([expect.stringContaining('maxReceiveCount 2 is below 5: a throttled invocation still counts as a receive')]);
    expect(warnings[0]).toContain('Raise maxReceiveCount to at least 5');
    expect(warnings[0]).toContain(`[ack: ${R.maxReceiveCount}]`);
  });

  test('an acknowledged maxReceiveCount warning is not shown', () => {
    const warnings = warningsOf((stack) => {
      const c = new QueueConsumer(stack, 'Consumer', fnProps({ maxReceiveCount: 2 }));
      CoreAnnotations.of(c).acknowledgeWarning(R.maxReceiveCount, 'poison messages fail fast');
    });
    expect(warnings).toEqual([]);
  });

  test('warns if the function\'s reserved concurrency is lower than maxConcurrency', () => {
    const warnings = warningsOf((stack) => new QueueConsumer(stack, 'Consumer', fnProps({
      functionProps: { ...FUNCTION_PROPS, reservedConcurrentExecutions: 20 },
      maxConcurrency: 50,
    })));
    expect(warnings).toEqual([expect.stringContaining('function reservedConcurrentExecutions 20 is lower than the event source mapping\'s maxConcurrency (50)')]);
    expect(warnings[0]).toContain('Set maxConcurrency to at most 20, or raise the function\'s reserved concurrency.');
  });

  test('warns if the reserved concurrency is below the poller\'s 5 concurrent batches', () => {
    const warnings = warningsOf((stack) => new QueueConsumer(stack, 'Consumer', fnProps({
      functionProps: { ...FUNCTION_PROPS, reservedConcurrentExecutions: 3 },
    })));
    expect(warnings).toEqual([expect.stringContaining('function reservedConcurrentExecutions 3 is below 5: the SQS poller starts with 5 concurrent batches')]);
  });

  test('warns about reserved concurrency set after the construct (checked when the app is built)', () => {
    const warnings = warningsOf((stack) => {
      const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X });
      new QueueConsumer(stack, 'Consumer', { function: fn, maxConcurrency: 10 });
      (fn.node.defaultChild as lambda.CfnFunction).reservedConcurrentExecutions = 4;
    });
    expect(warnings.some((w) => w.includes('reservedConcurrentExecutions 4 is lower than the event source mapping\'s maxConcurrency (10)'))).toBe(true);
    expect(warnings.some((w) => w.includes(R.reservedBelowPoller))).toBe(true);
  });

  test('derives maxConcurrency from a brought function\'s reserved concurrency, so nothing is throttled', () => {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X, reservedConcurrentExecutions: 25 });
    const consumer = new QueueConsumer(stack, 'Consumer', { function: fn });
    expect(stack.resolve((consumer.eventSourceMapping.node.defaultChild as lambda.CfnEventSourceMapping).scalingConfig)).toEqual({ maximumConcurrency: 25 });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('warns if the dead-letter queue keeps messages no longer than the queue', () => {
    const warnings = warningsOf((stack) => new QueueConsumer(stack, 'Consumer', fnProps({ queueProps: { retentionPeriod: Duration.days(14) } })));
    expect(warnings).toEqual([expect.stringContaining('deadLetterQueue retentionPeriod 1209600s is not longer than the queue\'s (1209600s)')]);
  });

  test('warns if a brought queue\'s key is imported: its key policy cannot be seen', () => {
    const warnings = warningsOf((stack) => {
      const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      const queue = sqs.Queue.fromQueueAttributes(stack, 'Queue', { queueArn: 'arn:aws:sqs:eu-west-1:111111111111:payments', keyArn: key.keyArn });
      const deadLetterQueue = sqs.Queue.fromQueueArn(stack, 'Dlq', 'arn:aws:sqs:eu-west-1:111111111111:payments-dlq');
      new QueueConsumer(stack, 'Consumer', fnProps({ queue, deadLetterQueue, queueVisibilityTimeout: Duration.minutes(3) }));
    });
    expect(warnings.filter((w) => w.includes(R.importedKey))).toEqual([expect.stringContaining('queue encryptionMasterKey \'arn:aws:kms:eu-west-1:111111111111:key/')]);
  });

  const IMPORTED_KEY_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

  test('warns if encryptionKey is imported and so cannot take the statement that lets CloudWatch Logs use it', () => {
    const stack = newStack();
    const encryptionKey = kms.Key.fromKeyArn(stack, 'Key', IMPORTED_KEY_ARN);
    new QueueConsumer(stack, 'Consumer', fnProps({ encryptionKey }));
    const found = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(R.keyPolicyNotEditable)).map((w) => String(w.entry.data));
    expect(found).toEqual([expect.stringContaining(`encryptionKey ${IMPORTED_KEY_ARN} is a key whose policy cannot be edited here (imported)`)]);
    expect(found[0]).toContain('the log group fails to create at deploy');
    // THEN the statement to add is given whole, as CloudFormation would write it: the one a key made here gets
    const statement = JSON.parse(found[0].slice(found[0].indexOf('{'), found[0].lastIndexOf('}') + 1)) as Record<string, unknown>;
    const logGroupName = stack.resolve((stack.node.findChild('Consumer').node.findChild('FunctionLogs').node.defaultChild as CfnLogGroup).logGroupName);
    expect(statement).toEqual({
      Sid: expect.stringMatching(/^AllowLogsFor/),
      Effect: 'Allow',
      Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: {
        ArnEquals: {
          // The Region is known, so @aws-cdk/core:enablePartitionLiterals writes the partition out.
          'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:eu-west-1:111111111111:log-group:${logGroupName}`,
        },
      },
    });
  });

  test('warns if encryptionKey is imported, naming in imported-key every statement the pattern could not add', () => {
    const warnings = warningsOf((stack) => {
      new QueueConsumer(stack, 'Consumer', fnProps({ encryptionKey: kms.Key.fromKeyArn(stack, 'Key', IMPORTED_KEY_ARN) }));
    });
    const found = warnings.filter((w) => w.includes(R.importedKey));
    expect(found).toEqual([expect.stringContaining(`encryptionKey '${IMPORTED_KEY_ARN}' is imported`)]);
    // THEN both are listed, pasteable as the policy's Statement list: the log group's and the alarm topic's
    const list = found[0].slice(found[0].indexOf('['), found[0].lastIndexOf(']', found[0].indexOf('[ack:') - 1) + 1);
    const statements = JSON.parse(list) as { Principal: { Service: string } }[];
    expect(statements.map((st) => st.Principal.Service)).toEqual(['logs.eu-west-1.amazonaws.com', 'cloudwatch.amazonaws.com']);
    expect(found[0]).toContain('could not add these 2 statements');
    expect(found[0]).toContain('add the statements above to it');
  });

  test('warns if encryptionKey is imported, listing nothing to add when the pattern adds nothing to its policy', () => {
    const warnings = warningsOf((stack) => {
      new QueueConsumer(stack, 'Consumer', fnProps({
        encryptionKey: kms.Key.fromKeyArn(stack, 'Key', IMPORTED_KEY_ARN),
        functionProps: { ...FUNCTION_PROPS, logGroup: new LogGroup(stack, 'Logs') },
        alarmTopic: new Topic(stack, 'Alarms'),
      }));
    });
    expect(warnings.filter((w) => w.includes(R.keyPolicyNotEditable))).toEqual([]);
    const found = warnings.filter((w) => w.includes(R.importedKey));
    expect(found).toHaveLength(1);
    expect(found[0]).not.toContain('could not add');
  });

  test('warns if a brought queue\'s key is in another account: the pattern cannot grant it', () => {
    const warnings = warningsOf((stack) => {
      const queue = sqs.Queue.fromQueueAttributes(stack, 'Queue', {
        queueArn: 'arn:aws:sqs:eu-west-1:111111111111:payments',
        keyArn: 'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      });
      const deadLetterQueue = sqs.Queue.fromQueueArn(stack, 'Dlq', 'arn:aws:sqs:eu-west-1:111111111111:payments-dlq');
      new QueueConsumer(stack, 'Consumer', fnProps({ queue, deadLetterQueue, queueVisibilityTimeout: Duration.minutes(3) }));
    });
    const found = warnings.filter((w) => w.includes(R.keyNotGrantable));
    expect(found).toEqual([expect.stringContaining('belongs to account 222222222222, not the stack\'s (111111111111)')]);
    expect(found[0]).toContain('Add the function\'s role to the key policy in account 222222222222 (kms:Decrypt)');
  });
});
