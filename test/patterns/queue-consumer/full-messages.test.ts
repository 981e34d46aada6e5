import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueConsumer, QueueConsumerProps, ValidationError } from '../../../lib';
import { FUNCTION_PROPS, newStack } from './support';

/**
 * Every error and warning a QueueConsumer gives, asserted whole: the head, each problem's prop, value, rule (with its
 * AWS source), fix and code. A word changed in any of them, or a problem given for the wrong prop, fails here.
 */

const fnProps = (more: Partial<QueueConsumerProps> = {}): QueueConsumerProps => ({ functionProps: FUNCTION_PROPS, ...more });
const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:111111111111:payments';
const DLQ_ARN = 'arn:aws:sqs:eu-west-1:111111111111:payments-dlq';
const KEY_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const FOREIGN_KEY_ARN = 'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** The lines of the ValidationError that building in a fresh stack throws. */
function errorLines(build: (stack: Stack) => void): string[] {
  const stack = newStack();
  try {
    build(stack);
  } catch (error) {
    if (error instanceof ValidationError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ValidationError, the consumer was accepted');
}

/** Every warning shown once `build` has made its consumer in a fresh stack. */
function warningsOf(build: (stack: Stack) => void): string[] {
  const stack = newStack();
  build(stack);
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
}

type Build = (stack: Stack) => void;

describe('QueueConsumer errors, whole', () => {
  test.each<[string, Build, string[]]>([
    ['fails if the visibility timeout is less than 6 x the function timeout + the batching window', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(60) }, queueProps: { visibilityTimeout: Duration.seconds(30) }, maxBatchingWindow: Duration.seconds(10) }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: queueProps.visibilityTimeout 30s is less than 6 x the function timeout (functionProps.timeout 60s) + the batching window (10s) = 370s: messages would reappear while still being processed, and AWS rejects the mapping outright below 1 x the timeout (Lambda developer guide, configuring SQS event sources). Raise queueProps.visibilityTimeout to at least 370s, or lower the function timeout. [decoupled:queue-consumer/visibility-timeout]',
    ]],
    ['fails if a brought queue\'s visibility timeout is too short for a brought function', (s) => {
      const queue = new sqs.Queue(s, 'Queue', { deadLetterQueue: { queue: new sqs.Queue(s, 'Dlq'), maxReceiveCount: 5 } });
      new QueueConsumer(s, 'Consumer', { queue, function: new lambda.Function(s, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X, timeout: Duration.seconds(10) }) });
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: queue visibilityTimeout 30s is less than 6 x the function timeout (function timeout 10s) + the batching window (0s) = 60s: messages would reappear while still being processed, and AWS rejects the mapping outright below 1 x the timeout (Lambda developer guide, configuring SQS event sources). Raise queue visibilityTimeout to at least 60s, or lower the function timeout. [decoupled:queue-consumer/visibility-timeout]',
    ]],
    ['fails if the batch size is 11 on a FIFO queue', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ fifo: true, batchSize: 11 }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: batchSize 11 is outside BatchSize\'s allowed range 1–10 (Lambda API-model CreateEventSourceMapping) for a FIFO queue. Set batchSize to a value in 1–10. [decoupled:queue-consumer/batch-size]',
    ]],
    ['fails if the batch size is 10,001 on a standard queue', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ batchSize: 10_001, maxBatchingWindow: Duration.seconds(1) }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: batchSize 10001 is outside BatchSize\'s allowed range 1–10,000 (Lambda API-model CreateEventSourceMapping) for a standard queue. Set batchSize to a value in 1–10,000. [decoupled:queue-consumer/batch-size]',
    ]],
    ['fails if the batch size is 11 without a batching window', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ batchSize: 11 }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: batchSize 11 is above 10 without a batching window of at least 1s (Lambda API-model CreateEventSourceMapping). Set maxBatchingWindow (1–300s), or lower batchSize to 10. [decoupled:queue-consumer/batch-size-without-window]',
    ]],
    ['fails if the batch size is 11 with a batching window of 0 s', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ batchSize: 11, maxBatchingWindow: Duration.seconds(0) }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: batchSize 11 is above 10 without a batching window of at least 1s (Lambda API-model CreateEventSourceMapping). Set maxBatchingWindow (1–300s), or lower batchSize to 10. [decoupled:queue-consumer/batch-size-without-window]',
    ]],
    ['fails if the batching window is 301 s', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ maxBatchingWindow: Duration.seconds(301) }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: maxBatchingWindow 301s is outside MaximumBatchingWindowInSeconds\'s allowed range 0–300 seconds (Lambda API-model CreateEventSourceMapping). Set maxBatchingWindow to a value in 0–300 seconds. [decoupled:queue-consumer/batching-window]',
    ]],
    ['fails if a batching window is set on a FIFO queue', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ fifo: true, maxBatchingWindow: Duration.seconds(5) }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: maxBatchingWindow 5s is set on a FIFO queue: Lambda supports a batching window on standard queues only (Lambda API-model CreateEventSourceMapping). Remove maxBatchingWindow, or use a standard queue. [decoupled:queue-consumer/batching-window-fifo]',
    ]],
    ['fails if maxConcurrency is 1', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ maxConcurrency: 1 }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: maxConcurrency 1 is outside ScalingConfig.MaximumConcurrency\'s allowed range 2–1,000 (Lambda API-model ScalingConfig). Set maxConcurrency to a value in 2–1,000. [decoupled:queue-consumer/max-concurrency]',
    ]],
    ['fails if maxConcurrency is 1,001', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ maxConcurrency: 1001 }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: maxConcurrency 1001 is outside ScalingConfig.MaximumConcurrency\'s allowed range 2–1,000 (Lambda API-model ScalingConfig). Set maxConcurrency to a value in 2–1,000. [decoupled:queue-consumer/max-concurrency]',
    ]],
    ['fails if maxConcurrency is 2.5, suggesting 2', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ maxConcurrency: 2.5 }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: maxConcurrency 2.5 is not a whole number: AWS takes only integers here (Lambda API-model ScalingConfig). Set maxConcurrency to a whole number in 2–1,000, such as 2. [decoupled:queue-consumer/max-concurrency]',
    ]],
    ['fails if queueVisibilityTimeout is 13 hours', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ queue: sqs.Queue.fromQueueArn(s, 'Queue', QUEUE_ARN), deadLetterQueue: sqs.Queue.fromQueueArn(s, 'Dlq', DLQ_ARN), queueVisibilityTimeout: Duration.hours(13) }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: queueVisibilityTimeout 46800s is outside VisibilityTimeout\'s allowed range 0–43,200 seconds (SQS API-model CreateQueue). Set queueVisibilityTimeout to a value in 0–43,200 seconds. [decoupled:queue-consumer/visibility-timeout-range]',
    ]],
    ['fails if maxReceiveCount is 0', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ maxReceiveCount: 0 }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: maxReceiveCount 0 is outside maxReceiveCount\'s allowed range 1–1,000 (SQS developer guide, configure a dead-letter queue). Set maxReceiveCount to a value in 1–1,000. [decoupled:queue-consumer/max-receive-count-range]',
    ]],
    ['fails if maxReceiveCount is 1,001', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ maxReceiveCount: 1001 }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: maxReceiveCount 1001 is outside maxReceiveCount\'s allowed range 1–1,000 (SQS developer guide, configure a dead-letter queue). Set maxReceiveCount to a value in 1–1,000. [decoupled:queue-consumer/max-receive-count-range]',
    ]],
    ['fails if maxMessageAge is 59 s', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ maxMessageAge: Duration.seconds(59) }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: maxMessageAge 59s is outside MessageRetentionPeriod\'s allowed range 60–1,209,600 seconds (SQS API-model CreateQueue). Set maxMessageAge to a value in 60–1,209,600 seconds. [decoupled:queue-consumer/max-message-age-range]',
    ]],
    ['fails if both function and functionProps are given', (s) => {
      new QueueConsumer(s, 'Consumer', { function: lambda.Function.fromFunctionName(s, 'Fn', 'payments'), functionProps: FUNCTION_PROPS });
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: function / functionProps are both given: the consumer is either a function you bring or one the pattern makes. Pass exactly one of function and functionProps. [decoupled:queue-consumer/exactly-one-function]',
    ]],
    ['fails if neither function nor functionProps is given', (s) => {
      new QueueConsumer(s, 'Consumer', {});
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: function / functionProps are both missing: the consumer is either a function you bring or one the pattern makes. Pass exactly one of function and functionProps. [decoupled:queue-consumer/exactly-one-function]',
    ]],
    ['fails if an imported function comes without functionTimeout', (s) => {
      new QueueConsumer(s, 'Consumer', { function: lambda.Function.fromFunctionName(s, 'Fn', 'payments') });
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: functionTimeout is missing: the imported function\'s timeout cannot be read at synth time, and the visibility timeout rule needs it. Set functionTimeout to the function\'s configured timeout. [decoupled:queue-consumer/function-timeout-required]',
    ]],
    ['fails if functionTimeout is 901 s', (s) => {
      new QueueConsumer(s, 'Consumer', { function: lambda.Function.fromFunctionName(s, 'Fn', 'payments'), functionTimeout: Duration.seconds(901) });
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: functionTimeout 901s is outside Timeout\'s allowed range 1–900 seconds (Lambda developer guide, quotas). Set functionTimeout to a value in 1–900 seconds. [decoupled:queue-consumer/function-timeout-range]',
    ]],
    ['fails if functionTimeout is 0 s', (s) => {
      new QueueConsumer(s, 'Consumer', { function: lambda.Function.fromFunctionName(s, 'Fn', 'payments'), functionTimeout: Duration.seconds(0) });
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: functionTimeout 0s is outside Timeout\'s allowed range 1–900 seconds (Lambda developer guide, quotas). Set functionTimeout to a value in 1–900 seconds. [decoupled:queue-consumer/function-timeout-range]',
    ]],
    ['fails if fifo: true is given with a brought standard queue', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ queue: new sqs.Queue(s, 'Queue', { visibilityTimeout: Duration.minutes(5), deadLetterQueue: { queue: new sqs.Queue(s, 'Dlq'), maxReceiveCount: 5 } }), fifo: true }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: fifo true does not match the brought queue, which is standard (a queue\'s type is fixed at creation). Set fifo to false, or leave it out. [decoupled:queue-consumer/fifo-mismatch]',
    ]],
    ['fails if fifo: false is given with a brought FIFO queue', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ queue: new sqs.Queue(s, 'Queue', { fifo: true, visibilityTimeout: Duration.minutes(5), deadLetterQueue: { queue: new sqs.Queue(s, 'Dlq', { fifo: true }), maxReceiveCount: 5 } }), fifo: false }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: fifo false does not match the brought queue, which is FIFO (a queue\'s type is fixed at creation). Set fifo to true, or leave it out. [decoupled:queue-consumer/fifo-mismatch]',
    ]],
    ['fails if the dead-letter queue is FIFO and the queue standard', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ deadLetterQueue: new sqs.Queue(s, 'Dlq', { fifo: true }) }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: deadLetterQueue (FIFO) does not match the standard queue: SQS only redrives FIFO to FIFO and standard to standard (SQS API-model, RedrivePolicy). Use a standard dead-letter queue. [decoupled:queue-consumer/dead-letter-fifo-mismatch]',
    ]],
    ['fails if a brought queue has no dead-letter queue', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ queue: new sqs.Queue(s, 'Queue', { visibilityTimeout: Duration.minutes(5) }) }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: queue has no dead-letter queue: a message that always fails would be retried until it expires, blocking or hiding every other failure. Give the queue a redrive policy (sqs.Queue `deadLetterQueue: { queue, maxReceiveCount: 5 }`), or let the pattern make the queue. [decoupled:queue-consumer/dead-letter-queue-required]',
    ]],
    ['fails if queueProps and maxReceiveCount come with a brought queue', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ queue: sqs.Queue.fromQueueArn(s, 'Queue', QUEUE_ARN), queueProps: {}, maxReceiveCount: 5 }));
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: queueProps, maxReceiveCount is given with a brought queue: these only shape a queue the pattern makes, and would be silently ignored. Set them on your queue (its props, its redrive policy), or drop queue and let the pattern make it. [decoupled:queue-consumer/queue-option-on-brought-queue]',
    ]],
    ['fails if an imported queue\'s queueVisibilityTimeout is too short for an imported function\'s functionTimeout, naming both props', (s) => {
      new QueueConsumer(s, 'Consumer', { queue: sqs.Queue.fromQueueArn(s, 'Queue', QUEUE_ARN), deadLetterQueue: sqs.Queue.fromQueueArn(s, 'Dlq', DLQ_ARN), queueVisibilityTimeout: Duration.seconds(59), function: lambda.Function.fromFunctionAttributes(s, 'Fn', { functionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:payments', role: iam.Role.fromRoleArn(s, 'Role', 'arn:aws:iam::111111111111:role/payments') }), functionTimeout: Duration.seconds(10) });
    }, [
      'Test/Consumer has an invalid setting:',
      '  ✖ Test/Consumer: queueVisibilityTimeout 59s is less than 6 x the function timeout (functionTimeout 10s) + the batching window (0s) = 60s: messages would reappear while still being processed, and AWS rejects the mapping outright below 1 x the timeout (Lambda developer guide, configuring SQS event sources). Raise queueVisibilityTimeout to at least 60s, or lower the function timeout. [decoupled:queue-consumer/visibility-timeout]',
    ]],
  ])('%s', (_title, build, expected) => {
    // GIVEN the props WHEN the consumer is made THEN the whole error is as expected
    expect(errorLines(build)).toEqual(expected);
  });
});

describe('QueueConsumer warnings, whole', () => {
  test.each<[string, Build, string[]]>([
    ['warns if an imported function comes without its role', (s) => {
      new QueueConsumer(s, 'Consumer', { function: lambda.Function.fromFunctionAttributes(s, 'Fn', { functionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:payments' }), functionTimeout: Duration.seconds(10) });
    }, [
      'function has no known role: the pattern cannot grant it the queue, and Lambda refuses to create the event source mapping for a role that cannot receive. Import the function with its role (Function.fromFunctionAttributes `role`), or grant that role sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes (and kms:Decrypt on the queue key) yourself, then acknowledge this warning. [ack: decoupled:queue-consumer/function-role-unknown]',
    ]],
    ['accepts a batch size of 11 with a batching window known only at deploy', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ batchSize: 11, maxBatchingWindow: Duration.seconds(new CfnParameter(s, 'Window', { type: 'Number' }).valueAsNumber), queueProps: { visibilityTimeout: Duration.hours(1) } }));
    }, []],
    ['warns if maxReceiveCount is 4', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ maxReceiveCount: 4 }));
    }, [
      'maxReceiveCount 4 is below 5: a throttled invocation still counts as a receive, so healthy messages can reach the dead-letter queue (Lambda developer guide, SQS event source (2023 guide)). Raise maxReceiveCount to at least 5, or acknowledge this warning if the handler really must give up sooner. [ack: decoupled:queue-consumer/max-receive-count]',
    ]],
    ['warns if the function\'s reserved concurrency 20 is lower than maxConcurrency 50', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ functionProps: { ...FUNCTION_PROPS, reservedConcurrentExecutions: 20 }, maxConcurrency: 50 }));
    }, [
      'function reservedConcurrentExecutions 20 is lower than the event source mapping\'s maxConcurrency (50): the poller would be throttled, and every throttled receive counts toward maxReceiveCount (Lambda API-model ScalingConfig). Set maxConcurrency to at most 20, or raise the function\'s reserved concurrency. [ack: decoupled:queue-consumer/reserved-concurrency-below-max-concurrency]',
    ]],
    ['warns if the reserved concurrency 4 is below the poller\'s 5 concurrent batches and below maxConcurrency', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ functionProps: { ...FUNCTION_PROPS, reservedConcurrentExecutions: 4 }, maxConcurrency: 10 }));
    }, [
      'function reservedConcurrentExecutions 4 is lower than the event source mapping\'s maxConcurrency (10): the poller would be throttled, and every throttled receive counts toward maxReceiveCount (Lambda API-model ScalingConfig). Set maxConcurrency to at most 4, or raise the function\'s reserved concurrency. [ack: decoupled:queue-consumer/reserved-concurrency-below-max-concurrency]',
      'function reservedConcurrentExecutions 4 is below 5: the SQS poller starts with 5 concurrent batches, so it is throttled from the first message (Lambda developer guide, SQS scaling). Raise the function\'s reserved concurrency to at least 5. [ack: decoupled:queue-consumer/reserved-concurrency-below-poller]',
    ]],
    ['warns about a reserved concurrency of 20 when maxConcurrency is known only at deploy: the mapping may run up to 1,000 batches', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ functionProps: { ...FUNCTION_PROPS, reservedConcurrentExecutions: 20 }, maxConcurrency: new CfnParameter(s, 'Max', { type: 'Number' }).valueAsNumber }));
    }, [
      'function reservedConcurrentExecutions 20 is lower than the event source mapping\'s uncapped concurrency (up to 1000 batches): the poller would be throttled, and every throttled receive counts toward maxReceiveCount (Lambda API-model ScalingConfig). Set maxConcurrency to at most 20, or raise the function\'s reserved concurrency. [ack: decoupled:queue-consumer/reserved-concurrency-below-max-concurrency]',
    ]],
    ['warns if the dead-letter queue keeps messages as long as the queue (14 days)', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ queueProps: { retentionPeriod: Duration.days(14) } }));
    }, [
      'deadLetterQueue retentionPeriod 1209600s is not longer than the queue\'s (1209600s): a standard message keeps its enqueue time in the dead-letter queue and can expire there almost at once. Give the dead-letter queue a longer retentionPeriod (up to 1209600s), or shorten the queue\'s. [ack: decoupled:queue-consumer/dead-letter-retention]',
    ]],
    ['warns if a brought queue\'s key is imported', (s) => {
      const queue = sqs.Queue.fromQueueAttributes(s, 'Queue', { queueArn: QUEUE_ARN, keyArn: KEY_ARN });
      new QueueConsumer(s, 'Consumer', fnProps({ queue, deadLetterQueue: sqs.Queue.fromQueueArn(s, 'Dlq', DLQ_ARN), queueVisibilityTimeout: Duration.minutes(3) }));
    }, [
      'queue encryptionMasterKey \'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab\' is imported: the function is granted kms:Decrypt in IAM, which works only if the key policy lets this account\'s IAM policies grant it (the default key policy does). Check the key policy, then acknowledge this warning; or use a key made in this app. [ack: decoupled:queue-consumer/imported-key]',
    ]],
    ['warns if a brought queue\'s key is in another account', (s) => {
      const queue = sqs.Queue.fromQueueAttributes(s, 'Queue', { queueArn: QUEUE_ARN, keyArn: FOREIGN_KEY_ARN });
      new QueueConsumer(s, 'Consumer', fnProps({ queue, deadLetterQueue: sqs.Queue.fromQueueArn(s, 'Dlq', DLQ_ARN), queueVisibilityTimeout: Duration.minutes(3) }));
    }, [
      'queue encryptionMasterKey \'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab\' belongs to account 222222222222, not the stack\'s (111111111111): an IAM grant alone cannot let the function decrypt with it, and the key policy is not in this app. Add the function\'s role to the key policy in account 222222222222 (kms:Decrypt), then acknowledge this warning; or use a key in this account. [ack: decoupled:queue-consumer/key-not-grantable]',
    ]],
    ['warns if encryptionKey is imported and the pattern brings its own log group but not the alarm topic: one statement not added', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ encryptionKey: kms.Key.fromKeyArn(s, 'Key', KEY_ARN), functionProps: { ...FUNCTION_PROPS, logGroup: new LogGroup(s, 'Logs') } }));
    }, [
      'encryptionKey arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab is a key whose policy cannot be edited here (imported); without this statement CloudWatch cannot publish to the encrypted alarm topic, and no alarm notifies anyone. Add this statement to the key policy: {"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudwatch:eu-west-1:111111111111:alarm:*"}},"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Resource":"*"} [ack: decoupled:key-policy-not-editable]',
      'encryptionKey \'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab\' is imported: the function is granted kms:Decrypt in IAM, which works only if the key policy lets this account\'s IAM policies grant it (the default key policy does); and the pattern could not add this statement, which the services it set up need to use the key, to the key policy\'s Statement list: [{"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudwatch:eu-west-1:111111111111:alarm:*"}},"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Resource":"*"}]. Check the key policy, add the statements above to it, then acknowledge this warning; or use a key made in this app. [ack: decoupled:queue-consumer/imported-key]',
    ]],
    ['warns if encryptionKey is imported from another account: the statements to add there too', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ encryptionKey: kms.Key.fromKeyArn(s, 'Key', FOREIGN_KEY_ARN), functionProps: { ...FUNCTION_PROPS, logGroup: new LogGroup(s, 'Logs') } }));
    }, [
      'encryptionKey arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab is a key whose policy cannot be edited here (imported); without this statement CloudWatch cannot publish to the encrypted alarm topic, and no alarm notifies anyone. Add this statement to the key policy: {"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudwatch:eu-west-1:111111111111:alarm:*"}},"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Resource":"*"} [ack: decoupled:key-policy-not-editable]',
      'encryptionKey \'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab\' belongs to account 222222222222, not the stack\'s (111111111111): an IAM grant alone cannot let the function decrypt with it, and the key policy is not in this app; and the pattern could not add this statement, which the services it set up need to use the key, to the key policy\'s Statement list: [{"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudwatch:eu-west-1:111111111111:alarm:*"}},"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Resource":"*"}]. Add the function\'s role to the key policy in account 222222222222 (kms:Decrypt), and the statements above, then acknowledge this warning; or use a key in this account. [ack: decoupled:queue-consumer/key-not-grantable]',
    ]],
    ['warns if encryptionKey is imported with nothing to add to it', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ encryptionKey: kms.Key.fromKeyArn(s, 'Key', KEY_ARN), functionProps: { ...FUNCTION_PROPS, logGroup: new LogGroup(s, 'Logs') }, alarmTopic: new Topic(s, 'Alarms') }));
    }, [
      'encryptionKey \'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab\' is imported: the function is granted kms:Decrypt in IAM, which works only if the key policy lets this account\'s IAM policies grant it (the default key policy does). Check the key policy, then acknowledge this warning; or use a key made in this app. [ack: decoupled:queue-consumer/imported-key]',
    ]],
    ['warns if a brought queue\'s dead-letter queue is reached after 3 receives, naming the queue\'s redrive policy', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ queue: new sqs.Queue(s, 'Queue', { visibilityTimeout: Duration.minutes(3), deadLetterQueue: { queue: new sqs.Queue(s, 'Dlq', { retentionPeriod: Duration.days(14) }), maxReceiveCount: 3 } }) }));
    }, [
      'queue deadLetterQueue.maxReceiveCount 3 is below 5: a throttled invocation still counts as a receive, so healthy messages can reach the dead-letter queue (Lambda developer guide, SQS event source (2023 guide)). Raise queue deadLetterQueue.maxReceiveCount to at least 5, or acknowledge this warning if the handler really must give up sooner. [ack: decoupled:queue-consumer/max-receive-count]',
    ]],
    ['warns if a brought queue keeps messages as long as its dead-letter queue', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ queue: new sqs.Queue(s, 'Queue', { visibilityTimeout: Duration.minutes(3), retentionPeriod: Duration.days(7), deadLetterQueue: { queue: new sqs.Queue(s, 'Dlq', { retentionPeriod: Duration.days(7) }), maxReceiveCount: 5 } }) }));
    }, [
      'deadLetterQueue retentionPeriod 604800s is not longer than the queue\'s (604800s): a standard message keeps its enqueue time in the dead-letter queue and can expire there almost at once. Give the dead-letter queue a longer retentionPeriod (up to 1209600s), or shorten the queue\'s. [ack: decoupled:queue-consumer/dead-letter-retention]',
    ]],
    ['accepts a brought queue whose dead-letter queue keeps messages one second longer', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ queue: new sqs.Queue(s, 'Queue', { visibilityTimeout: Duration.minutes(3), retentionPeriod: Duration.days(7), deadLetterQueue: { queue: new sqs.Queue(s, 'Dlq', { retentionPeriod: Duration.seconds(604_801) }), maxReceiveCount: 5 } }) }));
    }, []],
    ['warns if a made queue keeps messages 14 days while its dead-letter queue is brought with SQS\'s default 4 days', (s) => {
      new QueueConsumer(s, 'Consumer', fnProps({ queueProps: { retentionPeriod: Duration.days(14) }, deadLetterQueue: new sqs.Queue(s, 'Dlq') }));
    }, [
      'deadLetterQueue retentionPeriod 345600s is not longer than the queue\'s (1209600s): a standard message keeps its enqueue time in the dead-letter queue and can expire there almost at once. Give the dead-letter queue a longer retentionPeriod (up to 1209600s), or shorten the queue\'s. [ack: decoupled:queue-consumer/dead-letter-retention]',
    ]],
  ])('%s', (_title, build, expected) => {
    // GIVEN the props WHEN the consumer is made THEN the whole warning list is as expected
    expect(warningsOf(build)).toEqual(expected);
  });
});
