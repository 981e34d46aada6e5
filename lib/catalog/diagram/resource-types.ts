/**
 * How the diagram shows each CloudFormation type: as a box with a caption and a colour group, folded into an
 * arrow (a subscription, an event source mapping, a policy), or left out as plumbing (route tables, log
 * groups). A type not listed is drawn as a box captioned with its type name, so nothing new goes missing.
 */
export type NodeGroup = 'messaging' | 'compute' | 'api' | 'network' | 'security' | 'monitoring' | 'other';

interface ShownType { readonly caption: string; readonly group: NodeGroup }

export const SHOWN_TYPES: Readonly<Record<string, ShownType>> = {
  'AWS::SNS::Topic': { caption: 'SNS topic', group: 'messaging' },
  'AWS::SQS::Queue': { caption: 'SQS queue', group: 'messaging' },
  'AWS::Lambda::Function': { caption: 'Lambda function', group: 'compute' },
  'AWS::ECS::Service': { caption: 'ECS service', group: 'compute' },
  'AWS::ECS::Cluster': { caption: 'ECS cluster', group: 'compute' },
  'AWS::AutoScaling::AutoScalingGroup': { caption: 'Auto Scaling group', group: 'compute' },
  'AWS::ApplicationAutoScaling::ScalingPolicy': { caption: 'scaling policy', group: 'monitoring' },
  'AWS::AutoScaling::ScalingPolicy': { caption: 'scaling policy', group: 'monitoring' },
  'AWS::ApiGateway::RestApi': { caption: 'REST API', group: 'api' },
  'AWS::ApiGateway::Method': { caption: 'method', group: 'api' },
  'AWS::ApiGateway::Authorizer': { caption: 'authorizer', group: 'api' },
  'AWS::ApiGateway::Stage': { caption: 'stage', group: 'api' },
  'AWS::Cognito::UserPool': { caption: 'Cognito user pool', group: 'security' },
  'AWS::WAFv2::WebACL': { caption: 'WAF web ACL', group: 'security' },
  'AWS::KMS::Key': { caption: 'KMS key', group: 'security' },
  'AWS::EC2::VPC': { caption: 'VPC', group: 'network' },
  'AWS::EC2::VPCEndpoint': { caption: 'VPC endpoint', group: 'network' },
  'AWS::EC2::NatGateway': { caption: 'NAT gateway', group: 'network' },
  'AWS::CloudWatch::Alarm': { caption: 'alarm', group: 'monitoring' },
  'AWS::SSM::Parameter': { caption: 'SSM parameter', group: 'other' },
};

/** Types drawn as arrows between boxes, or plumbing a reader of the architecture does not need. */
export const FOLDED_TYPES: ReadonlySet<string> = new Set([
  'AWS::SNS::Subscription', 'AWS::Lambda::EventSourceMapping', 'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy',
  'AWS::Lambda::Permission', 'AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy', 'AWS::KMS::Alias', 'AWS::EC2::Subnet',
  'AWS::EC2::RouteTable', 'AWS::EC2::SubnetRouteTableAssociation', 'AWS::EC2::Route', 'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress', 'AWS::EC2::FlowLog', 'AWS::EC2::InternetGateway',
  'AWS::EC2::VPCGatewayAttachment', 'AWS::EC2::EIP', 'AWS::Logs::LogGroup', 'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::Resource', 'AWS::ApiGateway::RequestValidator', 'AWS::ApiGateway::Account', 'AWS::ApiGateway::Model',
  'AWS::ApiGateway::GatewayResponse', 'AWS::WAFv2::LoggingConfiguration', 'AWS::WAFv2::WebACLAssociation', 'AWS::CDK::Metadata',
  'AWS::ECS::TaskDefinition', 'AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::CloudFormation::WaitConditionHandle',
  'AWS::AutoScaling::LaunchConfiguration', 'AWS::EC2::LaunchTemplate', 'AWS::IAM::InstanceProfile', 'Custom::AWSCDKOpenIdConnectProvider',
]);

/** How a box is captioned, or undefined when the type is folded. */
export function shownType(type: string): ShownType | undefined {
  if (FOLDED_TYPES.has(type)) return undefined;
  return SHOWN_TYPES[type] ?? { caption: type.replace(/^AWS::/, '').replace(/::/g, ' '), group: 'other' };
}
