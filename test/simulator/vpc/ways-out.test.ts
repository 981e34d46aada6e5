import { Simulation } from '../../../lib/simulator';
import { Resources, allow, build, interfaceEndpoint, isolatedNetwork, natRoute } from './network-template';

// The way out of a function's subnet, element by element: every answer read in full (status, the blocking element,
// its reason and fix, or the hops), so a change to any step of the path or of its wording shows.

const SEND = allow(['sqs:SendMessage'], { 'Fn::GetAtt': ['Queue', 'Arn'] });
const ref = (id: string) => ({ Ref: id });
const NAT_FIX = 'route 0.0.0.0/0 from PrivateRoutes to a NAT gateway in a public subnet (egress: \'nat\')';
const NO_ROUTE = 'route table PrivateRoutes of subnet Private (us-east-1a) has no route to 0.0.0.0/0 (no NAT gateway)';
const NAT_PATH = ['subnet Private (us-east-1a)', 'security group FnGroup (all traffic to 0.0.0.0/0)', 'route table PrivateRoutes (0.0.0.0/0)',
  'NAT gateway Nat in subnet Public (us-east-1a)', 'route table PublicRoutes (0.0.0.0/0)', 'internet gateway Igw'];

function reach(...parts: Resources[]) {
  return Simulation.fromTemplate(build(...parts)).reachability('Fn');
}

/** The private subnet's default route, to whatever target property is given. */
function defaultRoute(target: Record<string, unknown>): Resources {
  return { PrivateDefault: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref('PrivateRoutes'), DestinationCidrBlock: '0.0.0.0/0', ...target } } };
}

const internet = (rest: object) => ({ service: 'internet', name: 'the internet', actions: [], ...rest });
const blocked = (kind: string, element: string, reason: string, fix: string) => ({ status: 'unreachable', reachable: false, blockedBy: { kind, element, reason, fix } });
const unknown = (because: string) => ({ status: 'unknown', reachable: false, unknownBecause: because });

describe('sim.reachability: a subnet with no default route', () => {
  test('names the route table for every destination, with the fix that fits each: interface endpoint, NAT only, or a prefix the table does not know', () => {
    // GIVEN an isolated function granted SQS (interface endpoint), IAM (no endpoint) and a prefix no table row knows
    // WHEN its reachability is read
    const r = reach(isolatedNetwork([SEND, allow(['iam:GetRole']), allow(['foo:Bar'])]));
    // THEN each is blocked by the route table, and the fix names the way each can take
    expect(r).toEqual({
      function: 'Fn',
      inVpc: true,
      services: [
        { service: 'sqs', name: 'Amazon SQS', actions: ['sqs:SendMessage'], ...blocked('route', 'PrivateRoutes', NO_ROUTE,
          `Add an interface endpoint for com.amazonaws.<region>.sqs with private DNS in the function's VPC (VpcFunction / routeGrantedServices derive it from the grants), or ${NAT_FIX}.`) },
        { service: 'iam', name: 'AWS IAM', actions: ['iam:GetRole'], ...blocked('route', 'PrivateRoutes', NO_ROUTE, `Only a NAT route reaches AWS IAM: ${NAT_FIX}.`) },
        { service: 'foo', name: '\'foo\'', actions: ['foo:Bar'], ...blocked('route', 'PrivateRoutes', NO_ROUTE, `Only a NAT route reaches 'foo': ${NAT_FIX}.`) },
      ],
      internet: internet(blocked('route', 'PrivateRoutes', NO_ROUTE, `Only a NAT route reaches the internet: ${NAT_FIX}.`)),
      unreadable: [],
    });
  });

  test('a gateway service\'s fix is a gateway endpoint routed from the table', () => {
    const [s3] = reach(isolatedNetwork([allow(['s3:GetObject', 's3:PutObject'])])).services;
    expect(s3).toEqual({ service: 's3', name: 'Amazon S3', actions: ['s3:GetObject', 's3:PutObject'], ...blocked('route', 'PrivateRoutes', NO_ROUTE,
      `Add a gateway endpoint for com.amazonaws.<region>.s3 routed from PrivateRoutes (VpcFunction / routeGrantedServices derive it from the grants), or ${NAT_FIX}.`) });
  });

  test('a route to another destination block is not a default route', () => {
    const r = reach(isolatedNetwork([]), natRoute(), defaultRoute({ NatGatewayId: ref('Nat'), DestinationCidrBlock: '192.168.0.0/16' }));
    expect(r.internet).toEqual(internet(blocked('route', 'PrivateRoutes', NO_ROUTE, `Only a NAT route reaches the internet: ${NAT_FIX}.`)));
  });
});

describe('sim.reachability: default routes to targets the simulator does not follow', () => {
  test.each([
    ['a virtual private gateway', { GatewayId: 'vgw-0a1b2c3d' }, 'a vpn-gateway (vgw-0a1b2c3d)'],
    ['an instance', { InstanceId: 'i-0123' }, 'an instance (i-0123)'],
    ['a network interface', { NetworkInterfaceId: 'eni-0123' }, 'a network-interface (eni-0123)'],
    ['a transit gateway', { TransitGatewayId: 'tgw-0123' }, 'a transit-gateway (tgw-0123)'],
    ['a peering connection', { VpcPeeringConnectionId: 'pcx-0123' }, 'a vpc-peering (pcx-0123)'],
    ['an egress-only internet gateway', { EgressOnlyInternetGatewayId: 'eigw-0123' }, 'an egress-only-internet-gateway (eigw-0123)'],
    ['a carrier gateway', { CarrierGatewayId: 'cagw-0123' }, 'a carrier-gateway (cagw-0123)'],
    ['a local gateway', { LocalGatewayId: 'lgw-0123' }, 'a local-gateway (lgw-0123)'],
    ['a core network', { CoreNetworkArn: 'arn:aws:networkmanager::1:core-network/c' }, 'a core-network (arn:aws:networkmanager::1:core-network/c)'],
    ['a gateway load balancer endpoint', { VpcEndpointId: 'vpce-0123' }, 'a gateway-endpoint (vpce-0123)'],
  ])('a route to %s makes every answer unknown, naming the target', (_what, target, named) => {
    // GIVEN the function's subnet routing 0.0.0.0/0 to a target beyond the template's model
    // WHEN its reachability is read
    const r = reach(isolatedNetwork([SEND]), defaultRoute(target));
    // THEN the answer is unknown for the service and the internet, never a guess
    const because = `route table PrivateRoutes sends 0.0.0.0/0 to ${named}, which the simulator does not see beyond`;
    expect([r.services[0], r.internet]).toEqual([
      { service: 'sqs', name: 'Amazon SQS', actions: ['sqs:SendMessage'], ...unknown(because) },
      internet(unknown(because)),
    ]);
  });

  test('a route with no target property is not a route', () => {
    const r = reach(isolatedNetwork([]), defaultRoute({}));
    expect(r.internet).toEqual(internet(blocked('route', 'PrivateRoutes', NO_ROUTE, `Only a NAT route reaches the internet: ${NAT_FIX}.`)));
  });

  test('a NatGatewayId that names an internet gateway is no NAT gateway the template defines: unknown', () => {
    const r = reach(isolatedNetwork([]), natRoute(), defaultRoute({ NatGatewayId: ref('Igw') }));
    expect(r.internet).toEqual(internet(unknown('route table PrivateRoutes sends 0.0.0.0/0 to NAT gateway igw-d6df4a629877108ac, which the template does not define')));
  });

  test('a NAT gateway the template does not define: unknown', () => {
    const r = reach(isolatedNetwork([]), defaultRoute({ NatGatewayId: 'nat-0123' }));
    expect(r.internet).toEqual(internet(unknown('route table PrivateRoutes sends 0.0.0.0/0 to NAT gateway nat-0123, which the template does not define')));
  });

  test.each([['subnet-0123'], [undefined]])('a NAT gateway in a subnet the template does not define (%s): unknown', (subnet) => {
    const nat = natRoute();
    (nat.Nat.Properties as Record<string, unknown>).SubnetId = subnet;
    expect(reach(isolatedNetwork([]), nat).internet).toEqual(internet(unknown('NAT gateway Nat is in a subnet the template does not define')));
  });

  test('a subnet of a VPC the template does not define: unknown', () => {
    const t = isolatedNetwork([]);
    (t.Private.Properties as Record<string, unknown>).VpcId = 'vpc-0123';
    delete t.PrivateRoutesAssociation;
    expect(reach(t).internet).toEqual(internet(unknown('subnet Private (us-east-1a) is in a VPC the template does not define')));
  });
});

describe('sim.reachability: NAT and internet gateways, in full', () => {
  test('a public NAT gateway in a public subnet reaches the internet and every granted service, hop by hop', () => {
    const r = reach(isolatedNetwork([SEND]), natRoute());
    const reachable = { status: 'reachable', reachable: true, hops: NAT_PATH, path: NAT_PATH.join(' → ') };
    expect(r.services).toEqual([{ service: 'sqs', name: 'Amazon SQS', actions: ['sqs:SendMessage'], ...reachable }]);
    expect(r.internet).toEqual(internet(reachable));
  });

  test('fails if the NAT gateway\'s own subnet has no route to an internet gateway', () => {
    const nat = natRoute();
    delete nat.PublicDefault;
    expect(reach(isolatedNetwork([]), nat).internet).toEqual(internet(blocked('route', 'PublicRoutes',
      'NAT gateway Nat is in subnet Public (us-east-1a), whose route table PublicRoutes has no route from 0.0.0.0/0 to an internet gateway',
      'Put the NAT gateway in a public subnet (0.0.0.0/0 → internet gateway).')));
  });

  test('fails if the NAT gateway\'s subnet routes 0.0.0.0/0 to another NAT gateway', () => {
    const nat = natRoute();
    (nat.PublicDefault.Properties as Record<string, unknown>) = { RouteTableId: ref('PublicRoutes'), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref('Nat') };
    expect(reach(isolatedNetwork([]), nat).internet.blockedBy!.element).toBe('PublicRoutes');
  });

  test('an internet gateway the template does not define is named by its id at the end of the path', () => {
    const nat = natRoute();
    (nat.PublicDefault.Properties as Record<string, unknown>).GatewayId = 'igw-0123';
    expect(reach(isolatedNetwork([]), nat).internet.hops).toEqual([...NAT_PATH.slice(0, 5), 'internet gateway igw-0123']);
  });

  test('fails if the NAT gateway is private', () => {
    const r = reach(isolatedNetwork([SEND]), natRoute({ natConnectivity: 'private' }));
    const privateNat = blocked('nat-gateway', 'Nat', 'NAT gateway Nat is private (ConnectivityType private): it reaches no internet', 'Route 0.0.0.0/0 to a public NAT gateway in a public subnet.');
    expect([r.services[0], r.internet]).toEqual([{ service: 'sqs', name: 'Amazon SQS', actions: ['sqs:SendMessage'], ...privateNat }, internet(privateNat)]);
  });

  test('an explicit public ConnectivityType is the default', () => {
    expect(reach(isolatedNetwork([]), natRoute({ natConnectivity: 'public' })).internet.hops).toEqual(NAT_PATH);
  });

  test('fails if the internet gateway is attached to no VPC, or to another one', () => {
    const detached = blocked('internet-gateway', 'Igw', 'internet gateway Igw is not attached to the VPC (no AWS::EC2::VPCGatewayAttachment)', 'Attach Igw to the VPC with an AWS::EC2::VPCGatewayAttachment.');
    expect(reach(isolatedNetwork([]), natRoute({ attachGateway: false })).internet).toEqual(internet(detached));
    const other: Resources = {
      Other: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16' } },
      IgwAttachment: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: ref('Other'), InternetGatewayId: ref('Igw') } },
    };
    expect(reach(isolatedNetwork([]), natRoute(), other).internet).toEqual(internet(detached));
  });

  test('fails if the function\'s own subnet routes to the internet gateway: Lambda gives it no public IP', () => {
    const r = reach(isolatedNetwork([SEND]), natRoute(), defaultRoute({ GatewayId: ref('Igw') }));
    const reason = 'subnet Private (us-east-1a) routes 0.0.0.0/0 to an internet gateway, and Lambda gives a function\'s network interfaces no public IP: the traffic goes nowhere (AWS-FACTS §3.4)';
    expect([r.services[0].blockedBy, r.internet.blockedBy]).toEqual([
      { kind: 'public-subnet', element: 'PrivateRoutes', reason, fix: 'Place the function in private subnets that route 0.0.0.0/0 to a NAT gateway, or reach Amazon SQS through a VPC endpoint.' },
      { kind: 'public-subnet', element: 'PrivateRoutes', reason, fix: 'Place the function in private subnets that route 0.0.0.0/0 to a NAT gateway.' },
    ]);
  });

  test('a service with no endpoint in a public subnet gets the NAT fix only', () => {
    const r = reach(isolatedNetwork([allow(['iam:GetRole'])]), natRoute(), defaultRoute({ GatewayId: ref('Igw') }));
    expect(r.services[0].blockedBy!.fix).toBe('Place the function in private subnets that route 0.0.0.0/0 to a NAT gateway.');
  });
});

describe('sim.reachability: a function in several subnets', () => {
  /** A second private subnet for the function, with its own route table (routing to the NAT when `routed`). */
  function secondSubnet(routed: boolean): Resources {
    return {
      Second: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), CidrBlock: '10.0.3.0/24', AvailabilityZone: 'us-east-1b' } },
      SecondRoutes: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } },
      SecondAssociation: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref('Second'), RouteTableId: ref('SecondRoutes') } },
      ...(routed ? { SecondDefault: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref('SecondRoutes'), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref('Nat') } } } : {}),
    };
  }
  function inBoth(...parts: Resources[]) {
    const t = isolatedNetwork([]);
    (t.Fn.Properties as { VpcConfig: { SubnetIds: unknown[] } }).VpcConfig.SubnetIds = [ref('Private'), ref('Second')];
    return reach(t, ...parts).internet;
  }

  test('every subnet must reach: the path is the first subnet\'s', () => {
    expect(inBoth(natRoute(), secondSubnet(true)).hops).toEqual(NAT_PATH);
  });

  test('fails if one subnet of the function has no way out: Lambda may use any of them', () => {
    expect(inBoth(natRoute(), secondSubnet(false))).toEqual(internet(blocked('route', 'SecondRoutes',
      'route table SecondRoutes of subnet Second (us-east-1b) has no route to 0.0.0.0/0 (no NAT gateway)',
      'Only a NAT route reaches the internet: route 0.0.0.0/0 from SecondRoutes to a NAT gateway in a public subnet (egress: \'nat\').')));
  });

  test('a blocked subnet wins over an unknown one', () => {
    const second = secondSubnet(false);
    second.SecondDefault = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref('SecondRoutes'), DestinationCidrBlock: '0.0.0.0/0', TransitGatewayId: 'tgw-1' } };
    expect(inBoth(second).status).toBe('unreachable');
    expect(inBoth(natRoute(), second)).toEqual(internet(unknown('route table SecondRoutes sends 0.0.0.0/0 to a transit-gateway (tgw-1), which the simulator does not see beyond')));
  });

  test('a subnet with no association uses its VPC\'s main route table, which has only the local route', () => {
    const t = isolatedNetwork([]);
    delete t.PrivateRoutesAssociation;
    expect(reach(t, natRoute()).internet).toEqual(internet(blocked('route', 'Vpc (main route table)',
      'route table Vpc (main route table) of subnet Private (us-east-1a) has no route to 0.0.0.0/0 (no NAT gateway)',
      'Only a NAT route reaches the internet: route 0.0.0.0/0 from Vpc (main route table) to a NAT gateway in a public subnet (egress: \'nat\').')));
  });
});

describe('sim.reachability: interface endpoints, in full', () => {
  test('an endpoint with private DNS off and no NAT route: the private-dns blocker carries the route table\'s reason and fix', () => {
    const [s] = reach(isolatedNetwork([SEND]), interfaceEndpoint('sqs', { privateDns: false })).services;
    expect(s.blockedBy).toEqual({
      kind: 'private-dns', element: 'Endpoint',
      reason: `interface endpoint Endpoint has private DNS off, so Amazon SQS's usual hostname resolves to its public addresses; and ${NO_ROUTE}`,
      fix: 'Turn PrivateDnsEnabled on for Endpoint (with EnableDnsHostnames and EnableDnsSupport on the VPC), or add an interface endpoint for com.amazonaws.<region>.sqs '
        + `with private DNS in the function's VPC (VpcFunction / routeGrantedServices derive it from the grants), or ${NAT_FIX}.`,
    });
  });

  test.each([
    ['EnableDnsHostnames', false, undefined],
    ['EnableDnsSupport', true, false],
    ['EnableDnsHostnames', undefined, undefined], // off by default
  ])('fails if the VPC turns off what private DNS needs (%s)', (_what, hostnames, support) => {
    // GIVEN the endpoint with private DNS on, in a VPC with DNS hostnames or support off
    const t = isolatedNetwork([SEND]);
    (t.Vpc.Properties as Record<string, unknown>) = { CidrBlock: '10.0.0.0/16', ...(hostnames === undefined ? {} : { EnableDnsHostnames: hostnames }), ...(support === undefined ? {} : { EnableDnsSupport: support }) };
    // WHEN its reachability is read
    const [s] = reach(t, interfaceEndpoint('sqs')).services;
    // THEN the hostname goes to the public addresses, which the isolated subnet cannot reach
    expect(s.blockedBy).toEqual({
      kind: 'private-dns', element: 'Endpoint',
      reason: `VPC Vpc has EnableDnsHostnames or EnableDnsSupport off, which private DNS needs, so Amazon SQS's usual hostname resolves to its public addresses; and ${NO_ROUTE}`,
      fix: expect.stringMatching(/^Turn PrivateDnsEnabled on for Endpoint \(with EnableDnsHostnames and EnableDnsSupport on the VPC\), or add an interface endpoint/),
    });
  });

  test('EnableDnsSupport is on by default: EnableDnsHostnames alone lets private DNS answer', () => {
    const t = isolatedNetwork([SEND]);
    (t.Vpc.Properties as Record<string, unknown>) = { CidrBlock: '10.0.0.0/16', EnableDnsHostnames: true };
    expect(reach(t, interfaceEndpoint('sqs')).services[0].status).toBe('reachable');
  });

  test('private DNS off with a default route the simulator does not follow: the public way is unknown, and so is the answer', () => {
    const [s] = reach(isolatedNetwork([SEND]), interfaceEndpoint('sqs', { privateDns: false }), defaultRoute({ TransitGatewayId: 'tgw-1' })).services;
    expect(s).toEqual({ service: 'sqs', name: 'Amazon SQS', actions: ['sqs:SendMessage'], ...unknown('route table PrivateRoutes sends 0.0.0.0/0 to a transit-gateway (tgw-1), which the simulator does not see beyond') });
  });

  test('DNS settings written as strings are read: "true" turns them on', () => {
    const t = isolatedNetwork([SEND]);
    (t.Vpc.Properties as Record<string, unknown>) = { CidrBlock: '10.0.0.0/16', EnableDnsHostnames: 'true', EnableDnsSupport: 'true' };
    const e = interfaceEndpoint('sqs');
    (e.Endpoint.Properties as Record<string, unknown>).PrivateDnsEnabled = 'true';
    expect(reach(t, e).services[0].status).toBe('reachable');
  });

  test('an endpoint whose PrivateDnsEnabled is left out has private DNS off (CloudFormation\'s default)', () => {
    const e = interfaceEndpoint('sqs');
    delete (e.Endpoint.Properties as Record<string, unknown>).PrivateDnsEnabled;
    expect(reach(isolatedNetwork([SEND]), e).services[0].blockedBy!.kind).toBe('private-dns');
  });

  test('an endpoint for another service, or of another type, is no way to SQS', () => {
    expect(reach(isolatedNetwork([SEND]), interfaceEndpoint('sns')).services[0].blockedBy!.kind).toBe('route');
    const gwlb = interfaceEndpoint('sqs');
    (gwlb.Endpoint.Properties as Record<string, unknown>).VpcEndpointType = 'GatewayLoadBalancer';
    expect(reach(isolatedNetwork([SEND]), gwlb).services[0].blockedBy!.kind).toBe('route');
    const unnamed = interfaceEndpoint('sqs');
    (unnamed.Endpoint.Properties as Record<string, unknown>).ServiceName = 'com.example.sqs';
    expect(reach(isolatedNetwork([SEND]), unnamed).services[0].blockedBy!.kind).toBe('route');
    delete (unnamed.Endpoint.Properties as Record<string, unknown>).ServiceName;
    expect(reach(isolatedNetwork([SEND]), unnamed).services[0].blockedBy!.kind).toBe('route');
  });

  test('only gateway endpoints add routes: an S3 interface endpoint listing route tables, or a Gateway-type endpoint for SQS, routes nothing', () => {
    const s3Interface: Resources = {
      S3Interface: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: ref('Vpc'), VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [ref('PrivateRoutes')], SubnetIds: [ref('Private')] } },
    };
    expect(reach(isolatedNetwork([allow(['s3:GetObject'])]), s3Interface).services[0].blockedBy!.kind).toBe('route');
    const sqsGateway: Resources = { SqsGateway: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: ref('Vpc'), ServiceName: 'com.amazonaws.us-east-1.sqs', RouteTableIds: [ref('PrivateRoutes')] } } };
    expect(reach(isolatedNetwork([SEND]), sqsGateway).services[0].blockedBy!.kind).toBe('route');
  });

  test('an endpoint admitting the function\'s subnet by CIDR is the path, the rule named by its block', () => {
    const e = interfaceEndpoint('sqs');
    (e.EndpointGroup.Properties as Record<string, unknown>).SecurityGroupIngress = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.1.0/24' }];
    const hops = ['subnet Private (us-east-1a)', 'security group FnGroup (all traffic to 0.0.0.0/0)', 'interface endpoint Endpoint (private DNS; EndpointGroup admits tcp/443 from 10.0.1.0/24)'];
    expect(reach(isolatedNetwork([SEND]), e).services[0]).toEqual({ service: 'sqs', name: 'Amazon SQS', actions: ['sqs:SendMessage'], status: 'reachable', reachable: true, hops, path: hops.join(' → ') });
  });

  test('fails if the endpoint has no security group: the VPC\'s default group admits only its own members', () => {
    const e = interfaceEndpoint('sqs');
    delete (e.Endpoint.Properties as Record<string, unknown>).SecurityGroupIds;
    expect(reach(isolatedNetwork([SEND]), e).services[0].blockedBy).toEqual({
      kind: 'endpoint-security-group', element: 'Vpc (default security group)',
      reason: 'interface endpoint Endpoint\'s security groups (Vpc (default security group)) admit no TCP 443 from the function\'s security groups (FnGroup) or subnet Private (us-east-1a)',
      fix: 'Allow TCP 443 ingress on Vpc (default security group) from FnGroup.',
    });
  });

  test('a function in the VPC\'s default security group reaches an endpoint in it', () => {
    const t = isolatedNetwork([SEND]);
    (t.Fn.Properties as { VpcConfig: { SecurityGroupIds: unknown[] } }).VpcConfig.SecurityGroupIds = [{ 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] }];
    const e = interfaceEndpoint('sqs');
    (e.Endpoint.Properties as Record<string, unknown>).SecurityGroupIds = [{ 'Fn::GetAtt': ['Vpc', 'DefaultSecurityGroup'] }];
    expect(reach(t, e).services[0].hops).toEqual([
      'subnet Private (us-east-1a)', 'security group Vpc (default security group) (all traffic to 0.0.0.0/0)',
      'interface endpoint Endpoint (private DNS; Vpc (default security group) admits all traffic from Vpc (default security group))',
    ]);
  });

  test('an endpoint\'s imported subnets or security groups make the answer unknown', () => {
    const subnets = interfaceEndpoint('sqs');
    (subnets.Endpoint.Properties as Record<string, unknown>).SubnetIds = ['subnet-0123'];
    const groups = interfaceEndpoint('sqs');
    (groups.Endpoint.Properties as Record<string, unknown>).SecurityGroupIds = ['sg-0123'];
    expect([reach(isolatedNetwork([SEND]), subnets).services[0], reach(isolatedNetwork([SEND]), groups).services[0]]).toEqual([
      { service: 'sqs', name: 'Amazon SQS', actions: ['sqs:SendMessage'], ...unknown('interface endpoint Endpoint is in subnets the template does not define') },
      { service: 'sqs', name: 'Amazon SQS', actions: ['sqs:SendMessage'], ...unknown('interface endpoint Endpoint has security groups the template does not define') },
    ]);
  });

  test('ECR through both its endpoints: the path is the first endpoint\'s', () => {
    const api = interfaceEndpoint('ecr.api');
    const dkr = interfaceEndpoint('ecr.dkr');
    const both = { ...api, DockerEndpoint: dkr.Endpoint };
    expect(reach(isolatedNetwork([allow(['ecr:GetAuthorizationToken'])]), both).services[0].path).toBe(
      'subnet Private (us-east-1a) → security group FnGroup (all traffic to 0.0.0.0/0) → interface endpoint Endpoint (private DNS; EndpointGroup admits tcp/443 from FnGroup)');
  });

  test('ECR needs both its endpoints: with only the API endpoint the Docker registry is blocked', () => {
    const t = isolatedNetwork([allow(['ecr:GetAuthorizationToken'])]);
    expect(reach(t, interfaceEndpoint('ecr.api')).services[0].blockedBy).toEqual({
      kind: 'route', element: 'PrivateRoutes', reason: NO_ROUTE,
      fix: `Add an interface endpoint for com.amazonaws.<region>.ecr.api and com.amazonaws.<region>.ecr.dkr with private DNS in the function's VPC (VpcFunction / routeGrantedServices derive it from the grants), or ${NAT_FIX}.`,
    });
  });
});
