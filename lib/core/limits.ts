/**
 * AWS ranges, quotas and service defaults, as data.
 *
 * Patterns and the simulator read these; neither holds a magic number of its own.
 * Each entry names its source: the tags are those of ../shared/AWS-FACTS.md
 * (`API-model` = the AWS API reference text shipped in the SDK model, snapshot 2026-08-07).
 */

/** The unit a limit is expressed in. */
export type LimitUnit = 'seconds' | 'milliseconds' | 'bytes' | 'count' | 'characters' | 'MB' | 'days' | 'requests per second';

/** One AWS range or quota. */
export interface Limit {
  /** The AWS name of the setting, as CloudFormation or the API spells it. */
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** The value AWS uses when the setting is left out, if it has one. */
  readonly default?: number;
  readonly unit: LimitUnit;
  /** Where the figure comes from. */
  readonly source: string;
}

function limit(name: string, min: number, max: number, unit: LimitUnit, source: string, dflt?: number): Limit {
  return { name, min, max, unit, source, default: dflt };
}

/** Amazon SQS queue attributes and message limits. */
export const SQS_LIMITS = {
  visibilityTimeout: limit('VisibilityTimeout', 0, 43_200, 'seconds', 'SQS API-model CreateQueue', 30),
  messageRetentionPeriod: limit('MessageRetentionPeriod', 60, 1_209_600, 'seconds', 'SQS API-model CreateQueue', 345_600),
  delaySeconds: limit('DelaySeconds', 0, 900, 'seconds', 'SQS API-model CreateQueue', 0),
  // Raised from 262,144 to 1 MiB in 2025 (botocore model change of 2025-08-25).
  maximumMessageSize: limit('MaximumMessageSize', 1_024, 1_048_576, 'bytes', 'SQS API-model CreateQueue', 1_048_576),
  receiveMessageWaitTimeSeconds: limit('ReceiveMessageWaitTimeSeconds', 0, 20, 'seconds', 'SQS API-model CreateQueue', 0),
  kmsDataKeyReusePeriodSeconds: limit('KmsDataKeyReusePeriodSeconds', 60, 86_400, 'seconds', 'SQS API-model CreateQueue', 300),
  maxReceiveCount: limit('maxReceiveCount', 1, 1_000, 'count', 'SQS developer guide, configure a dead-letter queue', 10),
  queueNameLength: limit('QueueName', 1, 80, 'characters', 'SQS API-model CreateQueue'),
  receiveMaxMessages: limit('MaxNumberOfMessages', 1, 10, 'count', 'SQS API-model ReceiveMessage', 1),
  waitTimeSeconds: limit('WaitTimeSeconds', 0, 20, 'seconds', 'SQS API-model ReceiveMessage'),
  messageAttributes: limit('MessageAttributes', 0, 10, 'count', 'SQS developer guide, message quotas'),
  deduplicationInterval: limit('DeduplicationInterval', 300, 300, 'seconds', 'SQS API-model SendMessage (MessageDeduplicationId)'),
  inFlightStandard: limit('InFlightMessages', 0, 120_000, 'count', 'SQS API-model ChangeMessageVisibility'),
  inFlightFifo: limit('InFlightMessages', 0, 120_000, 'count', 'SQS developer guide, FIFO quotas'),
  // A dead-letter queue's RedriveAllowPolicy `byQueue` names 1 to 10 source queues; more need `allowAll`.
  redriveAllowSourceQueues: limit('RedriveAllowPolicy.sourceQueueArns', 1, 10, 'count', 'SQS API-model SetQueueAttributes'),
  purgeInterval: limit('PurgeQueue interval', 60, 60, 'seconds', 'SQS API-model PurgeQueue (PurgeQueueInProgress)'),
  moveTaskRate: limit('MaxNumberOfMessagesPerSecond', 1, 500, 'count', 'SQS API-model StartMessageMoveTask'),
  moveTaskDuration: limit('message move task duration', 0, 129_600, 'seconds', 'SQS developer guide, configuring a dead-letter queue redrive (36 hours)'),
  activeMoveTasks: limit('active message move tasks', 0, 100, 'count', 'SQS developer guide, configuring a dead-letter queue redrive (per account)'),
  listMoveTasksMaxResults: limit('MaxResults', 1, 10, 'count', 'SQS API-model ListMessageMoveTasks', 1),
} as const;

/**
 * Amazon SQS queue names: 1 to 80 characters (the `.fifo` suffix counts), letters, digits, hyphens and
 * underscores; a FIFO queue's name ends in `.fifo` and a standard queue's never does (SQS API-model CreateQueue).
 */
export const SQS_QUEUE_NAME = {
  length: SQS_LIMITS.queueNameLength,
  characters: /^[A-Za-z0-9_-]*$/,
  fifoSuffix: '.fifo',
  source: 'SQS API-model CreateQueue',
} as const;

/** Amazon SNS topic, message and filter policy limits. */
export const SNS_LIMITS = {
  topicNameLength: limit('TopicName', 1, 256, 'characters', 'SNS API-model CreateTopic'),
  publishSize: limit('Message', 1, 262_144, 'bytes', 'SNS API-model Publish'),
  filterPolicyKeys: limit('FilterPolicy keys', 1, 5, 'count', 'SNS developer guide, filter policy constraints'),
  filterPolicyCombinations: limit('FilterPolicy combinations', 1, 150, 'count', 'SNS developer guide, filter policy constraints'),
  filterPolicySize: limit('FilterPolicy size', 1, 262_144, 'bytes', 'SNS developer guide, filter policy constraints'),
  rawDeliveryAttributes: limit('RawMessageDelivery attributes', 0, 10, 'count', 'SNS developer guide, raw message delivery'),
  deduplicationInterval: limit('DeduplicationInterval', 300, 300, 'seconds', 'SNS API-model Publish (MessageDeduplicationId)'),
} as const;

/** AWS Lambda function limits. */
export const LAMBDA_LIMITS = {
  // The API shape allows 5,400 s for Lambda Managed Instances only; ordinary functions stop at 900 s.
  timeout: limit('Timeout', 1, 900, 'seconds', 'Lambda developer guide, quotas', 3),
  memorySize: limit('MemorySize', 128, 10_240, 'MB', 'Lambda API-model CreateFunction', 128),
  ephemeralStorage: limit('EphemeralStorage', 512, 10_240, 'MB', 'Lambda API-model CreateFunction', 512),
  accountConcurrency: limit('ConcurrentExecutions', 0, 1_000, 'count', 'Lambda developer guide, quotas', 1_000),
  unreservedMinimum: limit('UnreservedConcurrentExecutions', 100, 100, 'count', 'Lambda API-model PutFunctionConcurrency'),
  syncPayload: limit('Invoke payload', 0, 6_291_456, 'bytes', 'Lambda API-model Invoke'),
  asyncRetryAttempts: limit('MaximumRetryAttempts', 0, 2, 'count', 'Lambda API-model PutFunctionEventInvokeConfig', 2),
  asyncMaxEventAge: limit('MaximumEventAgeInSeconds', 60, 21_600, 'seconds', 'Lambda API-model PutFunctionEventInvokeConfig', 21_600),
  asyncPayload: limit('Invoke payload (Event)', 0, 1_048_576, 'bytes', 'Lambda API-model Invoke'),
  // Function errors of an asynchronous invocation: the first retry ~1 minute later, the second ~2 minutes after that.
  asyncFirstRetryDelay: limit('first retry delay', 60, 60, 'seconds', 'Lambda developer guide, asynchronous invocation (2023 guide)'),
  asyncSecondRetryDelay: limit('second retry delay', 120, 120, 'seconds', 'Lambda developer guide, asynchronous invocation (2023 guide)'),
  // Throttles and system errors of an asynchronous invocation are retried with a backoff from 1 second to 5 minutes.
  asyncThrottleBackoff: limit('throttle retry backoff', 1, 300, 'seconds', 'Lambda developer guide, asynchronous invocation (2023 guide)'),
  // Any whole number from 0 (which throttles every invocation); the account's unreserved pool bounds it at deploy.
  reservedConcurrentExecutions: limit('ReservedConcurrentExecutions', 0, Number.POSITIVE_INFINITY, 'count', 'Lambda API-model PutFunctionConcurrency'),
  functionNameLength: limit('FunctionName', 1, 64, 'characters', 'Lambda API-model CreateFunction'),
  descriptionLength: limit('Description', 0, 256, 'characters', 'Lambda API-model CreateFunction'),
  handlerLength: limit('Handler', 1, 128, 'characters', 'Lambda API-model CreateFunction'),
  // Measured by Lambda on the JSON of the variables map ("String measured: {...}" in its error).
  environmentSize: limit('Environment.Variables', 0, 4_096, 'bytes', 'Lambda developer guide, quotas (4 KB, in aggregate)'),
} as const;

/**
 * Lambda function names and environment variables (Lambda API-model CreateFunction and Environment; Lambda
 * developer guide, "Defined runtime environment variables": the reserved keys cannot be set).
 */
export const LAMBDA_NAMES = {
  functionName: /^[A-Za-z0-9_-]*$/,
  handler: /^\S*$/,
  environmentKey: /^[A-Za-z][A-Za-z0-9_]+$/,
  reservedEnvironmentKeys: [
    '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
    'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME',
    'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
    'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
  ] as readonly string[],
  source: 'Lambda API-model CreateFunction and Environment; Lambda developer guide, defined runtime environment variables',
} as const;

/** The Lambda event source mapping for Amazon SQS. */
export const SQS_EVENT_SOURCE_LIMITS = {
  batchSizeStandard: limit('BatchSize', 1, 10_000, 'count', 'Lambda API-model CreateEventSourceMapping', 10),
  batchSizeFifo: limit('BatchSize', 1, 10, 'count', 'Lambda API-model CreateEventSourceMapping', 10),
  // Above 10 records a batch needs a batching window of at least 1 s.
  batchSizeWithoutWindow: limit('BatchSize', 1, 10, 'count', 'Lambda API-model CreateEventSourceMapping'),
  maximumBatchingWindow: limit('MaximumBatchingWindowInSeconds', 0, 300, 'seconds', 'Lambda API-model CreateEventSourceMapping', 0),
  maximumConcurrency: limit('ScalingConfig.MaximumConcurrency', 2, 1_000, 'count', 'Lambda API-model ScalingConfig'),
  // Lambda's own recommendation: at least 5, so throttled receives do not send messages to the DLQ.
  recommendedMaxReceiveCount: limit('maxReceiveCount', 5, 1_000, 'count', 'Lambda developer guide, SQS event source (2023 guide)'),
  // Recommended visibility timeout: at least 6 x the function timeout, plus the batching window.
  visibilityTimeoutFactor: limit('VisibilityTimeout / Timeout', 6, 6, 'count', 'Lambda developer guide, configuring SQS event sources'),
  initialConcurrency: limit('initial concurrent batches', 5, 5, 'count', 'Lambda developer guide, SQS scaling'),
  concurrencyRampPerMinute: limit('concurrency increase per minute', 300, 300, 'count', 'Lambda developer guide, SQS scaling'),
  maxConcurrentBatches: limit('concurrent batches per mapping', 1, 1_000, 'count', 'Lambda developer guide, SQS scaling'),
  batchPayload: limit('batch payload', 0, 6_291_456, 'bytes', 'Lambda API-model Invoke (synchronous payload)'),
} as const;

/** Amazon CloudWatch alarms. */
export const CLOUDWATCH_LIMITS = {
  alarmDescription: limit('AlarmDescription', 0, 1_024, 'characters', 'CloudWatch API-model PutMetricAlarm'),
} as const;

/** A Lambda function's VpcConfig. */
export const LAMBDA_VPC_LIMITS = {
  securityGroups: limit('VpcConfig.SecurityGroupIds', 0, 5, 'count', 'Lambda developer guide, VpcConfig (AWS-FACTS §14 [lam-vpcconfig])'),
  subnets: limit('VpcConfig.SubnetIds', 1, 16, 'count', 'Lambda developer guide, VpcConfig (AWS-FACTS §14 [lam-vpcconfig])'),
} as const;

/** AWS KMS key settings. */
export const KMS_LIMITS = {
  pendingWindow: limit('PendingWindowInDays', 7, 30, 'days', 'KMS API-model ScheduleKeyDeletion', 30),
  rotationPeriod: limit('RotationPeriodInDays', 90, 2_560, 'days', 'KMS API-model EnableKeyRotation', 365),
} as const;

/**
 * Scaling queue workers: Application Auto Scaling (ECS services), EC2 Auto Scaling, ECS task protection and
 * the CloudWatch alarms the policies use. Figures marked "believed" are not stated in any AWS text read
 * (AWS-FACTS §11): patterns that rely on them make them settings.
 */
export const SCALING_LIMITS = {
  // SQS publishes one data point per minute; a shorter period is always missing data.
  sqsMetricPeriod: limit('Period', 60, 60, 'seconds', 'SQS developer guide, CloudWatch metrics (AWS-FACTS §1.9)'),
  // Period x EvaluationPeriods may span at most one day when the period is under an hour.
  alarmEvaluationWindow: limit('Period x EvaluationPeriods', 60, 86_400, 'seconds', 'CloudWatch API-model PutMetricAlarm (AWS-FACTS §7)'),
  metricsPerSpecification: limit('CustomizedMetricSpecification.Metrics', 1, 10, 'count', 'Application Auto Scaling user guide, custom metrics (AWS-FACTS §13)'),
  ecsDefaultCooldown: limit('ScaleInCooldown / ScaleOutCooldown', 0, 86_400, 'seconds', 'Application Auto Scaling API-model, ECS services (AWS-FACTS §6)', 300),
  ec2DefaultCooldown: limit('DefaultCooldown', 0, 86_400, 'seconds', 'EC2 Auto Scaling API-model (AWS-FACTS §6)', 300),
  // Not in AWS-FACTS: the ECS service quota "Tasks per service", not adjustable.
  ecsTasksPerService: limit('DesiredCount', 0, 5_000, 'count', 'ECS service quotas, tasks per service (unconfirmed: not in AWS-FACTS)'),
  taskProtectionMinutes: limit('ExpiresInMinutes', 1, 2_880, 'count', 'ECS developer guide, task scale-in protection (AWS-FACTS §13)', 120),
  setInstanceProtectionIds: limit('InstanceIds', 1, 50, 'count', 'EC2 Auto Scaling API-model SetInstanceProtection (AWS-FACTS §13)'),
  // Believed: target tracking's service-made alarms, as seen in consoles (AWS-FACTS §6, §11).
  targetTrackingHighDatapoints: limit('AlarmHigh datapoints', 3, 3, 'count', 'believed: console alarm text (AWS-FACTS §11)'),
  targetTrackingLowDatapoints: limit('AlarmLow datapoints', 15, 15, 'count', 'believed: console alarm text (AWS-FACTS §11)'),
  // AWS says scale-in starts below a threshold "typically more than 10 %" under the target (AWS-FACTS §13).
  targetTrackingLowThresholdPercent: limit('AlarmLow threshold (% of target)', 90, 90, 'count', 'Application Auto Scaling user guide, how target tracking works (AWS-FACTS §13)'),
} as const;

/** Amazon API Gateway REST API limits (AWS-FACTS §5). */
export const API_GATEWAY_LIMITS = {
  authorizerResultTtl: limit('authorizerResultTtlInSeconds', 0, 3_600, 'seconds', 'API Gateway API-model CreateAuthorizer', 300),
  // 50 ms–29 s; Regional and private APIs can raise the maximum by a quota request, edge-optimized ones cannot.
  integrationTimeout: limit('timeoutInMillis', 50, 29_000, 'milliseconds', 'API Gateway API-model Integration; developer guide, quotas', 29_000),
  // Steady rate and burst bucket per account and Region, shared by every REST, HTTP and WebSocket API. Rate is raisable, burst is not.
  accountRate: limit('account throttle rate', 0, 10_000, 'requests per second', 'API Gateway developer guide, quotas', 10_000),
  accountBurst: limit('account throttle burst', 0, 5_000, 'count', 'API Gateway developer guide, quotas', 5_000),
  cacheTtl: limit('cacheTtlInSeconds', 0, 3_600, 'seconds', 'API Gateway developer guide, quotas', 300),
  lambdaAuthorizersPerApi: limit('Lambda authorizers per API', 0, 10, 'count', 'API Gateway developer guide, quotas'),
  resourcesPerApi: limit('resources per API', 1, 300, 'count', 'API Gateway developer guide, quotas'),
  payloadSize: limit('payload size', 0, 10_485_760, 'bytes', 'API Gateway developer guide, quotas'),
  // Not in AWS-FACTS: the CreateStage reference ("alphanumeric characters, hyphens, and underscores", at most 128).
  stageNameLength: limit('stageName', 1, 128, 'characters', 'API Gateway API reference, CreateStage (unconfirmed: not in AWS-FACTS)'),
} as const;

/** API Gateway REST API names and settings given as text or from a closed set. */
export const API_GATEWAY_NAMES = {
  stageName: /^[A-Za-z0-9_-]*$/,
  // The sizes CloudFormation's AWS::ApiGateway::Stage CacheClusterSize takes, in GB.
  cacheClusterSizes: ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'] as readonly string[],
  source: 'API Gateway API reference, CreateStage (stage names, cacheClusterSize)',
} as const;

/** Whether a plain number lies inside a limit. */
export function withinLimit(value: number, l: Limit): boolean {
  return value >= l.min && value <= l.max;
}

/** `0–43,200 seconds` (or `at least 0` when there is no upper bound) — the range of a limit, for messages. */
/** What a fix asks for: "a value in 1–10 seconds", or "at least 1" for a range with no maximum. */
export function aValueIn(l: Limit): string {
  return l.max === Number.POSITIVE_INFINITY ? describeRange(l) : `a value in ${describeRange(l)}`;
}

export function describeRange(l: Limit): string {
  const range = l.max === Number.POSITIVE_INFINITY
    ? `at least ${l.min.toLocaleString('en-US')}`
    : `${l.min.toLocaleString('en-US')}–${l.max.toLocaleString('en-US')}`;
  return l.unit === 'count' ? range : `${range} ${l.unit}`;
}
