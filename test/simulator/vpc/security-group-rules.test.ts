import { Simulation } from '../../../lib/simulator';
import { Resources, allow, build, interfaceEndpoint, isolatedNetwork, natRoute } from './network-template';

// How security group rules are read and matched: protocols, ports, peers (a block, another group, a prefix list),
// EC2's default egress, and how a rule is named in a path or a reason.

const SEND = allow(['sqs:SendMessage'], { 'Fn::GetAtt': ['Queue', 'Arn'] });
const ref = (id: string) => ({ Ref: id });
const groupId = (id: string) => ({ 'Fn::GetAtt': [id, 'GroupId'] });
const S3_GATEWAY: Resources = {
  S3Endpoint: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: ref('Vpc'), ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [ref('PrivateRoutes')] } },
};
const GET = allow(['s3:GetObject'], 'arn:aws:s3:::reports/*');

function reach(...parts: Resources[]) {
  return Simulation.fromTemplate(build(...parts)).reachability('Fn');
}

/** The internet through the NAT with the function's group egress being these inline rules: the rule's hop, or the blocker. */
function throughNat(egress: unknown[]): string | object {
  const r = reach(isolatedNetwork([], egress), natRoute()).internet;
  return r.hops ? r.hops[1] : r.blockedBy!;
}

const NO_EGRESS = {
  kind: 'security-group-egress', element: 'FnGroup',
  reason: 'the function\'s security groups (FnGroup) allow no TCP 443 egress to 0.0.0.0/0',
  fix: 'Allow TCP 443 egress from FnGroup to 0.0.0.0/0.',
};

describe('security group egress: protocols and ports', () => {
  test.each([
    [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }, 'security group FnGroup (tcp/443 to 0.0.0.0/0)'],
    [{ IpProtocol: 'TCP', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }, 'security group FnGroup (tcp/443 to 0.0.0.0/0)'],
    [{ IpProtocol: '6', FromPort: 400, ToPort: 500, CidrIp: '0.0.0.0/0' }, 'security group FnGroup (6/400–500 to 0.0.0.0/0)'],
    [{ IpProtocol: -1, CidrIp: '0.0.0.0/0' }, 'security group FnGroup (all traffic to 0.0.0.0/0)'],
    [{ CidrIp: '0.0.0.0/0' }, 'security group FnGroup (all traffic to 0.0.0.0/0)'],
    [{ IpProtocol: 'all', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }, 'security group FnGroup (all/0–65535 to 0.0.0.0/0)'],
    [{ IpProtocol: 'tcp', FromPort: '443', ToPort: '443', CidrIp: '0.0.0.0/0' }, 'security group FnGroup (tcp/443 to 0.0.0.0/0)'],
    [{ IpProtocol: 'tcp', FromPort: -1, ToPort: -1, CidrIp: '0.0.0.0/0' }, 'security group FnGroup (tcp/0–65535 to 0.0.0.0/0)'],
    [{ IpProtocol: 'tcp', FromPort: '-1', CidrIp: '0.0.0.0/0' }, 'security group FnGroup (tcp/0–65535 to 0.0.0.0/0)'],
    [{ IpProtocol: 'tcp', CidrIp: '0.0.0.0/0' }, 'security group FnGroup (tcp/0–65535 to 0.0.0.0/0)'],
    [{ IpProtocol: 'tcp', FromPort: 443, CidrIp: '0.0.0.0/0' }, 'security group FnGroup (tcp/443–65535 to 0.0.0.0/0)'],
    [{ IpProtocol: 'tcp', FromPort: 443, ToPort: -1, CidrIp: '0.0.0.0/0' }, 'security group FnGroup (tcp/443–65535 to 0.0.0.0/0)'],
    [{ IpProtocol: 'tcp', FromPort: 'https', ToPort: 443, CidrIp: '0.0.0.0/0' }, 'security group FnGroup (tcp/0–65535 to 0.0.0.0/0)'],
    [{ IpProtocol: 'tcp', FromPort: { 'Fn::ImportValue': 'port' }, ToPort: 443, CidrIp: '0.0.0.0/0' }, 'security group FnGroup (tcp/0–65535 to 0.0.0.0/0)'],
    [{ IpProtocol: 'tcp', FromPort: 443, ToPort: { 'Fn::ImportValue': 'port' }, CidrIp: '0.0.0.0/0' }, 'security group FnGroup (tcp/443–65535 to 0.0.0.0/0)'],
    [{ IpProtocol: 'tcp', FromPort: 0, ToPort: 443, CidrIp: '0.0.0.0/0' }, 'security group FnGroup (tcp/0–443 to 0.0.0.0/0)'],
    [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 65535, CidrIp: '0.0.0.0/0' }, 'security group FnGroup (tcp/443–65535 to 0.0.0.0/0)'],
  ])('the rule %j lets HTTPS out, named as %s', (rule, hop) => {
    // GIVEN the function's group with this one egress rule, and a NAT route
    // WHEN the internet's reachability is read
    // THEN the rule is the hop that lets it out, named as a reason would name it
    expect(throughNat([rule])).toBe(hop);
  });

  test.each([
    [{ IpProtocol: 'udp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }],
    [{ IpProtocol: '17', CidrIp: '0.0.0.0/0' }],
    [{ IpProtocol: 'icmp', FromPort: -1, ToPort: -1, CidrIp: '0.0.0.0/0' }],
    [{ IpProtocol: 'tcp', FromPort: 442, ToPort: 442, CidrIp: '0.0.0.0/0' }],
    [{ IpProtocol: 'tcp', FromPort: 444, ToPort: 444, CidrIp: '0.0.0.0/0' }],
    [{ IpProtocol: 'tcp', FromPort: 0, ToPort: 442, CidrIp: '0.0.0.0/0' }],
    [{ IpProtocol: 'tcp', FromPort: 0, ToPort: 0, CidrIp: '0.0.0.0/0' }],
    [{ IpProtocol: 'tcp', FromPort: 444, ToPort: 65535, CidrIp: '0.0.0.0/0' }],
    [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8' }], // a private block never covers a public address
    [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationPrefixListId: 'pl-0123' }], // the internet is in no prefix list
    [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationSecurityGroupId: 'sg-0123' }],
    [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: 'no peer' }],
  ])('fails if the only egress rule is %j', (rule) => {
    expect(throughNat([rule])).toEqual(NO_EGRESS);
  });

  test('the first group whose rule allows it is named; entries that are not rules are passed over', () => {
    const t = isolatedNetwork([], ['not a rule', { IpProtocol: 'udp', CidrIp: '0.0.0.0/0' }]);
    t.Other = { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: ref('Vpc'), SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] } };
    (t.Fn.Properties as { VpcConfig: { SecurityGroupIds: unknown[] } }).VpcConfig.SecurityGroupIds = [groupId('FnGroup'), groupId('Other')];
    const r = reach(t, natRoute()).internet;
    expect(r.hops![1]).toBe('security group Other (tcp/443 to 0.0.0.0/0)');
    // and with neither group allowing it, the reason names both and the fix the first
    (t.Other.Properties as Record<string, unknown>).SecurityGroupEgress = [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }];
    expect(reach(t, natRoute()).internet.blockedBy).toEqual({
      kind: 'security-group-egress', element: 'FnGroup',
      reason: 'the function\'s security groups (FnGroup, Other) allow no TCP 443 egress to 0.0.0.0/0',
      fix: 'Allow TCP 443 egress from FnGroup to 0.0.0.0/0.',
    });
  });

  test('fails if the function has no security group: the function is named as the element', () => {
    const t = isolatedNetwork([SEND]);
    (t.Fn.Properties as Record<string, unknown>).VpcConfig = { SubnetIds: [ref('Private')] };
    const r = reach(t, interfaceEndpoint('sqs'), natRoute());
    expect([r.services[0].blockedBy, r.internet.blockedBy]).toEqual([
      {
        kind: 'security-group-egress', element: 'Fn',
        reason: 'the function\'s security groups ((none)) allow no TCP 443 egress to interface endpoint Endpoint',
        fix: 'Allow TCP 443 egress from the function\'s security group to interface endpoint Endpoint.',
      },
      {
        kind: 'security-group-egress', element: 'Fn',
        reason: 'the function\'s security groups ((none)) allow no TCP 443 egress to 0.0.0.0/0',
        fix: 'Allow TCP 443 egress from the function\'s security group to 0.0.0.0/0.',
      },
    ]);
  });

  test('a separate egress resource for another group leaves the function\'s default egress in place', () => {
    const t = isolatedNetwork([]);
    t.Other = { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: ref('Vpc') } };
    t.OtherOut = { Type: 'AWS::EC2::SecurityGroupEgress', Properties: { GroupId: groupId('Other'), IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' } };
    expect(reach(t, natRoute()).internet.hops![1]).toBe('security group FnGroup (all traffic to 0.0.0.0/0)');
  });
});

describe('security groups between the function and an interface endpoint', () => {
  test.each([
    ['the endpoint\'s group', [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationSecurityGroupId: groupId('EndpointGroup') }], 'security group FnGroup (tcp/443 to EndpointGroup)'],
    ['the endpoint\'s subnet', [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.1.0/24' }], 'security group FnGroup (tcp/443 to 10.0.1.0/24)'],
  ])('egress to %s reaches it', (_peer, egress, hop) => {
    expect(reach(isolatedNetwork([SEND], egress), interfaceEndpoint('sqs')).services[0].hops![1]).toBe(hop);
  });

  test.each([
    ['another group', [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationSecurityGroupId: groupId('FnGroup') }]],
    ['a prefix list', [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationPrefixListId: 'pl-0123' }]],
  ])('fails if the function\'s egress goes to %s only', (_peer, egress) => {
    expect(reach(isolatedNetwork([SEND], egress), interfaceEndpoint('sqs')).services[0].blockedBy).toEqual({
      kind: 'security-group-egress', element: 'FnGroup',
      reason: 'the function\'s security groups (FnGroup) allow no TCP 443 egress to interface endpoint Endpoint',
      fix: 'Allow TCP 443 egress from FnGroup to interface endpoint Endpoint.',
    });
  });

  test('a separate ingress resource on the endpoint\'s group admits the function', () => {
    const e = interfaceEndpoint('sqs', { admit: false });
    e.EndpointIn = { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: groupId('EndpointGroup'), IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: groupId('FnGroup') } };
    expect(reach(isolatedNetwork([SEND]), e).services[0].hops![2]).toBe('interface endpoint Endpoint (private DNS; EndpointGroup admits tcp/443 from FnGroup)');
  });

  test.each([
    [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.1.128/25' }], // half the function's subnet
    [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourcePrefixListId: 'pl-0123' }],
    [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, SourceSecurityGroupId: groupId('FnGroup') }],
    [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: 'sg-0123' }],
  ])('fails if the endpoint\'s group admits only %j', (rule) => {
    const e = interfaceEndpoint('sqs');
    (e.EndpointGroup.Properties as Record<string, unknown>).SecurityGroupIngress = [rule];
    expect(reach(isolatedNetwork([SEND]), e).services[0].blockedBy).toEqual({
      kind: 'endpoint-security-group', element: 'EndpointGroup',
      reason: 'interface endpoint Endpoint\'s security groups (EndpointGroup) admit no TCP 443 from the function\'s security groups (FnGroup) or subnet Private (us-east-1a)',
      fix: 'Allow TCP 443 ingress on EndpointGroup from FnGroup.',
    });
  });

  test('a rule naming a group the template does not define matches no peer: the next rule that allows it is named', () => {
    const e = interfaceEndpoint('sqs');
    (e.EndpointGroup.Properties as Record<string, unknown>).SecurityGroupIngress = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.1.0/24' }];
    const hops = reach(isolatedNetwork([SEND], [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationSecurityGroupId: 'sg-0123' }, { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }]), e).services[0].hops;
    expect(hops![1]).toBe('security group FnGroup (tcp/443 to 10.0.0.0/16)');
  });

  test('fails if the function\'s subnet has no CIDR block and the endpoint admits by block only', () => {
    const t = isolatedNetwork([SEND], [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationSecurityGroupId: groupId('EndpointGroup') }]);
    (t.Private.Properties as Record<string, unknown>) = { VpcId: ref('Vpc') };
    const e = interfaceEndpoint('sqs');
    (e.EndpointGroup.Properties as Record<string, unknown>).SecurityGroupIngress = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }, { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.1.0/24' }];
    // 0.0.0.0/0 admits every address, known or not
    expect(reach(t, e).services[0].hops![2]).toBe('interface endpoint Endpoint (private DNS; EndpointGroup admits tcp/443 from 0.0.0.0/0)');
    (e.EndpointGroup.Properties as Record<string, unknown>).SecurityGroupIngress = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.1.0/24' }];
    expect(reach(t, e).services[0].blockedBy!.reason).toBe(
      'interface endpoint Endpoint\'s security groups (EndpointGroup) admit no TCP 443 from the function\'s security groups (FnGroup) or subnet Private');
  });
});

describe('security groups to a gateway endpoint', () => {
  test('egress to the service\'s prefix list reaches S3 through the gateway endpoint', () => {
    const [s3] = reach(isolatedNetwork([GET], [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationPrefixListId: 'pl-63a5400a' }]), S3_GATEWAY).services;
    const hops = ['subnet Private (us-east-1a)', 'security group FnGroup (tcp/443 to pl-63a5400a)', 'route table PrivateRoutes (prefix list of s3)', 'gateway endpoint S3Endpoint'];
    expect(s3).toEqual({ service: 's3', name: 'Amazon S3', actions: ['s3:GetObject'], status: 'reachable', reachable: true, hops, path: hops.join(' → ') });
  });

  test('egress to the prefix list also serves S3 through a NAT gateway', () => {
    const r = reach(isolatedNetwork([GET], [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationPrefixListId: 'pl-63a5400a' }]), natRoute());
    expect([r.services[0].hops![1], r.internet.blockedBy!.kind]).toEqual(['security group FnGroup (tcp/443 to pl-63a5400a)', 'security-group-egress']);
  });

  test('fails if the function\'s egress covers a private block only', () => {
    expect(reach(isolatedNetwork([GET], [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8' }]), S3_GATEWAY).services[0].blockedBy).toEqual({
      kind: 'security-group-egress', element: 'FnGroup',
      reason: 'the function\'s security groups (FnGroup) allow no TCP 443 egress to the Amazon S3 prefix list',
      fix: 'Allow TCP 443 egress from FnGroup to the Amazon S3 prefix list.',
    });
  });

  test('a gateway endpoint routed from another table is no way out of this subnet', () => {
    const elsewhere: Resources = { Other: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } }, S3Endpoint: { ...S3_GATEWAY.S3Endpoint, Properties: { ...S3_GATEWAY.S3Endpoint.Properties, RouteTableIds: [ref('Other')] } } };
    expect(reach(isolatedNetwork([GET]), elsewhere).services[0].blockedBy!.kind).toBe('route');
  });

  test('DynamoDB\'s gateway endpoint serves DynamoDB, not S3', () => {
    const dynamo: Resources = { DynamoEndpoint: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: ref('Vpc'), VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.dynamodb', RouteTableIds: [ref('PrivateRoutes')] } } };
    const r = reach(isolatedNetwork([GET, allow(['dynamodb:GetItem'])]), dynamo);
    expect(r.services.map((s) => [s.service, s.status])).toEqual([['s3', 'unreachable'], ['dynamodb', 'reachable']]);
    expect(r.services[1].hops!.slice(2)).toEqual(['route table PrivateRoutes (prefix list of dynamodb)', 'gateway endpoint DynamoEndpoint']);
  });
});
