import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NETWORK_INTERFACE_ACKNOWLEDGEMENTS, QueueConsumer, nagFindings } from '../../../lib';
import { CALLED_OUTSIDE_THE_VPC } from '../../../lib/patterns/vpc-function';
import { acknowledgedOn } from '../../support/acknowledgements';
import { endpointsIn } from '../../support/endpoints';
import { newStack } from '../../support/stacks';
import { FUNCTION_PROPS } from './support';

describe('a QueueConsumer whose function is in a VPC (functionProps.vpc)', () => {
  // GIVEN an isolated VPC, and a consumer whose handler sends to another queue; synthesized once (in beforeAll, so a throw fails the tests)
  let stack: Stack;
  let receipts: sqs.Queue;
  let template: Template;
  let fn: lambda.Function;
  let role: iam.Role;
  beforeAll(() => {
    stack = newStack('Payments');
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      natGateways: 0, maxAzs: 2, restrictDefaultSecurityGroup: false,
      subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    const consumer = new QueueConsumer(stack, 'Consumer', { functionProps: { ...FUNCTION_PROPS, vpc } });
    receipts = new sqs.Queue(stack, 'Receipts', { enforceSSL: true });
    receipts.grantSendMessages(consumer.function);
    template = Template.fromStack(stack);
    fn = consumer.function as lambda.Function;
    role = fn.role as iam.Role;
  });

  test('the role gets the network interface permissions Lambda needs, in a policy of their own that the function waits for', () => {
    const policy = fn.node.findChild('NetworkInterfacePolicy') as iam.ManagedPolicy;
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [stack.resolve(role.roleName)],
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: [...CALLED_OUTSIDE_THE_VPC.networkInterfaces.actions].sort(), Resource: '*' }] },
    });
    const cfnFunction = template.findResources('AWS::Lambda::Function')[stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction)];
    expect(cfnFunction.DependsOn).toContain(stack.getLogicalId(policy.node.defaultChild as iam.CfnManagedPolicy));
    expect(acknowledgedOn(policy)).toEqual(Object.fromEntries(NETWORK_INTERFACE_ACKNOWLEDGEMENTS.map((a) => [a.id, a.reason])));
  });

  test('no AWS managed policy on the role (AwsSolutions-IAM4): not AWSLambdaVPCAccessExecutionRole either', () => {
    const roles = Object.values(template.findResources('AWS::IAM::Role', { Properties: { AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })] }) } }));
    expect(roles).toHaveLength(1);
    expect(roles[0].Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('routes: an SQS endpoint for the send its code is granted, X-Ray for its traces; none for what the poller does outside the VPC', () => {
    expect(endpointsIn(template)).toEqual(['Interface sqs', 'Interface xray']);
    const egress = Object.values(template.findResources('AWS::EC2::SecurityGroupEgress')).map((r) => `${r.Properties.IpProtocol} ${r.Properties.FromPort} ${r.Properties.Description}`);
    expect(egress.sort()).toEqual(['tcp 443 HTTPS to the sqs interface endpoint', 'tcp 443 HTTPS to the xray interface endpoint']);
  });

  test('the five cdk-nag packs report no error on what the consumer made, a grant made to its function after it included', () => {
    const ours = nagFindings(stack).filter((f) => f.severity === 'error' && f.constructPath.startsWith('Payments/Consumer/'));
    expect(ours.map((f) => `${f.rule} ${f.constructPath}`)).toEqual([]);
  });

  test('the grant made after the construct is in the function\'s customer-managed policy: the role has no inline policy', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [stack.resolve(role.roleName)],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['sqs:SendMessage']), Resource: stack.resolve(receipts.queueArn) })]) },
    });
  });
});

test('a consumer in a VPC granted nothing more gets no SQS endpoint: Lambda\'s poller receives and deletes outside the VPC', () => {
  // GIVEN a consumer in an isolated VPC whose handler calls nothing
  const stack = newStack('Quiet');
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    natGateways: 0, maxAzs: 2, restrictDefaultSecurityGroup: false,
    subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  new QueueConsumer(stack, 'Consumer', { functionProps: { ...FUNCTION_PROPS, vpc } });
  // THEN only its traces need a route
  expect(endpointsIn(Template.fromStack(stack))).toEqual(['Interface xray']);
});
