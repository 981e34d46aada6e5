import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VPC_FUNCTION_RULES as R, VpcFunction, VpcFunctionProps, routeGrantedServices } from '../../../lib';
import { FUNCTION_PROPS, constructionErrorOf, isolatedVpc, natVpc, newStack, synthErrorOf, warningsOf } from './support';

const withFunction = (more: Partial<VpcFunctionProps> = {}): VpcFunctionProps => ({ functionProps: FUNCTION_PROPS, ...more });
const grantIam = (fn: VpcFunction) => fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:GetRole'], resources: ['*'] }));

describe('VpcFunction routes through endpoints the app already has', () => {
  test('reuses an interface endpoint of the VPC, with its AZs, and opens HTTPS to its security group', () => {
    // GIVEN an isolated VPC with an SQS interface endpoint in both AZs
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const endpoint = vpc.addInterfaceEndpoint('Sqs', { service: ec2.InterfaceVpcEndpointAwsService.SQS, open: false });
    const fn = new VpcFunction(stack, 'Reports', withFunction({ vpc }));
    // WHEN the function is granted SQS
    new sqs.Queue(stack, 'Queue').grantSendMessages(fn.function);
    // THEN the route reuses that endpoint: an interface endpoint in 2 AZs, and no SQS endpoint is made
    expect(fn.endpoints.sqs).toEqual(expect.objectContaining({ service: 'sqs', kind: 'interface', origin: 'reused', endpoint, availabilityZones: 2 }));
    expect(fn.cost.lines).toEqual(expect.arrayContaining(['sqs: interface endpoint in 2 AZs = $14.60 a month + $0.01/GB']));
    const template = Template.fromStack(stack);
    expect(Object.values(template.findResources('AWS::EC2::VPCEndpoint')).filter((e) => JSON.stringify(e).includes('.sqs'))).toHaveLength(1);
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: 'HTTPS to the sqs interface endpoint',
      GroupId: { 'Fn::GetAtt': [stack.getLogicalId(fn.securityGroup!.node.defaultChild as ec2.CfnSecurityGroup), 'GroupId'] },
      DestinationSecurityGroupId: { 'Fn::GetAtt': [stack.getLogicalId(endpoint.connections.securityGroups[0].node.defaultChild as ec2.CfnSecurityGroup), 'GroupId'] },
    });
  });

  test('reuses an interface endpoint the app has only as an L1, opening HTTPS to its security group ids', () => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const group = new ec2.SecurityGroup(stack, 'EndpointGroup', { vpc, allowAllOutbound: false });
    group.addIngressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443));
    new ec2.CfnVPCEndpoint(stack, 'RawSqs', {
      vpcId: vpc.vpcId, serviceName: 'com.amazonaws.eu-west-1.sqs', vpcEndpointType: 'Interface', privateDnsEnabled: true,
      subnetIds: vpc.isolatedSubnets.map((s) => s.subnetId), securityGroupIds: [group.securityGroupId],
    });
    const fn = new VpcFunction(stack, 'Reports', withFunction({ vpc }));
    new sqs.Queue(stack, 'Queue').grantSendMessages(fn.function);
    expect(fn.endpoints.sqs).toEqual(expect.objectContaining({ kind: 'interface', origin: 'reused', endpoint: undefined, availabilityZones: 2 }));
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Test/Reports: HTTPS out to the endpoints of the services it is granted, nothing else',
      SecurityGroupEgress: [{
        IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: 'HTTPS to the sqs interface endpoint',
        DestinationSecurityGroupId: { 'Fn::GetAtt': [stack.getLogicalId(group.node.defaultChild as ec2.CfnSecurityGroup), 'GroupId'] },
      }],
    });
  });

  test('reuses a gateway endpoint of the VPC as a gateway route', () => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const endpoint = vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    const fn = new VpcFunction(stack, 'Reports', withFunction({ vpc }));
    new s3.Bucket(stack, 'Bucket').grantRead(fn.function);
    expect(fn.endpoints.s3).toEqual(expect.objectContaining({ service: 's3', kind: 'gateway', origin: 'reused', endpoint }));
    expect(fn.cost.lines).toEqual(expect.arrayContaining(['s3: gateway endpoint = free']));
  });

  test('uses an endpoint another routed function of the same VPC brought, instead of making one', () => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const endpoint = new ec2.InterfaceVpcEndpoint(stack, 'Sqs', { vpc, service: ec2.InterfaceVpcEndpointAwsService.SQS });
    new VpcFunction(stack, 'First', withFunction({ vpc, vpcEndpoints: { sqs: endpoint } }));
    const second = new VpcFunction(stack, 'Second', withFunction({ vpc }));
    new sqs.Queue(stack, 'Queue').grantSendMessages(second.function);
    expect(second.endpoints.sqs).toEqual({ service: 'sqs', kind: 'interface', origin: 'brought', endpoint, subnets: [] });
  });

  test('fails, naming a gateway endpoint as the fix, when the VPC\'s gateway endpoint is not routed from every subnet of the function', () => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [{ subnets: [vpc.isolatedSubnets[0]] }] });
    const fn = new VpcFunction(stack, 'Reports', withFunction({ vpc }));
    new s3.Bucket(stack, 'Bucket').grantRead(fn.function);
    const e = synthErrorOf(stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.unreachableService.code]);
    expect(e.message).toContain('the s3 gateway endpoint has no route in the route tables of subnets Test/Vpc/IsolatedSubnet2; and subnets Test/Vpc/IsolatedSubnet1, Test/Vpc/IsolatedSubnet2 have no NAT route');
    expect(e.message).toContain('Either use egress \'nat\' in subnets with a NAT route (vpcSubnets { subnetType: SubnetType.PRIVATE_WITH_EGRESS }), or add a gateway endpoint for com.amazonaws.<region>.s3 to the VPC and pass it in vpcEndpoints; or list \'s3\' in servicesNotCalledFromVpc if the code never calls it.');
  });
});

describe('VpcFunction endpoints it makes', () => {
  test('puts an interface endpoint in one subnet per AZ, and routes a gateway endpoint from every subnet', () => {
    // GIVEN a VPC with two isolated subnets in each of 2 AZs
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      natGateways: 0, maxAzs: 2, restrictDefaultSecurityGroup: false,
      subnetConfiguration: [{ name: 'A', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, { name: 'B', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    const fn = new VpcFunction(stack, 'Reports', withFunction({ vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }));
    new sqs.Queue(stack, 'Queue').grantSendMessages(fn.function);
    new s3.Bucket(stack, 'Bucket').grantRead(fn.function);
    // THEN
    expect(fn.routes.subnets).toHaveLength(4);
    expect(fn.endpoints.sqs.subnets).toHaveLength(2);
    expect(fn.endpoints.sqs.availabilityZones).toBe(2);
    expect(fn.endpoints.s3.subnets).toHaveLength(4);
    expect(fn.endpoints.s3.availabilityZones).toBe(2);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface', SubnetIds: [Match.anyValue(), Match.anyValue()] });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway', RouteTableIds: [Match.anyValue(), Match.anyValue(), Match.anyValue(), Match.anyValue()] });
  });
});

describe('VpcFunction egress rules', () => {
  test('adds no egress rule to a group of the user\'s that allows all outbound (no warning that aws-cdk-lib ignored one)', () => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const open = new ec2.SecurityGroup(stack, 'Open', { vpc, allowAllOutbound: true });
    const fn = new VpcFunction(stack, 'Reports', withFunction({ vpc, functionProps: { ...FUNCTION_PROPS, securityGroups: [open] } }));
    new s3.Bucket(stack, 'Bucket').grantRead(fn.function);
    new sqs.Queue(stack, 'Queue').grantSendMessages(fn.function);
    const template = Template.fromStack(stack);
    expect(warningsOf(stack).filter((w) => w.includes('Ignoring Egress rule'))).toEqual([]);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Test/Open',
      SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', Description: 'Allow all outbound traffic by default', IpProtocol: '-1' }],
    });
  });

  test('with egress \'nat\' reaches SQS through the NAT route, so no legacy hostname warning', () => {
    const stack = newStack();
    const fn = new VpcFunction(stack, 'Reports', withFunction({ egress: 'nat', vpc: natVpc(stack) }));
    new sqs.Queue(stack, 'Queue').grantSendMessages(fn.function);
    Template.fromStack(stack);
    expect(warningsOf(stack).filter((w) => w.includes(R.legacyHostname.code))).toEqual([]);
  });

  test('warns about SQS\'s legacy hostnames through an endpoint, with the whole text and its unconfirmed source', () => {
    const stack = newStack();
    const fn = new VpcFunction(stack, 'Reports', withFunction());
    new sqs.Queue(stack, 'Queue').grantSendMessages(fn.function);
    Template.fromStack(stack);
    const warning = warningsOf(stack).find((w) => w.includes(R.legacyHostname.code)) ?? '';
    expect(warning).toContain('egress \'endpoints\' reaches Amazon SQS through a VPC endpoint whose private DNS does not answer for queue.amazonaws.com, <region>.queue.amazonaws.com, which some SDKs still call: such calls time out (unconfirmed, from secondary sources: ');
    expect(warning).toContain('legacy hostname: AWS-FACTS §14 (secondary [gh-awscli-5966]))');
  });
});

describe('VpcFunction with reaches it cannot tell at synth', () => {
  test('warns, naming the service, when the function\'s security groups are imported', () => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const imported = ec2.SecurityGroup.fromSecurityGroupId(stack, 'Imported', 'sg-0123456789abcdef0');
    const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X, vpc, securityGroups: [imported] });
    new VpcFunction(stack, 'Reports', { function: fn, vpc });
    new sqs.Queue(stack, 'Queue').grantSendMessages(fn);
    Template.fromStack(stack);
    const warning = warningsOf(stack).find((w) => w.includes(R.reachUnknown.code)) ?? '';
    expect(warning).toContain('vpc (service \'sqs\') cannot be checked at synth time: the function\'s security groups are imported: their rules are not in the app');
    expect(warning).toContain(R.reachUnknown.fix);
  });
});

describe('routeGrantedServices with subnets whose route tables the app does not know', () => {
  test('warns, naming the service, that the reach cannot be checked', () => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const raw = new ec2.CfnSubnet(stack, 'RawSubnet', { vpcId: vpc.vpcId, cidrBlock: '10.0.250.0/24' });
    const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X, vpc, vpcSubnets: { subnets: [ec2.Subnet.fromSubnetId(stack, 'RawRef', raw.ref)] } });
    routeGrantedServices(fn, { vpc });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:GetRole'], resources: ['*'] }));
    Template.fromStack(stack);
    expect(warningsOf(stack).find((w) => w.includes(R.reachUnknown.code)))
      .toContain('(service \'iam\') cannot be checked at synth time: the route tables of the function\'s subnets are not in the app');
  });
});

describe('VpcFunction reads the default routes of the subnets\' route tables', () => {
  /** An isolated VPC whose first subnet's route table sends 0.0.0.0/0 to `target`. */
  function routedVpc(target: Partial<ec2.CfnRouteProps>) {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    new ec2.CfnRoute(stack, 'DefaultRoute', { routeTableId: vpc.isolatedSubnets[0].routeTable.routeTableId, destinationCidrBlock: '0.0.0.0/0', ...target });
    return { stack, vpc };
  }

  test('fails, naming the subnet, when a route goes to an internet gateway: the subnet is public', () => {
    const { stack, vpc } = routedVpc({ gatewayId: 'igw-0123456789abcdef0' });
    new VpcFunction(stack, 'Reports', withFunction({ vpc }));
    const e = synthErrorOf(stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.publicSubnet.code]);
    expect(e.message).toContain('vpcSubnets selects public subnets Test/Vpc/IsolatedSubnet1: a Lambda function never gets a public IP');
  });

  test('reads a route to a virtual private gateway as no way out: not public, and no NAT', () => {
    const { stack, vpc } = routedVpc({ gatewayId: 'vgw-0123456789abcdef0' });
    new VpcFunction(stack, 'Reports', withFunction({ vpc, egress: 'nat', vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }));
    const e = synthErrorOf(stack);
    expect(e.problems.map((p) => p.code)).toContain(R.natWithoutNatRoute.code);
    expect(e.problems.map((p) => p.code)).not.toContain(R.publicSubnet.code);
    expect(e.message).toContain('subnets Test/Vpc/IsolatedSubnet1, Test/Vpc/IsolatedSubnet2 have none');
  });

  test('reads a route to another CIDR as no default route', () => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    for (const s of vpc.isolatedSubnets) new ec2.CfnRoute(s, 'Peer', { routeTableId: s.routeTable.routeTableId, destinationCidrBlock: '192.168.0.0/16', natGatewayId: 'nat-0123456789abcdef0' });
    new VpcFunction(stack, 'Reports', withFunction({ vpc, egress: 'nat', vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }));
    expect(synthErrorOf(stack).message).toContain('egress \'nat\' needs a 0.0.0.0/0 route to a NAT gateway, and subnets Test/Vpc/IsolatedSubnet1, Test/Vpc/IsolatedSubnet2 have none');
  });

  test.each([
    ['a NAT gateway', { natGatewayId: 'nat-0123456789abcdef0' }],
    ['a NAT instance', { instanceId: 'i-0123456789abcdef0' }],
    ['a transit gateway', { transitGatewayId: 'tgw-0123456789abcdef0' }],
    ['a network interface', { networkInterfaceId: 'eni-0123456789abcdef0' }],
  ])('reads a default route to %s as a NAT route: egress \'nat\' synthesizes', (_, target) => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    for (const s of vpc.isolatedSubnets) new ec2.CfnRoute(s, 'DefaultRoute', { routeTableId: s.routeTable.routeTableId, destinationCidrBlock: '0.0.0.0/0', ...target });
    const fn = new VpcFunction(stack, 'Reports', withFunction({ vpc, egress: 'nat', vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }));
    grantIam(fn);
    expect(() => Template.fromStack(stack)).not.toThrow();
    expect(fn.endpoints).toEqual({});
  });
});

describe('VpcFunction checks of its props', () => {
  test('fails, naming every stray prop, when a brought function comes with props that shape a made one', () => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const fn = new lambda.Function(stack, 'Fn', { ...FUNCTION_PROPS, runtime: lambda.Runtime.NODEJS_24_X, vpc });
    const e = constructionErrorOf({ function: fn, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, availabilityZones: 2 }, stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.broughtFunctionNotInVpc.code]);
    expect(e.message).toContain('vpcSubnets, availabilityZones is given with a brought function: these only shape a function the pattern makes, and would be silently ignored');
    expect(e.message).toContain(R.broughtFunctionNotInVpc.fix);
  });

  test('fails if the VPC has public subnets only', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, maxAzs: 2, restrictDefaultSecurityGroup: false, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
    const e = constructionErrorOf(withFunction({ vpc }), stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.publicSubnet.code]);
    expect(e.message).toContain('vpc has no private subnets: a Lambda function never gets a public IP, so only isolated or private subnets can hold it');
    expect(e.message).toContain('Give the VPC isolated or private subnets, or leave vpc out and let the pattern make one.');
  });

  test('makes a VPC with availabilityZones 1: one isolated subnet', () => {
    const availabilityZones = 1;
    const stack = newStack();
    const fn = new VpcFunction(stack, 'Reports', withFunction({ availabilityZones }));
    expect(fn.vpc.isolatedSubnets).toHaveLength(availabilityZones);
    Template.fromStack(stack).resourceCountIs('AWS::EC2::Subnet', availabilityZones);
  });

  test('makes a VPC in 2 AZs by default', () => {
    const stack = newStack();
    expect(new VpcFunction(stack, 'Reports', withFunction()).vpc.isolatedSubnets).toHaveLength(2);
  });
});

describe('VpcFunction flow log of the VPC it makes', () => {
  test('gives the flow log role and its policy descriptions that name the VPC', () => {
    const stack = newStack();
    new VpcFunction(stack, 'Reports', withFunction());
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Role', {
      Description: 'Writes the flow log of Test/Reports/Vpc',
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' } }], Version: '2012-10-17' },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Description: 'Lets VPC Flow Logs write to the flow log group of Test/Reports/Vpc' });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('leaves the default security group alone: no custom-resource function outside the VPC closes it', () => {
    const stack = newStack();
    const fn = new VpcFunction(stack, 'Reports', withFunction());
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 0);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    expect(fn.vpc.node.tryFindChild('RestrictDefaultSecurityGroupCustomResource')).toBeUndefined();
  });
});

describe('VpcFunction network interface permissions', () => {
  test('adds its own policy to a role without AWSLambdaVPCAccessExecutionRole (with another managed policy), and none to a role with it', () => {
    const stack = newStack();
    const vpc = isolatedVpc(stack);
    const plain = new iam.Role(stack, 'Plain', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    });
    const managed = new iam.Role(stack, 'Managed', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole')],
    });
    const runtime = lambda.Runtime.NODEJS_24_X;
    new VpcFunction(stack, 'WithPlain', { vpc, function: new lambda.Function(stack, 'A', { ...FUNCTION_PROPS, runtime, vpc, role: plain }) });
    new VpcFunction(stack, 'WithManaged', { vpc, function: new lambda.Function(stack, 'B', { ...FUNCTION_PROPS, runtime, vpc, role: managed }) });
    const template = Template.fromStack(stack);
    const descriptions = Object.values(template.findResources('AWS::IAM::ManagedPolicy')).map((p) => p.Properties.Description);
    expect(descriptions).toContain('Lets Lambda attach Test/A to its VPC');
    expect(descriptions).not.toContain('Lets Lambda attach Test/B to its VPC');
  });
});
