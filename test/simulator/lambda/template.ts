import { Simulation, SimulationOptions } from '../../../lib/simulator';

/**
 * Hand-written templates for the Lambda unit tests: a queue (with a DLQ), a function with a role and its
 * policies, a mapping. Written as CloudFormation, not synthesized, so each test shows exactly what the
 * simulator reads, and costs no synth.
 */
export interface ConsumerTemplateOptions {
  readonly visibilityTimeout?: number;
  readonly maxReceiveCount?: number;
  readonly fifo?: boolean;
  readonly timeout?: number;
  readonly reservedConcurrency?: number;
  readonly batchSize?: number;
  readonly batchingWindow?: number;
  readonly reportBatchItemFailures?: boolean;
  readonly maximumConcurrency?: number;
  readonly filters?: object[];
  /** The role's statements; default: exactly what the mapping needs on the queue. */
  readonly statements?: object[];
  /** Encrypt the queue with a customer managed key whose policy is this (default: account root may do all). */
  readonly keyPolicyStatements?: object[];
  readonly encrypted?: boolean;
  readonly extraResources?: Record<string, object>;
  readonly functionExtra?: Record<string, unknown>;
}

export const QUEUE_ARN = { 'Fn::GetAtt': ['Queue', 'Arn'] };
export const CONSUME_STATEMENT = { Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: QUEUE_ARN };
export const DECRYPT_STATEMENT = { Effect: 'Allow', Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': ['Key', 'Arn'] } };
const ROOT_KEY_POLICY = [{ Effect: 'Allow', Principal: { AWS: { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':root']] } }, Action: 'kms:*', Resource: '*' }];

export function consumerTemplate(o: ConsumerTemplateOptions = {}): object {
  const fifo = o.fifo ?? false;
  const queue = (name: string, extra: object) => ({ Type: 'AWS::SQS::Queue', Properties: { ...(fifo ? { FifoQueue: true, QueueName: `${name}.fifo`, ContentBasedDeduplication: true } : {}), ...extra } });
  const encryption = o.encrypted ? { KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } } : {};
  return {
    Resources: {
      ...(o.encrypted ? { Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Version: '2012-10-17', Statement: o.keyPolicyStatements ?? ROOT_KEY_POLICY } } } } : {}),
      DeadLetterQueue: queue('dlq', { MessageRetentionPeriod: 1_209_600, ...encryption }),
      Queue: queue('queue', {
        VisibilityTimeout: o.visibilityTimeout ?? 180,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] }, maxReceiveCount: o.maxReceiveCount ?? 5 },
        ...encryption,
      }),
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
      },
      RolePolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'consume',
          Roles: [{ Ref: 'Role' }],
          PolicyDocument: { Version: '2012-10-17', Statement: o.statements ?? [CONSUME_STATEMENT, ...(o.encrypted ? [DECRYPT_STATEMENT] : [])] },
        },
      },
      Consumer: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Handler: 'index.handler',
          Runtime: 'nodejs22.x',
          Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
          Code: { ZipFile: 'exports.handler = async () => ({});' },
          Timeout: o.timeout ?? 30,
          ...(o.reservedConcurrency !== undefined ? { ReservedConcurrentExecutions: o.reservedConcurrency } : {}),
          ...o.functionExtra,
        },
      },
      Mapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: {
          EventSourceArn: QUEUE_ARN,
          FunctionName: { Ref: 'Consumer' },
          BatchSize: o.batchSize ?? 10,
          ...(o.batchingWindow !== undefined ? { MaximumBatchingWindowInSeconds: o.batchingWindow } : {}),
          ...(o.reportBatchItemFailures ? { FunctionResponseTypes: ['ReportBatchItemFailures'] } : {}),
          ...(o.maximumConcurrency !== undefined ? { ScalingConfig: { MaximumConcurrency: o.maximumConcurrency } } : {}),
          ...(o.filters ? { FilterCriteria: { Filters: o.filters.map((p) => ({ Pattern: JSON.stringify(p) })) } } : {}),
        },
      },
      ...o.extraResources,
    },
  };
}

export function consumerSimulation(o: ConsumerTemplateOptions = {}, options: SimulationOptions = {}): Simulation {
  return Simulation.fromTemplate(consumerTemplate(o) as never, { seed: 1, ...options });
}

/** Message ids of the trace events of a type, in order. */
export function bodiesOf(records: { body: string }[]): string[] {
  return records.map((r) => r.body);
}
