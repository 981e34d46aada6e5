import { Duration } from 'aws-cdk-lib';
import { LambdaContext, Simulation } from '../../../lib/simulator';
import { Resources, allow, build, interfaceEndpoint, isolatedNetwork, natRoute, privateAcl } from './network-template';

// What Ref and Fn::GetAtt answer for the EC2 network types (read through a function's environment), the route
// guard on calls a VPC function's code makes, the findings, and sim.reachability's errors.

const ref = (id: string) => ({ Ref: id });
const att = (id: string, a: string) => ({ 'Fn::GetAtt': [id, a] });
const SEND = allow(['sqs:SendMessage', 'sqs:GetQueueUrl'], att('Queue', 'Arn'));
const NO_ROUTE = 'route table PrivateRoutes of subnet Private (us-east-1a) has no route to 0.0.0.0/0 (no NAT gateway)';
const SQS_FIX = 'Add an interface endpoint for com.amazonaws.<region>.sqs with private DNS in the function\'s VPC (VpcFunction / routeGrantedServices derive it from the grants), '
  + 'or route 0.0.0.0/0 from PrivateRoutes to a NAT gateway in a public subnet (egress: \'nat\').';

describe('Ref and Fn::GetAtt of the EC2 network types', () => {
  test('ids shaped as EC2 writes them, derived from the stack and logical id; the attributes CloudFormation returns', () => {
    // GIVEN a function whose environment names every part of the network
    const t = isolatedNetwork([]);
    (t.Fn.Properties as Record<string, unknown>).Environment = {
      Variables: {
        VPC: ref('Vpc'), VPC_ID: att('Vpc', 'VpcId'), CIDR: att('Vpc', 'CidrBlock'), DSG: att('Vpc', 'DefaultSecurityGroup'), DACL: att('Vpc', 'DefaultNetworkAcl'),
        IPV6: att('Vpc', 'Ipv6CidrBlocks'),
        SUBNET: ref('Private'), SUBNET_ID: att('Private', 'SubnetId'), SUBNET_VPC: att('Private', 'VpcId'), AZ: att('Private', 'AvailabilityZone'), SUBNET_CIDR: att('Private', 'CidrBlock'),
        RTB: ref('PrivateRoutes'), RTB_ID: att('PrivateRoutes', 'RouteTableId'), SG: ref('FnGroup'), SG_ID: att('FnGroup', 'GroupId'), SG_VPC: att('FnGroup', 'VpcId'),
        PL: ref('Pl'), PL_ID: att('Pl', 'PrefixListId'), PL_ARN: att('Pl', 'Arn'), EIGW: ref('Eigw'), EIGW_ID: att('Eigw', 'Id'),
        IGW: ref('Igw'), IGW_ID: att('Igw', 'InternetGatewayId'), NAT: ref('Nat'), NAT_ID: att('Nat', 'NatGatewayId'), ACL: ref('Acl'), ACL_ID: att('Acl', 'Id'),
        VPCE: ref('Endpoint'), VPCE_ID: att('Endpoint', 'Id'), VPCE_DNS: att('Endpoint', 'DnsEntries'),
      },
    };
    const extra: Resources = { Pl: { Type: 'AWS::EC2::PrefixList', Properties: {} }, Eigw: { Type: 'AWS::EC2::EgressOnlyInternetGateway', Properties: {} } };
    // WHEN the template is read
    const settings = Simulation.fromTemplate(build(t, natRoute(), privateAcl([]), interfaceEndpoint('sqs'), extra)).lambda.lambdaFunction('Fn').settings;
    // THEN each resolves as EC2 names it; what is not modelled stays unresolved, saying so
    const vpc = 'vpc-9bc42fbad3f96b1fd';
    const pl = 'pl-4758ee7501188dbee';
    expect(settings.environment).toEqual({
      VPC: vpc, VPC_ID: vpc, CIDR: '10.0.0.0/16', DSG: 'sg-e5219be2c2c4fe271', DACL: 'acl-e5219be2c2c4fe271',
      SUBNET: 'subnet-35075765d119533f6', SUBNET_ID: 'subnet-35075765d119533f6', SUBNET_VPC: vpc, AZ: 'us-east-1a', SUBNET_CIDR: '10.0.1.0/24',
      RTB: 'rtb-51a79548b8458131b', RTB_ID: 'rtb-51a79548b8458131b', SG: 'sg-387d41b3104a68fb4', SG_ID: 'sg-387d41b3104a68fb4', SG_VPC: vpc,
      PL: pl, PL_ID: pl, PL_ARN: `arn:aws:ec2:us-east-1:123456789012:prefix-list/${pl}`, EIGW: 'eigw-b8333bebb941e4424', EIGW_ID: 'eigw-b8333bebb941e4424',
      IGW: 'igw-d6df4a629877108ac', IGW_ID: 'igw-d6df4a629877108ac', NAT: 'nat-a998d04f7568cae99', NAT_ID: 'nat-a998d04f7568cae99',
      ACL: 'acl-d301e77adb615f2a5', ACL_ID: 'acl-d301e77adb615f2a5', VPCE: 'vpce-d07d7ed934c17a2b6', VPCE_ID: 'vpce-d07d7ed934c17a2b6',
    });
    expect(settings.unresolvedEnvironment).toEqual({
      IPV6: 'Vpc.Ipv6CidrBlocks (not modelled for AWS::EC2::VPC)',
      VPCE_DNS: 'Endpoint.DnsEntries (not modelled for AWS::EC2::VPCEndpoint)',
    });
  });

  test('the ids depend on the stack name', () => {
    const t = isolatedNetwork([]);
    (t.Fn.Properties as Record<string, unknown>).Environment = { Variables: { VPC: ref('Vpc') } };
    const other = Simulation.fromTemplate(build(t), { stackName: 'Other' }).lambda.lambdaFunction('Fn').settings.environment.VPC;
    expect(other).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(other).not.toBe('vpc-9bc42fbad3f96b1fd');
  });
});

describe('the route guard: calls a VPC function\'s code makes', () => {
  test('a call with no route gets no answer, traced with the whole reason; reachability then reports the granted actions, not the call\'s', async () => {
    // GIVEN a function granted two SQS actions, with no route to SQS
    const sim = Simulation.fromTemplate(build(isolatedNetwork([SEND])));
    const url = sim.queue('Queue').settings.url;
    sim.onInvoke('Fn', async (_e: unknown, c: LambdaContext) => {
      await c.aws.sqs.sendMessage({ QueueUrl: url, MessageBody: 'x' });
    });
    // WHEN its code sends a message
    sim.invokeAsync('Fn', {});
    await sim.advance(Duration.seconds(11));
    // THEN the call is traced unanswered with the route table's reason, and the invocation times out on it
    const reason = `sqs:SendMessage from Fn gets no answer: Amazon SQS is unreachable: ${NO_ROUTE}`;
    expect(sim.events({ type: 'lambda.callUnanswered' }).map((e) => [e.time, e.resource, e.reason, e.detail?.action])).toEqual([[0, 'Fn', reason, 'sqs:SendMessage']]);
    expect(sim.events({ type: 'lambda.timedOut' }).map((e) => e.detail?.unansweredCall)).toEqual([`sqs:SendMessage ${url}: ${reason}`]);
    // and the answer cached for the call carries the role's actions when read as reachability
    expect(sim.reachability('Fn').services).toEqual([{
      service: 'sqs', name: 'Amazon SQS', actions: ['sqs:SendMessage', 'sqs:GetQueueUrl'], status: 'unreachable', reachable: false,
      blockedBy: { kind: 'route', element: 'PrivateRoutes', reason: NO_ROUTE, fix: SQS_FIX },
    }]);
  });

  test('a call whose reachability is unknown is let through', async () => {
    const t = isolatedNetwork([SEND]);
    t.PrivateDefault = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref('PrivateRoutes'), DestinationCidrBlock: '0.0.0.0/0', TransitGatewayId: 'tgw-1' } };
    const sim = Simulation.fromTemplate(build(t));
    const url = sim.queue('Queue').settings.url;
    sim.onInvoke('Fn', async (_e: unknown, c: LambdaContext) => c.aws.sqs.sendMessage({ QueueUrl: url, MessageBody: 'through' }));
    sim.invokeAsync('Fn', {});
    await sim.advance(Duration.seconds(11));
    expect([sim.events({ type: 'lambda.callUnanswered' }), sim.queue('Queue').visible.map((m) => m.body)]).toEqual([[], ['through']]);
  });

  test('a function outside a VPC is never stopped', async () => {
    const t = isolatedNetwork([SEND]);
    delete (t.Fn.Properties as Record<string, unknown>).VpcConfig;
    const sim = Simulation.fromTemplate(build(t));
    const url = sim.queue('Queue').settings.url;
    sim.onInvoke('Fn', async (_e: unknown, c: LambdaContext) => c.aws.sqs.sendMessage({ QueueUrl: url, MessageBody: 'out' }));
    sim.invokeAsync('Fn', {});
    await sim.advance(Duration.seconds(11));
    expect(sim.queue('Queue').visible.map((m) => m.body)).toEqual(['out']);
    expect(sim.reachability('Fn').services).toEqual([{
      service: 'sqs', name: 'Amazon SQS', actions: ['sqs:SendMessage', 'sqs:GetQueueUrl'], status: 'reachable', reachable: true,
      hops: ['Lambda\'s own network (the function is not in a VPC)'], path: 'Lambda\'s own network (the function is not in a VPC)',
    }]);
  });

  test('a VpcConfig with no subnets is no VPC', () => {
    const t = isolatedNetwork([SEND]);
    (t.Fn.Properties as Record<string, unknown>).VpcConfig = { SubnetIds: [], SecurityGroupIds: [att('FnGroup', 'GroupId')] };
    const r = Simulation.fromTemplate(build(t)).reachability('Fn');
    expect([r.inVpc, r.internet.status, r.internet.path]).toEqual([false, 'reachable', 'Lambda\'s own network (the function is not in a VPC)']);
  });

  test('imported subnets and groups are listed, in order, as why the answer is unknown', () => {
    const t = isolatedNetwork([SEND]);
    (t.Fn.Properties as Record<string, unknown>).VpcConfig = { SubnetIds: [ref('Private'), 'subnet-0aa'], SecurityGroupIds: ['sg-0bb', att('FnGroup', 'GroupId')] };
    const r = Simulation.fromTemplate(build(t)).reachability('Fn');
    expect([r.inVpc, r.internet]).toEqual([true, {
      service: 'internet', name: 'the internet', actions: [], status: 'unknown', reachable: false,
      unknownBecause: 'the function\'s subnets or security groups subnet-0aa, sg-0bb are not defined in the template',
    }]);
  });
});

describe('findings(): one per VPC function and granted service it cannot reach', () => {
  test('each unreachable service of each function, with the whole message and fix; reachable ones and the internet are not reported', () => {
    // GIVEN Fn granted SQS (no route) and SNS (an endpoint), and a second VPC function granted S3 and IAM
    const t = isolatedNetwork([SEND, allow(['sns:Publish'])]);
    t.Second = {
      Type: 'AWS::Lambda::Function',
      Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: 'x' }, Role: att('SecondRole', 'Arn'), VpcConfig: { SubnetIds: [ref('Private')], SecurityGroupIds: [att('FnGroup', 'GroupId')] } },
    };
    t.SecondRole = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {}, Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [allow(['s3:GetObject']), allow(['iam:GetRole'])] } }] } };
    t.Outside = { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: 'x' }, Role: att('SecondRole', 'Arn') } };
    // WHEN the findings are read
    const findings = Simulation.fromTemplate(build(t, interfaceEndpoint('sns'))).findings().filter((f) => f.code === 'decoupled-sim:vpc-unreachable-grant');
    // THEN one error per function and unreachable service
    const finding = (fn: string, service: string, fix: string) => ({
      code: 'decoupled-sim:vpc-unreachable-grant', severity: 'error', resources: ['PrivateRoutes', fn],
      message: `${fn} is granted ${service} but cannot reach it: ${NO_ROUTE}. Its calls get no answer and the function times out.`, fix,
    });
    const nat = 'route 0.0.0.0/0 from PrivateRoutes to a NAT gateway in a public subnet (egress: \'nat\')';
    expect(findings).toEqual([
      finding('Fn', 'Amazon SQS (sqs:SendMessage, sqs:GetQueueUrl)', SQS_FIX),
      finding('Second', 'Amazon S3 (s3:GetObject)', `Add a gateway endpoint for com.amazonaws.<region>.s3 routed from PrivateRoutes (VpcFunction / routeGrantedServices derive it from the grants), or ${nat}.`),
      finding('Second', 'AWS IAM (iam:GetRole)', `Only a NAT route reaches AWS IAM: ${nat}.`),
    ]);
  });

  test('no finding once every grant is reachable through a NAT gateway; an ACL that denies everything is reported by its logical id', () => {
    const sim = Simulation.fromTemplate(build(isolatedNetwork([SEND]), natRoute()));
    expect(sim.findings().filter((f) => f.code === 'decoupled-sim:vpc-unreachable-grant')).toEqual([]);
    const blocked = Simulation.fromTemplate(build(isolatedNetwork([SEND]), natRoute(), privateAcl([])));
    expect(blocked.findings().filter((f) => f.code === 'decoupled-sim:vpc-unreachable-grant').map((f) => f.resources)).toEqual([['Acl', 'Fn']]);
  });
});

describe('sim.reachability: what it is asked about', () => {
  test('fails if the resource is not a Lambda function, or not in the stack', () => {
    const sim = Simulation.fromTemplate(build(isolatedNetwork([SEND])));
    expect(() => sim.reachability('Queue')).toThrow('Queue is an AWS::SQS::Queue, not a Lambda function');
    expect(() => sim.reachability('Nope')).toThrow('No resource Nope in stack SimulatedStack (expected a Lambda function); the nearest that exist: Role');
  });
});
