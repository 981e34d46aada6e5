import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { QueueConsumer } from '../../../lib';
import { FUNCTION_PROPS, newStack } from './support';

/**
 * What a QueueConsumer with defaults makes beside its queues, each asserted whole: the key, the function's role and its
 * customer-managed policy (each describing whom it serves), and the function. Synthesized once for the file.
 */

describe('the resources a QueueConsumer with defaults makes', () => {
  let stack: Stack;
  let consumer: QueueConsumer;
  let template: Template;
  let fn: lambda.Function;
  beforeAll(() => {
    stack = newStack();
    consumer = new QueueConsumer(stack, 'Payments', { functionProps: FUNCTION_PROPS });
    template = Template.fromStack(stack);
    fn = consumer.function as lambda.Function;
  });

  const properties = (construct: { node: { defaultChild?: unknown } }) => template.toJSON().Resources[stack.getLogicalId(construct.node.defaultChild as kms.CfnKey)];

  test('the key says what it encrypts, rotates yearly and is kept when it leaves the stack', () => {
    const key = properties(consumer.encryptionKey as kms.Key);
    expect(key.Properties.Description).toBe('Encrypts the queues and alarm topic of Test/Payments');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect([key.DeletionPolicy, key.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
  });

  test('the function\'s role says what it runs, and is assumed by Lambda only', () => {
    expect(properties(fn.role as iam.Role).Properties).toEqual({
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
        Version: '2012-10-17',
      },
      Description: 'Runs the queue consumer Test/Payments',
    });
  });

  test('the function\'s managed policy says what the consumer needs, and is the role\'s', () => {
    const [policy] = Object.values(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [stack.resolve((fn.role as iam.Role).roleName)] } }))
      .filter((p) => p.Properties.Description !== undefined);
    expect(policy.Properties.Description).toBe('What the queue consumer Test/Payments needs: its log group, its queue, its key');
  });

  test('the function: the pattern\'s runtime, 30 s, 10 reserved, traced, logging to its own log group', () => {
    const props = properties(fn).Properties;
    expect({
      Runtime: props.Runtime, Timeout: props.Timeout, MemorySize: props.MemorySize, ReservedConcurrentExecutions: props.ReservedConcurrentExecutions,
      TracingConfig: props.TracingConfig, Handler: props.Handler,
    }).toEqual({
      Runtime: 'nodejs24.x', Timeout: 30, MemorySize: 256, ReservedConcurrentExecutions: 10, TracingConfig: { Mode: 'Active' }, Handler: 'index.handler',
    });
  });
});
