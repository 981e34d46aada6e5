import { ArnFormat, CfnResource, Lazy, Names, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { NagAcknowledgement, SECURE_DEFAULTS, acknowledge, addKeyStatementOrWarn } from '../../core';
import { QUEUE_CONSUMER_DEFAULTS } from './defaults';
import { QueueConsumerFunctionProps } from './props';
import { QUEUE_CONSUMER_RULES } from './rule-definitions';

export function forPacks(rule: string, packs: readonly string[], reason: string): NagAcknowledgement[] {
  return packs.map((pack) => ({ id: `${pack}-${rule}`, reason }));
}

/**
 * The cdk-nag rules a consumer function made by the pattern is exempt from, each with the reason a
 * reviewer needs. They are acknowledged on the one resource they concern, never on the stack.
 */
export const CONSUMER_FUNCTION_ACKNOWLEDGEMENTS = {
  /** On the function. */
  functionDeadLetterQueue: forPacks('LambdaDLQ', ['Serverless', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'],
    'The SQS event source mapping invokes the function synchronously, and a function dead-letter queue only '
    + 'receives asynchronous invocations. Failed messages go to the source queue\'s redrive dead-letter queue '
    + '(QueueConsumer.deadLetterQueue), which is alarmed.'),
  /** On the function, only when no VPC is given. */
  functionInsideVpc: forPacks('LambdaInsideVPC', ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'],
    'The function needs no network access of its own: Lambda\'s poller receives and deletes the messages, and '
    + 'logs and traces leave through the Lambda service. Pass functionProps.vpc when the handler calls private '
    + 'resources.'),
  /** On the tracing policy, which holds the two X-Ray actions and nothing else. */
  xrayWildcard: [{
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions (Service '
      + 'Authorization Reference, AWS X-Ray), so tracing can only be granted on "*". This policy holds nothing else.',
  }],
  /** On the event source mapping. */
  mappingDestination: [{
    id: 'Serverless-LambdaEventSourceMappingDestination',
    reason: 'Lambda supports on-failure destinations only for stream and Kafka event sources. For SQS the failure '
      + 'path is the queue\'s redrive policy to its dead-letter queue (maxReceiveCount), which is alarmed.',
  }],
} as const satisfies Record<string, readonly NagAcknowledgement[]>;

/** The function the pattern made, and the customer-managed policy that holds all of its permissions. */
export interface ConsumerFunction {
  readonly function: lambda.Function;
  /**
   * Where the pattern adds the function's permissions: a customer-managed policy, not the role's inline
   * default policy (cdk-nag IAMNoInlinePolicy). Undefined when the user brought the role.
   */
  readonly policy?: iam.ManagedPolicy;
}

/**
 * A log group encrypted with the pattern's key, kept a year. Its name is fixed so the key policy can
 * let CloudWatch Logs use the key for this log group only (the encryption context names it). An imported
 * key's policy cannot take that statement, and the log group would fail to create at deploy: the user is
 * warned with the statement to add.
 */
function createLogGroup(scope: Construct, key: kms.IKey, keyProp: string): logs.LogGroup {
  const stack = Stack.of(scope);
  const logGroupName = `/decoupled/${Names.uniqueResourceName(scope, { maxLength: 200, separator: '-' })}`;
  addKeyStatementOrWarn(scope, key, new iam.PolicyStatement({
    sid: `AllowLogsFor${Names.uniqueId(scope)}`.slice(0, 100),
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: {
      ArnEquals: {
        'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
          service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    },
  }), {
    code: QUEUE_CONSUMER_RULES.keyPolicyNotEditable,
    prop: keyProp,
    consequence: `without this statement CloudWatch Logs cannot use the key for the function's log group ${logGroupName}, `
      + 'and the log group fails to create at deploy',
  });
  return new logs.LogGroup(scope, 'FunctionLogs', { logGroupName, retention: SECURE_DEFAULTS.logRetention, encryptionKey: key });
}

/**
 * lambda.Function always makes its resource depend on its role, which it also reads with `Fn::GetAtt`:
 * cfn-lint flags the explicit dependency as redundant (W3005). Every other dependency is kept, computed
 * when the template is written, after the CDK has turned construct dependencies into `DependsOn`.
 */
export function dropRedundantRoleDependency(fn: lambda.Function, role: iam.IRole): void {
  const cfnRole = role.node.defaultChild;
  if (!(cfnRole instanceof CfnResource)) return;
  const cfn = fn.node.defaultChild as lambda.CfnFunction;
  cfn.addOverride('DependsOn', Lazy.list({
    produce: () => cfn.obtainDependencies()
      .filter((d): d is CfnResource => d instanceof CfnResource && d !== cfnRole)
      .map((d) => d.logicalId),
  }, { omitEmpty: true }));
}

/**
 * Turns on active X-Ray tracing with its permissions in a policy of their own. `tracing: ACTIVE` would put
 * the `"*"` statement in the role's default policy, where acknowledging AwsSolutions-IAM5 would also hide
 * any wildcard granted to the function later; here the acknowledgement covers the X-Ray actions only.
 */
export function enableTracing(scope: Construct, fn: lambda.Function, role: iam.IRole): void {
  (fn.node.defaultChild as lambda.CfnFunction).tracingConfig = { mode: lambda.Tracing.ACTIVE };
  const policy = new iam.ManagedPolicy(scope, 'TracingPolicy', {
    description: `X-Ray tracing for ${fn.node.path}`,
    roles: [role],
    statements: [new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] })],
  });
  fn.node.addDependency(policy);
  acknowledge(policy, ...CONSUMER_FUNCTION_ACKNOWLEDGEMENTS.xrayWildcard);
}

/**
 * Makes the consumer function with secure defaults: the newest Node.js runtime, active X-Ray tracing,
 * JSON logs to an encrypted log group kept a year, reserved concurrency, and a role whose only policy is
 * customer-managed and starts with writing to that log group (the pattern adds the queue permissions).
 * A role the user brings is granted writing to the log group, and the queue as a brought function's is.
 * `keyProp` names the prop that gave the key, for the warning when its policy cannot be edited.
 */
export function createConsumerFunction(
  scope: Construct,
  props: QueueConsumerFunctionProps,
  reservedConcurrency: number,
  key: () => kms.IKey,
  keyProp: string,
): ConsumerFunction {
  const logGroup = props.logGroup ?? createLogGroup(scope, key(), keyProp);
  const writeLogs = new iam.PolicyStatement({
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [logGroup.logGroupRef.logGroupArn],
  });
  let policy: iam.ManagedPolicy | undefined;
  let role = props.role;
  if (!role) {
    // An explicit role instead of Lambda's default one, which attaches the AWS managed
    // AWSLambdaBasicExecutionRole policy (logs on every log group: cdk-nag AwsSolutions-IAM4).
    role = new iam.Role(scope, 'FunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the queue consumer ${scope.node.path}`,
    });
    policy = new iam.ManagedPolicy(scope, 'FunctionPolicy', {
      description: `What the queue consumer ${scope.node.path} needs: its log group, its queue, its key`,
      roles: [role],
      statements: [writeLogs],
    });
  } else {
    // A role the user brings has none of the pattern's policies: without this grant the function could
    // not write to its log group, and its logs would be lost without an error anywhere.
    role.addToPrincipalPolicy(writeLogs);
  }

  const fn = new lambda.Function(scope, 'Function', {
    timeout: QUEUE_CONSUMER_DEFAULTS.functionTimeout,
    memorySize: QUEUE_CONSUMER_DEFAULTS.memorySize,
    loggingFormat: lambda.LoggingFormat.JSON,
    applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
    systemLogLevelV2: lambda.SystemLogLevel.INFO,
    reservedConcurrentExecutions: reservedConcurrency,
    // In a VPC, egress is opened only to the routes its grants need (routeGrantedServices).
    ...(props.vpc && !props.securityGroups ? { allowAllOutbound: false } : {}),
    ...props,
    runtime: props.runtime ?? QUEUE_CONSUMER_DEFAULTS.runtime,
    logGroup,
    role,
  });
  if (policy) fn.node.addDependency(policy);
  dropRedundantRoleDependency(fn, role);

  if (props.tracing === undefined) enableTracing(scope, fn, role);
  acknowledge(fn, ...CONSUMER_FUNCTION_ACKNOWLEDGEMENTS.functionDeadLetterQueue);
  if (!props.vpc) acknowledge(fn, ...CONSUMER_FUNCTION_ACKNOWLEDGEMENTS.functionInsideVpc);
  return { function: fn, policy };
}
