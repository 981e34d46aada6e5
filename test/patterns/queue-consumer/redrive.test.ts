import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueConsumer, REDRIVE_PERMISSIONS } from '../../../lib';
import { Simulation } from '../../../lib/simulator';
import { FUNCTION_PROPS } from './support';

/**
 * The dead-letter queue a QueueConsumer makes admits its queue only (RedriveAllowPolicy byQueue, as AWS Control Tower's
 * CT.SQS.PR.1 asks), and grantRedrive lets an operator move its messages back once their cause is fixed.
 */

// GIVEN a standard and a FIFO consumer, and an operator granted the standard one's redrive, in a stack without env
// (synthesized once, in beforeAll, so a throw fails the tests)
let stack: Stack;
let consumer: QueueConsumer;
let fifo: QueueConsumer;
let operator: iam.Role;
let template: Template;
beforeAll(() => {
  stack = new Stack(new App(), 'Redrive');
  consumer = new QueueConsumer(stack, 'Payments', { functionProps: FUNCTION_PROPS });
  fifo = new QueueConsumer(stack, 'Ledger', { fifo: true, functionProps: FUNCTION_PROPS });
  operator = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
  consumer.grantRedrive(operator);
  template = Template.fromStack(stack);
});
const cfn = (q: sqs.IQueue) => q.node.defaultChild as sqs.CfnQueue;

describe('QueueConsumer dead-letter queue', () => {
  test.each(['standard', 'FIFO'] as const)('of a %s consumer admits exactly its queue, by the ARN built from the queue\'s name', (_type) => {
    const c = _type === 'FIFO' ? fifo : consumer;
    const queueName = cfn(c.queue).queueName as string;
    expect(queueName).toMatch(_type === 'FIFO' ? /^[A-Za-z0-9-]{1,75}\.fifo$/ : /^[A-Za-z0-9-]{1,80}$/);
    expect(stack.resolve(cfn(c.deadLetterQueue).redriveAllowPolicy)).toEqual({
      redrivePermission: 'byQueue',
      sourceQueueArns: [stack.resolve(stack.formatArn({ service: 'sqs', resource: queueName }))],
    });
  });

  test('the simulator links the queue to it: no redrive-not-allowed finding', () => {
    const codes = Simulation.fromStack(stack).findings().map((f) => f.code);
    expect(codes).not.toContain('decoupled-sim:redrive-not-allowed');
  });

  test('queueProps.queueName names the queue, and the dead-letter queue admits that name', () => {
    const s = new Stack(new App(), 'Named');
    const named = new QueueConsumer(s, 'Payments', { functionProps: FUNCTION_PROPS, queueProps: { queueName: 'payments' } });
    expect(cfn(named.queue).queueName).toBe('payments');
    expect(JSON.stringify(s.resolve(cfn(named.deadLetterQueue).redriveAllowPolicy))).toContain(':payments"');
  });
});

describe('QueueConsumer.grantRedrive', () => {
  test('grants exactly the actions of a message move task on both queues and on the key they share', () => {
    const policy = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: stack.getLogicalId(operator.node.defaultChild as iam.CfnRole) }] } }));
    expect(policy).toHaveLength(1);
    expect(policy[0].Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: [...REDRIVE_PERMISSIONS.deadLetterQueue].sort(), Resource: stack.resolve(consumer.deadLetterQueue.queueArn) },
      { Effect: 'Allow', Action: [...REDRIVE_PERMISSIONS.destination].sort(), Resource: stack.resolve(consumer.queue.queueArn) },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: stack.resolve(consumer.encryptionKey!.keyArn) },
    ]);
  });

  test('with a brought queue and a brought dead-letter queue: each queue\'s own key, and none for an unencrypted one', () => {
    const s = new Stack(new App(), 'Brought');
    const key = kms.Key.fromKeyArn(s, 'Key', 'arn:aws:kms:us-east-1:111111111111:key/queue');
    const dlq = sqs.Queue.fromQueueArn(s, 'Dlq', 'arn:aws:sqs:us-east-1:111111111111:payments-dlq');
    const queue = sqs.Queue.fromQueueAttributes(s, 'Queue', { queueArn: 'arn:aws:sqs:us-east-1:111111111111:payments', keyArn: key.keyArn });
    const brought = new QueueConsumer(s, 'Payments', {
      queue, deadLetterQueue: dlq, queueVisibilityTimeout: Duration.minutes(3), functionTimeout: Duration.seconds(30),
      function: lambda.Function.fromFunctionArn(s, 'Fn', 'arn:aws:lambda:us-east-1:111111111111:function:f'),
    });
    const role = new iam.Role(s, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
    brought.grantRedrive(role);
    const statements = Object.values(Template.fromStack(s).findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: s.getLogicalId(role.node.defaultChild as iam.CfnRole) }] } }))[0].Properties.PolicyDocument.Statement;
    expect(statements).toEqual([
      { Effect: 'Allow', Action: [...REDRIVE_PERMISSIONS.deadLetterQueue].sort(), Resource: 'arn:aws:sqs:us-east-1:111111111111:payments-dlq' },
      { Effect: 'Allow', Action: [...REDRIVE_PERMISSIONS.destination].sort(), Resource: 'arn:aws:sqs:us-east-1:111111111111:payments' },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: 'arn:aws:kms:us-east-1:111111111111:key/queue' },
    ]);
  });
});
