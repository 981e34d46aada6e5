import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VpcFunction } from '../../../lib';
import { FUNCTION_PROPS, endpointsIn, newStack } from './support';

// GIVEN a VpcFunction without a VPC, and grants made after it: an encrypted queue, a bucket and a table
let reports: VpcFunction;
let endpointsBeforeTheLastGrants: string[];
let template: Template;
beforeAll(() => {
  const stack = newStack();
  reports = new VpcFunction(stack, 'Reports', { functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(20) } });
  const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS });
  const bucket = new s3.Bucket(stack, 'Bucket');
  const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
  queue.grantSendMessages(reports.function);
  // WHEN the endpoints are read before the last grant, and the app is synthesized after it
  endpointsBeforeTheLastGrants = Object.keys(reports.endpoints).sort();
  bucket.grantRead(reports.function);
  table.grantReadData(reports.function);
  template = Template.fromStack(stack);
});

describe('VpcFunction without a given VPC', () => {
  test('makes an isolated VPC: subnets in two AZs with no route out, no NAT or internet gateway, a flow log of all traffic', () => {
    template.resourceCountIs('AWS::EC2::Subnet', 2);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::Route', 0);
    template.hasResourceProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
  });

  test('encrypts the flow log and the function log groups with a rotating key and keeps them a year', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups).toHaveLength(2);
    for (const g of groups) expect(g.Properties).toEqual(expect.objectContaining({ RetentionInDays: 365, KmsKeyId: expect.anything() }));
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('places the function in the isolated subnets, with only its own security group', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      VpcConfig: { SubnetIds: [Match.anyValue(), Match.anyValue()], SecurityGroupIds: [Match.anyValue()] },
    });
    expect(reports.routes.subnets).toHaveLength(2);
    expect(reports.routes.subnets.every((s) => reports.vpc.isolatedSubnets.includes(s))).toBe(true);
  });

  test('derives a route for every granted service, including grants made after the construct and after endpoints was read', () => {
    expect(endpointsBeforeTheLastGrants).toEqual(['sqs', 'xray']);
    expect(endpointsIn(template)).toEqual(['Gateway dynamodb', 'Gateway s3', 'Interface sqs', 'Interface xray']);
    expect(Object.keys(reports.endpoints).sort()).toEqual(['dynamodb', 's3', 'sqs', 'xray']);
  });

  test('makes no endpoint for what Lambda or another service calls: the queue key (SQS calls KMS), the function logs, its network interfaces', () => {
    expect([...reports.services.keys()].sort()).toEqual(['dynamodb', 's3', 'sqs', 'xray']);
  });

  test('gives interface endpoints private DNS and one subnet per AZ of the function', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.sqs']] },
      SubnetIds: [Match.anyValue(), Match.anyValue()],
    });
  });

  test('routes the gateway endpoints from the route tables of both subnets of the function', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
      RouteTableIds: [Match.anyValue(), Match.anyValue()],
    });
  });

  test('opens HTTPS from the function to each interface endpoint\'s security group, and into it from the function only', () => {
    const egress = Object.values(template.findResources('AWS::EC2::SecurityGroupEgress')).map((r) => r.Properties);
    expect(egress).toHaveLength(2);
    for (const rule of egress) expect(rule).toEqual(expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationSecurityGroupId: expect.anything() }));
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
    expect(ingress).toHaveLength(2);
    for (const rule of ingress) expect(rule).toEqual(expect.objectContaining({ FromPort: 443, ToPort: 443, SourceSecurityGroupId: expect.anything() }));
  });

  test('opens HTTPS to the gateway endpoints in one rule when their prefix list ids are unknown, and nothing else to 0.0.0.0/0', () => {
    const groups = Object.values(template.findResources('AWS::EC2::SecurityGroup')).map((g) => g.Properties.SecurityGroupEgress ?? []);
    const open = groups.flat().filter((r: { CidrIp?: string }) => r.CidrIp === '0.0.0.0/0');
    // Without prefixListIds the gateway services are reached by HTTPS to anywhere, which the isolated subnets route nowhere else.
    expect(open).toEqual([expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: expect.stringContaining('gateway endpoints (S3, DynamoDB)') })]);
    expect(open.filter((r: { IpProtocol: string }) => r.IpProtocol === '-1')).toEqual([]);
  });

  test('gives the role the network interface permissions Lambda needs, in a policy of its own', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: Match.arrayWith(['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface']), Resource: '*' })] },
    });
  });

  test('puts the grants made to the function in its customer-managed policy, not an inline one', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['sqs:SendMessage']) })]) },
    });
  });

  test('computes the cost note from the derived endpoints: 2 interface endpoints in 2 AZs, 2 free gateway endpoints', () => {
    // 2 endpoints x 2 AZs x $0.01 x 730 h
    expect(reports.cost.monthlyUsd).toBe(29.2);
    expect(reports.cost.perGbUsd).toBe(0.01);
    expect(reports.cost.lines).toEqual(expect.arrayContaining(['s3: gateway endpoint = free', 'sqs: interface endpoint in 2 AZs = $14.60 a month + $0.01/GB']));
  });
});
