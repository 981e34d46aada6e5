import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import {
  ProblemCollector, validateCustomerManagedKey, validateFunctionProps, validatePatternKeyEncryption, validatePatternOwnedSettings,
  SQS_EVENT_SOURCE_LIMITS, validateQueueProps,
} from '../../core';
import { QueueConsumerProps } from './props';
import { QUEUE_CONSUMER_RULES } from './rule-definitions';
import { Finding } from './rules';

/** What `queueProps` cannot set: the pattern makes the dead-letter queue, decides the type and encrypts with its key. */
const OWNED_QUEUE_SETTINGS = ['deadLetterQueue', 'fifo', 'encryptionMasterKey'] as const;

/**
 * The props a QueueConsumer passes through to aws-cdk-lib, checked by the rules every pattern applies to them
 * (lib/core): `queueProps` as the queue gets them (encrypted with the pattern's key, of the consumer's type),
 * `functionProps`, and the key the pattern gives to CloudWatch Logs and CloudWatch. Each problem names the prop as
 * this pattern calls it; the construct reports it where the user set it.
 */
export function checkPassedThrough(scope: IConstruct, props: QueueConsumerProps, fifo: boolean): Finding[] {
  const problems = new ProblemCollector(scope);
  const queueProps = props.queueProps as sqs.QueueProps | undefined;
  if (queueProps) {
    validatePatternOwnedSettings(problems, queueProps, 'queueProps', OWNED_QUEUE_SETTINGS, 'use deadLetterQueue, maxReceiveCount, fifo and encryptionKey');
    validatePatternKeyEncryption(problems, queueProps, 'queueProps', 'encryptionKey');
    const rest = Object.fromEntries(Object.entries(queueProps).filter(([field]) => !(OWNED_QUEUE_SETTINGS as readonly string[]).includes(field)));
    validateQueueProps(problems, { encryption: sqs.QueueEncryption.KMS, ...rest }, { prefix: 'queueProps', fifo });
  }
  validateFunctionProps(problems, props.functionProps, 'functionProps');
  const reserved = props.functionProps?.reservedConcurrentExecutions;
  problems.expect(reserved !== 0, {
    code: QUEUE_CONSUMER_RULES.reservedConcurrencyZero,
    prop: 'functionProps.reservedConcurrentExecutions',
    value: '0',
    rule: 'throttles every invocation: the consumer never processes a message, and each one is received until it reaches the dead-letter queue',
    fix: `Leave it out (the pattern reserves maxConcurrency for the function), or give at least ${SQS_EVENT_SOURCE_LIMITS.initialConcurrency.min}, the poller's starting concurrency.`,
  });
  validateCustomerManagedKey(problems, 'encryptionKey', props.encryptionKey,
    'the function\'s encrypted log group (CloudWatch Logs) and the alarm topic (CloudWatch)');
  return problems.all.map(({ path: _path, ...problem }) => ({ severity: 'error', problem }));
}
