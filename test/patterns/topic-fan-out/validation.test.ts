import { App, CfnElement, CfnParameter, Duration, Errors, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SubscriberProps, TopicFanOut, TopicFanOutProps, ValidationError } from '../../../lib';

function newStack(): Stack {
  return new Stack(new App(), 'Validation');
}

/** Builds a fan-out in a fresh stack and returns the error it throws, if any. */
function attempt(props: TopicFanOutProps | ((stack: Stack) => TopicFanOutProps)): ValidationError {
  const stack = newStack();
  try {
    new TopicFanOut(stack, 'Orders', typeof props === 'function' ? props(stack) : props);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

function one(sub: SubscriberProps, extra: Partial<TopicFanOutProps> = {}): TopicFanOutProps {
  return { subscribers: { billing: sub }, ...extra };
}

describe('TopicFanOut validation', () => {
  test('the error is a CDK ValidationError naming the construct path', () => {
    const error = attempt(one({ maxReceiveCount: 0 }));
    expect(Errors.isValidationError(error)).toBe(true);
    expect(error.message).toMatch(/^Validation\/Orders has an invalid setting:/);
    expect(error.problems[0]).toMatchObject({ path: 'Validation/Orders', prop: 'subscribers.billing.maxReceiveCount', value: '0' });
  });

  test('every problem is reported at once', () => {
    const error = attempt({
      subscribers: {
        'bad name': {},
        billing: { maxReceiveCount: 2000, queueProps: { visibilityTimeout: Duration.hours(13) } },
      },
      contentBasedDeduplication: true,
    });
    expect(error.problems.map((p) => p.code)).toEqual([
      'decoupled:dedup-requires-fifo',
      'decoupled:invalid-queue-name',
      'decoupled:max-receive-count-range',
      'decoupled:queue-setting-range',
    ]);
    expect(error.message).toMatch(/has 4 invalid settings/);
  });

  test('fails if a brought topic is standard while fifo is true', () => {
    const error = attempt((stack) => ({ fifo: true, topic: new sns.Topic(stack, 'T'), subscribers: { a: {} } }));
    expect(error.message).toMatch(/topic a standard topic does not match fifo: true.*Set fifo: false or bring a FIFO topic/);
  });

  test('fails if contentBasedDeduplication is set on a standard fan-out', () => {
    expect(attempt(one({}, { contentBasedDeduplication: true })).message)
      .toMatch(/contentBasedDeduplication true applies to FIFO topics only. Remove contentBasedDeduplication or set fifo: true/);
  });

  test('fails if there is no subscriber', () => {
    expect(attempt({ subscribers: {} }).message).toMatch(/subscribers \{\} names no subscriber.*Add a subscriber/);
  });

  test.each([
    ['a subscriber name has characters a queue name cannot have', { subscribers: { 'billing team': {} } }, /subscribers.billing team 'billing team' is not a valid queue name part.*Rename the subscriber/],
    ['queueNamePrefix has characters a queue name cannot have', { queueNamePrefix: 'orders!', subscribers: { a: {} } }, /queueNamePrefix 'orders!' has characters SQS does not allow/],
    ['a prefixed queue name would exceed 80 characters', { queueNamePrefix: 'x'.repeat(60), subscribers: { billing: {} } }, /makes the queue name '.*-billing-subscription-dlq' 85 characters long; SQS allows 1–80 characters.*Shorten/],
  ])('fails if %s', (_rule, props, message) => {
    expect(attempt(props as TopicFanOutProps).message).toMatch(message);
  });

  test.each([0, 1001])('fails if maxReceiveCount is %d (allowed 1–1,000)', (maxReceiveCount) => {
    expect(attempt(one({ maxReceiveCount })).message)
      .toMatch(new RegExp(`subscribers.billing.maxReceiveCount ${maxReceiveCount} is outside maxReceiveCount's allowed range 1–1,000 \\(.*Set subscribers.billing.maxReceiveCount to a value in 1–1,000\\.`));
  });

  test('fails if filterScope is given without a filter', () => {
    expect(attempt(one({ filterScope: 'MessageBody' })).message).toMatch(/subscribers.billing.filterScope 'MessageBody' has no filter to apply to. Add subscribers.billing.filter or remove filterScope/);
  });

  test('fails if the filter policy is one SNS would reject, naming the subscriber and the reason', () => {
    const filter = { a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] };
    const error = attempt(one({ filter }));
    expect(error.problems[0]).toMatchObject({ code: 'decoupled:invalid-filter-policy', prop: 'subscribers.billing.filter' });
    expect(error.message).toMatch(/would be rejected by SNS \(MessageAttributes scope\): .*5/);
  });

  test('accepts the CDK\'s own SubscriptionFilter form and validates what it stands for', () => {
    const stack = newStack();
    const fanOut = new TopicFanOut(stack, 'Orders', one({ filter: { eventType: sns.SubscriptionFilter.stringFilter({ allowlist: ['a', 'b'] }) } }));
    const cfn = fanOut.subscription('billing').node.defaultChild as sns.CfnSubscription;
    expect(cfn.filterPolicy).toEqual({ eventType: ['a', 'b'] });
  });

  test.each([
    ['visibilityTimeout', { visibilityTimeout: Duration.seconds(43_201) }, /queueProps.visibilityTimeout 43201s is outside VisibilityTimeout's allowed range 0–43,200 seconds/],
    ['retentionPeriod', { retentionPeriod: Duration.seconds(59) }, /queueProps.retentionPeriod 59s is outside MessageRetentionPeriod's allowed range 60–1,209,600 seconds/],
    ['deliveryDelay', { deliveryDelay: Duration.seconds(901) }, /queueProps.deliveryDelay 901s is outside DelaySeconds's allowed range 0–900 seconds/],
    ['receiveMessageWaitTime', { receiveMessageWaitTime: Duration.seconds(21) }, /queueProps.receiveMessageWaitTime 21s is outside ReceiveMessageWaitTimeSeconds's allowed range 0–20 seconds/],
    ['maxMessageSizeBytes', { maxMessageSizeBytes: 1_048_577 }, /queueProps.maxMessageSizeBytes 1048577 is outside MaximumMessageSize's allowed range 1,024–1,048,576 bytes/],
    ['dataKeyReuse', { dataKeyReuse: Duration.seconds(30) }, /queueProps.dataKeyReuse 30s is outside KmsDataKeyReusePeriodSeconds's allowed range 60–86,400 seconds/],
  ])('fails if queueProps.%s is out of range', (_prop, queueProps, message) => {
    expect(attempt(one({ queueProps: queueProps as sqs.QueueProps })).message).toMatch(message);
  });

  test('accepts a 1 MiB maximum message size (the 2025 limit)', () => {
    expect(() => new TopicFanOut(newStack(), 'Orders', one({ queueProps: { maxMessageSizeBytes: 1_048_576 } }))).not.toThrow();
  });

  test('skips values that are tokens: they are known only at deploy', () => {
    const maxReceiveCount = Token.asNumber({ Ref: 'MaxReceives' });
    expect(() => new TopicFanOut(newStack(), 'Orders', one({ maxReceiveCount }))).not.toThrow();
  });

  test('fails if queueProps.fifo contradicts the fan-out', () => {
    expect(attempt(one({ queueProps: { fifo: true } as never })).message).toMatch(/subscribers.billing.queueProps.fifo true does not match the queue the pattern makes \(standard\).*\[decoupled:fifo-mismatch\]/);
  });

  test('fails if queueProps asks for the AWS managed key, which SNS cannot use', () => {
    expect(attempt(one({ queueProps: { encryption: sqs.QueueEncryption.KMS_MANAGED } as never })).message)
      .toMatch(/queueProps.encryption KMS_MANAGED \(alias\/aws\/sqs\) cannot be used by the services .* the AWS managed key's policy admits no service principal.*Remove subscribers.billing.queueProps.encryption/);
  });

  test('fails if a brought queue is FIFO while the fan-out is standard', () => {
    const error = attempt((stack) => one({ queue: new sqs.Queue(stack, 'Q', { fifo: true }) }));
    expect(error.message).toMatch(/subscribers.billing.queue a FIFO queue does not match fifo: false; a standard topic cannot deliver to a FIFO queue/);
  });

  test('fails if a brought queue is encrypted with alias/aws/sqs', () => {
    const error = attempt((stack) => one({ queue: new sqs.Queue(stack, 'Q', { encryption: sqs.QueueEncryption.KMS_MANAGED }) }));
    expect(error.message).toMatch(/subscribers.billing.queue encrypted with alias\/aws\/sqs cannot receive from SNS.*customer-managed key/);
  });

  test('fails if the DLQ the pattern makes keeps messages no longer than the source queue', () => {
    const error = attempt(one({ queueProps: { retentionPeriod: Duration.days(14) } }));
    expect(error.problems[0]).toMatchObject({ code: 'decoupled:dlq-retention-too-short', prop: 'subscribers.billing.queueProps.retentionPeriod', value: '1209600s' });
    expect(error.message).toMatch(/subscribers.billing.queueProps.retentionPeriod 1209600s is not shorter than the dead-letter queue's retention \(subscribers.billing.deadLetterQueueProps.retentionPeriod, 1209600s by default\).*Lower subscribers.billing.queueProps.retentionPeriod below 1209600s/);
  });

  test('names the dead-letter queue\'s retention when it is the one given too short', () => {
    const error = attempt(one({ deadLetterQueueProps: { retentionPeriod: Duration.days(4) } }));
    expect(error.problems[0]).toMatchObject({ code: 'decoupled:dlq-retention-too-short', prop: 'subscribers.billing.deadLetterQueueProps.retentionPeriod', value: '345600s' });
    expect(error.message).toMatch(/is not longer than subscribers.billing.queueProps.retentionPeriod \(345600s\)/);
  });

  test('fails if a brought queue\'s own DLQ keeps messages no longer than the queue', () => {
    const error = attempt((stack) => one({
      queue: new sqs.Queue(stack, 'Q', {
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: new sqs.Queue(stack, 'D', { retentionPeriod: Duration.days(2) }), maxReceiveCount: 5 },
      }),
    }));
    expect(error.message).toMatch(/subscribers.billing.queue's dead-letter queue retentionPeriod 172800s is not longer than subscribers.billing.queue retentionPeriod \(345600s\)/);
  });

  test('does not apply the retention rule to FIFO queues, whose DLQ resets the enqueue time', () => {
    expect(() => new TopicFanOut(newStack(), 'Orders', one({ queueProps: { retentionPeriod: Duration.days(14) } }, { fifo: true }))).not.toThrow();
  });
});

describe('TopicFanOut warnings for what it cannot change', () => {
  test('warns with the statement to add when a brought queue is imported and its policy cannot be edited', () => {
    const stack = newStack();
    new TopicFanOut(stack, 'Orders', one({ queue: sqs.Queue.fromQueueArn(stack, 'Q', 'arn:aws:sqs:us-east-1:111111111111:billing') }));
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('decoupled:queue-policy-not-editable'));
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0].entry.data)).toMatch(/Add this statement to the queue's policy: .*sqs:SendMessage.*aws:SourceArn/);
  });

  test('warns with the statement to add when a brought queue uses an imported key', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:us-east-1:111111111111:key/abcd');
    new TopicFanOut(stack, 'Orders', one({ queue: new sqs.Queue(stack, 'Q', {
      encryptionMasterKey: key,
      deadLetterQueue: { queue: new sqs.Queue(stack, 'D', { retentionPeriod: Duration.days(14) }), maxReceiveCount: 5 },
    }) }));
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('decoupled:key-policy-not-editable'));
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0].entry.data)).toMatch(/Add this statement to the key policy: .*kms:GenerateDataKey.*sns.amazonaws.com/);
  });

  test('warns when a brought queue has no dead-letter queue, and deadLetterQueue() says so', () => {
    const stack = newStack();
    const fanOut = new TopicFanOut(stack, 'Orders', one({ queue: new sqs.Queue(stack, 'Q') }));
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('decoupled:queue-without-dlq'))).toHaveLength(1);
    expect(() => fanOut.deadLetterQueue('billing')).toThrow(/was brought without a dead-letter queue/);
  });
});

describe('TopicFanOut validation of what is brought or owned by the pattern', () => {
  test('skips a filter policy holding a value known only at deploy (a parameter)', () => {
    const stack = newStack();
    const limit = new CfnParameter(stack, 'Limit', { type: 'Number' }).valueAsNumber;
    expect(() => new TopicFanOut(stack, 'Orders', one({ filter: { price: [{ numeric: ['>', limit] }] } }))).not.toThrow();
  });

  test('fails if a brought topic is encrypted with encryptionKey and has no name (key and topic would depend on each other)', () => {
    const error = attempt((stack) => {
      const key = new kms.Key(stack, 'K');
      return { encryptionKey: key, topic: new sns.Topic(stack, 'T', { masterKey: key }), subscribers: { a: {} } };
    });
    expect(error.problems[0]).toMatchObject({ code: 'decoupled:key-topic-cycle', prop: 'topic' });
    expect(error.message).toMatch(/circular dependency CloudFormation cannot deploy. Give the topic a topicName/);
  });

  test('a brought topic with a name is named in the key policy by an ARN built from the name, not a reference', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'K');
    const topic = new sns.Topic(stack, 'T', { masterKey: key, topicName: 'orders' });
    new TopicFanOut(stack, 'Orders', { encryptionKey: key, topic, subscribers: { a: {} } });
    const keyPolicy = JSON.stringify(Object.values(Template.fromStack(stack).findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy);
    expect(keyPolicy).toContain(':orders"');
    expect(keyPolicy).not.toContain(stack.getLogicalId(topic.node.defaultChild as CfnElement));
  });

  test.each(['queueProps', 'deadLetterQueueProps', 'maxReceiveCount'] as const)('fails if %s is given with a brought queue', (option) => {
    const value = option === 'maxReceiveCount' ? 5 : { retentionPeriod: Duration.days(1) };
    const error = attempt((stack) => one({ queue: new sqs.Queue(stack, 'Q', { deadLetterQueue: { queue: new sqs.Queue(stack, 'D', { retentionPeriod: Duration.days(14) }), maxReceiveCount: 5 } }), [option]: value }));
    expect(error.problems.map((p) => p.code)).toEqual(['decoupled:option-on-brought-queue']);
    expect(error.message).toMatch(new RegExp(`subscribers.billing.${option} .* shapes a queue the pattern makes.*Set it on the queue you bring`));
  });

  test('fails if contentBasedDeduplication is given with a brought topic', () => {
    const error = attempt((stack) => ({ fifo: true, contentBasedDeduplication: true, topic: new sns.Topic(stack, 'T', { fifo: true }), subscribers: { a: {} } }));
    expect(error.problems.map((p) => p.code)).toEqual(['decoupled:option-on-brought-topic']);
  });

  test.each([
    ['deadLetterQueue', (stack: Stack) => ({ queue: new sqs.Queue(stack, 'D'), maxReceiveCount: 5 })],
    ['encryptionMasterKey', (stack: Stack) => new kms.Key(stack, 'K')],
    ['enforceSSL', () => false],
  ] as const)('fails if queueProps.%s, which the pattern owns, is given', (owned, value) => {
    const error = attempt((stack) => one({ queueProps: { [owned]: value(stack) } as never }));
    expect(error.problems[0]).toMatchObject({ code: 'decoupled:pattern-owned-setting', prop: `subscribers.billing.queueProps.${owned}` });
  });

  test('fails if queueProps.encryption asks for SQS-managed encryption instead of the pattern\'s key', () => {
    const error = attempt(one({ queueProps: { encryption: sqs.QueueEncryption.SQS_MANAGED } as never }));
    expect(error.message).toMatch(/queueProps.encryption 'SQS_MANAGED' is set by the pattern.*pass encryptionKey/);
  });

  test('fails if a brought queue uses the AWS managed key through its alias', () => {
    const error = attempt((stack) => one({ queue: new sqs.Queue(stack, 'Q', { encryptionMasterKey: kms.Alias.fromAliasName(stack, 'A', 'alias/aws/sqs') }) }));
    expect(error.problems.map((p) => p.code)).toContain('decoupled:aws-managed-key');
  });

  test.each(['Topic', 'Key', 'AlarmTopic', 'FailedDeliveriesAlarm'])('fails if a subscriber is named %s, the id of one of the fan-out\'s own resources', (name) => {
    expect(attempt({ subscribers: { [name]: {} } }).message).toMatch(new RegExp(`subscribers.${name} '${name}' is the id of one of the fan-out's own resources`));
  });

  test('fails if a brought topic is FIFO while fifo is false', () => {
    expect(attempt((stack) => ({ topic: new sns.Topic(stack, 'T', { fifo: true }), subscribers: { a: {} } })).message)
      .toMatch(/topic a FIFO topic does not match fifo: false/);
  });

  test('fails if deadLetterQueueProps is out of range', () => {
    expect(attempt(one({ deadLetterQueueProps: { retentionPeriod: Duration.days(15) } })).message)
      .toMatch(/subscribers.billing.deadLetterQueueProps.retentionPeriod 1296000s is outside MessageRetentionPeriod's allowed range/);
  });

  test('fails if a brought queue\'s DLQ takes more than 1,000 receives', () => {
    const error = attempt((stack) => one({
      queue: new sqs.Queue(stack, 'Q', { deadLetterQueue: { queue: new sqs.Queue(stack, 'D', { retentionPeriod: Duration.days(14) }), maxReceiveCount: 1001 } }),
    }));
    expect(error.message).toMatch(/subscribers.billing.queue.deadLetterQueue.maxReceiveCount 1001 is outside maxReceiveCount's allowed range 1–1,000/);
  });

  test('warns if maxReceiveCount is below 5, Lambda\'s recommended minimum', () => {
    const stack = newStack();
    new TopicFanOut(stack, 'Orders', one({ maxReceiveCount: 3 }));
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('decoupled:max-receive-count-low'));
    expect(JSON.stringify(warnings[0].entry.data)).toMatch(/subscribers.billing.maxReceiveCount 3 is below 5/);
  });

  test('warns, naming encryptionKey and each statement to add, when encryptionKey is imported', () => {
    const stack = newStack();
    new TopicFanOut(stack, 'Orders', one({}, { encryptionKey: kms.Key.fromKeyArn(stack, 'K', 'arn:aws:kms:us-east-1:111111111111:key/abcd') }));
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('decoupled:key-policy-not-editable')).map((w) => JSON.stringify(w.entry.data));
    expect(warnings).toHaveLength(2);
    expect(warnings.every((w) => w.includes('encryptionKey arn:aws:kms:us-east-1:111111111111:key/abcd is a key whose policy cannot be edited here'))).toBe(true);
    expect(warnings.some((w) => /sns.amazonaws.com/.test(w) && /every SNS delivery/.test(w))).toBe(true);
    expect(warnings.some((w) => /cloudwatch.amazonaws.com/.test(w) && /CloudWatch cannot publish to the encrypted alarm topic/.test(w))).toBe(true);
  });
});
