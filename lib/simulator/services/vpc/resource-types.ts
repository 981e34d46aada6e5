import { createHash } from 'crypto';
import { ResourceNaming, ResourceTypeInfo, Unresolved } from '../../template';

/**
 * How `Ref` and `Fn::GetAtt` answer for the EC2 network types (CloudFormation reference, "Return values" of each
 * type): ids shaped as EC2 writes them (`vpc-…`, `subnet-…`, `sg-…`), derived from the stack name and logical id
 * so a template always gives the same ids.
 */
export function physicalId(prefix: string, r: Pick<ResourceNaming, 'stackName' | 'logicalId'>): string {
  return `${prefix}-${createHash('sha256').update(`${r.stackName}/${r.logicalId}`).digest('hex').slice(0, 17)}`;
}

function idType(type: string, prefix: string, attributes: Record<string, (r: ResourceNaming) => unknown> = {}): ResourceTypeInfo {
  return {
    type,
    ref: (r) => physicalId(prefix, r),
    getAtt: (r, a) => (attributes[a] ? attributes[a](r) : new Unresolved(`${r.logicalId}.${a} (not modelled for ${type})`)),
  };
}

const id = (prefix: string) => (r: ResourceNaming) => physicalId(prefix, r);
const prop = (name: string) => (r: ResourceNaming) => r.prop(name);

/** The id EC2 gives the implicit parts of a VPC (its default security group and network ACL). */
export function defaultPartId(prefix: 'sg' | 'acl' | 'rtb', r: Pick<ResourceNaming, 'stackName' | 'logicalId'>): string {
  return physicalId(prefix, { stackName: r.stackName, logicalId: `${r.logicalId}/default` });
}

export const EC2_RESOURCE_TYPES: readonly ResourceTypeInfo[] = [
  idType('AWS::EC2::VPC', 'vpc', {
    VpcId: id('vpc'),
    CidrBlock: prop('CidrBlock'),
    DefaultSecurityGroup: (r) => defaultPartId('sg', r),
    DefaultNetworkAcl: (r) => defaultPartId('acl', r),
  }),
  idType('AWS::EC2::Subnet', 'subnet', {
    SubnetId: id('subnet'), VpcId: prop('VpcId'), AvailabilityZone: prop('AvailabilityZone'), CidrBlock: prop('CidrBlock'),
  }),
  idType('AWS::EC2::RouteTable', 'rtb', { RouteTableId: id('rtb') }),
  idType('AWS::EC2::InternetGateway', 'igw', { InternetGatewayId: id('igw') }),
  idType('AWS::EC2::NatGateway', 'nat', { NatGatewayId: id('nat') }),
  idType('AWS::EC2::EgressOnlyInternetGateway', 'eigw', { Id: id('eigw') }),
  // Ref of a VPC security group is its id (a group without VpcId, in EC2-Classic, answered its name).
  idType('AWS::EC2::SecurityGroup', 'sg', { GroupId: id('sg'), VpcId: prop('VpcId') }),
  idType('AWS::EC2::NetworkAcl', 'acl', { Id: id('acl') }),
  idType('AWS::EC2::VPCEndpoint', 'vpce', { Id: id('vpce') }),
  idType('AWS::EC2::PrefixList', 'pl', { PrefixListId: id('pl'), Arn: (r) => `arn:${r.env.partition}:ec2:${r.env.region}:${r.env.account}:prefix-list/${physicalId('pl', r)}` }),
];
