import { Simulation } from '../../../lib/simulator';
import { Resources, allow, build, interfaceEndpoint, isolatedNetwork, natRoute, privateAcl } from './network-template';

const SEND = allow(['sqs:SendMessage'], { 'Fn::GetAtt': ['Queue', 'Arn'] });

function reach(...parts: Resources[]) {
  return Simulation.fromTemplate(build(...parts)).reachability('Fn');
}

function sqs(...parts: Resources[]) {
  return reach(...parts).services.find((s) => s.service === 'sqs')!;
}

describe('sim.reachability: interface endpoints', () => {
  test('a granted service with neither endpoint nor NAT route is blocked by the route table, with both fixes', () => {
    // GIVEN a function in an isolated subnet granted sqs:SendMessage, no SQS endpoint
    // WHEN its reachability is read
    const r = reach(isolatedNetwork([SEND]));
    // THEN SQS and the internet are unreachable, blocked by the subnet's route table
    expect(r.services.map((s) => [s.service, s.status])).toEqual([['sqs', 'unreachable']]);
    expect(r.services[0].blockedBy).toMatchObject({ kind: 'route', element: 'PrivateRoutes' });
    expect(r.services[0].blockedBy!.reason).toMatch(/PrivateRoutes of subnet Private \(us-east-1a\) has no route to 0\.0\.0\.0\/0/);
    expect(r.services[0].blockedBy!.fix).toMatch(/interface endpoint for com\.amazonaws\.<region>\.sqs with private DNS.*or route 0\.0\.0\.0\/0 from PrivateRoutes to a NAT gateway/);
    expect(r.internet).toMatchObject({ status: 'unreachable', blockedBy: { kind: 'route', element: 'PrivateRoutes' } });
  });

  test('an interface endpoint with private DNS, admitted both ways, is the path', () => {
    const s = sqs(isolatedNetwork([SEND]), interfaceEndpoint('sqs'));
    expect(s.status).toBe('reachable');
    expect(s.hops).toEqual([
      'subnet Private (us-east-1a)',
      'security group FnGroup (all traffic to 0.0.0.0/0)',
      'interface endpoint Endpoint (private DNS; EndpointGroup admits tcp/443 from FnGroup)',
    ]);
    expect(s.path).toBe(s.hops!.join(' → '));
  });

  test('private DNS off: the hostname goes to the public addresses, which the isolated subnet cannot reach', () => {
    const s = sqs(isolatedNetwork([SEND]), interfaceEndpoint('sqs', { privateDns: false }));
    expect(s.blockedBy).toMatchObject({ kind: 'private-dns', element: 'Endpoint' });
    expect(s.blockedBy!.reason).toMatch(/Endpoint has private DNS off.*and route table PrivateRoutes/);
    expect(s.blockedBy!.fix).toMatch(/^Turn PrivateDnsEnabled on for Endpoint/);
  });

  test('private DNS off with a NAT route: the call leaves through the NAT instead', () => {
    const s = sqs(isolatedNetwork([SEND]), interfaceEndpoint('sqs', { privateDns: false }), natRoute());
    expect(s.status).toBe('reachable');
    expect(s.path).toMatch(/NAT gateway Nat/);
  });

  test('an endpoint security group that admits nothing blocks the call', () => {
    const s = sqs(isolatedNetwork([SEND]), interfaceEndpoint('sqs', { admit: false }));
    expect(s.blockedBy).toMatchObject({ kind: 'endpoint-security-group', element: 'EndpointGroup' });
    expect(s.blockedBy!.fix).toBe('Allow TCP 443 ingress on EndpointGroup from FnGroup.');
  });

  test.each([
    ['10.0.1.0/24', 'reachable'], // the endpoint's subnet exactly
    ['10.0.0.0/16', 'reachable'],
    ['10.0.1.0/25', 'unreachable'], // half the endpoint's subnet: some of its addresses are not covered
    ['10.0.2.0/24', 'unreachable'],
  ])('function egress to %s reaches the endpoint: %s', (cidr, status) => {
    const s = sqs(isolatedNetwork([SEND], [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: cidr }]), interfaceEndpoint('sqs'));
    expect(s.status).toBe(status);
    if (status === 'unreachable') expect(s.blockedBy).toMatchObject({ kind: 'security-group-egress', element: 'FnGroup' });
  });

  test.each([[442, 442, 'unreachable'], [443, 443, 'reachable'], [444, 450, 'unreachable'], [0, 65535, 'reachable']])(
    'function egress on ports %i–%i reaches the endpoint: %s', (from, to, status) => {
      const s = sqs(isolatedNetwork([SEND], [{ IpProtocol: 'tcp', FromPort: from, ToPort: to, CidrIp: '0.0.0.0/0' }]), interfaceEndpoint('sqs'));
      expect(s.status).toBe(status);
    });
});

describe('sim.reachability: NAT and internet gateways', () => {
  test('a NAT route reaches the internet and every service: subnet → route table → NAT → route table → internet gateway', () => {
    const r = reach(isolatedNetwork([SEND]), natRoute());
    expect(r.internet.status).toBe('reachable');
    expect(r.internet.path).toBe('subnet Private (us-east-1a) → security group FnGroup (all traffic to 0.0.0.0/0) → route table PrivateRoutes (0.0.0.0/0) → '
      + 'NAT gateway Nat in subnet Public (us-east-1a) → route table PublicRoutes (0.0.0.0/0) → internet gateway Igw');
    expect(r.services[0]).toMatchObject({ service: 'sqs', status: 'reachable' });
  });

  test('a group with no egress rule keeps EC2\'s allow-all default; a separate egress rule replaces it', () => {
    // GIVEN the function's group with one AWS::EC2::SecurityGroupEgress resource: HTTP only
    const httpOnly: Resources = { HttpOut: { Type: 'AWS::EC2::SecurityGroupEgress', Properties: { GroupId: { 'Fn::GetAtt': ['FnGroup', 'GroupId'] }, IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' } } };
    // THEN without it the default lets HTTPS out; with it the default is gone and the group blocks HTTPS
    expect(reach(isolatedNetwork([SEND]), natRoute()).internet.status).toBe('reachable');
    const r = reach(isolatedNetwork([SEND]), natRoute(), httpOnly);
    expect(r.internet.blockedBy).toMatchObject({ kind: 'security-group-egress', element: 'FnGroup' });
    expect(r.internet.blockedBy!.reason).toBe('the function\'s security groups (FnGroup) allow no TCP 443 egress to 0.0.0.0/0');
  });

  test('a public subnet gives a function no internet: Lambda assigns no public IP', () => {
    const publicRoute: Resources = { PrivateDefault: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'PrivateRoutes' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } } } };
    const r = reach(isolatedNetwork([SEND]), natRoute(), publicRoute);
    expect(r.internet.blockedBy).toMatchObject({ kind: 'public-subnet', element: 'PrivateRoutes' });
    expect(r.services[0].blockedBy!.fix).toMatch(/private subnets that route 0\.0\.0\.0\/0 to a NAT gateway, or reach Amazon SQS through a VPC endpoint/);
  });

  test('a private NAT gateway reaches no internet', () => {
    expect(reach(isolatedNetwork([]), natRoute({ natConnectivity: 'private' })).internet.blockedBy).toMatchObject({ kind: 'nat-gateway', element: 'Nat' });
  });

  test('an internet gateway not attached to the VPC goes nowhere', () => {
    expect(reach(isolatedNetwork([]), natRoute({ attachGateway: false })).internet.blockedBy).toMatchObject({ kind: 'internet-gateway', element: 'Igw' });
  });
});

describe('sim.reachability: network ACLs', () => {
  const out443: [number, boolean, boolean, string, number, number] = [100, true, true, '0.0.0.0/0', 443, 443];
  test.each([
    [1024, 'reachable'],
    [1025, 'unreachable'], // the return traffic to port 1024 is dropped
  ])('return traffic admitted from port %i: %s', (from, status) => {
    const r = reach(isolatedNetwork([]), natRoute(), privateAcl([out443, [100, false, true, '0.0.0.0/0', from, 65535]]));
    expect(r.internet.status).toBe(status);
    if (status === 'unreachable') {
      expect(r.internet.blockedBy).toMatchObject({ kind: 'network-acl', element: 'Acl' });
      expect(r.internet.blockedBy!.reason).toBe('network ACL Acl has no ingress rule allowing TCP 1024 from 0.0.0.0/0 (the final * rule denies it)');
    }
  });

  test('a deny numbered before the allow wins', () => {
    const r = reach(isolatedNetwork([]), natRoute(), privateAcl([[90, true, false, '0.0.0.0/0', 443, 443], [100, true, true, '0.0.0.0/0', 0, 65535], [100, false, true, '0.0.0.0/0', 1024, 65535]]));
    expect(r.internet.blockedBy!.reason).toBe('network ACL Acl egress rule 90 denies TCP 443 to 0.0.0.0/0');
  });

  test('an ACL with no entries denies everything; a subnet with no ACL association has the allow-all default', () => {
    expect(reach(isolatedNetwork([]), natRoute(), privateAcl([])).internet.blockedBy).toMatchObject({ kind: 'network-acl' });
    expect(reach(isolatedNetwork([]), natRoute()).internet.status).toBe('reachable');
  });
});

describe('sim.reachability: an interface endpoint in another subnet', () => {
  /** The SQS endpoint in subnet Endpoints (10.0.2.0/24), the function's subnet under an ACL with these entries. */
  function acrossSubnets(entries: [number, boolean, boolean, string, number, number][]) {
    const endpoint = interfaceEndpoint('sqs');
    const props = endpoint.Endpoint.Properties!;
    endpoint.Endpoint.Properties = { ...props, SubnetIds: [{ Ref: 'Endpoints' }] };
    const subnet = { Endpoints: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.2.0/24', AvailabilityZone: 'us-east-1a' } } };
    return sqs(isolatedNetwork([SEND]), endpoint, subnet, privateAcl(entries));
  }

  test('the ACLs of both subnets are crossed: the function\'s subnet must let TCP 443 out to the endpoint\'s subnet and the replies back', () => {
    const open = acrossSubnets([[100, true, true, '10.0.2.0/24', 443, 443], [100, false, true, '10.0.2.0/24', 1024, 65535]]);
    expect(open.status).toBe('reachable');
    expect(open.path).toBe('subnet Private (us-east-1a) → security group FnGroup (all traffic to 0.0.0.0/0) → interface endpoint Endpoint (private DNS; EndpointGroup admits tcp/443 from FnGroup)');
  });

  test('an endpoint in the function\'s own subnet crosses no ACL, even one that denies everything', () => {
    expect(sqs(isolatedNetwork([SEND]), interfaceEndpoint('sqs'), privateAcl([])).status).toBe('reachable');
  });

  test('an ACL that lets no TCP 443 out to the endpoint\'s subnet blocks the way', () => {
    const closed = acrossSubnets([[100, true, true, '10.0.3.0/24', 443, 443], [100, false, true, '10.0.2.0/24', 1024, 65535]]);
    expect(closed.status).toBe('unreachable');
    expect(closed.blockedBy).toMatchObject({ kind: 'network-acl', element: 'Acl' });
    expect(closed.blockedBy!.reason).toBe('network ACL Acl has no egress rule allowing TCP 443 to 10.0.2.0/24 (the final * rule denies it)');
  });
});

describe('sim.reachability: gateway endpoints, grants, and what cannot be known', () => {
  const S3 = allow(['s3:GetObject'], 'arn:aws:s3:::reports/*');
  const gateway: Resources = {
    S3Endpoint: {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: { VpcId: { Ref: 'Vpc' }, ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [{ Ref: 'PrivateRoutes' }] },
    },
  };

  test('a gateway endpoint routed from the subnet reaches S3; without it the fix is a gateway endpoint', () => {
    const routed = reach(isolatedNetwork([S3]), gateway).services[0];
    expect(routed).toMatchObject({ service: 's3', status: 'reachable' });
    expect(routed.hops!.slice(2)).toEqual(['route table PrivateRoutes (prefix list of s3)', 'gateway endpoint S3Endpoint']);
    expect(reach(isolatedNetwork([S3])).services[0].blockedBy!.fix).toMatch(/^Add a gateway endpoint for com\.amazonaws\.<region>\.s3 routed from PrivateRoutes/);
  });

  test('permissions Lambda uses outside the VPC (network interfaces, its logs) are not services the code needs', () => {
    const r = reach(isolatedNetwork([allow(['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface']), allow(['logs:CreateLogStream', 'logs:PutLogEvents']), SEND]));
    expect(r.services.map((s) => s.service)).toEqual(['sqs']);
  });

  test('a function outside a VPC reaches everything through Lambda\'s own network', () => {
    const t = build(isolatedNetwork([SEND]));
    delete (t.Resources!.Fn.Properties as Record<string, unknown>).VpcConfig;
    const r = Simulation.fromTemplate(t).reachability('Fn');
    expect(r.inVpc).toBe(false);
    expect([r.services[0].status, r.internet.path]).toEqual(['reachable', 'Lambda\'s own network (the function is not in a VPC)']);
  });

  test('an imported security group makes the answer unknown, never a guess', () => {
    const t = build(isolatedNetwork([SEND]));
    (t.Resources!.Fn.Properties as { VpcConfig: { SecurityGroupIds: unknown[] } }).VpcConfig.SecurityGroupIds = ['sg-0123456789abcdef0'];
    const s = Simulation.fromTemplate(t).reachability('Fn').services[0];
    expect(s).toMatchObject({ status: 'unknown', reachable: false });
    expect(s.unknownBecause).toMatch(/sg-0123456789abcdef0 are not defined in the template/);
  });
});
