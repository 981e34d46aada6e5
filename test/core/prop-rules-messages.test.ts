import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { validateFunctionProps, validateQueueProps } from '../../lib/core';
import { collect } from './problems';

/**
 * The whole problem each rule reports, as the user reads it in `cdk synth`: the prop, the value, the rule and the
 * fix. (The rule tests assert which props are named; these assert what is said about them.)
 */

const queue = (props: (stack: Stack) => sqs.QueueProps, fifo = false) => {
  const stack = new Stack(undefined, 'S');
  return collect((p) => validateQueueProps(p, props(stack), { prefix: 'q', fifo }), stack);
};

describe('queue rules say', () => {
  test('a name without .fifo on a FIFO queue, with the name to use', () => {
    expect(queue(() => ({ queueName: 'ledger' }), true)).toEqual([{
      code: 'decoupled:fifo-mismatch', path: 'S', prop: 'q.queueName', value: "'ledger'",
      rule: "does not end in '.fifo', and the queue is FIFO: a FIFO queue's name must (SQS API-model CreateQueue)",
      fix: "Add the suffix: 'ledger.fifo'.",
    }]);
  });

  test('a .fifo name on a standard queue', () => {
    expect(queue(() => ({ queueName: 'x.fifo' }))[0].fix).toBe("Remove the '.fifo' suffix; a standard queue's name never ends in it.");
  });

  test('characters, and a name too long or empty', () => {
    expect(queue(() => ({ queueName: 'a b' }))[0]).toMatchObject({
      rule: "has characters SQS does not allow in a queue name: ' ' (letters A-Z and a-z, digits, - and _ only, plus the '.fifo' suffix of a FIFO queue)",
      fix: 'Use only ASCII letters, digits, hyphens and underscores.',
    });
    expect(queue(() => ({ queueName: 'a'.repeat(81) }))[0]).toMatchObject({
      rule: "is 81 characters long; SQS allows 1–80 characters, the '.fifo' suffix included", fix: 'Shorten the name to at most 80 characters.',
    });
    expect(queue(() => ({ queueName: '' }))[0]).toMatchObject({
      rule: "is 0 characters long; SQS allows 1–80 characters, the '.fifo' suffix included",
      fix: 'Give the queue a name, or leave queueName out to let CloudFormation name it.',
    });
  });

  test('fifo, and FIFO-only settings on a standard queue', () => {
    expect(queue(() => ({ fifo: true }))).toEqual([{
      code: 'decoupled:fifo-mismatch', path: 'S', prop: 'q.fifo', value: 'true',
      rule: 'does not match the queue the pattern makes (standard)', fix: 'Remove q.fifo; the pattern decides it.',
    }]);
    expect(queue(() => ({ fifo: false }), true)[0].rule).toBe('does not match the queue the pattern makes (FIFO)');
    expect(queue(() => ({ deduplicationScope: sqs.DeduplicationScope.QUEUE }))).toEqual([{
      code: 'decoupled:fifo-mismatch', path: 'S', prop: 'q.deduplicationScope', value: "'queue'",
      rule: 'applies to FIFO queues only, and this queue is standard (aws-cdk-lib would make it FIFO)', fix: 'Remove q.deduplicationScope.',
    }]);
  });

  test('a high-throughput limit without deduplication per message group', () => {
    expect(queue(() => ({ fifoThroughputLimit: sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID }), true)).toEqual([{
      code: 'decoupled:fifo-mismatch', path: 'S', prop: 'q.fifoThroughputLimit', value: 'FifoThroughputLimit.PER_MESSAGE_GROUP_ID',
      rule: "needs deduplicationScope MESSAGE_GROUP, not 'queue' (SQS API-model CreateQueue, high-throughput FIFO)",
      fix: 'Set q.deduplicationScope to DeduplicationScope.MESSAGE_GROUP, or use FifoThroughputLimit.PER_QUEUE.',
    }]);
  });

  test('a dead-letter queue of the other type, each way', () => {
    const problems = queue((stack) => ({ deadLetterQueue: { queue: new sqs.Queue(stack, 'D', { fifo: true }), maxReceiveCount: 5 } }));
    expect(problems).toEqual([{
      code: 'decoupled:fifo-mismatch', path: 'S', prop: 'q.deadLetterQueue.queue', value: 'a FIFO queue',
      rule: 'is not of the same type as its source queue (standard); SQS requires a dead-letter queue of the same type',
      fix: 'Use a standard dead-letter queue.',
    }]);
    expect(queue((stack) => ({ deadLetterQueue: { queue: new sqs.Queue(stack, 'D'), maxReceiveCount: 5 } }), true)[0]).toMatchObject({
      value: 'a standard queue', fix: 'Use a FIFO dead-letter queue.',
    });
  });

  test('a RedriveAllowPolicy SQS refuses', () => {
    const arn = (name: string) => `arn:aws:sqs:us-east-1:111111111111:${name}`;
    expect(queue((stack) => ({ redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.DENY_ALL, sourceQueues: [sqs.Queue.fromQueueArn(stack, 'A', arn('a'))] } }))).toEqual([{
      code: 'decoupled:redrive-allow-policy', path: 'S', prop: 'q.redriveAllowPolicy.sourceQueues', value: '1 queues',
      rule: "names source queues, which only RedrivePermission.BY_QUEUE takes (the permission is 'denyAll')",
      fix: 'Remove q.redriveAllowPolicy.sourceQueues, or set q.redriveAllowPolicy.redrivePermission to RedrivePermission.BY_QUEUE.',
    }]);
    expect(queue(() => ({ redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.BY_QUEUE } }))[0]).toMatchObject({
      value: '0 queues',
      rule: 'is outside the 1–10 source queues RedrivePermission.BY_QUEUE takes (SQS API-model SetQueueAttributes)',
      fix: 'Name the queues that may use this dead-letter queue in q.redriveAllowPolicy.sourceQueues.',
    });
    expect(queue((stack) => ({ redriveAllowPolicy: { sourceQueues: [sqs.Queue.fromQueueArn(stack, 'F', arn('f.fifo'))] } }))).toEqual([{
      code: 'decoupled:fifo-mismatch', path: 'S', prop: 'q.redriveAllowPolicy.sourceQueues[0]', value: 'a FIFO queue',
      rule: 'cannot use this standard queue as its dead-letter queue: SQS requires both of the same type', fix: 'Name only standard source queues.',
    }]);
    expect(queue((stack) => ({ redriveAllowPolicy: { sourceQueues: [sqs.Queue.fromQueueArn(stack, 'S', arn('s'))] } }), true)[0]).toMatchObject({
      value: 'a standard queue', rule: 'cannot use this FIFO queue as its dead-letter queue: SQS requires both of the same type', fix: 'Name only FIFO source queues.',
    });
  });

  test('a key with an encryption that uses none, and a data key reuse that would be dropped', () => {
    expect(queue((stack) => ({ encryption: sqs.QueueEncryption.SQS_MANAGED, encryptionMasterKey: new kms.Key(stack, 'K') }))).toEqual([{
      code: 'decoupled:queue-encryption', path: 'S', prop: 'q.encryptionMasterKey', value: 'S/K',
      rule: "is given with encryption 'SQS_MANAGED', which uses no key of yours (aws-cdk-lib refuses it or changes encryption to KMS)",
      fix: 'Set q.encryption to QueueEncryption.KMS, or remove q.encryptionMasterKey.',
    }]);
    expect(queue(() => ({ dataKeyReuse: Duration.minutes(5), encryption: sqs.QueueEncryption.SQS_MANAGED }))).toEqual([{
      code: 'decoupled:queue-encryption', path: 'S', prop: 'q.dataKeyReuse', value: '300s',
      rule: 'applies only to SSE-KMS queues, and this queue is encrypted with SSE-SQS: aws-cdk-lib would drop it without a word',
      fix: 'Remove q.dataKeyReuse, or encrypt the queue with KMS.',
    }]);
    expect(queue(() => ({ dataKeyReuse: Duration.minutes(5), encryption: sqs.QueueEncryption.KMS }))).toEqual([]);
  });

  test('a removal policy a queue cannot have', () => {
    expect(queue(() => ({ removalPolicy: RemovalPolicy.SNAPSHOT }))).toEqual([{
      code: 'decoupled:removal-policy-not-supported', path: 'S', prop: 'q.removalPolicy', value: 'RemovalPolicy.SNAPSHOT',
      rule: 'gives an SQS queue DeletionPolicy: Snapshot, which CloudFormation allows only on resources that have snapshots (cfn-lint E3035, E3036)',
      fix: 'Use RemovalPolicy.RETAIN to keep it when it leaves the stack, or RemovalPolicy.DESTROY to delete it.',
    }]);
  });
});

describe('function rules say', () => {
  const fn = (props: (stack: Stack) => Parameters<typeof validateFunctionProps>[1]) => {
    const stack = new Stack(undefined, 'S');
    return collect((p) => validateFunctionProps(p, props(stack), 'f'), stack);
  };

  test('names, descriptions and handlers: the characters allowed, the length, short values shown whole', () => {
    expect(fn(() => ({ functionName: 'a b' }))).toEqual([{
      code: 'decoupled:invalid-function-name', path: 'S', prop: 'f.functionName', value: "'a b'",
      rule: 'has characters Lambda does not allow here: " " (letters, digits, - and _ only; Lambda API-model CreateFunction and Environment; Lambda developer guide, defined runtime environment variables)',
      fix: 'Use letters, digits, - and _ only.',
    }]);
    expect(fn(() => ({ handler: 'a b' }))[0].fix).toBe('Use no spaces.');
    expect(fn(() => ({ functionName: 'f'.repeat(65) }))[0]).toMatchObject({ value: '(65 characters)', fix: 'Shorten it to at most 64 characters.' });
    expect(fn(() => ({ functionName: 'f'.repeat(40) }))).toEqual([]);
    expect(fn(() => ({ description: 'd'.repeat(257) }))[0]).toMatchObject({ rule: 'is 257 characters long; Description takes 0–256 characters (Lambda API-model CreateFunction)' });
    expect(fn(() => ({ description: '' }))).toEqual([]);
    expect(fn(() => ({ handler: '' }))[0]).toMatchObject({ value: "''", rule: 'is 0 characters long; Handler takes 1–128 characters (Lambda API-model CreateFunction)', fix: 'Give it a value, or leave it out.' });
    expect(fn(() => ({ handler: 'h' }))).toEqual([]);
  });

  test('environment keys and size', () => {
    expect(fn(() => ({ environment: { 'A-B': 'x' } }))).toEqual([{
      code: 'decoupled:invalid-environment', path: 'S', prop: 'f.environment.A-B', value: "'A-B'",
      rule: 'is not a key Lambda accepts: a letter, then at least one letter, digit or _ (Lambda API-model Environment)',
      fix: 'Rename the variable, for example to TABLE_NAME.',
    }]);
    expect(fn(() => ({ environment: { AWS_REGION: 'x' } }))[0]).toMatchObject({ prop: 'f.environment.AWS_REGION', fix: 'Rename the variable; read the value Lambda sets instead.' });
    expect(fn(() => ({ environment: { K1: 'v'.repeat(4_100), K2: 'w' } }))).toEqual([{
      code: 'decoupled:invalid-environment', path: 'S', prop: 'f.environment', value: '(2 variables)',
      rule: 'is 4118 bytes as JSON; Lambda allows 4096 bytes for all of a function\'s variables together (Lambda developer guide, quotas (4 KB, in aggregate))',
      fix: 'Move large values to SSM Parameter Store or Secrets Manager and pass their names instead.',
    }]);
  });

  test('dead-letter settings aws-cdk-lib refuses together', () => {
    expect(fn((stack) => ({ deadLetterQueue: new sqs.Queue(stack, 'Q'), deadLetterQueueEnabled: false }))).toEqual([{
      code: 'decoupled:function-dead-letter', path: 'S', prop: 'f.deadLetterQueueEnabled', value: 'false',
      rule: 'contradicts f.deadLetterQueue, which is given', fix: 'Remove f.deadLetterQueueEnabled, or remove f.deadLetterQueue.',
    }]);
    expect(fn((stack) => ({ deadLetterTopic: new sns.Topic(stack, 'T'), deadLetterQueue: new sqs.Queue(stack, 'Q') }))).toEqual([{
      code: 'decoupled:function-dead-letter', path: 'S', prop: 'f.deadLetterTopic', value: 'S/T',
      rule: 'is given with f.deadLetterQueue: a function has one dead-letter target', fix: 'Keep either f.deadLetterTopic or the dead-letter queue settings.',
    }]);
    expect(fn((stack) => ({ deadLetterTopic: new sns.Topic(stack, 'T'), deadLetterQueueEnabled: false }))[0].rule).toBe('is given with f.deadLetterQueueEnabled: a function has one dead-letter target');
  });
});
