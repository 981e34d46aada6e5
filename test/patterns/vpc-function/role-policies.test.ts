import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { VpcFunction } from '../../../lib';
import { resourcesUnder } from '../../support/resources-by-path';
import { FUNCTION_PROPS, isolatedVpc, newStack, warningsOf } from './support';

const runtime = lambda.Runtime.NODEJS_24_X;
const lambdaPrincipal = new iam.ServicePrincipal('lambda.amazonaws.com');

describe('VpcFunction reads every policy of a brought function\'s role', () => {
  test('inline policies, an attached customer-managed policy; a Deny grants nothing, a NotResource grants the action; AWS managed policies and Action "*" are warned about', () => {
    // GIVEN a brought function whose role has an inline policy (an Allow, a Deny, a NotResource and an Action "*"),
    // a customer-managed policy of the app attached by ARN, and an AWS managed policy
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const reading = new iam.ManagedPolicy(stack, 'Reading', { statements: [new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: ['*'] })] });
    const role = new iam.Role(stack, 'Role', {
      assumedBy: lambdaPrincipal,
      managedPolicies: [reading, iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3ReadOnlyAccess')],
      inlinePolicies: {
        Inline: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }),
            new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['dynamodb:DeleteTable'], resources: ['*'] }),
            new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], notResources: ['arn:aws:secretsmanager:eu-west-1:111111111111:secret:other'] }),
            new iam.PolicyStatement({ actions: ['*'], resources: ['arn:aws:s3:::nothing'] }),
          ],
        }),
      },
    });
    const fn = new VpcFunction(stack, 'Reports', { function: new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime, vpc, role }), vpc });
    // THEN the services are those of the inline Allow and NotResource statements, then of the attached policy
    expect(Object.fromEntries(fn.services)).toEqual({
      sns: ['sns:Publish'], secretsmanager: ['secretsmanager:GetSecretValue'], ssm: ['ssm:GetParameter'],
    });
    expect(Object.keys(fn.endpoints)).toEqual(['sns', 'secretsmanager', 'ssm']);
    // AND the synth warns, once, about what it could not read
    Template.fromStack(stack);
    expect(warningsOf(stack)).toEqual([
      'additionalServices (the role has managed policy arn:${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess; Action "*") cannot be read at synth time, '
      + 'so the services it grants get no route. List the services the code calls in additionalServices, then acknowledge this warning. (VPC: vpc) '
      + '[ack: decoupled:vpc-function/unreadable-policy]',
    ]);
  });

  test('an imported role: the grants made to it in the app count, and no network interface policy is added to a role the app cannot change', () => {
    // GIVEN a brought function with an imported role, granted a queue
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const plain = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime, vpc, role: iam.Role.fromRoleArn(stack, 'Imported', 'arn:aws:iam::111111111111:role/reports') });
    const fn = new VpcFunction(stack, 'Reports', { function: plain, vpc, servicesNotCalledFromVpc: ['xray'] });
    new sqs.Queue(stack, 'Queue').grantSendMessages(plain);
    // THEN SQS is derived from the policy the grant made for the imported role, and routed
    expect(Object.fromEntries(fn.services)).toEqual({ sqs: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'] });
    const r = resourcesUnder(stack, 'Test');
    expect(Object.keys(r).filter((path) => path.endsWith('Endpoint/Resource'))).toEqual(['Vpc/SqsEndpoint/Resource']);
    expect(Object.values(r).filter((res) => res.Type === 'AWS::IAM::ManagedPolicy')).toEqual([]);
  });

  test('a function routed twice: one network interface policy, on its role', () => {
    // GIVEN a brought function with a role of the app without AWSLambdaVPCAccessExecutionRole, wrapped by two VpcFunctions
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const plain = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime, vpc, role: new iam.Role(stack, 'Role', { assumedBy: lambdaPrincipal }) });
    new VpcFunction(stack, 'First', { function: plain, vpc });
    new VpcFunction(stack, 'Second', { function: plain, vpc });
    // THEN the function has one policy with the network interface actions, described for it
    const policies = Object.entries(resourcesUnder(stack, 'Test')).filter(([, res]) => res.Type === 'AWS::IAM::ManagedPolicy');
    expect(policies.map(([path, p]) => [path, p.Properties!.Description, p.Properties!.Roles])).toEqual([
      ['Fn/NetworkInterfacePolicy/Resource', 'Lets Lambda attach Test/Fn to its VPC', [{ Ref: 'Test/Role/Resource' }]],
    ]);
  });
});

describe('VpcFunction endpoints in a VPC whose construct ids are taken', () => {
  test('makes the endpoint and its group under the next free id, rather than fail on a duplicate id', () => {
    // GIVEN a VPC that already has children named as the pattern would name the SQS endpoint and its group
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    new Construct(vpc, 'SqsEndpoint');
    new Construct(vpc, 'SqsEndpointSecurityGroup');
    const fn = new VpcFunction(stack, 'Reports', { vpc, functionProps: FUNCTION_PROPS, servicesNotCalledFromVpc: ['xray'] });
    new sqs.Queue(stack, 'Queue').grantSendMessages(fn.function);
    // WHEN it is synthesized
    const r = resourcesUnder(stack, 'Test/Vpc');
    // THEN the endpoint is SqsEndpoint2, behind SqsEndpointSecurityGroup2
    expect(r['SqsEndpoint2/Resource'].Properties!.SecurityGroupIds).toEqual([{ 'Fn::GetAtt': ['Test/Vpc/SqsEndpointSecurityGroup2/Resource', 'GroupId'] }]);
    expect(Object.keys(r).filter((path) => path.includes('Sqs'))).toEqual([
      'SqsEndpointSecurityGroup2/Resource', expect.stringMatching(/^SqsEndpointSecurityGroup2\/from /), 'SqsEndpoint2/Resource',
    ]);
  });
});
