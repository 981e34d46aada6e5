import { Aspects, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { GrantedServicesReachable, UnreachableGrant } from '../../../lib';
import { FUNCTION_PROPS, isolatedVpc, newStack } from './support';

const runtime = lambda.Runtime.NODEJS_24_X;
const NO_NAT = 'subnets Test/Vpc/IsolatedSubnet1, Test/Vpc/IsolatedSubnet2 have no NAT route';

interface Net {
  readonly stack: Stack;
  readonly vpc: ec2.Vpc;
  /** The function's own security group, with no egress rule until the test adds one. */
  readonly fnGroup: ec2.SecurityGroup;
  /** The SQS interface endpoint's security group, with no ingress rule until the test adds one. */
  readonly endpointGroup: ec2.SecurityGroup;
}

/**
 * GIVEN a plain function granted SQS in an isolated VPC (CIDR 10.0.0.0/16) with an SQS interface endpoint, both
 * with security groups whose rules `rules` writes; WHEN synthesized under the check; THEN its findings.
 */
function sqsFindings(rules: (net: Net) => void, endpoint: Partial<ec2.InterfaceVpcEndpointOptions> = {}): UnreachableGrant[] {
  const stack = newStack();
  const check = new GrantedServicesReachable({ severity: 'warning' });
  Aspects.of(stack).add(check);
  const vpc = isolatedVpc(stack);
  const fnGroup = new ec2.SecurityGroup(stack, 'FnGroup', { vpc, allowAllOutbound: false });
  const endpointGroup = new ec2.SecurityGroup(stack, 'EndpointGroup', { vpc, allowAllOutbound: false });
  vpc.addInterfaceEndpoint('Sqs', { service: ec2.InterfaceVpcEndpointAwsService.SQS, open: false, securityGroups: [endpointGroup], ...endpoint });
  const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime, vpc, securityGroups: [fnGroup] });
  new sqs.Queue(stack, 'Queue').grantSendMessages(fn);
  rules({ stack, vpc, fnGroup, endpointGroup });
  Template.fromStack(stack);
  return check.findings;
}

const blockedBy = (findings: UnreachableGrant[]) => findings.map((f) => `${f.functionPath} ${f.service}: ${f.reach.blockedBy}`);
const NO_EGRESS = `Test/Fn sqs: the function's security groups allow no HTTPS (tcp/443) egress to the sqs endpoint's security group; and ${NO_NAT}`;
const NOT_ADMITTED = `Test/Fn sqs: the sqs endpoint's security group admits no HTTPS (tcp/443) from the function's security groups; and ${NO_NAT}`;
const admitVpc = (n: Net) => n.endpointGroup.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(443));

describe('GrantedServicesReachable reads the function\'s egress rules', () => {
  test.each([
    ['tcp 443 to the VPC CIDR', ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(443)],
    ['tcp 443 to a block around the VPC CIDR', ec2.Peer.ipv4('10.0.0.0/8'), ec2.Port.tcp(443)],
    ['tcp 443 to anywhere', ec2.Peer.anyIpv4(), ec2.Port.tcp(443)],
    ['tcp 400-500 to the VPC CIDR', ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcpRange(400, 500)],
    ['tcp 443-443 at both ends of a range', ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcpRange(443, 443)],
    ['all TCP to the VPC CIDR', ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.allTcp()],
    ['all traffic to the VPC CIDR', ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.allTraffic()],
  ])('reaches the endpoint with %s', (_, peer, port) => {
    expect(sqsFindings((n) => { admitVpc(n); n.fnGroup.addEgressRule(peer, port); })).toEqual([]);
  });

  test('reaches the endpoint with tcp 443 to the endpoint\'s security group', () => {
    expect(sqsFindings((n) => { admitVpc(n); n.fnGroup.addEgressRule(n.endpointGroup, ec2.Port.tcp(443)); })).toEqual([]);
  });

  test.each([
    ['tcp 80 (below 443)', ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(80)],
    ['tcp 22-442 (ends one below 443)', ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcpRange(22, 442)],
    ['tcp 444-9000 (starts one above 443)', ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcpRange(444, 9000)],
    ['tcp 8080 (above 443)', ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(8080)],
    ['udp 443', ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.udp(443)],
    ['tcp 443 to a block outside the VPC', ec2.Peer.ipv4('192.168.0.0/24'), ec2.Port.tcp(443)],
    ['tcp 443 to a block inside the VPC only', ec2.Peer.ipv4('10.0.1.0/24'), ec2.Port.tcp(443)],
  ])('fails to reach the endpoint with only %s, naming the egress as the block', (_, peer, port) => {
    expect(blockedBy(sqsFindings((n) => { admitVpc(n); n.fnGroup.addEgressRule(peer, port); }))).toEqual([NO_EGRESS]);
  });

  test('fails to reach the endpoint with tcp 443 to another security group only', () => {
    expect(blockedBy(sqsFindings((n) => {
      admitVpc(n);
      n.fnGroup.addEgressRule(new ec2.SecurityGroup(n.stack, 'Other', { vpc: n.vpc }), ec2.Port.tcp(443));
    }))).toEqual([NO_EGRESS]);
  });

  test('names a subnet the app makes as an L1 by its construct path', () => {
    const stack = newStack();
    const check = new GrantedServicesReachable({ severity: 'warning' });
    Aspects.of(stack).add(check);
    const vpc = isolatedVpc(stack);
    const raw = new ec2.CfnSubnet(stack, 'RawSubnet', { vpcId: vpc.vpcId, cidrBlock: '10.0.250.0/24' });
    const table = new ec2.CfnRouteTable(stack, 'RawTable', { vpcId: vpc.vpcId });
    new ec2.CfnSubnetRouteTableAssociation(stack, 'RawAssociation', { subnetId: raw.ref, routeTableId: table.ref });
    const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime, vpc, vpcSubnets: { subnets: [ec2.Subnet.fromSubnetId(stack, 'RawRef', raw.ref)] } });
    new sqs.Queue(stack, 'Queue').grantSendMessages(fn);
    Template.fromStack(stack);
    expect(blockedBy(check.findings)).toEqual(['Test/Fn sqs: the VPC has no interface endpoint for sqs; and subnets Test/RawSubnet have no NAT route']);
  });

  test('fails to reach the endpoint with tcp 80 to the endpoint\'s security group', () => {
    expect(blockedBy(sqsFindings((n) => { admitVpc(n); n.fnGroup.addEgressRule(n.endpointGroup, ec2.Port.tcp(80)); }))).toEqual([NO_EGRESS]);
  });

  test('fails, naming the private DNS, when the endpoint has private DNS off', () => {
    const findings = sqsFindings((n) => { admitVpc(n); n.fnGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443)); }, { privateDnsEnabled: false });
    expect(blockedBy(findings)).toEqual([`Test/Fn sqs: the sqs endpoint has private DNS off, so the service's usual hostname does not resolve to it; and ${NO_NAT}`]);
    expect(findings[0].actions).toEqual(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
    expect(findings[0].reach.status).toBe('unreachable');
  });
});

describe('GrantedServicesReachable reads the endpoint\'s ingress rules', () => {
  const egressAnywhere = (n: Net) => n.fnGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));

  test.each([
    ['tcp 443 from the function\'s security group', (n: Net) => n.endpointGroup.addIngressRule(n.fnGroup, ec2.Port.tcp(443))],
    ['tcp 443 from the VPC\'s own CIDR attribute', (n: Net) => n.endpointGroup.addIngressRule(ec2.Peer.ipv4(n.vpc.vpcCidrBlock), ec2.Port.tcp(443))],
    ['tcp 443 from anywhere', (n: Net) => n.endpointGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443))],
  ])('admits the function with %s', (_, ingress) => {
    expect(sqsFindings((n) => { egressAnywhere(n); ingress(n); })).toEqual([]);
  });

  test('admits the function through an endpoint security group the app imports (its rules are not in the app)', () => {
    const findings = sqsFindings((n) => {
      egressAnywhere(n);
      const imported = ec2.SecurityGroup.fromSecurityGroupId(n.stack, 'Imported', 'sg-0123456789abcdef0');
      n.vpc.addInterfaceEndpoint('Sqs2', { service: ec2.InterfaceVpcEndpointAwsService.SQS, open: false, securityGroups: [imported] });
    });
    expect(findings).toEqual([]);
  });

  test.each([
    ['nothing', (_n: Net) => undefined],
    ['tcp 80 from the function\'s security group', (n: Net) => n.endpointGroup.addIngressRule(n.fnGroup, ec2.Port.tcp(80))],
    ['tcp 443 from a block outside the VPC', (n: Net) => n.endpointGroup.addIngressRule(ec2.Peer.ipv4('192.168.0.0/24'), ec2.Port.tcp(443))],
    ['tcp 443 from another security group', (n: Net) => n.endpointGroup.addIngressRule(new ec2.SecurityGroup(n.stack, 'Other', { vpc: n.vpc }), ec2.Port.tcp(443))],
  ])('fails to admit the function with %s', (_, ingress) => {
    expect(blockedBy(sqsFindings((n) => { egressAnywhere(n); ingress(n); }))).toEqual([NOT_ADMITTED]);
  });
});

describe('GrantedServicesReachable reads routes', () => {
  test('names only the subnets of the function that have no NAT route', () => {
    // GIVEN a function in one subnet with a NAT route and one without, granted SQS with no endpoint
    const stack = newStack();
    const check = new GrantedServicesReachable({ severity: 'warning' });
    Aspects.of(stack).add(check);
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      natGateways: 1, maxAzs: 2, restrictDefaultSecurityGroup: false,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime, vpc, vpcSubnets: { subnets: [vpc.privateSubnets[0], vpc.isolatedSubnets[1]] } });
    new sqs.Queue(stack, 'Queue').grantSendMessages(fn);
    // WHEN synthesized
    Template.fromStack(stack);
    // THEN the finding names the isolated subnet only
    expect(blockedBy(check.findings)).toEqual(['Test/Fn sqs: the VPC has no interface endpoint for sqs; and subnets Test/Vpc/IsolatedSubnet2 have no NAT route']);
  });

  test('names the missing HTTPS egress when every subnet has a NAT route but the security groups do not open it', () => {
    const stack = newStack();
    const check = new GrantedServicesReachable({ severity: 'warning' });
    Aspects.of(stack).add(check);
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 1, maxAzs: 2, restrictDefaultSecurityGroup: false });
    const group = new ec2.SecurityGroup(stack, 'FnGroup', { vpc, allowAllOutbound: false });
    group.addEgressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(443));
    const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime, vpc, securityGroups: [group] });
    new sqs.Queue(stack, 'Queue').grantSendMessages(fn);
    Template.fromStack(stack);
    expect(blockedBy(check.findings)).toEqual([
      'Test/Fn sqs: the VPC has no interface endpoint for sqs; and the function\'s security groups allow no HTTPS (tcp/443) egress to 0.0.0.0/0 for the NAT route',
    ]);
  });

  /** A plain function granted S3 read in an isolated VPC with an S3 gateway endpoint routed from `subnets`. */
  function s3Findings(subnets: (vpc: ec2.Vpc) => ec2.ISubnet[], egress: ec2.IPeer = ec2.Peer.anyIpv4()): UnreachableGrant[] {
    const stack = newStack();
    const check = new GrantedServicesReachable({ severity: 'warning' });
    Aspects.of(stack).add(check);
    const vpc = isolatedVpc(stack);
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [{ subnets: subnets(vpc) }] });
    const group = new ec2.SecurityGroup(stack, 'FnGroup', { vpc, allowAllOutbound: false });
    group.addEgressRule(egress, ec2.Port.tcp(443));
    const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime, vpc, securityGroups: [group] });
    new s3.Bucket(stack, 'Bucket').grantRead(fn);
    Template.fromStack(stack);
    return check.findings;
  }

  test('reaches a gateway endpoint routed from every subnet of the function, by HTTPS to anywhere or to a prefix list', () => {
    expect(s3Findings((vpc) => vpc.isolatedSubnets)).toEqual([]);
    expect(s3Findings((vpc) => vpc.isolatedSubnets, ec2.Peer.prefixList('pl-63a5400a'))).toEqual([]);
  });

  test('fails to reach a gateway endpoint missing from the route table of one subnet, naming that subnet', () => {
    expect(blockedBy(s3Findings((vpc) => [vpc.isolatedSubnets[0]]))).toEqual([
      `Test/Fn s3: the s3 gateway endpoint has no route in the route tables of subnets Test/Vpc/IsolatedSubnet2; and ${NO_NAT}`,
    ]);
  });

  test('fails to reach a gateway endpoint when HTTPS goes to the VPC only', () => {
    expect(blockedBy(s3Findings((vpc) => vpc.isolatedSubnets, ec2.Peer.ipv4('10.0.0.0/16')))).toEqual([
      `Test/Fn s3: the function's security groups allow no HTTPS (tcp/443) egress to the s3 prefix list; and ${NO_NAT}`,
    ]);
  });
});
