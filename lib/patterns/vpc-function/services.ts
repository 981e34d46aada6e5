/**
 * Which VPC endpoint reaches which AWS service, keyed by the service prefix of IAM actions (`sqs:SendMessage`
 * → `sqs`). The route planner, the validation rules, the reachability check and the cost note all read this
 * table; nothing else in the pattern names a service.
 */

/** How a function in private subnets reaches a service without a NAT gateway. */
export type EndpointKind = 'gateway' | 'interface' | 'none';

/** One AWS service as seen from a VPC. */
export interface EndpointServiceDefinition {
  /** The IAM action prefix (`sqs`, `states`). */
  readonly prefix: string;
  /** The service's name, for messages. */
  readonly name: string;
  /**
   * `gateway`: route table entries to the service's prefix list (S3, DynamoDB; free); `interface`: PrivateLink
   * ENIs with private DNS (billed per AZ-hour and per GB); `none`: no endpoint, only a NAT route reaches it.
   */
  readonly kind: EndpointKind;
  /**
   * The endpoint services, as the last part of `com.amazonaws.<region>.<name>`. ECR needs two: the API and the
   * Docker registry.
   */
  readonly endpoints: readonly string[];
  /**
   * Hostnames some SDKs still call that the endpoint's private DNS does not answer for: such calls leave the VPC
   * (or time out in isolated subnets) even though the endpoint exists.
   */
  readonly legacyHostnames?: readonly string[];
  /** Whether the legacy hostname fact comes from a current AWS source (false: secondary or unconfirmed). */
  readonly legacyHostnamesConfirmed?: boolean;
  /** Where the endpoint fact comes from. */
  readonly source: string;
}

const CDK_VPCE = 'aws-cdk-lib InterfaceVpcEndpointAwsService / GatewayVpcEndpointAwsService (AWS-FACTS §14 [cdk-vpce])';
const LAMBDA_VPC = 'Lambda developer guide, VPC endpoints (AWS-FACTS §3.4 [lam-arch-vpce])';

function iface(prefix: string, name: string, endpoints: readonly string[] = [prefix], extra: Partial<EndpointServiceDefinition> = {}): EndpointServiceDefinition {
  return { prefix, name, kind: 'interface', endpoints, source: CDK_VPCE, ...extra };
}

/** Every service the pattern knows how to reach, by IAM prefix. */
export const ENDPOINT_SERVICES: Readonly<Record<string, EndpointServiceDefinition>> = {
  s3: {
    prefix: 's3',
    name: 'Amazon S3',
    kind: 'gateway',
    endpoints: ['s3'],
    // The global endpoint resolves to us-east-1 addresses, which another Region's gateway endpoint does not route.
    legacyHostnames: ['s3.amazonaws.com'],
    legacyHostnamesConfirmed: false,
    source: LAMBDA_VPC,
  },
  dynamodb: { prefix: 'dynamodb', name: 'Amazon DynamoDB', kind: 'gateway', endpoints: ['dynamodb'], source: LAMBDA_VPC },
  sqs: iface('sqs', 'Amazon SQS', ['sqs'], {
    legacyHostnames: ['queue.amazonaws.com', '<region>.queue.amazonaws.com'],
    legacyHostnamesConfirmed: false,
    source: `${LAMBDA_VPC}; legacy hostname: AWS-FACTS §14 (secondary [gh-awscli-5966])`,
  }),
  sns: iface('sns', 'Amazon SNS'),
  kms: iface('kms', 'AWS KMS'),
  secretsmanager: iface('secretsmanager', 'AWS Secrets Manager'),
  ssm: iface('ssm', 'AWS Systems Manager Parameter Store'),
  logs: iface('logs', 'Amazon CloudWatch Logs'),
  cloudwatch: iface('cloudwatch', 'Amazon CloudWatch (metrics)', ['monitoring']),
  xray: iface('xray', 'AWS X-Ray'),
  lambda: iface('lambda', 'AWS Lambda (API)'),
  states: iface('states', 'AWS Step Functions'),
  events: iface('events', 'Amazon EventBridge'),
  kinesis: iface('kinesis', 'Amazon Kinesis Data Streams', ['kinesis-streams']),
  firehose: iface('firehose', 'Amazon Data Firehose', ['kinesis-firehose']),
  sts: iface('sts', 'AWS STS', ['sts'], {
    // Older SDKs default to the global endpoint; the interface endpoint serves the Regional one only.
    legacyHostnames: ['sts.amazonaws.com'],
    legacyHostnamesConfirmed: false,
  }),
  ecr: iface('ecr', 'Amazon ECR', ['ecr.api', 'ecr.dkr']),
  'execute-api': iface('execute-api', 'Amazon API Gateway (invoke)'),
  apigateway: iface('apigateway', 'Amazon API Gateway (management)'),
  elasticfilesystem: iface('elasticfilesystem', 'Amazon EFS (API)'),
  'rds-data': iface('rds-data', 'Amazon RDS Data API'),
  athena: iface('athena', 'Amazon Athena'),
  glue: iface('glue', 'AWS Glue'),
  // Global services without an interface endpoint: only a NAT route reaches them.
  iam: { prefix: 'iam', name: 'AWS IAM', kind: 'none', endpoints: [], source: 'IAM is a global service without a VPC endpoint (unconfirmed: checked against aws-cdk-lib\'s endpoint list only)' },
  route53: { prefix: 'route53', name: 'Amazon Route 53', kind: 'none', endpoints: [], source: 'not in aws-cdk-lib\'s endpoint list (unconfirmed)' },
  cloudfront: { prefix: 'cloudfront', name: 'Amazon CloudFront', kind: 'none', endpoints: [], source: 'not in aws-cdk-lib\'s endpoint list (unconfirmed)' },
};

/** The service an IAM action belongs to: `sqs:SendMessage` → `sqs`; `*` → `*`. */
export function actionPrefix(action: string): string {
  const colon = action.indexOf(':');
  return colon < 0 ? action : action.slice(0, colon).toLowerCase();
}

/** The table row for a service prefix, if the pattern knows it. */
export function endpointService(prefix: string): EndpointServiceDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(ENDPOINT_SERVICES, prefix) ? ENDPOINT_SERVICES[prefix] : undefined;
}

/** The part of an endpoint service name after `com.amazonaws.<region>.`: `sqs`, `ecr.dkr`; undefined for others. */
export function endpointServiceSuffix(serviceName: string): string | undefined {
  const m = /^com\.amazonaws\.[^.]+\.(.+)$/.exec(serviceName);
  return m ? m[1] : undefined;
}
