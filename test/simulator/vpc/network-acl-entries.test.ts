import { Simulation } from '../../../lib/simulator';
import { Resources, allow, build, interfaceEndpoint, isolatedNetwork, natRoute } from './network-template';

// Network ACL entries as EC2 evaluates them: lowest number first, the first match decides, stateless (the request
// and its return traffic), narrower blocks passed over for public addresses; the ACL of the NAT gateway's subnet too.

const ref = (id: string) => ({ Ref: id });
const SEND = allow(['sqs:SendMessage'], { 'Fn::GetAtt': ['Queue', 'Arn'] });

/** An entry as AWS::EC2::NetworkAclEntry writes it, on the ACL `acl`. */
function entry(acl: string, props: Record<string, unknown>) {
  return { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: ref(acl), Protocol: 6, RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', ...props } };
}

/** An ACL on `subnet` with these entries (by logical id). */
function aclOn(subnet: string, acl: string, entries: Record<string, Record<string, unknown>>): Resources {
  const out: Resources = {
    [acl]: { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: ref('Vpc') } },
    [`${acl}Association`]: { Type: 'AWS::EC2::SubnetNetworkAclAssociation', Properties: { SubnetId: ref(subnet), NetworkAclId: ref(acl) } },
  };
  for (const [id, props] of Object.entries(entries)) out[id] = entry(acl, props);
  return out;
}

const OUT_443 = { RuleNumber: 100, Egress: true, PortRange: { From: 443, To: 443 } };
const IN_EPHEMERAL = { RuleNumber: 100, PortRange: { From: 1024, To: 65535 } };

function internetThrough(entries: Record<string, Record<string, unknown>>) {
  return Simulation.fromTemplate(build(isolatedNetwork([]), natRoute(), aclOn('Private', 'Acl', entries))).reachability('Fn').internet;
}

const denied = (reason: string, fix: string) => ({ kind: 'network-acl', element: 'Acl', reason, fix });
const FIX_IN = 'Add an ingress entry to Acl allowing TCP 1024–65535 from 0.0.0.0/0 (network ACLs are stateless: the request and its return traffic both need an entry).';
const FIX_OUT = 'Add an egress entry to Acl allowing TCP 443 to 0.0.0.0/0 (network ACLs are stateless: the request and its return traffic both need an entry).';

describe('network ACL on the function\'s subnet', () => {
  test('HTTPS out and the ephemeral ports back are enough: the path is the NAT\'s', () => {
    const r = internetThrough({ Out: OUT_443, In: IN_EPHEMERAL });
    expect(r.path).toBe('subnet Private (us-east-1a) → security group FnGroup (all traffic to 0.0.0.0/0) → route table PrivateRoutes (0.0.0.0/0) → '
      + 'NAT gateway Nat in subnet Public (us-east-1a) → route table PublicRoutes (0.0.0.0/0) → internet gateway Igw');
  });

  test('fails if the return traffic is not admitted', () => {
    expect(internetThrough({ Out: OUT_443 }).blockedBy).toEqual(denied('network ACL Acl has no ingress rule allowing TCP 1024–65535 from 0.0.0.0/0 (the final * rule denies it)', FIX_IN));
  });

  test('fails if the request is not let out', () => {
    expect(internetThrough({ In: IN_EPHEMERAL }).blockedBy).toEqual(denied('network ACL Acl has no egress rule allowing TCP 443 to 0.0.0.0/0 (the final * rule denies it)', FIX_OUT));
  });

  test.each([
    [{ A: { RuleNumber: 100, PortRange: { From: 1024, To: 30000 } }, B: { RuleNumber: 110, PortRange: { From: 30001, To: 65535 } } }, 'reachable', undefined],
    [{ A: { RuleNumber: 100, PortRange: { From: 1024, To: 30000 } } }, 'unreachable', 'TCP 30001–65535'],
    [{ A: { RuleNumber: 100, PortRange: { From: 2000, To: 65535 } } }, 'unreachable', 'TCP 1024–1999'],
    [{ A: { RuleNumber: 100, PortRange: { From: 2000, To: 3000 } } }, 'unreachable', 'TCP 1024–1999, 3001–65535'],
    [{ A: { RuleNumber: 100, PortRange: { From: 1025, To: 65534 } } }, 'unreachable', 'TCP 1024, 65535'],
    [{ A: { RuleNumber: 100, PortRange: { From: 0, To: 1023 } } }, 'unreachable', 'TCP 1024–65535'],
    [{ A: { RuleNumber: 100, PortRange: { From: 2000, To: 3000 } }, B: { RuleNumber: 110, PortRange: { From: 1024, To: 1999 } } }, 'unreachable', 'TCP 3001–65535'],
    [{ A: { RuleNumber: 100, PortRange: { From: 2000, To: 3000 } }, B: { RuleNumber: 110, PortRange: { From: 3001, To: 65535 } } }, 'unreachable', 'TCP 1024–1999'],
  ])('return traffic admitted by %j: %s', (inbound, status, missing) => {
    // GIVEN the request let out, and these ingress entries
    const r = internetThrough({ Out: OUT_443, ...inbound });
    // THEN the ephemeral ports no entry admits are named
    expect(r.status).toBe(status);
    if (missing) expect(r.blockedBy!.reason).toBe(`network ACL Acl has no ingress rule allowing ${missing} from 0.0.0.0/0 (the final * rule denies it)`);
  });

  test('the lowest rule number decides, whatever the template order', () => {
    // GIVEN an allow numbered 200 written before a deny numbered 90
    const r = internetThrough({ In: IN_EPHEMERAL, AllowOut: { RuleNumber: 200, Egress: true, PortRange: { From: 443, To: 443 } }, DenyOut: { RuleNumber: 90, Egress: true, RuleAction: 'deny', PortRange: { From: 0, To: 65535 } } });
    expect(r.blockedBy).toEqual(denied('network ACL Acl egress rule 90 denies TCP 0–65535 to 0.0.0.0/0', FIX_OUT));
    // and an allow numbered 90 written after a deny numbered 200 lets it out
    expect(internetThrough({ In: IN_EPHEMERAL, DenyOut: { RuleNumber: 200, Egress: true, RuleAction: 'deny' }, AllowOut: { RuleNumber: '90', Egress: 'true', PortRange: { From: 443, To: 443 } } }).status).toBe('reachable');
  });

  test('a deny of the return traffic is named with its direction and block', () => {
    const r = internetThrough({ Out: OUT_443, Deny: { RuleNumber: 50, RuleAction: 'DENY', PortRange: { From: 1024, To: 2048 } }, In: IN_EPHEMERAL });
    expect(r.blockedBy).toEqual(denied('network ACL Acl ingress rule 50 denies TCP 1024–2048 from 0.0.0.0/0', FIX_IN));
  });

  test('entries that cannot match are passed over: other ports, other protocols, a narrower block for public addresses', () => {
    const r = internetThrough({
      Out: OUT_443, In: IN_EPHEMERAL,
      DenyHttp: { RuleNumber: 10, Egress: true, RuleAction: 'deny', PortRange: { From: 80, To: 80 } },
      DenyUdp: { RuleNumber: 11, Egress: true, RuleAction: 'deny', Protocol: 17 },
      DenyNarrow: { RuleNumber: 12, Egress: true, RuleAction: 'deny', CidrBlock: '52.0.0.0/8' },
      AllowNarrow: { RuleNumber: 13, RuleAction: 'allow', CidrBlock: '52.0.0.0/8' },
    });
    expect(r.status).toBe('reachable');
  });

  test('an allow of a narrower block does not count for public addresses', () => {
    expect(internetThrough({ Out: OUT_443, In: { ...IN_EPHEMERAL, CidrBlock: '52.0.0.0/8' } }).blockedBy).toEqual(
      denied('network ACL Acl has no ingress rule allowing TCP 1024–65535 from 0.0.0.0/0 (the final * rule denies it)', FIX_IN));
  });

  test.each([
    [{ RuleNumber: 100, Protocol: -1 }],
    [{ RuleNumber: 100, Protocol: '-1' }],
    [{ RuleNumber: 100, Protocol: 'all' }],
    [{ RuleNumber: 100, Protocol: '6' }],
    [{ RuleNumber: 100, RuleAction: 'ALLOW' }],
    [{ RuleNumber: 100, CidrBlock: undefined }], // CidrBlock left out: read as every address
  ])('the ingress entry %j admits the return traffic', (inbound) => {
    expect(internetThrough({ Out: OUT_443, In: inbound }).status).toBe('reachable');
  });

  test('an entry without Protocol is read as every protocol', () => {
    const acl = aclOn('Private', 'Acl', { Out: OUT_443 });
    acl.In = { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: ref('Acl'), RuleNumber: 100, RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' } };
    expect(Simulation.fromTemplate(build(isolatedNetwork([]), natRoute(), acl)).reachability('Fn').internet.status).toBe('reachable');
  });

  test('an entry for an ACL the template does not define changes nothing', () => {
    const acl = aclOn('Private', 'Acl', { Out: OUT_443, In: IN_EPHEMERAL });
    acl.Stray = { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: 'acl-0123', RuleNumber: 1, Egress: true, RuleAction: 'deny', Protocol: -1, CidrBlock: '0.0.0.0/0' } };
    expect(Simulation.fromTemplate(build(isolatedNetwork([]), natRoute(), acl)).reachability('Fn').internet.status).toBe('reachable');
  });

  test('an association with the VPC\'s default ACL allows everything, whatever entries name it', () => {
    const t = build(isolatedNetwork([]), natRoute(), {
      AclAssociation: { Type: 'AWS::EC2::SubnetNetworkAclAssociation', Properties: { SubnetId: ref('Private'), NetworkAclId: { 'Fn::GetAtt': ['Vpc', 'DefaultNetworkAcl'] } } },
      Deny: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { 'Fn::GetAtt': ['Vpc', 'DefaultNetworkAcl'] }, RuleNumber: 1, Egress: true, RuleAction: 'deny', Protocol: -1, CidrBlock: '0.0.0.0/0' } },
    });
    expect(Simulation.fromTemplate(t).reachability('Fn').internet.status).toBe('reachable');
  });
});

describe('network ACL on the way to a gateway endpoint', () => {
  const S3_GATEWAY: Resources = {
    S3Endpoint: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: ref('Vpc'), ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [ref('PrivateRoutes')] } },
  };
  const s3 = (entries: Record<string, Record<string, unknown>>) =>
    Simulation.fromTemplate(build(isolatedNetwork([allow(['s3:GetObject'])]), S3_GATEWAY, aclOn('Private', 'Acl', entries))).reachability('Fn').services[0];

  test('fails if the subnet\'s ACL lets the request out but not the replies in: the prefix list\'s addresses are public', () => {
    expect(s3({ Out: OUT_443 }).blockedBy).toEqual(denied('network ACL Acl has no ingress rule allowing TCP 1024–65535 from 0.0.0.0/0 (the final * rule denies it)', FIX_IN));
  });

  test('both directions open: the gateway endpoint is the path', () => {
    expect(s3({ Out: OUT_443, In: IN_EPHEMERAL }).hops).toEqual([
      'subnet Private (us-east-1a)', 'security group FnGroup (all traffic to 0.0.0.0/0)', 'route table PrivateRoutes (prefix list of s3)', 'gateway endpoint S3Endpoint',
    ]);
  });
});

describe('network ACL on the NAT gateway\'s subnet', () => {
  /** The NAT's subnet's ACL, with every crossing open but the one left out. */
  const ALL = {
    FromFunction: { RuleNumber: 100, CidrBlock: '10.0.1.0/24', PortRange: { From: 443, To: 443 } },
    ToInternet: { RuleNumber: 100, Egress: true, PortRange: { From: 443, To: 443 } },
    FromInternet: { RuleNumber: 110, PortRange: { From: 1024, To: 65535 } },
    ToFunction: { RuleNumber: 110, Egress: true, CidrBlock: '10.0.1.0/24', PortRange: { From: 1024, To: 65535 } },
  };
  function natSubnetAcl(leaveOut?: keyof typeof ALL) {
    const entries: Record<string, Record<string, unknown>> = { ...ALL };
    if (leaveOut) delete entries[leaveOut];
    return Simulation.fromTemplate(build(isolatedNetwork([]), natRoute(), aclOn('Public', 'PubAcl', entries))).reachability('Fn').internet;
  }
  const stateless = '(network ACLs are stateless: the request and its return traffic both need an entry).';

  test('the four crossings open: reachable', () => {
    expect(natSubnetAcl().status).toBe('reachable');
  });

  test.each([
    ['FromFunction', 'network ACL PubAcl has no ingress rule allowing TCP 443 from 10.0.1.0/24 (the final * rule denies it)', `Add an ingress entry to PubAcl allowing TCP 443 from 10.0.1.0/24 ${stateless}`],
    ['ToInternet', 'network ACL PubAcl has no egress rule allowing TCP 443 to 0.0.0.0/0 (the final * rule denies it)', `Add an egress entry to PubAcl allowing TCP 443 to 0.0.0.0/0 ${stateless}`],
    ['FromInternet', 'network ACL PubAcl has no ingress rule allowing TCP 1024–65535 from 0.0.0.0/0 (the final * rule denies it)', `Add an ingress entry to PubAcl allowing TCP 1024–65535 from 0.0.0.0/0 ${stateless}`],
    ['ToFunction', 'network ACL PubAcl has no egress rule allowing TCP 1024–65535 to 10.0.1.0/24 (the final * rule denies it)', `Add an egress entry to PubAcl allowing TCP 1024–65535 to 10.0.1.0/24 ${stateless}`],
  ] as const)('fails if the entry %s is missing', (leaveOut, reason, fix) => {
    expect(natSubnetAcl(leaveOut).blockedBy).toEqual({ kind: 'network-acl', element: 'PubAcl', reason, fix });
  });

  test('a function subnet of a VPC the template does not define has no ACL of its own to cross', () => {
    // GIVEN the function's subnet in an imported VPC, associated with the template's route table to the NAT
    const t = isolatedNetwork([]);
    (t.Private.Properties as Record<string, unknown>).VpcId = 'vpc-0123';
    const r = Simulation.fromTemplate(build(t, natRoute())).reachability('Fn').internet;
    // THEN the way out is the NAT's, checked from the NAT's subnet on
    expect(r.hops).toEqual(['subnet Private (us-east-1a)', 'security group FnGroup (all traffic to 0.0.0.0/0)', 'route table PrivateRoutes (0.0.0.0/0)',
      'NAT gateway Nat in subnet Public (us-east-1a)', 'route table PublicRoutes (0.0.0.0/0)', 'internet gateway Igw']);
  });

  test('a function subnet without a CIDR block is treated as any address: only 0.0.0.0/0 entries admit it', () => {
    const t = isolatedNetwork([]);
    (t.Private.Properties as Record<string, unknown>) = { VpcId: ref('Vpc') };
    const sim = (entries: Record<string, Record<string, unknown>>) => Simulation.fromTemplate(build(t, natRoute(), aclOn('Public', 'PubAcl', entries))).reachability('Fn').internet;
    expect(sim(ALL).blockedBy!.reason).toBe('network ACL PubAcl has no ingress rule allowing TCP 443 from 0.0.0.0/0 (the final * rule denies it)');
    expect(sim({ ...ALL, FromFunction: { ...ALL.FromFunction, CidrBlock: '0.0.0.0/0' }, ToFunction: { ...ALL.ToFunction, CidrBlock: '0.0.0.0/0' } }).hops![0]).toBe('subnet Private');
  });
});

describe('network ACLs between the function and an interface endpoint in another subnet', () => {
  function acrossSubnets(functionAcl: Record<string, Record<string, unknown>> | undefined, endpointAcl?: Record<string, Record<string, unknown>>) {
    const endpoint = interfaceEndpoint('sqs');
    endpoint.Endpoint.Properties = { ...endpoint.Endpoint.Properties, SubnetIds: [ref('Endpoints')] };
    const parts: Resources[] = [isolatedNetwork([SEND]), endpoint, { Endpoints: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), CidrBlock: '10.0.2.0/24' } } }];
    if (functionAcl) parts.push(aclOn('Private', 'Acl', functionAcl));
    if (endpointAcl) parts.push(aclOn('Endpoints', 'EndpointAcl', endpointAcl));
    return Simulation.fromTemplate(build(...parts)).reachability('Fn').services[0];
  }
  const OPEN_FUNCTION_SIDE = { Out: { RuleNumber: 100, Egress: true, CidrBlock: '10.0.2.0/24', PortRange: { From: 443, To: 443 } }, In: { RuleNumber: 100, CidrBlock: '10.0.2.0/24', PortRange: { From: 1024, To: 65535 } } };

  test('a deny of a block overlapping the endpoint\'s subnet stops the request', () => {
    const s = acrossSubnets({ ...OPEN_FUNCTION_SIDE, Deny: { RuleNumber: 50, Egress: true, RuleAction: 'deny', CidrBlock: '10.0.2.128/25', PortRange: { From: 443, To: 443 } } });
    expect(s.blockedBy).toEqual({
      kind: 'network-acl', element: 'Acl', reason: 'network ACL Acl egress rule 50 denies TCP 443 to 10.0.2.128/25',
      fix: 'Add an egress entry to Acl allowing TCP 443 to 10.0.2.0/24 (network ACLs are stateless: the request and its return traffic both need an entry).',
    });
  });

  test('an allow of only part of the endpoint\'s subnet does not open it', () => {
    const s = acrossSubnets({ ...OPEN_FUNCTION_SIDE, Out: { ...OPEN_FUNCTION_SIDE.Out, CidrBlock: '10.0.2.0/25' } });
    expect(s.blockedBy!.reason).toBe('network ACL Acl has no egress rule allowing TCP 443 to 10.0.2.0/24 (the final * rule denies it)');
  });

  test('a deny of a block apart from the endpoint\'s subnet is passed over', () => {
    expect(acrossSubnets({ ...OPEN_FUNCTION_SIDE, Deny: { RuleNumber: 50, Egress: true, RuleAction: 'deny', CidrBlock: '10.0.3.0/24' } }).status).toBe('reachable');
  });

  test.each([
    [{ EndpointIn: { RuleNumber: 100, CidrBlock: '10.0.1.0/24', PortRange: { From: 443, To: 443 } } }, 'network ACL EndpointAcl has no egress rule allowing TCP 1024–65535 to 10.0.1.0/24 (the final * rule denies it)'],
    [{ EndpointOut: { RuleNumber: 100, Egress: true, CidrBlock: '10.0.1.0/24', PortRange: { From: 1024, To: 65535 } } }, 'network ACL EndpointAcl has no ingress rule allowing TCP 443 from 10.0.1.0/24 (the final * rule denies it)'],
  ])('fails if the endpoint subnet\'s ACL lacks a direction: %j', (entries, reason) => {
    expect(acrossSubnets(undefined, entries).blockedBy).toEqual(expect.objectContaining({ kind: 'network-acl', element: 'EndpointAcl', reason }));
  });

  test('both ACLs open both ways: reachable', () => {
    const endpointSide = { EndpointIn: { RuleNumber: 100, CidrBlock: '10.0.1.0/24', PortRange: { From: 443, To: 443 } }, EndpointOut: { RuleNumber: 100, Egress: true, CidrBlock: '10.0.1.0/24', PortRange: { From: 1024, To: 65535 } } };
    expect(acrossSubnets(OPEN_FUNCTION_SIDE, endpointSide).status).toBe('reachable');
  });
});
