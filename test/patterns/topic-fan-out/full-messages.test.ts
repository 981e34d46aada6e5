import { App, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { TopicFanOut, TopicFanOutProps, ValidationError } from '../../../lib';

/**
 * Every error and warning a TopicFanOut gives, asserted whole: the head, each problem's prop, value, rule, fix and code.
 * A word changed in any of them, or a problem given for the wrong prop, fails here.
 */

type Props = TopicFanOutProps | ((stack: Stack) => TopicFanOutProps);

function newStack(): Stack {
  return new Stack(new App(), 'Messages', { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** The lines of the ValidationError a fan-out with these props throws. */
function errorLines(props: Props): string[] {
  const stack = newStack();
  try {
    new TopicFanOut(stack, 'Orders', typeof props === 'function' ? props(stack) : props);
  } catch (error) {
    if (error instanceof ValidationError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a ValidationError, the fan-out was accepted');
}

/** The warnings a fan-out with these props shows, in a stack of its own. */
function warningsOf(props: Props): { stack: Stack; fanOut: TopicFanOut; warnings: string[] } {
  const stack = newStack();
  const fanOut = new TopicFanOut(stack, 'Orders', typeof props === 'function' ? props(stack) : props);
  return { stack, fanOut, warnings: Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data)) };
}

const ONE = 'Messages/Orders has an invalid setting:';
const withDlq = (stack: Stack, props: sqs.QueueProps = {}) => new sqs.Queue(stack, 'Q', {
  ...props, deadLetterQueue: { queue: new sqs.Queue(stack, 'D', { retentionPeriod: Duration.days(14) }), maxReceiveCount: 5 },
});

describe('TopicFanOut errors on the fan-out\'s own props, whole', () => {
  test.each<[string, Props, string[]]>([
    ['subscribers is empty', { subscribers: {} }, [ONE,
      '  ✖ Messages/Orders: subscribers {} names no subscriber: a fan-out delivers to at least one queue. Add a subscriber, for example `subscribers: { audit: {} }`. [decoupled:fan-out-no-subscribers]']],
    ['keyRemovalPolicy is given with a brought encryptionKey', (s) => ({ encryptionKey: new kms.Key(s, 'K'), keyRemovalPolicy: RemovalPolicy.DESTROY, subscribers: { a: {} } }), [ONE,
      '  ✖ Messages/Orders: keyRemovalPolicy \'destroy\' shapes the key the pattern makes, and encryptionKey was brought. Set the removal policy on the key you bring, and remove keyRemovalPolicy. [decoupled:option-on-brought-resource]']],
    ['keyRemovalPolicy is SNAPSHOT', { keyRemovalPolicy: RemovalPolicy.SNAPSHOT, subscribers: { a: {} } }, [ONE,
      '  ✖ Messages/Orders: keyRemovalPolicy RemovalPolicy.SNAPSHOT gives a KMS key DeletionPolicy: Snapshot, which CloudFormation allows only on resources that have snapshots (cfn-lint E3035, E3036). '
        + 'Use RemovalPolicy.RETAIN to keep it when it leaves the stack, or RemovalPolicy.DESTROY to delete it. [decoupled:removal-policy-not-supported]']],
    ['a brought standard topic is given with fifo: true', (s) => ({ fifo: true, topic: new sns.Topic(s, 'T', { topicName: 't' }), subscribers: { a: {} } }), [ONE,
      '  ✖ Messages/Orders: topic a standard topic does not match fifo: true; fifo says which topic the fan-out has, and so the type of its queues and of its subscription dead-letter queues, '
        + 'which must be the topic\'s. Set fifo: false or bring a FIFO topic. [decoupled:fifo-mismatch]']],
    ['a brought FIFO topic is given without fifo', (s) => ({ topic: new sns.Topic(s, 'T', { topicName: 't.fifo', fifo: true }), subscribers: { a: {} } }), [ONE,
      '  ✖ Messages/Orders: topic a FIFO topic does not match fifo: false; fifo says which topic the fan-out has, and so the type of its queues and of its subscription dead-letter queues, '
        + 'which must be the topic\'s. Set fifo: true or bring a standard topic. [decoupled:fifo-mismatch]']],
    ['contentBasedDeduplication is given with a brought standard topic (two problems)', (s) => ({ contentBasedDeduplication: true, topic: new sns.Topic(s, 'T', { topicName: 't' }), subscribers: { a: {} } }), [
      'Messages/Orders has 2 invalid settings:',
      '  ✖ Messages/Orders: contentBasedDeduplication true shapes a topic the pattern makes, and a topic was brought. Set contentBasedDeduplication on the topic you bring, and remove it here. [decoupled:option-on-brought-topic]',
      '  ✖ Messages/Orders: contentBasedDeduplication true applies to FIFO topics only. Remove contentBasedDeduplication or set fifo: true. [decoupled:dedup-requires-fifo]']],
    ['contentBasedDeduplication is given, even false, on a standard fan-out', { contentBasedDeduplication: false, subscribers: { a: {} } }, [ONE,
      '  ✖ Messages/Orders: contentBasedDeduplication false applies to FIFO topics only. Remove contentBasedDeduplication or set fifo: true. [decoupled:dedup-requires-fifo]']],
    ['queueNamePrefix has a space', { queueNamePrefix: 'bad prefix', subscribers: { a: {} } }, [ONE,
      '  ✖ Messages/Orders: queueNamePrefix \'bad prefix\' has characters SQS does not allow in a queue name (letters, digits, - and _ only). Use only letters, digits, hyphens and underscores. [decoupled:invalid-queue-name]']],
    ['three subscribers bring one queue: the second and third are named, each against the first', (s) => {
      const queue = withDlq(s);
      return { subscribers: { a: { queue }, b: { queue }, c: { queue } } };
    }, ['Messages/Orders has 2 invalid settings:',
      '  ✖ Messages/Orders: subscribers.b.queue Messages/Q is also subscribers.a.queue: SNS keeps one subscription per topic and queue, and refuses a second one with other attributes '
        + '("Subscription already exists with different attributes"). Give subscribers.b its own queue, or merge it into subscribers.a with a filter that matches both. [decoupled:topic-fan-out/queue-shared-by-subscribers]',
      '  ✖ Messages/Orders: subscribers.c.queue Messages/Q is also subscribers.a.queue: SNS keeps one subscription per topic and queue, and refuses a second one with other attributes '
        + '("Subscription already exists with different attributes"). Give subscribers.c its own queue, or merge it into subscribers.a with a filter that matches both. [decoupled:topic-fan-out/queue-shared-by-subscribers]']],
  ])('fails if %s', (_title, props, expected) => {
    // GIVEN the props WHEN the fan-out is made THEN the whole error is as expected
    expect(errorLines(props)).toEqual(expected);
  });

  test('accepts a queueNamePrefix known only at deploy (its characters cannot be judged at synth)', () => {
    // GIVEN a prefix from a parameter WHEN the fan-out is made THEN nothing is refused or warned about
    expect(warningsOf((s) => ({ queueNamePrefix: new CfnParameter(s, 'Prefix').valueAsString, subscribers: { a: {} } })).warnings).toEqual([]);
  });
});

describe('TopicFanOut errors on a subscriber\'s name, whole', () => {
  const invalidPart = (name: string, value: string) => [ONE,
    `  ✖ Messages/Orders: subscribers.${name} ${value} is not a valid queue name part (1–80 characters of letters, digits, - and _). `
      + 'Rename the subscriber with letters, digits, hyphens and underscores only, for example \'order-billing\'. [decoupled:invalid-queue-name]'];

  test('fails if a subscriber name has a space, showing the name itself', () => {
    expect(errorLines({ subscribers: { 'bad name': {} } })).toEqual(invalidPart('bad name', '\'bad name\''));
  });

  test('fails if an invalid subscriber name is 40 characters, showing the name; at 41 characters showing its length instead', () => {
    const forty = `${'n'.repeat(39)}!`;
    const fortyOne = `${'n'.repeat(40)}!`;
    expect(errorLines({ subscribers: { [forty]: {} } })).toEqual(invalidPart(forty, `'${forty}'`));
    expect(errorLines({ subscribers: { [fortyOne]: {} } })).toEqual(invalidPart(fortyOne, '(41 characters)'));
  });

  test('fails if a subscriber name is 81 characters, one past SQS\'s 80; accepts 80', () => {
    expect(errorLines({ subscribers: { ['n'.repeat(81)]: {} } })).toEqual(invalidPart('n'.repeat(81), '(81 characters)'));
    expect(warningsOf({ subscribers: { ['n'.repeat(80)]: {} } }).warnings).toEqual([]);
  });

  test('fails if a subscriber is named Topic, the id of one of the fan-out\'s own resources', () => {
    expect(errorLines({ subscribers: { Topic: {} } })).toEqual([ONE,
      '  ✖ Messages/Orders: subscribers.Topic \'Topic\' is the id of one of the fan-out\'s own resources (Key, Topic, AlarmTopic, FailedDeliveriesAlarm). Rename the subscriber. [decoupled:invalid-queue-name]']);
  });

  test('fails if a subscriber is named toString, a name every JavaScript object has', () => {
    expect(errorLines({ subscribers: { toString: {} } })).toEqual([ONE,
      '  ✖ Messages/Orders: subscribers.toString \'toString\' is a name every JavaScript object already has, which the construct tree cannot take as a construct id. '
        + 'Rename the subscriber, for example \'toString-queue\'. [decoupled:invalid-queue-name]']);
  });

  const tooLong = (name: string, value: string, queueName: string) => [ONE,
    `  ✖ Messages/Orders: subscribers.${name} ${value} makes the queue name '${queueName}' ${queueName.length} characters long; SQS allows 1–80 characters. `
      + 'Shorten the subscriber name or queueNamePrefix. [decoupled:invalid-queue-name]'];

  test('fails if the prefix and name make the subscription dead-letter queue\'s name 81 characters; accepts 80', () => {
    const name = 's'.repeat(23);
    expect(errorLines({ queueNamePrefix: 'p'.repeat(40), subscribers: { [name]: {} } }))
      .toEqual(tooLong(name, `'${name}'`, `${'p'.repeat(40)}-${name}-subscription-dlq`));
    expect(warningsOf({ queueNamePrefix: 'p'.repeat(39), subscribers: { [name]: {} } }).warnings).toEqual([]);
  });

  test('fails if a FIFO fan-out\'s prefix and name make a name of 81 characters with .fifo', () => {
    const name = 's'.repeat(18);
    expect(errorLines({ fifo: true, queueNamePrefix: 'p'.repeat(40), subscribers: { [name]: {} } }))
      .toEqual(tooLong(name, `'${name}'`, `${'p'.repeat(40)}-${name}-subscription-dlq.fifo`));
  });

  test('fails if a prefixed name is too long, showing a 40-character name itself and a 41-character one by its length', () => {
    const forty = 's'.repeat(40);
    const fortyOne = 's'.repeat(41);
    expect(errorLines({ queueNamePrefix: 'p'.repeat(23), subscribers: { [forty]: {} } }))
      .toEqual(tooLong(forty, `'${forty}'`, `${'p'.repeat(23)}-${forty}-subscription-dlq`));
    expect(errorLines({ queueNamePrefix: 'p'.repeat(22), subscribers: { [fortyOne]: {} } }))
      .toEqual(tooLong(fortyOne, '(41 characters)', `${'p'.repeat(22)}-${fortyOne}-subscription-dlq`));
  });
});

describe('TopicFanOut errors on a subscriber\'s settings, whole', () => {
  const receives = (value: number) => [ONE,
    `  ✖ Messages/Orders: subscribers.a.maxReceiveCount ${value} is outside maxReceiveCount's allowed range 1–1,000 (SQS developer guide, configure a dead-letter queue). `
      + 'Set subscribers.a.maxReceiveCount to a value in 1–1,000. [decoupled:max-receive-count-range]'];
  const age = (value: string) => [ONE,
    `  ✖ Messages/Orders: subscribers.a.maxMessageAge ${value} is outside MessageRetentionPeriod's allowed range 60–1,209,600 seconds (SQS API-model CreateQueue). `
      + 'Set subscribers.a.maxMessageAge to whole seconds in 60–1,209,600 seconds: no message is kept longer than the longest retention. [decoupled:topic-fan-out/max-message-age-range]'];

  test.each<[string, Props, string[]]>([
    ['maxReceiveCount is 0', { subscribers: { a: { maxReceiveCount: 0 } } }, receives(0)],
    ['maxReceiveCount is 1,001', { subscribers: { a: { maxReceiveCount: 1001 } } }, receives(1001)],
    ['maxMessageAge is 59 s', { subscribers: { a: { maxMessageAge: Duration.seconds(59) } } }, age('59s')],
    ['maxMessageAge is 14 days and 1 s', { subscribers: { a: { maxMessageAge: Duration.seconds(1_209_601) } } }, age('1209601s')],
    ['filterScope is given without a filter', { subscribers: { a: { filterScope: 'MessageBody' } } }, [ONE,
      '  ✖ Messages/Orders: subscribers.a.filterScope \'MessageBody\' has no filter to apply to. Add subscribers.a.filter or remove filterScope. [decoupled:filter-scope-without-filter]']],
    ['a filter lists no value, judged in the default MessageAttributes scope', { subscribers: { a: { filter: { t: [] } } } }, [ONE,
      '  ✖ Messages/Orders: subscribers.a.filter {"t":[]} would be rejected by SNS (MessageAttributes scope): key "t": empty arrays are not allowed; list at least one value. '
        + 'Correct the filter policy as described; see the SNS filter policy syntax. [decoupled:invalid-filter-policy]']],
    ['a body filter uses an operator SNS does not know, judged in the MessageBody scope', { subscribers: { a: { filter: { t: [{ bogus: 1 } as never] }, filterScope: 'MessageBody' } } }, [ONE,
      '  ✖ Messages/Orders: subscribers.a.filter {"t":[{"bogus":1}]} would be rejected by SNS (MessageBody scope): key "t": "bogus" is not a filter policy operator; '
        + 'use one of prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists, cidr. Correct the filter policy as described; see the SNS filter policy syntax. [decoupled:invalid-filter-policy]']],
    ['a subscriber of a standard fan-out asks for a FIFO queue', { subscribers: { a: { fifo: true } } }, [ONE,
      '  ✖ Messages/Orders: subscribers.a.fifo true asks for a FIFO queue on a standard topic, which cannot deliver to a FIFO queue. Remove subscribers.a.fifo, or make the fan-out FIFO (fifo: true). [decoupled:fifo-mismatch]']],
    ['queueProps and deadLetterQueueProps set what the pattern owns', { subscribers: { a: {
      queueProps: { enforceSSL: false } as never,
      deadLetterQueueProps: { redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.ALLOW_ALL } } as never,
    } } }, ['Messages/Orders has 2 invalid settings:',
      '  ✖ Messages/Orders: subscribers.a.queueProps.enforceSSL false is set by the pattern, which keeps its queues secure and consistent. '
        + 'Remove subscribers.a.queueProps.enforceSSL; use the subscriber\'s maxReceiveCount, the fan-out\'s encryptionKey, or bring your own queue. [decoupled:pattern-owned-setting]',
      '  ✖ Messages/Orders: subscribers.a.deadLetterQueueProps.redriveAllowPolicy given is set by the pattern, which keeps its queues secure and consistent. '
        + 'Remove subscribers.a.deadLetterQueueProps.redriveAllowPolicy; use the subscriber\'s maxReceiveCount, the fan-out\'s encryptionKey, or bring your own queue. [decoupled:pattern-owned-setting]']],
  ])('fails if %s', (_title, props, expected) => {
    // GIVEN the props WHEN the fan-out is made THEN the whole error is as expected
    expect(errorLines(props)).toEqual(expected);
  });

  const retention = (dlqProp: string, dlq: string, sourceProp: string, source: string) => [ONE,
    `  ✖ Messages/Orders: ${dlqProp} ${dlq} is not longer than ${sourceProp} (${source}); a message keeps its original enqueue time in a standard dead-letter queue and can expire on arrival. `
      + `Make ${dlqProp} longer than ${source} (the pattern's default is 14 days), or lower ${sourceProp}. [decoupled:dlq-retention-too-short]`];

  test('fails if a dead-letter queue\'s retention equals its queue\'s, naming the dead-letter queue\'s prop; accepts one second longer', () => {
    const sub = (dlq: Duration) => ({ subscribers: { a: { queueProps: { retentionPeriod: Duration.days(5) }, deadLetterQueueProps: { retentionPeriod: dlq } } } });
    expect(errorLines(sub(Duration.days(5))))
      .toEqual(retention('subscribers.a.deadLetterQueueProps.retentionPeriod', '432000s', 'subscribers.a.queueProps.retentionPeriod', '432000s'));
    expect(warningsOf(sub(Duration.seconds(432_001))).warnings).toEqual([]);
  });

  test('fails if a dead-letter queue keeps messages 4 days, as long as SQS\'s default for its queue', () => {
    expect(errorLines({ subscribers: { a: { deadLetterQueueProps: { retentionPeriod: Duration.days(4) } } } }))
      .toEqual(retention('subscribers.a.deadLetterQueueProps.retentionPeriod', '345600s', 'subscribers.a.queueProps.retentionPeriod', '345600s'));
  });

  test('fails if a queue keeps messages 14 days, as long as the default dead-letter queue, naming the queue\'s prop', () => {
    expect(errorLines({ subscribers: { a: { queueProps: { retentionPeriod: Duration.days(14) } } } })).toEqual([ONE,
      '  ✖ Messages/Orders: subscribers.a.queueProps.retentionPeriod 1209600s is not shorter than the dead-letter queue\'s retention (subscribers.a.deadLetterQueueProps.retentionPeriod, 1209600s by default); '
        + 'a message keeps its original enqueue time in a standard dead-letter queue and can expire on arrival. '
        + 'Lower subscribers.a.queueProps.retentionPeriod below 1209600s: the dead-letter queue already keeps messages as long as SQS allows. [decoupled:dlq-retention-too-short]']);
  });

  test('a FIFO subscriber is not held to the retention rule (a FIFO dead-letter queue resets the enqueue time)', () => {
    expect(warningsOf({ fifo: true, subscribers: { a: { queueProps: { retentionPeriod: Duration.days(14) } } } }).warnings).toEqual([]);
  });
});

describe('TopicFanOut errors on a brought queue, whole', () => {
  test('fails if queueProps, deadLetterQueueProps, maxReceiveCount and fifo are given next to a brought queue, one problem each', () => {
    const option = (name: string, value: string) => `  ✖ Messages/Orders: subscribers.a.${name} ${value} shapes a queue the pattern makes, and this subscriber brings its own queue. `
      + `Set it on the queue you bring, and remove subscribers.a.${name}. [decoupled:option-on-brought-queue]`;
    expect(errorLines((s) => ({ subscribers: { a: { queue: new sqs.Queue(s, 'Q'), queueProps: {}, deadLetterQueueProps: {}, maxReceiveCount: 5, fifo: false } } }))).toEqual([
      'Messages/Orders has 4 invalid settings:',
      option('queueProps', '{}'), option('deadLetterQueueProps', '{}'), option('maxReceiveCount', '5'), option('fifo', 'false'),
    ]);
  });

  test('fails if a standard fan-out is given a FIFO queue', () => {
    expect(errorLines((s) => ({ subscribers: { a: { queue: new sqs.Queue(s, 'Q', { fifo: true }) } } }))).toEqual([ONE,
      '  ✖ Messages/Orders: subscribers.a.queue a FIFO queue does not match fifo: false; a standard topic cannot deliver to a FIFO queue. Bring a standard queue, or set fifo: true. [decoupled:fifo-mismatch]']);
  });

  test('fails if a brought queue is encrypted with the AWS managed key', () => {
    expect(errorLines((s) => ({ subscribers: { a: { queue: new sqs.Queue(s, 'Q', { encryption: sqs.QueueEncryption.KMS_MANAGED }) } } }))).toEqual([ONE,
      '  ✖ Messages/Orders: subscribers.a.queue encrypted with alias/aws/sqs cannot receive from SNS: the AWS managed key\'s policy admits no service principal, so every delivery would fail. '
        + 'Encrypt the queue with a customer-managed key (QueueEncryption.KMS) or SSE-SQS. [decoupled:aws-managed-key]']);
  });

  test('fails if a brought queue\'s dead-letter queue keeps messages as long as the queue, naming both as brought', () => {
    expect(errorLines((s) => ({ subscribers: { a: { queue: new sqs.Queue(s, 'Q', {
      retentionPeriod: Duration.days(4), deadLetterQueue: { queue: new sqs.Queue(s, 'D', { retentionPeriod: Duration.days(4) }), maxReceiveCount: 5 },
    }) } } }))).toEqual([ONE,
      '  ✖ Messages/Orders: subscribers.a.queue\'s dead-letter queue retentionPeriod 345600s is not longer than subscribers.a.queue retentionPeriod (345600s); '
        + 'a message keeps its original enqueue time in a standard dead-letter queue and can expire on arrival. '
        + 'Make subscribers.a.queue\'s dead-letter queue retentionPeriod longer than 345600s (the pattern\'s default is 14 days), or lower subscribers.a.queue retentionPeriod. [decoupled:dlq-retention-too-short]']);
  });
});

describe('TopicFanOut warnings, whole', () => {
  test('warns when maxReceiveCount is 4, one below 5', () => {
    expect(warningsOf({ subscribers: { a: { maxReceiveCount: 4 } } }).warnings).toEqual([
      'subscribers.a.maxReceiveCount 4 is below 5: a throttled Lambda consumer\'s receives count too, so healthy messages can reach the dead-letter queue. '
        + 'Raise it to 5 or more, or acknowledge the warning if poison messages must fail fast. [ack: decoupled:max-receive-count-low]',
    ]);
  });

  test('warns when a FIFO fan-out is brought a standard queue, telling to bring a FIFO one', () => {
    expect(warningsOf((s) => ({ fifo: true, subscribers: { audit: { queue: withDlq(s) } } })).warnings).toEqual([
      'subscribers.audit.queue is a standard queue subscribes a standard queue to the FIFO topic: this subscriber gets messages in best-effort order, not in order per message group; '
        + 'at least once, so a message can arrive twice (a standard queue does not deduplicate what SNS deduplicated); and without their message group id '
        + '(SNS developer guide, message delivery for FIFO topics). Acknowledge this warning if subscriber \'audit\' needs neither order nor deduplication; '
        + 'otherwise bring a FIFO queue. [ack: decoupled:topic-fan-out/standard-queue-on-fifo-topic]',
    ]);
  });

  test('warns when an imported queue is brought: no dead-letter queue seen, and the queue policy statement to add by hand', () => {
    // GIVEN a queue imported by ARN
    const { stack, fanOut, warnings } = warningsOf((s) => ({ subscribers: { a: { queue: sqs.Queue.fromQueueArn(s, 'Q', 'arn:aws:sqs:eu-west-1:111111111111:q') } } }));
    // THEN both warnings are given in full, the statement naming this fan-out's topic
    const topicId = stack.getLogicalId(fanOut.topic.node.defaultChild as sns.CfnTopic);
    expect(warnings).toEqual([
      'subscribers.a.queue Messages/Q has no dead-letter queue that the pattern can see, so a message its consumer keeps failing is retried until it expires. '
        + 'Give the queue a deadLetterQueue, or let the pattern make the queue. [ack: decoupled:queue-without-dlq]',
      'subscribers.a.queue arn:aws:sqs:eu-west-1:111111111111:q is imported, so its queue policy cannot be edited here; without this statement SNS cannot deliver to it. '
        + 'Add this statement to the queue\'s policy: {"Action":"sqs:SendMessage","Condition":{"ArnEquals":{"aws:SourceArn":{"Ref":"' + topicId + '"}}},"Effect":"Allow",'
        + '"Principal":{"Service":"sns.amazonaws.com"},"Resource":"arn:aws:sqs:eu-west-1:111111111111:q","Sid":"AllowFanOutTopicToSend"} [ack: decoupled:queue-policy-not-editable]',
    ]);
  });

  test('warns when encryptionKey is imported: the statements CloudWatch and SNS need, for this topic only', () => {
    // GIVEN a key imported by ARN
    const { fanOut, warnings } = warningsOf((s) => ({ encryptionKey: kms.Key.fromKeyArn(s, 'K', 'arn:aws:kms:eu-west-1:111111111111:key/abc'), subscribers: { a: {} } }));
    const topicName = (fanOut.topic.node.defaultChild as sns.CfnTopic).topicName;
    // THEN one warning for the alarm topic's notifications and one for the deliveries, each with its statement
    expect(warnings).toEqual([
      'encryptionKey arn:aws:kms:eu-west-1:111111111111:key/abc is a key whose policy cannot be edited here (imported); without this statement CloudWatch cannot publish to the encrypted alarm topic, '
        + 'and no alarm notifies anyone. Add this statement to the key policy: {"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudwatch:eu-west-1:111111111111:alarm:*"}},'
        + '"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Resource":"*"} [ack: decoupled:key-policy-not-editable]',
      'encryptionKey arn:aws:kms:eu-west-1:111111111111:key/abc is a key whose policy cannot be edited here (imported); without this statement every SNS delivery to the queues it encrypts fails. '
        + 'Add this statement to the key policy: {"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:eu-west-1:111111111111:' + topicName + '"}},'
        + '"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Resource":"*"} [ack: decoupled:key-policy-not-editable]',
    ]);
  });
  test('warns once, naming the brought queue, when the queue and its dead-letter queue share an imported key', () => {
    // GIVEN a brought queue and dead-letter queue, both encrypted with one key imported by ARN
    const { fanOut, warnings } = warningsOf((s) => {
      const key = kms.Key.fromKeyArn(s, 'K', 'arn:aws:kms:eu-west-1:111111111111:key/abc');
      const queue = new sqs.Queue(s, 'Q', { encryptionMasterKey: key, deadLetterQueue: { queue: new sqs.Queue(s, 'D', { encryptionMasterKey: key, retentionPeriod: Duration.days(14) }), maxReceiveCount: 5 } });
      return { subscribers: { a: { queue } } };
    });
    const topicName = (fanOut.topic.node.defaultChild as sns.CfnTopic).topicName;
    // THEN one warning, on the subscriber's queue prop, with the statement SNS needs
    expect(warnings).toEqual([
      'subscribers.a.queue arn:aws:kms:eu-west-1:111111111111:key/abc is a key whose policy cannot be edited here (imported); without this statement every SNS delivery to the queues it encrypts fails. '
        + 'Add this statement to the key policy: {"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:eu-west-1:111111111111:' + topicName + '"}},'
        + '"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Resource":"*"} [ack: decoupled:key-policy-not-editable]',
    ]);
  });
});

describe('TopicFanOut accessors\' errors, whole', () => {
  // GIVEN a fan-out with a subscriber without consumer and one bringing a queue without dead-letter queue
  let fanOut: TopicFanOut;
  beforeAll(() => {
    const stack = newStack();
    fanOut = new TopicFanOut(stack, 'Orders', { subscribers: { audit: {}, b: { queue: new sqs.Queue(stack, 'Q') } } });
  });

  test('fails if consumer() is asked of a subscriber without consumer', () => {
    expect(() => fanOut.consumer('audit')).toThrow(ValidationError);
    expect(() => fanOut.consumer('audit')).toThrow(`${ONE}\n`
      + '  ✖ Messages/Orders: subscribers.audit.consumer is not set: the subscriber has no consumer made by the fan-out. '
      + 'Give subscribers.audit a consumer ({ functionProps: ... }), or consume fanOut.queue(\'audit\') yourself. [decoupled:topic-fan-out/no-consumer]');
  });

  test('fails if a subscriber that does not exist is asked for, listing those that do', () => {
    expect(() => fanOut.queue('nobody')).toThrow(new Error('Messages/Orders: no subscriber named \'nobody\'. Subscribers: audit, b.'));
  });

  test('fails if the dead-letter queue of a brought queue without one is asked for', () => {
    expect(() => fanOut.deadLetterQueue('b')).toThrow(new Error('Messages/Orders: subscribers.b.queue was brought without a dead-letter queue. Configure deadLetterQueue on the queue you bring.'));
  });

  test('the key it makes says what it encrypts', () => {
    expect(Stack.of(fanOut).resolve((fanOut.encryptionKey.node.defaultChild as kms.CfnKey).description)).toBe('Encrypts the topic and queues of Messages/Orders');
  });
});

describe('TopicFanOut with a brought topic: the ARN its key policy names', () => {
  /** The aws:SourceArn of the key statement that lets SNS use the fan-out's key. */
  function snsSourceArn(topic: (stack: Stack) => sns.ITopic): { named: unknown[]; reference: unknown } {
    const stack = newStack();
    const brought = topic(stack);
    new TopicFanOut(stack, 'Orders', { topic: brought, subscribers: { a: {} } });
    const [key] = Object.values(Template.fromStack(stack).findResources('AWS::KMS::Key'));
    const statements = key.Properties.KeyPolicy.Statement as { Principal: { Service?: string }; Condition?: { ArnEquals?: Record<string, unknown> } }[];
    const named = statements.filter((s) => s.Principal.Service === 'sns.amazonaws.com').map((s) => s.Condition?.ArnEquals?.['aws:SourceArn']);
    return { named, reference: stack.resolve(brought.topicArn) };
  }

  test('an imported topic is named by its ARN as given', () => {
    expect(snsSourceArn((s) => sns.Topic.fromTopicArn(s, 'T', 'arn:aws:sns:eu-west-1:111111111111:orders')).named).toEqual(['arn:aws:sns:eu-west-1:111111111111:orders']);
  });

  test('a topic made without a name is named by a reference to it (its name is not known at synth)', () => {
    const { named, reference } = snsSourceArn((s) => new sns.Topic(s, 'T'));
    expect(reference).toEqual({ Ref: expect.any(String) });
    expect(named).toEqual([reference]);
  });

  test('a topic whose name is a parameter is named by a reference to it too', () => {
    const { named, reference } = snsSourceArn((s) => new sns.Topic(s, 'T', { topicName: new CfnParameter(s, 'Name').valueAsString }));
    expect(reference).toEqual({ Ref: expect.any(String) });
    expect(named).toEqual([reference]);
  });

  test('a topic with a literal name is named by the ARN built from the name', () => {
    expect(snsSourceArn((s) => new sns.Topic(s, 'T', { topicName: 'orders' })).named).toEqual(['arn:aws:sns:eu-west-1:111111111111:orders']);
  });
});
