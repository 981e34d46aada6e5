import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueConsumer, VpcFunction } from '../../../lib';
import { FUNCTION_PROPS, endpointsIn, isolatedVpc, natVpc, newStack } from './support';

describe('services derived from a function\'s grants', () => {
  // GIVEN functions whose roles hold permissions that Lambda or another service uses on their behalf
  let poller: VpcFunction;
  let signer: VpcFunction;
  let template: Template;
  beforeAll(() => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const source = new sqs.Queue(stack, 'Source', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key });
    const dlq = new sqs.Queue(stack, 'FunctionDlq');
    poller = new VpcFunction(stack, 'Poller', { vpc, functionProps: { ...FUNCTION_PROPS, deadLetterQueue: dlq }, servicesNotCalledFromVpc: ['xray'] });
    poller.function.addEventSource(new SqsEventSource(source));
    // a key the code calls directly: nothing in the app is encrypted with it
    const signing = new kms.Key(stack, 'Signing', { enableKeyRotation: true });
    signer = new VpcFunction(stack, 'Signer', { vpc, functionProps: FUNCTION_PROPS, servicesNotCalledFromVpc: ['xray'], additionalServices: ['execute-api'] });
    signing.grantEncrypt(signer.function);
    template = Template.fromStack(stack);
  });

  test('the event source mapping\'s reads and decrypts, and the dead-letter sends, are Lambda\'s: no endpoint', () => {
    expect([...poller.services.keys()]).toEqual([]);
    expect(Object.keys(poller.endpoints)).toEqual([]);
  });

  test('a key used by no resource of the app is called by the code: a KMS endpoint; additionalServices adds one too', () => {
    expect([...signer.services.keys()].sort()).toEqual(['execute-api', 'kms']);
    expect(endpointsIn(template)).toEqual(['Interface execute-api', 'Interface kms']);
  });

  test('servicesNotCalledFromVpc removes a service (the tracing grant here)', () => {
    expect(signer.services.has('xray')).toBe(false);
  });
});

describe('QueueConsumer with its function in a VPC', () => {
  // GIVEN a consumer whose function is in isolated subnets, and one in subnets with a NAT route
  let stack: Stack;
  let isolated: QueueConsumer;
  let withNat: QueueConsumer;
  let template: Template;
  beforeAll(() => {
    stack = newStack();
    isolated = new QueueConsumer(stack, 'Isolated', {
      functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(10), vpc: isolatedVpc(stack, 'IsolatedVpc') },
    });
    withNat = new QueueConsumer(stack, 'WithNat', {
      functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(10), vpc: natVpc(stack, 'NatVpc') },
    });
    template = Template.fromStack(stack);
  });

  test('routes only what the handler calls: X-Ray, not SQS (the poller receives) or KMS (the poller decrypts)', () => {
    expect(endpointsIn(template)).toEqual(['Interface xray']);
    expect(isolated.function.connections.securityGroups).toHaveLength(1);
  });

  test('its security group allows HTTPS to the X-Ray endpoint only, and the NAT one HTTPS through the NAT route', () => {
    const egressOf = (consumer: QueueConsumer) => {
      const group = consumer.function.connections.securityGroups[0].node.defaultChild as ec2.CfnSecurityGroup;
      return template.toJSON().Resources[stack.resolve(group.logicalId)].Properties.SecurityGroupEgress;
    };
    expect(egressOf(withNat)).toEqual([{ CidrIp: '0.0.0.0/0', Description: 'HTTPS to AWS services through the NAT route', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 }]);
    // the rule to the X-Ray endpoint's group is a resource of its own, which removes EC2's allow-all default
    expect(egressOf(isolated)).toBeUndefined();
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { FromPort: 443, ToPort: 443, Description: 'HTTPS to the xray interface endpoint' });
  });

  test('gives the role it made the network interface permissions Lambda needs to attach the function', () => {
    const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy')).filter((p) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('ec2:CreateNetworkInterface'));
    expect(policies).toHaveLength(2);
  });
});

describe('a brought function with a role of its own', () => {
  test('routes its grants like a function the pattern made, and adds nothing to a role with AWSLambdaVPCAccessExecutionRole', () => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X, vpc });
    const routed = new VpcFunction(stack, 'Reports', { function: fn, vpc });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
    const template = Template.fromStack(stack);
    expect(endpointsIn(template)).toEqual(['Interface sns']);
    expect(routed.securityGroup).toBeUndefined();
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });
});
