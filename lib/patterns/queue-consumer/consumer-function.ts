import { Names } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import {
  NagAcknowledgement,
  XRAY_WILDCARD_ACKNOWLEDGEMENTS,
  acknowledge,
  createEncryptedLogGroup,
  createPatternFunction,
  forPacks,
  patternLogGroupName,
} from '../../core';
import { QUEUE_CONSUMER_DEFAULTS } from './defaults';
import { QueueConsumerFunctionProps } from './props';
import { QUEUE_CONSUMER_RULES } from './rule-definitions';

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
  xrayWildcard: XRAY_WILDCARD_ACKNOWLEDGEMENTS,
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
  const logGroup = props.logGroup ?? createEncryptedLogGroup(scope, 'FunctionLogs', {
    logGroupName: patternLogGroupName(scope),
    key: key(),
    // The statement id of the first release, so deployed key policies do not change.
    statementId: `AllowLogsFor${Names.uniqueId(scope)}`,
    keyPolicy: {
      code: QUEUE_CONSUMER_RULES.keyPolicyNotEditable,
      prop: keyProp,
      consequence: `without this statement CloudWatch Logs cannot use the key for the function's log group ${patternLogGroupName(scope)}, `
        + 'and the log group fails to create at deploy',
    },
  });
  // Every grant made to the function later (`queue.grantSendMessages(consumer.function)`) lands in its
  // customer-managed policy too; a role the user brings is granted writing to the log group.
  const { function: fn, policy } = createPatternFunction(scope, {
    functionProps: props,
    defaults: { runtime: QUEUE_CONSUMER_DEFAULTS.runtime, timeout: QUEUE_CONSUMER_DEFAULTS.functionTimeout, memorySize: QUEUE_CONSUMER_DEFAULTS.memorySize },
    logGroup,
    roleDescription: `Runs the queue consumer ${scope.node.path}`,
    policyDescription: `What the queue consumer ${scope.node.path} needs: its log group, its queue, its key`,
    // In a VPC, egress is opened only to the routes its grants need (routeGrantedServices).
    defaultProps: { reservedConcurrentExecutions: reservedConcurrency, ...(props.vpc && !props.securityGroups ? { allowAllOutbound: false } : {}) },
  });

  acknowledge(fn, ...CONSUMER_FUNCTION_ACKNOWLEDGEMENTS.functionDeadLetterQueue);
  if (!props.vpc) acknowledge(fn, ...CONSUMER_FUNCTION_ACKNOWLEDGEMENTS.functionInsideVpc);
  return { function: fn, policy };
}
