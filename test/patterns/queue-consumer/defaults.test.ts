import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { CONSUMER_FUNCTION_ACKNOWLEDGEMENTS, QueueConsumer, nagFindings } from '../../../lib';
import { FUNCTION_PROPS, acknowledgedOn, newStack } from './support';

// GIVEN a consumer with nothing but its function's code, and a producer granted to send; synthesized once
// (in beforeAll, so a throw fails the tests)
let stack: Stack;
let consumer: QueueConsumer;
let producer: iam.Role;
let template: Template;
beforeAll(() => {
  stack = newStack();
  consumer = new QueueConsumer(stack, 'Payments', { functionProps: FUNCTION_PROPS });
  producer = new iam.Role(stack, 'Producer', { assumedBy: new iam.AccountRootPrincipal() });
  consumer.grantSendMessages(producer);
  template = Template.fromStack(stack);
});

const keyArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^PaymentsKey'), 'Arn'] };

describe('QueueConsumer defaults', () => {
  test('a customer-managed key with yearly rotation', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    expect(consumer.encryptionKey).toBeDefined();
  });

  test('a visibility timeout of 6 x the 30 s function timeout, long polling, the key, and a redrive after 5 receives', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 180,
      ReceiveMessageWaitTimeSeconds: 20,
      KmsMasterKeyId: keyArn,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
    });
  });

  test('a dead-letter queue that keeps messages 14 days, longer than the queue\'s 4', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { MessageRetentionPeriod: 1_209_600, KmsMasterKeyId: keyArn });
    template.resourceCountIs('AWS::SQS::Queue', 2);
  });

  test('TLS only on both queues', () => {
    const policies = template.findResources('AWS::SQS::QueuePolicy', {
      Properties: {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      },
    });
    expect(Object.keys(policies)).toHaveLength(2);
  });

  test('an event source mapping with partial batch responses, batches of 10 and a concurrency cap of 10', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 10 },
      MaximumBatchingWindowInSeconds: Match.absent(),
    });
    expect(consumer.eventSourceMapping).toBeInstanceOf(lambda.EventSourceMapping);
  });

  test('a function on the newest Node.js runtime, traced, logging JSON, 30 s, 256 MB, reserving what the mapping may use', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      TracingConfig: { Mode: 'Active' },
      Timeout: 30,
      MemorySize: 256,
      ReservedConcurrentExecutions: 10,
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON', LogGroup: { Ref: Match.stringLikeRegexp('^PaymentsFunctionLogs') } }),
    });
  });

  test('a log group kept a year, encrypted with the key, which lets CloudWatch Logs use it for that log group only', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: keyArn });
    const [key] = Object.values(template.findResources('AWS::KMS::Key'));
    const logs = (key.Properties.KeyPolicy.Statement as { Principal: { Service?: string } }[])
      .filter((st) => st.Principal.Service === 'logs.eu-west-1.amazonaws.com');
    expect(logs).toHaveLength(1);
    // The condition names this log group's ARN (the partition is a token, so the ARN is a join).
    expect(JSON.stringify(logs[0])).toMatch(/"ArnEquals":\{"kms:EncryptionContext:aws:logs:arn":.*:log-group:\/decoupled\/Test-Payments-/);
  });

  test('the function may receive, delete, get attributes and decrypt — nothing broader, and no inline policy', () => {
    const policies = template.findResources('AWS::IAM::ManagedPolicy');
    const statements = Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]);
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();
    expect(actions).toEqual([
      'kms:Decrypt', 'logs:CreateLogStream', 'logs:PutLogEvents',
      'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage',
      'xray:PutTelemetryRecords', 'xray:PutTraceSegments',
    ]);
    // The only inline policy is the producer's, made by grantSendMessages.
    template.resourceCountIs('AWS::IAM::Policy', 1);
  });

  test('grantSendMessages lets a producer send and encrypt with the key', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Producer') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['sqs:SendMessage']) }),
          Match.objectLike({ Action: Match.arrayWith(['kms:GenerateDataKey*']), Resource: keyArn }),
        ]),
      },
    });
  });

  test('four alarms, each notifying the encrypted alarm topic', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: keyArn });
    const alarmAction = { AlarmActions: [{ Ref: Match.stringLikeRegexp('^PaymentsAlarmTopic') }] };
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { ...alarmAction, Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { ...alarmAction, Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 900 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { ...alarmAction, Namespace: 'AWS/Lambda', MetricName: 'Errors', Threshold: 1 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { ...alarmAction, Namespace: 'AWS/Lambda', MetricName: 'Throttles', Threshold: 1 });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    expect(Object.keys(consumer.alarms).sort()).toEqual(['deadLetterQueueDepth', 'functionErrors', 'functionThrottles', 'oldestMessageAge']);
  });

  test('the dead-letter queue alarm watches the dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PaymentsDeadLetterQueue'), 'QueueName'] } }],
    });
  });

  test('metric helpers read the queues', () => {
    expect(consumer.metricDeadLetterQueueDepth().metricName).toBe('ApproximateNumberOfMessagesVisible');
    expect(consumer.metricOldestMessageAge().metricName).toBe('ApproximateAgeOfOldestMessage');
  });

  test('fails if any of the five cdk-nag packs reports an error or a warning', () => {
    const consumerOnly = nagFindings(consumer).map((f) => `${f.severity} ${f.rule} at ${f.constructPath}`);
    expect(consumerOnly).toEqual([]);
  });

  test('keeps the key when it leaves the stack: a key\'s deletion cannot be undone once its waiting period ends', () => {
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('QueueConsumer acknowledgements (each on one resource, with its reason)', () => {
  let fn: lambda.Function;
  beforeAll(() => {
    fn = consumer.function as lambda.Function;
  });

  test('the function: no function DLQ (invoked synchronously) and no VPC (nothing to reach)', () => {
    const acks = acknowledgedOn(fn);
    for (const a of [...CONSUMER_FUNCTION_ACKNOWLEDGEMENTS.functionDeadLetterQueue, ...CONSUMER_FUNCTION_ACKNOWLEDGEMENTS.functionInsideVpc]) {
      expect(acks[a.id]).toBe(a.reason);
    }
    expect(Object.keys(acks).sort()).toEqual([
      'HIPAA.Security-LambdaDLQ', 'HIPAA.Security-LambdaInsideVPC', 'NIST.800.53.R5-LambdaDLQ', 'NIST.800.53.R5-LambdaInsideVPC',
      'PCI.DSS.321-LambdaDLQ', 'PCI.DSS.321-LambdaInsideVPC', 'Serverless-LambdaDLQ',
    ]);
    expect(CONSUMER_FUNCTION_ACKNOWLEDGEMENTS.functionDeadLetterQueue[0].reason).toMatch(/synchronously/);
  });

  test('the tracing policy, and only it, may use a wildcard resource: X-Ray has no resource-level permissions', () => {
    const tracing = consumer.node.findChild('TracingPolicy');
    expect(acknowledgedOn(tracing)).toEqual({ 'AwsSolutions-IAM5[Resource::*]': expect.stringMatching(/no resource-level permissions/) });
    expect(acknowledgedOn(consumer.node.findChild('FunctionPolicy'))).toEqual({});
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Effect: 'Allow', Resource: '*' }] },
    });
  });

  test('the event source mapping: SQS mappings take no on-failure destination, the DLQ is the failure path', () => {
    expect(acknowledgedOn(consumer.eventSourceMapping)).toEqual({
      'Serverless-LambdaEventSourceMappingDestination': expect.stringMatching(/redrive policy/),
    });
  });

  test('the dead-letter queue: the end of the redrive chain', () => {
    expect(Object.keys(acknowledgedOn(consumer.deadLetterQueue))).toEqual(['Serverless-SQSRedrivePolicy']);
  });

  test('nothing is acknowledged on the construct, the stack or the queue', () => {
    expect(acknowledgedOn(consumer)).toEqual({});
    expect(acknowledgedOn(Stack.of(consumer))).toEqual({});
    expect(acknowledgedOn(consumer.queue)).toEqual({});
  });

  test('a function given a VPC is not exempt from the VPC rules', () => {
    const vpcStack = newStack('WithVpc');
    const vpc = new ec2.Vpc(vpcStack, 'Vpc', { maxAzs: 1, natGateways: 0 });
    const inVpc = new QueueConsumer(vpcStack, 'Consumer', { functionProps: { ...FUNCTION_PROPS, vpc, vpcSubnets: { subnets: vpc.isolatedSubnets } } });
    expect(Object.keys(acknowledgedOn(inVpc.function))).not.toContain('NIST.800.53.R5-LambdaInsideVPC');
  });
});

describe('QueueConsumer template hygiene', () => {
  test('the function waits for its policies but names its role only through Fn::GetAtt (cfn-lint W3005)', () => {
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(fn.Properties.Role).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^PaymentsFunctionRole/), 'Arn'] });
    expect([...fn.DependsOn].sort()).toEqual([expect.stringMatching(/^PaymentsFunctionPolicy/), expect.stringMatching(/^PaymentsTracingPolicy/)]);
  });
});

describe('QueueConsumer with fifo: true', () => {
  // GIVEN a FIFO consumer; synthesized once (in beforeAll, so a throw fails the tests)
  let fifo: Template;
  beforeAll(() => {
    const fifoStack = newStack('Fifo');
    new QueueConsumer(fifoStack, 'Ledger', { functionProps: FUNCTION_PROPS, fifo: true });
    fifo = Template.fromStack(fifoStack);
  });

  test('makes a FIFO queue and a FIFO dead-letter queue', () => {
    fifo.resourcePropertiesCountIs('AWS::SQS::Queue', { FifoQueue: true }, 2);
    fifo.hasResourceProperties('AWS::SQS::Queue', { FifoQueue: true, VisibilityTimeout: 180, RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }) });
  });

  test('polls without a batching window', () => {
    fifo.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 10, MaximumBatchingWindowInSeconds: Match.absent() });
  });
});

describe('QueueConsumer with a brought queue and a given key', () => {
  test('encrypts the log group and alarm topic with the given key, and makes none', () => {
    const stack = newStack('GivenKey');
    const key = new kms.Key(stack, 'TeamKey', { enableKeyRotation: true });
    const dlq = new sqs.Queue(stack, 'Dlq', { encryptionMasterKey: key, retentionPeriod: Duration.days(14) });
    const queue = new sqs.Queue(stack, 'Queue', { encryptionMasterKey: key, visibilityTimeout: Duration.minutes(3), deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    const consumer = new QueueConsumer(stack, 'Consumer', { queue, functionProps: FUNCTION_PROPS, encryptionKey: key });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::KMS::Key', 1);
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TeamKey'), 'Arn'] } });
    t.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TeamKey'), 'Arn'] } });
    expect(consumer.encryptionKey).toBe(key);
  });
});
