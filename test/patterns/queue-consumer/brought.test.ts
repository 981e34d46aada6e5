import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QUEUE_CONSUMER_RULES as R, QueueConsumer } from '../../../lib';
import { FUNCTION_PROPS, newStack, validationErrorOf } from './support';

const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:111111111111:payments';
const DLQ_ARN = 'arn:aws:sqs:eu-west-1:111111111111:payments-dlq';

describe('QueueConsumer with a brought sqs.Queue and lambda.Function', () => {
  // GIVEN a queue with its own DLQ and a function made by the user; synthesized once (in beforeAll, so a throw fails the tests)
  let stack: Stack;
  let dlq: sqs.Queue;
  let queue: sqs.Queue;
  let fn: lambda.Function;
  let consumer: QueueConsumer;
  let template: Template;
  beforeAll(() => {
    stack = newStack();
    dlq = new sqs.Queue(stack, 'Dlq', { retentionPeriod: Duration.days(14) });
    queue = new sqs.Queue(stack, 'Queue', { visibilityTimeout: Duration.minutes(2), deadLetterQueue: { queue: dlq, maxReceiveCount: 8 } });
    fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X, timeout: Duration.seconds(20) });
    consumer = new QueueConsumer(stack, 'Consumer', { queue, function: fn });
    template = Template.fromStack(stack);
  });

  test('uses them as they are, with the queue\'s own dead-letter queue', () => {
    expect(consumer.queue).toBe(queue);
    expect(consumer.deadLetterQueue).toBe(dlq);
    expect(consumer.function).toBe(fn);
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.resourceCountIs('AWS::Lambda::Function', 1);
  });

  test('grants the brought function only receive, delete and get attributes on the queue', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Queue'), 'Arn'] },
        }]),
      },
    });
  });

  test('makes a key only for the alarm topic, since the queue is not encrypted with one', () => {
    expect(consumer.encryptionKey).toBeUndefined();
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  test('alarms on the brought dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Dlq'), 'QueueName'] } }],
    });
  });

  test('leaves no maxConcurrency when the function reserves none, and warns that the poller is uncapped only then', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: Match.absent(), BatchSize: 10 });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('QueueConsumer with imported resources', () => {
  test('fails if an imported queue comes without its visibility timeout and dead-letter queue, both reported at once', () => {
    const stack = newStack();
    const queue = sqs.Queue.fromQueueArn(stack, 'Queue', QUEUE_ARN);
    const e = validationErrorOf({ queue, functionProps: FUNCTION_PROPS }, stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.visibilityTimeoutRequired, R.deadLetterQueueRequired]);
    expect(e.message).toContain('queueVisibilityTimeout is missing');
    expect(e.message).toContain('Set queueVisibilityTimeout to the queue\'s VisibilityTimeout attribute.');
    expect(e.message).toContain('Set deadLetterQueue to the queue its redrive policy names');
  });

  test('checks an imported queue\'s given visibility timeout against an imported function\'s given timeout', () => {
    const stack = newStack();
    const e = validationErrorOf({
      queue: sqs.Queue.fromQueueArn(stack, 'Queue', QUEUE_ARN),
      deadLetterQueue: sqs.Queue.fromQueueArn(stack, 'Dlq', DLQ_ARN),
      queueVisibilityTimeout: Duration.seconds(60),
      function: lambda.Function.fromFunctionName(stack, 'Fn', 'payments'),
      functionTimeout: Duration.seconds(30),
    }, stack);
    expect(e.message).toContain('queueVisibilityTimeout 60s is less than 6 x the function timeout (functionTimeout 30s) + the batching window (0s) = 180s');
  });

  test('fails if an imported FIFO queue is given a standard dead-letter queue', () => {
    const stack = newStack();
    const e = validationErrorOf({
      queue: sqs.Queue.fromQueueArn(stack, 'Queue', `${QUEUE_ARN}.fifo`),
      deadLetterQueue: sqs.Queue.fromQueueArn(stack, 'Dlq', DLQ_ARN),
      queueVisibilityTimeout: Duration.minutes(5),
      functionProps: FUNCTION_PROPS,
    }, stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.deadLetterFifoMismatch]);
  });

  test('fails if deadLetterQueue differs from the brought queue\'s own', () => {
    const stack = newStack();
    const own = new sqs.Queue(stack, 'Own');
    const queue = new sqs.Queue(stack, 'Queue', { visibilityTimeout: Duration.minutes(5), deadLetterQueue: { queue: own, maxReceiveCount: 5 } });
    const e = validationErrorOf({ queue, deadLetterQueue: new sqs.Queue(stack, 'Other'), functionProps: FUNCTION_PROPS }, stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.deadLetterQueueMismatch]);
    expect(e.message).toContain('Leave deadLetterQueue out');
  });

  test('works with imported resources when what cannot be read is given, and notifies the given topic', () => {
    const stack = newStack();
    const consumer = new QueueConsumer(stack, 'Consumer', {
      queue: sqs.Queue.fromQueueArn(stack, 'Queue', QUEUE_ARN),
      deadLetterQueue: sqs.Queue.fromQueueArn(stack, 'Dlq', DLQ_ARN),
      queueVisibilityTimeout: Duration.minutes(3),
      function: lambda.Function.fromFunctionName(stack, 'Fn', 'payments'),
      functionTimeout: Duration.seconds(30),
      alarmTopic: sns.Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:eu-west-1:111111111111:oncall'),
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: ['arn:aws:sns:eu-west-1:111111111111:oncall'] });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: QUEUE_ARN, FunctionName: Match.anyValue() });
    expect(consumer.alarmTopic?.topicArn).toBe('arn:aws:sns:eu-west-1:111111111111:oncall');
    // No role to grant to: said, not guessed.
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(R.functionRoleUnknown));
    expect(warnings.map((w) => String(w.entry.data))).toEqual([expect.stringContaining('function has no known role')]);
  });

  test('grants an imported function through the role it was imported with', () => {
    const stack = newStack();
    const role = iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::111111111111:role/payments', { mutable: true });
    new QueueConsumer(stack, 'Consumer', {
      queue: sqs.Queue.fromQueueArn(stack, 'Queue', QUEUE_ARN),
      deadLetterQueue: sqs.Queue.fromQueueArn(stack, 'Dlq', DLQ_ARN),
      queueVisibilityTimeout: Duration.minutes(3),
      function: lambda.Function.fromFunctionAttributes(stack, 'Fn', { functionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:payments', role }),
      functionTimeout: Duration.seconds(30),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: ['payments'],
      PolicyDocument: { Statement: [Match.objectLike({ Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'], Resource: QUEUE_ARN })] },
    });
  });

  test('grants a role given in functionProps writing to the log group the pattern made, on that log group only', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new QueueConsumer(stack, 'Consumer', { functionProps: { ...FUNCTION_PROPS, role } });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Role') }],
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ConsumerFunctionLogs'), 'Arn'] },
        }]),
      },
    });
  });

  test('reads the timeout of a function behind an alias', () => {
    const stack = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq');
    const queue = new sqs.Queue(stack, 'Queue', { deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X, timeout: Duration.seconds(10) });
    const alias = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
    expect(validationErrorOf({ queue, function: alias }, stack).message).toContain('(function timeout 10s)');
  });
});
