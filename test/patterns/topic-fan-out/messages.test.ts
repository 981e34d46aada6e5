import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PATTERNS, QueueConsumer, TopicFanOut, TopicFanOutProps, ValidationError } from '../../../lib';
import { queueProvenance, topicProvenance } from '../../../lib/core';
import { patternOf } from '../../../lib/patterns/descriptions';

function newStack(): Stack {
  return new Stack(new App(), 'Messages', { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** The problems a fan-out with these props refuses, each as rendered in the error. */
function problemsOf(props: TopicFanOutProps | ((stack: Stack) => TopicFanOutProps)): string[] {
  const stack = newStack();
  try {
    new TopicFanOut(stack, 'Orders', typeof props === 'function' ? props(stack) : props);
  } catch (error) {
    if (error instanceof ValidationError) return error.message.split('\n').slice(1).map((line) => line.replace(/^ {2}✖ /, ''));
    throw error;
  }
  throw new Error('expected a ValidationError');
}

/** The warnings a fan-out built by `build` shows. */
function warningsOf(build: (stack: Stack) => void): string[] {
  const stack = newStack();
  build(stack);
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
}

describe('TopicFanOut messages, whole', () => {
  test('warns, in full, when a brought queue has no dead-letter queue the pattern can see', () => {
    const warnings = warningsOf((stack) => new TopicFanOut(stack, 'Orders', { subscribers: { billing: { queue: new sqs.Queue(stack, 'Q') } } }));
    expect(warnings).toEqual([
      'subscribers.billing.queue Messages/Q has no dead-letter queue that the pattern can see, so a message its consumer keeps failing is retried '
        + 'until it expires. Give the queue a deadLetterQueue, or let the pattern make the queue. [ack: decoupled:queue-without-dlq]',
    ]);
  });

  test('warns, in full, when a subscriber\'s maxReceiveCount is 4, one below 5; not at 5', () => {
    const at4 = warningsOf((stack) => new TopicFanOut(stack, 'Orders', { subscribers: { billing: { maxReceiveCount: 4 } } }));
    expect(at4).toEqual([expect.stringMatching(/^subscribers\.billing\.maxReceiveCount 4 is below 5: a throttled Lambda consumer's receives count too, so healthy messages can reach the dead-letter queue\. Raise it to 5 or more, or acknowledge the warning if poison messages must fail fast\. \[ack: decoupled:/)]);
    expect(warningsOf((stack) => new TopicFanOut(stack, 'Orders', { subscribers: { billing: { maxReceiveCount: 5 } } }))).toEqual([]);
  });

  test('fails if two subscribers\' queues are given one name, naming the first prop that has it', () => {
    expect(problemsOf({ subscribers: { a: { queueProps: { queueName: 'same' } }, b: { queueProps: { queueName: 'same' } } } })).toEqual([
      'Messages/Orders: subscribers.b.queueProps.queueName \'same\' is also subscribers.a.queueProps.queueName: SQS queue names are unique in an account '
        + 'and Region, so the second queue cannot be made. Give subscribers.b.queueProps.queueName another name. [decoupled:invalid-queue-name]',
    ]);
  });

  test('fails if a prefixed queue name would collide with a name given in deadLetterQueueProps', () => {
    const problems = problemsOf({ queueNamePrefix: 'shop', subscribers: { a: {}, b: { deadLetterQueueProps: { queueName: 'shop-a' } } } });
    expect(problems).toEqual([expect.stringContaining('subscribers.b.deadLetterQueueProps.queueName \'shop-a\' is also subscribers.a.queueProps.queueName')]);
  });

  test('a FIFO subscriber of a FIFO fan-out is named with .fifo; a standard one (fifo: false) is not', () => {
    const stack = newStack();
    new TopicFanOut(stack, 'Orders', { fifo: true, queueNamePrefix: 'shop', subscribers: { a: {}, b: { fifo: false } } });
    const names = Object.values(Template.fromStack(stack).findResources('AWS::SQS::Queue')).map((q) => q.Properties.QueueName).sort();
    expect(names).toEqual([
      'shop-a-dlq.fifo', 'shop-a-subscription-dlq.fifo', 'shop-a.fifo',
      'shop-b', 'shop-b-dlq', 'shop-b-subscription-dlq.fifo',
    ]);
  });

  test('fails if a standard subscriber of a FIFO fan-out and a FIFO one would share a name', () => {
    // 'x' with fifo false makes shop-x; a FIFO subscriber given that name explicitly collides with it
    const problems = problemsOf({ fifo: true, queueNamePrefix: 'shop', subscribers: { x: { fifo: false }, y: { queueProps: { queueName: 'shop-x' }, fifo: false } } });
    expect(problems).toEqual([expect.stringContaining('subscribers.y.queueProps.queueName \'shop-x\' is also subscribers.x.queueProps.queueName')]);
  });

  test('fails if a brought standard queue has a FIFO dead-letter queue, naming both types', () => {
    const problems = problemsOf((stack) => ({
      subscribers: {
        billing: { queue: new sqs.Queue(stack, 'Q', { deadLetterQueue: { queue: new sqs.Queue(stack, 'D', { fifo: true, retentionPeriod: Duration.days(14) }), maxReceiveCount: 5 } }) },
      },
    }));
    expect(problems).toEqual([
      'Messages/Orders: subscribers.billing.queue.deadLetterQueue a FIFO queue does not match its source queue (standard); SQS requires the dead-letter '
        + 'queue to be of the same type. Use a standard dead-letter queue. [decoupled:fifo-mismatch]',
    ]);
  });

  test('fails if a brought topic is encrypted with encryptionKey and has no name, in full', () => {
    const problems = problemsOf((stack) => {
      const encryptionKey = new kms.Key(stack, 'K');
      return { encryptionKey, topic: new sns.Topic(stack, 'T', { masterKey: encryptionKey }), subscribers: { a: {} } };
    });
    expect(problems).toEqual([
      'Messages/Orders: topic Messages/T is encrypted with encryptionKey and has no topicName, so the key policy would refer to the topic while the topic '
        + 'refers to the key: a circular dependency CloudFormation cannot deploy. Give the topic a topicName, or encrypt it with another key than encryptionKey. '
        + '[decoupled:key-topic-cycle]',
    ]);
  });

  test('accepts a brought unnamed topic encrypted with another key than encryptionKey', () => {
    const stack = newStack();
    const encryptionKey = new kms.Key(stack, 'K');
    const topic = new sns.Topic(stack, 'T', { masterKey: new kms.Key(stack, 'Other') });
    expect(() => new TopicFanOut(stack, 'Orders', { encryptionKey, topic, subscribers: { a: {} } })).not.toThrow();
  });

  test('a brought named topic is named in the queue policy by an ARN built from its name', () => {
    const stack = newStack();
    const encryptionKey = new kms.Key(stack, 'K');
    const topic = new sns.Topic(stack, 'T', { masterKey: encryptionKey, topicName: 'orders' });
    new TopicFanOut(stack, 'Orders', { encryptionKey, topic, subscribers: { a: {} } });
    const [key] = Object.values(Template.fromStack(stack).findResources('AWS::KMS::Key', { Properties: { KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'sns.amazonaws.com' } })]) } } }));
    const forSns = (key.Properties.KeyPolicy.Statement as { Principal: { Service?: string }; Condition: unknown }[]).filter((s) => s.Principal.Service === 'sns.amazonaws.com');
    expect(forSns.map((s) => s.Condition)).toContainEqual({ ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:111111111111:orders' } });
  });
});

describe('TopicFanOut provenance of a topic', () => {
  test('a subscription waits for the queue policy the pattern writes', () => {
    const stack = newStack();
    new TopicFanOut(stack, 'Orders', { subscribers: { billing: {} } });
    const template = Template.fromStack(stack);
    const [policyId] = Object.keys(template.findResources('AWS::SQS::QueuePolicy', { Properties: { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowFanOutTopicToSend' })]) } } }));
    const [subscription] = Object.values(template.findResources('AWS::SNS::Subscription'));
    expect(subscription.DependsOn).toContain(policyId);
  });

  test('the failed-deliveries metric sums over 1 minute unless told otherwise', () => {
    const stack = newStack();
    const fanOut = new TopicFanOut(stack, 'Orders', { subscribers: { billing: {} } });
    expect(fanOut.metricFailedDeliveries()).toMatchObject({ metricName: 'NumberOfNotificationsFailed', period: Duration.minutes(1), statistic: 'Sum' });
    expect(fanOut.metricFailedDeliveries({ period: Duration.minutes(5) }).period.toSeconds()).toBe(300);
    expect(fanOut.metricFailedDeliveries({ statistic: 'Maximum' })).toMatchObject({ period: Duration.minutes(1), statistic: 'Maximum' });
  });
});

describe('the pattern registry', () => {
  test('patternOf finds the pattern of each pattern construct, and none for another construct', () => {
    const stack = newStack();
    const fanOut = new TopicFanOut(stack, 'Orders', { subscribers: { billing: {} } });
    const consumer = new QueueConsumer(stack, 'Consumer', {
      queue: fanOut.queue('billing'),
      functionProps: { handler: 'index.handler', code: lambda.Code.fromInline('x') },
    });
    expect(patternOf(fanOut)).toBe(PATTERNS[0]);
    expect(patternOf(consumer)).toBe(PATTERNS[1]);
    expect(patternOf(new Construct(stack, 'Plain'))).toBeUndefined();
  });
});

describe('TopicFanOut subscriber rules at their edges', () => {
  test('a subscriber that leaves maxReceiveCount to the pattern (5) is not warned about', () => {
    expect(warningsOf((stack) => new TopicFanOut(stack, 'Orders', { subscribers: { billing: {} } }))).toEqual([]);
  });

  test('a maxReceiveCount known only at deploy is not warned about', () => {
    expect(warningsOf((stack) => new TopicFanOut(stack, 'Orders', {
      subscribers: { billing: { maxReceiveCount: new CfnParameter(stack, 'Receives', { type: 'Number' }).valueAsNumber } },
    }))).toEqual([]);
  });

  test('warns, in full, when a FIFO fan-out subscribes a standard queue it makes (fifo: false)', () => {
    const warnings = warningsOf((stack) => new TopicFanOut(stack, 'Orders', { fifo: true, subscribers: { audit: { fifo: false } } }));
    expect(warnings).toEqual([
      'subscribers.audit.fifo false subscribes a standard queue to the FIFO topic: this subscriber gets messages in best-effort order, not in order per message '
        + 'group; at least once, so a message can arrive twice (a standard queue does not deduplicate what SNS deduplicated); and without their message group id '
        + '(SNS developer guide, message delivery for FIFO topics). Acknowledge this warning if subscriber \'audit\' needs neither order nor deduplication; '
        + 'otherwise leave subscribers.audit.fifo out. [ack: decoupled:topic-fan-out/standard-queue-on-fifo-topic]',
    ]);
  });

  test('warns, naming the brought queue, when a FIFO fan-out subscribes a standard queue brought to it', () => {
    const warnings = warningsOf((stack) => new TopicFanOut(stack, 'Orders', {
      fifo: true,
      subscribers: { audit: { queue: new sqs.Queue(stack, 'Q', { deadLetterQueue: { queue: new sqs.Queue(stack, 'D', { retentionPeriod: Duration.days(14) }), maxReceiveCount: 5 } }) } },
    }));
    expect(warnings).toEqual([expect.stringMatching(/^subscribers\.audit\.queue is a standard queue subscribes a standard queue to the FIFO topic: .* otherwise bring a FIFO queue\. \[ack: /)]);
  });

  test('fails if a FIFO subscriber\'s prefixed name (with .fifo) is given to another queue', () => {
    expect(problemsOf({ fifo: true, queueNamePrefix: 'shop', subscribers: { a: {}, b: { queueProps: { queueName: 'shop-a.fifo' } } } })).toEqual([
      expect.stringContaining('subscribers.b.queueProps.queueName \'shop-a.fifo\' is also subscribers.a.queueProps.queueName'),
    ]);
  });

  test('fails if a brought FIFO queue has a standard dead-letter queue, naming both types', () => {
    const problems = problemsOf((stack) => ({
      fifo: true,
      subscribers: { billing: { queue: new sqs.Queue(stack, 'Q', { fifo: true, deadLetterQueue: { queue: new sqs.Queue(stack, 'D'), maxReceiveCount: 5 } }) } },
    }));
    expect(problems).toEqual([
      'Messages/Orders: subscribers.billing.queue.deadLetterQueue a standard queue does not match its source queue (FIFO); SQS requires the dead-letter '
        + 'queue to be of the same type. Use a FIFO dead-letter queue. [decoupled:fifo-mismatch]',
    ]);
  });

  test('skips the retention rule when either retention is known only at deploy', () => {
    const stack = newStack();
    const seconds = new CfnParameter(stack, 'Seconds', { type: 'Number' }).valueAsNumber;
    expect(() => new TopicFanOut(stack, 'Orders', { subscribers: {
      source: { queueProps: { retentionPeriod: Duration.seconds(seconds) } },
      dlq: { deadLetterQueueProps: { retentionPeriod: Duration.seconds(seconds) } },
    } })).not.toThrow();
  });

  test('a CDK FilterOrPolicy.filter value becomes the conditions it stands for', () => {
    const stack = newStack();
    new TopicFanOut(stack, 'Orders', { subscribers: { billing: { filter: {
      eventType: sns.FilterOrPolicy.filter(sns.SubscriptionFilter.stringFilter({ allowlist: ['placed'] })),
    } } } });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', { FilterPolicy: { eventType: ['placed'] }, FilterPolicyScope: 'MessageAttributes' });
  });
});

describe('TopicFanOut alarms and records, built in each test', () => {
  test('each subscriber alarm says what it means, and the age alarm waits 3 periods', () => {
    const stack = newStack();
    const fanOut = new TopicFanOut(stack, 'Orders', { subscribers: { billing: { maxMessageAge: Duration.hours(1) } } });
    const descriptions = fanOut.alarms('billing').map((a) => stack.resolve((a.node.defaultChild as cloudwatch.CfnAlarm).alarmDescription));
    expect(descriptions).toEqual([
      'Messages for subscriber \'billing\' wait longer than 1 hour: its consumer is slow or stopped.',
      'SNS could not deliver messages to subscriber \'billing\': check the queue policy and key policy.',
      'Subscriber \'billing\' failed to process messages maxReceiveCount times; they are in its dead-letter queue.',
    ]);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 3600, EvaluationPeriods: 3 });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'NumberOfNotificationsFailed', Threshold: 1, Period: 60, Statistic: 'Sum',
      AlarmDescription: 'SNS failed to deliver a message from Messages/Orders. Look in the subscription dead-letter queues.',
    });
  });

  test('with alarms off a subscriber has no alarms and the fan-out no alarm topic; one alarm off leaves the others', () => {
    const stack = newStack();
    const none = new TopicFanOut(stack, 'None', { alarms: false, subscribers: { billing: {} } });
    expect(none.alarms('billing')).toEqual([]);
    expect(none.alarmTopic).toBeUndefined();
    const some = new TopicFanOut(stack, 'Some', { alarms: { oldestMessageAge: false }, subscribers: { billing: {} } });
    expect(some.alarms('billing')).toHaveLength(2);
    expect(some.alarms('billing').map((a) => a.node.id)).toEqual(['SubscriptionDeadLetterAlarm', 'DeadLetterAlarm']);
  });

  test('the subscriber queue records the key as the fan-out\'s, checked by it, and the DLQ\'s settings under deadLetterQueueProps', () => {
    const stack = newStack();
    const fanOut = new TopicFanOut(stack, 'Orders', { subscribers: { billing: { deadLetterQueueProps: { retentionPeriod: Duration.days(14) } } } });
    const settings = queueProvenance(fanOut.queue('billing'))!.settings;
    expect(settings.encryptionKey).toEqual({ scope: fanOut, prop: 'encryptionKey', givenByUser: false, checkedByOwner: true });
    expect(settings.deadLetterRetentionPeriod).toMatchObject({ scope: fanOut, prop: 'subscribers.billing.deadLetterQueueProps.retentionPeriod', givenByUser: true });
    expect(queueProvenance(fanOut.deadLetterQueue('billing'))!.settings.retentionPeriod)
      .toMatchObject({ scope: fanOut, prop: 'subscribers.billing.deadLetterQueueProps.retentionPeriod', givenByUser: true });
  });

  test('a topic the fan-out makes is recorded, a brought one is not', () => {
    const stack = newStack();
    const made = new TopicFanOut(stack, 'Made', { subscribers: { billing: {} } });
    const topic = new sns.Topic(stack, 'Mine');
    new TopicFanOut(stack, 'Brought', { topic, subscribers: { billing: {} } });
    expect(topicProvenance(made.topic)?.owner).toBe(made);
    expect(topicProvenance(topic)).toBeUndefined();
  });
});
