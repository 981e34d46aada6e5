import { Duration, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VpcFunction } from '../../../lib';
import { VPC_ROUTE_PRICES } from '../../../lib/patterns/vpc-function';
import { PathedResource, resourcesUnder } from '../../support/resources-by-path';
import { FUNCTION_PROPS, natVpc, newStack } from './support';

// Every resource the pattern makes, compared whole: names, descriptions, rules and statements are what a user deploys.
// Each test builds its stack itself (under a second), so what it asserts is checked against the construct code it ran.

/**
 * GIVEN a VpcFunction without a VPC, granted an encrypted queue, a bucket and a table after it was made, and calling
 * API Gateway (additionalServices)
 */
function reports(): { fn: VpcFunction; r: Record<string, PathedResource> } {
  const stack = newStack();
  const fn = new VpcFunction(stack, 'Reports', { functionProps: { ...FUNCTION_PROPS, timeout: Duration.seconds(20) }, additionalServices: ['execute-api'] });
  new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS }).grantSendMessages(fn.function);
  new s3.Bucket(stack, 'Bucket').grantRead(fn.function);
  new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } }).grantReadData(fn.function);
  return { fn, r: resourcesUnder(stack, 'Test/Reports') };
}

/** The resources of one type, in template order. */
function ofType(r: Record<string, PathedResource>, type: string): PathedResource[] {
  return Object.values(r).filter((res) => res.Type === type);
}

const RETAINED = { UpdateReplacePolicy: 'Retain', DeletionPolicy: 'Retain' };
const FUNCTION_GROUP = { 'Fn::GetAtt': ['Test/Reports/SecurityGroup/Resource', 'GroupId'] };
const SUBNETS = [{ Ref: 'Test/Reports/Vpc/FunctionSubnet1/Subnet' }, { Ref: 'Test/Reports/Vpc/FunctionSubnet2/Subnet' }];
const ROUTE_TABLES = [{ Ref: 'Test/Reports/Vpc/FunctionSubnet1/RouteTable' }, { Ref: 'Test/Reports/Vpc/FunctionSubnet2/RouteTable' }];
const serviceName = (service: string) => ({ 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${service}`]] });

function policy(Description: string, Statement: object[], more: object = {}): object {
  return {
    Type: 'AWS::IAM::ManagedPolicy',
    Properties: { Description, Path: '/', PolicyDocument: { Statement, Version: '2012-10-17' }, Roles: [{ Ref: 'Test/Reports/FunctionRole/Resource' }] },
    ...more,
  };
}

describe('VpcFunction, resource by resource', () => {
  test('the function: in the isolated subnets with its own group, traced, JSON logs to its log group, after every policy it needs', () => {
    const { r } = reports();
    expect(r['Function/Resource']).toEqual({
      Type: 'AWS::Lambda::Function',
      Properties: {
        Code: { ZipFile: 'exports.handler = async () => ({});' },
        Handler: 'index.handler',
        LoggingConfig: { ApplicationLogLevel: 'INFO', LogFormat: 'JSON', LogGroup: { Ref: 'Test/Reports/FunctionLogs/Resource' }, SystemLogLevel: 'INFO' },
        MemorySize: 256,
        Role: { 'Fn::GetAtt': ['Test/Reports/FunctionRole/Resource', 'Arn'] },
        Runtime: 'nodejs24.x',
        Timeout: 20,
        TracingConfig: { Mode: 'Active' },
        VpcConfig: { SecurityGroupIds: [FUNCTION_GROUP], SubnetIds: SUBNETS },
      },
      DependsOn: [
        'Test/Reports/Function/NetworkInterfacePolicy/Resource', 'Test/Reports/Vpc/FunctionSubnet1/RouteTableAssociation',
        'Test/Reports/Vpc/FunctionSubnet2/RouteTableAssociation', 'Test/Reports/FunctionPolicy/Resource', 'Test/Reports/TracingPolicy/Resource',
      ],
    });
    expect(r['FunctionRole/Resource']).toEqual({
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }], Version: '2012-10-17' },
        Description: 'Runs Test/Reports',
      },
    });
  });

  test('the role\'s policies: its log group and every grant in one, the network interfaces in one, X-Ray in one', () => {
    const { r } = reports();
    expect(r['FunctionPolicy/Resource']).toEqual(policy('Test/Reports: its log group, and every grant made to the function', [
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Test/Reports/FunctionLogs/Resource', 'Arn'] } },
      { Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Test/Queue/Resource', 'Arn'] } },
      { Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'], Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Test/Queue/Key/Resource', 'Arn'] } },
      { Action: ['s3:GetBucket*', 's3:GetObject*', 's3:List*'], Effect: 'Allow', Resource: [{ 'Fn::GetAtt': ['Test/Bucket/Resource', 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Test/Bucket/Resource', 'Arn'] }, '/*']] }] },
      {
        Action: ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:Query', 'dynamodb:Scan'],
        Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Test/Table/Resource', 'Arn'] },
      },
    ]));
    expect(r['Function/NetworkInterfacePolicy/Resource']).toEqual(policy('Lets Lambda attach Test/Reports/Function to its VPC', [{
      Action: ['ec2:AssignPrivateIpAddresses', 'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:UnassignPrivateIpAddresses'],
      Effect: 'Allow', Resource: '*',
    }], {
      DependsOn: ['Test/Reports/FunctionPolicy/Resource', 'Test/Reports/TracingPolicy/Resource', 'Test/Reports/Vpc/FunctionSubnet1/RouteTableAssociation', 'Test/Reports/Vpc/FunctionSubnet2/RouteTableAssociation'],
    }));
    expect(r['TracingPolicy/Resource']).toEqual(policy('X-Ray tracing for Test/Reports/Function', [
      { Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Effect: 'Allow', Resource: '*' },
    ]));
  });

  test('the VPC it makes: two isolated subnets, each with a route table of its own and no route, and a flow log of all traffic', () => {
    const { r } = reports();
    expect(r['Vpc/Resource'].Properties!.CidrBlock).toBe('10.0.0.0/16');
    const subnet = (n: number, az: number, CidrBlock: string) => ({
      Type: 'AWS::EC2::Subnet',
      Properties: {
        AvailabilityZone: { 'Fn::Select': [az, { 'Fn::GetAZs': '' }] }, CidrBlock, MapPublicIpOnLaunch: false,
        Tags: [{ Key: 'aws-cdk:subnet-name', Value: 'Function' }, { Key: 'aws-cdk:subnet-type', Value: 'Isolated' }, { Key: 'Name', Value: `Test/Reports/Vpc/FunctionSubnet${n}` }],
        VpcId: { Ref: 'Test/Reports/Vpc/Resource' },
      },
    });
    expect(ofType(r, 'AWS::EC2::Subnet')).toEqual([subnet(1, 0, '10.0.0.0/17'), subnet(2, 1, '10.0.128.0/17')]);
    expect(ofType(r, 'AWS::EC2::Route')).toEqual([]);
    expect(r['Vpc/FlowLog/FlowLog']).toEqual({
      Type: 'AWS::EC2::FlowLog',
      Properties: {
        DeliverLogsPermissionArn: { 'Fn::GetAtt': ['Test/Reports/FlowLogRole/Resource', 'Arn'] },
        LogDestinationType: 'cloud-watch-logs',
        LogGroupName: { Ref: 'Test/Reports/FlowLogs/Resource' },
        ResourceId: { Ref: 'Test/Reports/Vpc/Resource' },
        ResourceType: 'VPC',
        Tags: [{ Key: 'Name', Value: 'Test/Reports/Vpc/FlowLog' }],
        TrafficType: 'ALL',
      },
    });
    expect(r['FlowLogRole/Resource']).toEqual({
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' } }], Version: '2012-10-17' },
        Description: 'Writes the flow log of Test/Reports/Vpc',
      },
    });
    expect(r['FlowLogPolicy/Resource']).toEqual({
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        Description: 'Lets VPC Flow Logs write to the flow log group of Test/Reports/Vpc',
        Path: '/',
        PolicyDocument: {
          Statement: [{ Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Test/Reports/FlowLogs/Resource', 'Arn'] } }],
          Version: '2012-10-17',
        },
        Roles: [{ Ref: 'Test/Reports/FlowLogRole/Resource' }],
      },
    });
  });

  test('the log groups: the flow log\'s and the function\'s, named for the pattern, encrypted with its rotating key, kept a year and retained', () => {
    const { r } = reports();
    const name = /^\/decoupled\/(Test-Reports-[0-9A-F]{8})\/FlowLogs$/.exec(r['FlowLogs/Resource'].Properties!.LogGroupName)?.[1];
    expect(name).toBeDefined();
    const group = (LogGroupName: string) => ({
      Type: 'AWS::Logs::LogGroup',
      Properties: { KmsKeyId: { 'Fn::GetAtt': ['Test/Reports/Key/Resource', 'Arn'] }, LogGroupName, RetentionInDays: 365 },
      ...RETAINED,
    });
    expect(r['FlowLogs/Resource']).toEqual(group(`/decoupled/${name}/FlowLogs`));
    expect(r['FunctionLogs/Resource']).toEqual(group(`/decoupled/${name}/FunctionLogs`));
    expect([r['Key/Resource'].Properties!.Description, r['Key/Resource'].Properties!.EnableKeyRotation]).toEqual(['Encrypts the log groups of Test/Reports', true]);
  });

  test('the interface endpoints: one per called service, private DNS, in the function\'s subnets, each behind a group that admits HTTPS from the function only', () => {
    const { r } = reports();
    const endpointGroup = (service: string) => ({ 'Fn::GetAtt': [`Test/Reports/Vpc/${service}EndpointSecurityGroup/Resource`, 'GroupId'] });
    const endpoints = ofType(r, 'AWS::EC2::VPCEndpoint').filter((e) => e.Properties!.VpcEndpointType === 'Interface');
    expect(endpoints).toEqual(['sqs', 'xray', 'execute-api'].map((service, i) => ({
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        PrivateDnsEnabled: true,
        SecurityGroupIds: [endpointGroup(['Sqs', 'Xray', 'ExecuteApi'][i])],
        ServiceName: serviceName(service),
        SubnetIds: SUBNETS,
        Tags: [{ Key: 'Name', Value: 'Test/Reports/Vpc' }],
        VpcEndpointType: 'Interface',
        VpcId: { Ref: 'Test/Reports/Vpc/Resource' },
      },
    })));
    expect(ofType(r, 'AWS::EC2::SecurityGroup').map((g) => g.Properties!.GroupDescription)).toEqual([
      'The sqs endpoint: admits HTTPS from the Lambda functions routed to it',
      'The xray endpoint: admits HTTPS from the Lambda functions routed to it',
      'The execute-api endpoint: admits HTTPS from the Lambda functions routed to it',
      'Test/Reports: HTTPS out to the endpoints of the services it is granted, nothing else',
    ]);
    expect(ofType(r, 'AWS::EC2::SecurityGroupIngress')).toEqual(['Sqs', 'Xray', 'ExecuteApi'].map((service) => ({
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: { Description: 'HTTPS from Test/Reports/Function', FromPort: 443, GroupId: endpointGroup(service), IpProtocol: 'tcp', SourceSecurityGroupId: FUNCTION_GROUP, ToPort: 443 },
    })));
  });

  test('the function\'s group: HTTPS to each interface endpoint\'s group, and to the gateway endpoints in one rule, nothing else', () => {
    const { r } = reports();
    expect(r['SecurityGroup/Resource']).toEqual({
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'Test/Reports: HTTPS out to the endpoints of the services it is granted, nothing else',
        SecurityGroupEgress: [{
          CidrIp: '0.0.0.0/0', FromPort: 443, IpProtocol: 'tcp', ToPort: 443,
          Description: 'HTTPS to the gateway endpoints (S3, DynamoDB) of the subnets\' route tables: their prefix list ids are not known at synth',
        }],
        VpcId: { Ref: 'Test/Reports/Vpc/Resource' },
      },
    });
    expect(ofType(r, 'AWS::EC2::SecurityGroupEgress')).toEqual([['sqs', 'Sqs'], ['xray', 'Xray'], ['execute-api', 'ExecuteApi']].map(([service, name]) => ({
      Type: 'AWS::EC2::SecurityGroupEgress',
      Properties: {
        Description: `HTTPS to the ${service} interface endpoint`,
        DestinationSecurityGroupId: { 'Fn::GetAtt': [`Test/Reports/Vpc/${name}EndpointSecurityGroup/Resource`, 'GroupId'] },
        FromPort: 443, GroupId: FUNCTION_GROUP, IpProtocol: 'tcp', ToPort: 443,
      },
    })));
  });

  test('the gateway endpoints: S3 and DynamoDB, from the route tables of both subnets', () => {
    const { r } = reports();
    expect(ofType(r, 'AWS::EC2::VPCEndpoint').filter((e) => e.Properties!.VpcEndpointType === 'Gateway')).toEqual(['s3', 'dynamodb'].map((service) => ({
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        RouteTableIds: ROUTE_TABLES, ServiceName: serviceName(service), Tags: [{ Key: 'Name', Value: 'Test/Reports/Vpc' }],
        VpcEndpointType: 'Gateway', VpcId: { Ref: 'Test/Reports/Vpc/Resource' },
      },
    })));
    expect(Object.keys(r).filter((path) => path.endsWith('Endpoint/Resource')).sort()).toEqual([
      'Vpc/DynamodbEndpoint/Resource', 'Vpc/ExecuteApiEndpoint/Resource', 'Vpc/S3Endpoint/Resource', 'Vpc/SqsEndpoint/Resource', 'Vpc/XrayEndpoint/Resource',
    ]);
  });

  test('the routes and their cost: three interface endpoints in 2 AZs, two free gateway endpoints, with the prices behind them', () => {
    const { fn } = reports();
    expect(Object.fromEntries(Object.entries(fn.endpoints).map(([service, e]) => [service, [e.kind, e.origin, e.subnets.length, e.availabilityZones]]))).toEqual({
      'sqs': ['interface', 'made', 2, 2],
      's3': ['gateway', 'made', 2, 2],
      'dynamodb': ['gateway', 'made', 2, 2],
      'xray': ['interface', 'made', 2, 2],
      'execute-api': ['interface', 'made', 2, 2],
    });
    const P = VPC_ROUTE_PRICES;
    expect(fn.cost).toEqual({
      monthlyUsd: 43.8,
      perGbUsd: 0.01,
      lines: [
        'sqs: interface endpoint in 2 AZs = $14.60 a month + $0.01/GB',
        's3: gateway endpoint = free',
        'dynamodb: gateway endpoint = free',
        'xray: interface endpoint in 2 AZs = $14.60 a month + $0.01/GB',
        'execute-api: interface endpoint in 2 AZs = $14.60 a month + $0.01/GB',
      ],
      notes: [
        { item: 'per interface endpoint per Availability Zone per hour', price: '$0.01', source: P.interfaceEndpointHour.source },
        { item: 'per GB processed (first PB a month)', price: '$0.01', source: P.interfaceEndpointGb.source },
        { item: 'gateway endpoints (S3, DynamoDB)', price: '$0', source: P.gatewayEndpoint.source },
        { item: 'per NAT gateway per hour', price: '$0.045', source: P.natGatewayHour.source },
        { item: 'per GB processed, on top of data transfer', price: '$0.045', source: P.natGatewayGb.source },
      ],
    });
  });

  test('with egress \'nat\': HTTPS anywhere through the NAT route, no endpoint even for S3, and the NAT gateway as the cost', () => {
    // GIVEN a VpcFunction with egress 'nat' in a VPC with one NAT gateway, granted a bucket
    const stack = new Stack(newStack().node.root, 'Nat');
    const fn = new VpcFunction(stack, 'Reports', { egress: 'nat', vpc: natVpc(stack), functionProps: FUNCTION_PROPS });
    new s3.Bucket(stack, 'Bucket').grantRead(fn.function);
    // WHEN it is synthesized
    const r = resourcesUnder(stack, 'Nat/Reports');
    // THEN its group opens HTTPS to anywhere, described as the NAT route, and the function runs in the private subnets
    expect(r['SecurityGroup/Resource']).toEqual({
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'Nat/Reports: HTTPS out to the endpoints of the services it is granted, nothing else',
        SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', Description: 'HTTPS to AWS services through the NAT route', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 }],
        VpcId: { Ref: 'Nat/Vpc/Resource' },
      },
    });
    expect(r['Function/Resource'].Properties!.VpcConfig).toEqual({
      SecurityGroupIds: [{ 'Fn::GetAtt': ['Nat/Reports/SecurityGroup/Resource', 'GroupId'] }],
      SubnetIds: [{ Ref: 'Nat/Vpc/PrivateSubnet1/Subnet' }, { Ref: 'Nat/Vpc/PrivateSubnet2/Subnet' }],
    });
    expect(ofType(resourcesUnder(stack, 'Nat'), 'AWS::EC2::VPCEndpoint')).toEqual([]);
    expect([fn.cost.monthlyUsd, fn.cost.perGbUsd, fn.cost.lines]).toEqual([32.85, 0.045, ['NAT: 1 NAT gateway = $32.85 a month + $0.045/GB']]);
  });

  test('grantInvoke lets the grantee invoke the function and its versions, nothing else', () => {
    // GIVEN a VpcFunction and a role
    const stack = newStack();
    const fn = new VpcFunction(stack, 'Reports', { functionProps: FUNCTION_PROPS });
    const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    // WHEN the role is granted invoke
    fn.grantInvoke(caller);
    // THEN its policy names the function and its versions only
    const arn = { 'Fn::GetAtt': ['Test/Reports/Function/Resource', 'Arn'] };
    expect(resourcesUnder(stack, 'Test')['Caller/DefaultPolicy/Resource'].Properties!.PolicyDocument).toEqual({
      Statement: [{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: [arn, { 'Fn::Join': ['', [arn, ':*']] }] }],
      Version: '2012-10-17',
    });
  });
});
