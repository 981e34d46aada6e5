import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SQS_EVENT_SOURCE_LIMITS } from '../../core';

/** The defaults of a QueueConsumer that are choices of this library (AWS's own live in lib/core/limits.ts). */
export const QUEUE_CONSUMER_DEFAULTS = {
  /** The newest Node.js runtime in aws-cdk-lib 2.276 (cdk-nag AwsSolutions-L1 asks for the latest). */
  runtime: lambda.Runtime.NODEJS_24_X,
  /** Lambda's 3 s default is too short for most consumers that call another service (cdk-nag Serverless-LambdaDefaultTimeout). */
  functionTimeout: Duration.seconds(30),
  /** 128 MB is Lambda's default and its slowest CPU (cdk-nag Serverless-LambdaDefaultMemorySize). */
  memorySize: 256,
  /** AWS's batch size default, written out so the template says what runs. */
  batchSize: SQS_EVENT_SOURCE_LIMITS.batchSizeStandard.default ?? 10,
  /**
   * The concurrency cap for a function the pattern makes, also reserved for it: the poller starts at 5
   * concurrent batches, so 10 lets it scale once without throttling, and reserving the same number
   * means the function can always run what the mapping sends and never more.
   */
  maxConcurrency: 10,
} as const;
