import { Aspects } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { GrantedServicesReachable, VPC_FUNCTION_RULES as R, VpcFunction } from '../../../lib';
import { VPC_ROUTE_PRICES, routeCost } from '../../../lib/patterns/vpc-function';
import { FUNCTION_PROPS, isolatedVpc, natVpc, newStack, warningsOf } from './support';

const runtime = lambda.Runtime.NODEJS_24_X;

describe('VpcFunction derives the services from the role', () => {
  test('reads a NotAction statement as unreadable, naming its actions, and derives no service from it', () => {
    const stack = newStack();
    const fn = new VpcFunction(stack, 'Reports', { functionProps: FUNCTION_PROPS });
    fn.function.addToRolePolicy(new iam.PolicyStatement({ notActions: ['iam:*', 's3:DeleteBucket'], resources: ['*'] }));
    expect([...fn.services.keys()]).toEqual(['xray']);
    Template.fromStack(stack);
    const warning = warningsOf(stack).find((w) => w.includes(R.unreadablePolicy.code)) ?? '';
    expect(warning).toContain('additionalServices (the role has NotAction iam:*, s3:DeleteBucket) cannot be read at synth time, so the services it grants get no route');
  });

  test('lists each action of a service once, however many statements grant it', () => {
    const stack = newStack();
    const fn = new VpcFunction(stack, 'Reports', { functionProps: FUNCTION_PROPS });
    new sqs.Queue(stack, 'Out').grantSendMessages(fn.function);
    new sqs.Queue(stack, 'In').grantConsumeMessages(fn.function);
    expect([...fn.services.get('sqs') ?? []].sort()).toEqual([
      'sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage', 'sqs:SendMessage',
    ]);
  });

  test('leaves out the writes to the function\'s own log group, which Lambda makes', () => {
    const stack = newStack();
    const fn = new VpcFunction(stack, 'Reports', { functionProps: FUNCTION_PROPS });
    expect([...fn.services.keys()]).toEqual(['xray']);
  });

  test('leaves out the writes to a log group the function names as its own, made elsewhere in the app with that name', () => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const own = new logs.LogGroup(stack, 'Own', { logGroupName: '/app/reports' });
    const plain = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime, vpc, logGroup: logs.LogGroup.fromLogGroupName(stack, 'OwnByName', '/app/reports') });
    const fn = new VpcFunction(stack, 'Reports', { function: plain, vpc });
    own.grantWrite(plain);
    expect(fn.services.has('logs')).toBe(false);
  });

  test('keeps writes to another log group, which the code makes, when the function has no log group of its own', () => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const plain = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime, vpc });
    const fn = new VpcFunction(stack, 'Reports', { function: plain, vpc });
    new logs.LogGroup(stack, 'Audit').grantWrite(plain);
    expect(fn.services.get('logs')).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
  });
});

describe('GrantedServicesReachable reads the security groups of the app', () => {
  function check(build: (stack: ReturnType<typeof newStack>) => lambda.Function) {
    const stack = newStack();
    const aspect = new GrantedServicesReachable({ severity: 'warning' });
    Aspects.of(stack).add(aspect);
    const fn = build(stack);
    new sqs.Queue(stack, 'Queue').grantSendMessages(fn);
    Template.fromStack(stack);
    return aspect.findings.map((f) => `${f.functionPath} ${f.service}: ${f.reach.blockedBy}`);
  }

  test('reads a security group with no egress rule as EC2 does: all traffic out, so the NAT route reaches SQS', () => {
    expect(check((stack) => {
      const vpc = natVpc(stack);
      const raw = new ec2.CfnSecurityGroup(stack, 'Raw', { groupDescription: 'no egress rule', vpcId: vpc.vpcId });
      return new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime, vpc, securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'RawRef', raw.attrGroupId)] });
    })).toEqual([]);
  });

  test('reads an inline egress rule to the endpoint\'s security group', () => {
    const inline = (port: number) => check((stack) => {
      const vpc = isolatedVpc(stack);
      const endpointGroup = new ec2.SecurityGroup(stack, 'EndpointGroup', { vpc, allowAllOutbound: false });
      endpointGroup.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(443));
      vpc.addInterfaceEndpoint('Sqs', { service: ec2.InterfaceVpcEndpointAwsService.SQS, open: false, securityGroups: [endpointGroup] });
      const raw = new ec2.CfnSecurityGroup(stack, 'Raw', {
        groupDescription: 'inline egress', vpcId: vpc.vpcId,
        securityGroupEgress: [{ ipProtocol: 'tcp', fromPort: port, toPort: port, destinationSecurityGroupId: endpointGroup.securityGroupId }],
      });
      return new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime, vpc, securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'RawRef', raw.attrGroupId)] });
    });
    expect(inline(443)).toEqual([]);
    expect(inline(80)).toEqual([
      'Test/Fn sqs: the function\'s security groups allow no HTTPS (tcp/443) egress to the sqs endpoint\'s security group; and subnets Test/Vpc/IsolatedSubnet1, Test/Vpc/IsolatedSubnet2 have no NAT route',
    ]);
  });

  test('reports nothing for a function outside any VPC', () => {
    expect(check((stack) => new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime }))).toEqual([]);
  });

  /** A function in the two subnets of an imported VPC, imported as `kind` subnets with their route tables. */
  const inImported = (kind: 'isolated' | 'private') => check((stack) => {
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Imported', {
      vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      [`${kind}SubnetIds`]: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'],
      [`${kind}SubnetRouteTableIds`]: ['rtb-0aaaaaaaaaaaaaaaa', 'rtb-0bbbbbbbbbbbbbbbb'],
    });
    return new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime, vpc, allowAllOutbound: true });
  });

  test('reads the isolated subnets of an imported VPC as no way out: without an endpoint, reported', () => {
    expect(inImported('isolated')).toEqual([
      'Test/Fn sqs: the VPC has no interface endpoint for sqs; and subnets subnet-0aaaaaaaaaaaaaaaa, subnet-0bbbbbbbbbbbbbbbb have no NAT route',
    ]);
  });

  test('reads the private subnets of an imported VPC as NAT routes', () => {
    expect(inImported('private')).toEqual([]);
  });
});

describe('routeCost', () => {
  test('prices an interface endpoint in 1 AZ and 1 or 2 NAT gateways, with singular and plural', () => {
    const hour = VPC_ROUTE_PRICES.natGatewayHour.usd;
    const gb = VPC_ROUTE_PRICES.natGatewayGb.usd;
    const one = routeCost([{ service: 'sqs', kind: 'interface', availabilityZones: 1 }], 1);
    expect(one.lines).toEqual([
      'sqs: interface endpoint in 1 AZ = $7.30 a month + $0.01/GB',
      `NAT: 1 NAT gateway = $${(hour * 730).toFixed(2)} a month + $${gb}/GB`,
    ]);
    expect(one.perGbUsd).toBe(Math.max(0.01, gb));
    expect(routeCost([], 2).lines).toEqual([`NAT: 2 NAT gateways = $${(2 * hour * 730).toFixed(2)} a month + $${gb}/GB`]);
    expect(routeCost([], 2).monthlyUsd).toBe(Math.round(2 * hour * 730 * 100) / 100);
  });
});
