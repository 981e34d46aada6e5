import { CloudFormationTemplate } from '../../../lib/simulator';

// Hand-written network templates, one CloudFormation resource per helper: each test changes one element and reads
// what it does to a function's reach. Subnets: Private 10.0.1.0/24 (the function's), Public 10.0.0.0/24 (the NAT's).

type Resource = { Type: string; Properties?: Record<string, unknown> };
export type Resources = Record<string, Resource>;

const ref = (id: string) => ({ Ref: id });
const groupId = (id: string) => ({ 'Fn::GetAtt': [id, 'GroupId'] });

/** A statement for the function's role. */
export function allow(actions: string[], resource: unknown = '*') {
  return { Effect: 'Allow', Action: actions, Resource: resource };
}

/** A VPC with one private subnet and its route table; the function in it, with a security group and a role. */
export function isolatedNetwork(statements: unknown[], functionGroupEgress?: unknown[]): Resources {
  return {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true } },
    Private: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' } },
    PrivateRoutes: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } },
    PrivateRoutesAssociation: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref('Private'), RouteTableId: ref('PrivateRoutes') } },
    FnGroup: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'fn', VpcId: ref('Vpc'), ...(functionGroupEgress ? { SecurityGroupEgress: functionGroupEgress } : {}) } },
    Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders' } },
    Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'reports' } },
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        Policies: [{ PolicyName: 'grants', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
      },
    },
    Fn: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: 'exports.handler = async () => ({})' }, Timeout: 10,
        Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
        VpcConfig: { SubnetIds: [ref('Private')], SecurityGroupIds: [groupId('FnGroup')] },
      },
    },
  };
}

/** A public subnet with an internet gateway, a NAT gateway in it, and the private subnet's default route to the NAT. */
export function natRoute(options: { attachGateway?: boolean; natConnectivity?: 'public' | 'private' } = {}): Resources {
  return {
    Public: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), CidrBlock: '10.0.0.0/24', AvailabilityZone: 'us-east-1a' } },
    PublicRoutes: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc') } },
    PublicRoutesAssociation: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref('Public'), RouteTableId: ref('PublicRoutes') } },
    Igw: { Type: 'AWS::EC2::InternetGateway' },
    ...(options.attachGateway === false ? {} : { IgwAttachment: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: ref('Vpc'), InternetGatewayId: ref('Igw') } } }),
    PublicDefault: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref('PublicRoutes'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('Igw') } },
    Nat: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: ref('Public'), ...(options.natConnectivity ? { ConnectivityType: options.natConnectivity } : {}) } },
    PrivateDefault: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref('PrivateRoutes'), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref('Nat') } },
  };
}

/** An interface endpoint for `service` in the private subnet, with a security group admitting HTTPS from the function's. */
export function interfaceEndpoint(service: string, options: { privateDns?: boolean; admit?: boolean } = {}): Resources {
  return {
    EndpointGroup: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'endpoint', VpcId: ref('Vpc'),
        SecurityGroupIngress: options.admit === false ? [] : [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: groupId('FnGroup') }],
      },
    },
    Endpoint: {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        VpcId: ref('Vpc'), VpcEndpointType: 'Interface', ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', ref('AWS::Region'), `.${service}`]] },
        PrivateDnsEnabled: options.privateDns ?? true, SubnetIds: [ref('Private')], SecurityGroupIds: [groupId('EndpointGroup')],
      },
    },
  };
}

/** A network ACL on the private subnet with the given entries (`[ruleNumber, egress, allow, cidr, from, to]`). */
export function privateAcl(entries: [number, boolean, boolean, string, number, number][]): Resources {
  const out: Resources = {
    Acl: { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: ref('Vpc') } },
    AclAssociation: { Type: 'AWS::EC2::SubnetNetworkAclAssociation', Properties: { SubnetId: ref('Private'), NetworkAclId: ref('Acl') } },
  };
  for (const [n, egress, allowed, cidr, from, to] of entries) {
    out[`AclEntry${n}${egress ? 'Out' : 'In'}`] = {
      Type: 'AWS::EC2::NetworkAclEntry',
      Properties: { NetworkAclId: ref('Acl'), RuleNumber: n, Egress: egress, RuleAction: allowed ? 'allow' : 'deny', Protocol: 6, CidrBlock: cidr, PortRange: { From: from, To: to } },
    };
  }
  return out;
}

export function build(...parts: Resources[]): CloudFormationTemplate {
  return { Resources: Object.assign({}, ...parts) } as CloudFormationTemplate;
}
