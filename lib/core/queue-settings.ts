import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SQS_LIMITS } from './limits';

/**
 * What can be known at synth time about a queue, whether a pattern made it or the user brought it.
 *
 * A queue made in this app (an `sqs.Queue`) is read from its CloudFormation resource; an imported queue
 * (`Queue.fromQueueArn`) tells only what its handle carries. Unknown values are `undefined`, never guessed.
 */
export interface QueueSettings {
  /** Whether the queue was made in this app, so its settings are readable and its policy editable. */
  readonly ownedByApp: boolean;
  readonly fifo: boolean;
  /** The queue's own default visibility timeout. */
  readonly visibilityTimeout?: Duration;
  readonly retentionPeriod?: Duration;
  /** `alias/aws/sqs` when the queue uses the AWS managed key, which no service principal can use. */
  readonly usesAwsManagedKey: boolean;
  /** The queue's dead-letter target as the redrive policy states it. */
  readonly deadLetterQueue?: sqs.DeadLetterQueue;
}

/**
 * The AWS managed key, by its alias or inside its alias ARN (what `Alias.fromAliasName` resolves to, a join of
 * pseudo parameters). Alias names under `alias/aws/` are reserved for AWS managed keys.
 */
const AWS_MANAGED_SQS_KEY = /alias\/aws\/sqs(?![\w/-])/;

function seconds(value: unknown, fallback?: number): Duration | undefined {
  if (value === undefined) return fallback === undefined ? undefined : Duration.seconds(fallback);
  return typeof value === 'number' && !Token.isUnresolved(value) ? Duration.seconds(value) : undefined;
}

/** Reads a queue's settings from its CloudFormation resource (or its imported handle). */
export function queueSettings(queue: sqs.IQueue): QueueSettings {
  const cfn = queue.node.defaultChild;
  if (!(cfn instanceof sqs.CfnQueue)) {
    return {
      ownedByApp: false,
      fifo: queue.fifo,
      usesAwsManagedKey: queue.encryptionType === sqs.QueueEncryption.KMS_MANAGED,
    };
  }
  const keyId = Stack.of(queue).resolve(cfn.kmsMasterKeyId);
  return {
    ownedByApp: true,
    fifo: queue.fifo,
    // A property left out takes the SQS default (SQS API-model, CreateQueue).
    visibilityTimeout: seconds(cfn.visibilityTimeout, SQS_LIMITS.visibilityTimeout.default),
    retentionPeriod: seconds(cfn.messageRetentionPeriod, SQS_LIMITS.messageRetentionPeriod.default),
    usesAwsManagedKey: keyId !== undefined && AWS_MANAGED_SQS_KEY.test(typeof keyId === 'string' ? keyId : JSON.stringify(keyId)),
    deadLetterQueue: queue instanceof sqs.Queue ? queue.deadLetterQueue : undefined,
  };
}
