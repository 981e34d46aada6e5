import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VpcFunction } from '../../../lib';
import { FUNCTION_PROPS, endpointsIn, isolatedVpc, newStack } from './support';

describe('two functions in one VPC', () => {
  // GIVEN a VPC in one stack, and two functions in another, both granted SQS, one also SNS
  let first: VpcFunction;
  let second: VpcFunction;
  let networkTemplate: Template;
  let functionsTemplate: Template;
  beforeAll(() => {
    const network = newStack('Network');
    const vpc = isolatedVpc(network);
    const app = network.node.root;
    const functions = new Stack(app, 'Functions');
    first = new VpcFunction(functions, 'First', { vpc, functionProps: FUNCTION_PROPS });
    second = new VpcFunction(functions, 'Second', { vpc, functionProps: FUNCTION_PROPS });
    const queue = new sqs.Queue(functions, 'Queue');
    queue.grantSendMessages(first.function);
    queue.grantSendMessages(second.function);
    new sns.Topic(functions, 'Topic').grantPublish(second.function);
    // WHEN the app is synthesized
    networkTemplate = Template.fromStack(network);
    functionsTemplate = Template.fromStack(functions);
  });

  test('share one endpoint per service, made beside the VPC', () => {
    expect(endpointsIn(networkTemplate)).toEqual(['Interface sns', 'Interface sqs', 'Interface xray']);
    expect(first.endpoints.sqs.endpoint).toBe(second.endpoints.sqs.endpoint);
    expect(first.endpoints.sqs.origin).toBe('made');
  });

  test('each function only uses the endpoints its grants need', () => {
    expect(Object.keys(first.endpoints).sort()).toEqual(['sqs', 'xray']);
    expect(Object.keys(second.endpoints).sort()).toEqual(['sns', 'sqs', 'xray']);
  });

  test('the shared endpoint\'s security group admits HTTPS from each function\'s security group (rules beside the functions, no cycle)', () => {
    const ingress = Object.values(functionsTemplate.findResources('AWS::EC2::SecurityGroupIngress')).filter((r) => r.Properties.FromPort === 443);
    // sqs and xray from both functions, sns from the second
    expect(ingress).toHaveLength(5);
  });
});

describe('a brought VPC that already has an endpoint', () => {
  // GIVEN a VPC of the app with an SQS endpoint of its own, and a function granted SQS in it
  let existing: ec2.InterfaceVpcEndpoint;
  let reports: VpcFunction;
  let template: Template;
  beforeAll(() => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    existing = vpc.addInterfaceEndpoint('Sqs', { service: ec2.InterfaceVpcEndpointAwsService.SQS });
    reports = new VpcFunction(stack, 'Reports', { vpc, functionProps: FUNCTION_PROPS, servicesNotCalledFromVpc: ['xray'] });
    new sqs.Queue(stack, 'Queue').grantSendMessages(reports.function);
    template = Template.fromStack(stack);
  });

  test('reuses it: a second private-DNS endpoint for SQS would fail with ConflictingDomainExists', () => {
    expect(endpointsIn(template)).toEqual(['Interface sqs']);
    expect(reports.endpoints.sqs).toEqual(expect.objectContaining({ origin: 'reused', endpoint: existing }));
  });

  test('opens HTTPS between the function and the existing endpoint\'s security group', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { FromPort: 443, ToPort: 443, DestinationSecurityGroupId: Match.anyValue() });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 443, ToPort: 443, SourceSecurityGroupId: Match.anyValue() });
  });

  test('skips a service listed in servicesNotCalledFromVpc', () => {
    expect(Object.keys(reports.endpoints)).toEqual(['sqs']);
  });
});

describe('an imported VPC', () => {
  // GIVEN a VPC imported by its attributes, with an SQS endpoint made outside the app, and S3's prefix list id
  let reports: VpcFunction;
  let template: Template;
  beforeAll(() => {
    const stack = newStack();
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Imported', {
      vpcId: 'vpc-1234',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      isolatedSubnetIds: ['subnet-a', 'subnet-b'],
      isolatedSubnetRouteTableIds: ['rtb-a', 'rtb-b'],
    });
    const sqsEndpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'SqsEndpoint', {
      vpcEndpointId: 'vpce-1', port: 443, securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'EndpointGroup', 'sg-endpoint')],
    });
    reports = new VpcFunction(stack, 'Reports', {
      vpc,
      functionProps: FUNCTION_PROPS,
      vpcEndpoints: { sqs: sqsEndpoint },
      prefixListIds: { s3: 'pl-6ea54007' },
    });
    new sqs.Queue(stack, 'Queue').grantSendMessages(reports.function);
    new s3.Bucket(stack, 'Bucket').grantRead(reports.function);
    template = Template.fromStack(stack);
  });

  test('uses the brought SQS endpoint and makes the others in its subnets', () => {
    expect(endpointsIn(template)).toEqual(['Gateway s3', 'Interface xray']);
    expect(reports.endpoints.sqs.origin).toBe('brought');
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcId: 'vpc-1234', VpcEndpointType: 'Gateway', RouteTableIds: ['rtb-a', 'rtb-b'] });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcId: 'vpc-1234', VpcEndpointType: 'Interface', SubnetIds: ['subnet-a', 'subnet-b'] });
  });

  test('opens HTTPS into the brought endpoint\'s security group and to S3\'s prefix list', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { GroupId: 'sg-endpoint', FromPort: 443 });
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { DestinationPrefixListId: 'pl-6ea54007', FromPort: 443, ToPort: 443 });
  });
});
