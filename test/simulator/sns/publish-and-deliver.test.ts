import { Simulation, TemplateError } from '../../../lib/simulator';
import { queue, snsQueuePolicy, subscription, template, topic } from '../fixtures/templates';

// Publish and delivery to SQS as a test sees them: what Publish refuses (whole messages), FIFO deduplication by
// scope, what a failed delivery becomes (subscription DLQ, or lost, with the reason), and the trace.

const TOPIC_ARN = (name: string) => `arn:aws:sns:us-east-1:123456789012:${name}`;
const QUEUE_ARN = (name: string) => `arn:aws:sqs:us-east-1:123456789012:${name}`;
const dlqOf = (id: string) => ({ RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [id, 'Arn'] } } });

describe('Publish rules', () => {
  const sim = () => Simulation.fromTemplate(template({
    Std: topic('std'),
    Fifo: topic('t.fifo', { FifoTopic: true }),
    Cbd: topic('cbd.fifo', { FifoTopic: true, ContentBasedDeduplication: true }),
  }));

  test('fails if a FIFO topic gets no group id, or no deduplication id without content-based deduplication', () => {
    const s = sim();
    expect(() => s.publish('Fifo', { message: 'm', deduplicationId: 'd' })).toThrow('InvalidParameter: Publish to Fifo rejected: a FIFO topic needs a MessageGroupId');
    expect(() => s.publish('Fifo', { message: 'm', groupId: 'g' })).toThrow('InvalidParameter: Publish to Fifo rejected: the topic has no ContentBasedDeduplication, so each message needs a MessageDeduplicationId');
    expect(s.publish('Fifo', { message: 'm', groupId: 'g', deduplicationId: 'd' })).toEqual({ messageId: expect.any(String), sequenceNumber: '00000000000000000001' });
    expect(s.publish('Cbd', { message: 'm', groupId: 'g' })).toEqual({ messageId: expect.any(String), sequenceNumber: '00000000000000000001' });
    expect(s.events({ type: 'sns.publishFailed' }).map((e) => [e.resource, e.reason, e.detail])).toEqual([
      ['Fifo', 'a FIFO topic needs a MessageGroupId', { code: 'InvalidParameter' }],
      ['Fifo', 'the topic has no ContentBasedDeduplication, so each message needs a MessageDeduplicationId', { code: 'InvalidParameter' }],
    ]);
  });

  test('fails if a standard topic gets a deduplication id; a group id alone is accepted', () => {
    const s = sim();
    expect(() => s.publish('Std', { message: 'm', deduplicationId: 'd' })).toThrow('InvalidParameter: Publish to Std rejected: MessageDeduplicationId is only for FIFO topics');
    expect(s.publish('Std', { message: 'm' })).toEqual({ messageId: expect.any(String), sequenceNumber: undefined });
  });

  test('a message of 262,144 bytes with its attributes is accepted; fails if it is one byte more', () => {
    const s = sim();
    // GIVEN attribute "k" of type String (6 bytes) with value "v": 8 bytes
    s.publish('Std', { message: 'x'.repeat(262_144 - 8), attributes: { k: 'v' } });
    expect(() => s.publish('Std', { message: 'x'.repeat(262_144 - 7), attributes: { k: 'v' } })).toThrow('InvalidParameter: Publish to Std rejected: the message is 262145 bytes; SNS accepts at most 262144');
    s.publish('Std', { message: '€'.repeat(87_381) + 'x' });
    expect(() => s.publish('Std', { message: '€'.repeat(87_382) })).toThrow('InvalidParameter: Publish to Std rejected: the message is 262146 bytes; SNS accepts at most 262144');
    expect(s.events({ type: 'sns.published' })).toHaveLength(2);
  });
});

describe('FIFO topic deduplication', () => {
  test('Topic scope: an id seen in the last 5 minutes is dropped in any group, traced as deduplicated, no sequence number used', () => {
    const s = Simulation.fromTemplate(template({ T: topic('t.fifo', { FifoTopic: true }) }));
    s.publish('T', { message: 'a', groupId: 'g1', deduplicationId: 'd' });
    const dup = s.publish('T', { message: 'b', groupId: 'g2', deduplicationId: 'd' });
    expect(dup).toEqual({ messageId: expect.any(String), sequenceNumber: undefined });
    expect(s.events({ type: 'sns.deduplicated' }).map((e) => [e.resource, e.messageId, e.reason])).toEqual([['T', dup.messageId, 'the deduplication id was published in the last 5 minutes']]);
    expect(s.publish('T', { message: 'c', groupId: 'g1', deduplicationId: 'e' }).sequenceNumber).toBe('00000000000000000002');
  });

  test('MessageGroup scope (FifoThroughputScope): the same id in another group is a new message', () => {
    const s = Simulation.fromTemplate(template({ T: topic('t.fifo', { FifoTopic: true, FifoThroughputScope: 'MessageGroup' }) }));
    s.publish('T', { message: 'a', groupId: 'g1', deduplicationId: 'd' });
    expect(s.publish('T', { message: 'b', groupId: 'g2', deduplicationId: 'd' }).sequenceNumber).toBe('00000000000000000002');
    expect(s.publish('T', { message: 'c', groupId: 'g2', deduplicationId: 'd' }).sequenceNumber).toBeUndefined();
    expect(s.topic('T').deduplicationScope).toBe('MessageGroup');
  });

  test('a FIFO queue subscribed to a FIFO topic gets the group id and the topic\'s deduplication id', () => {
    const s = Simulation.fromTemplate(template({
      T: topic('t.fifo', { FifoTopic: true, ContentBasedDeduplication: true }), Q: queue('q.fifo'), P: snsQueuePolicy('T', 'Q'), Sub: subscription('T', 'Q', { RawMessageDelivery: true }),
    }));
    s.publish('T', { message: 'hello', groupId: 'g' });
    s.publish('T', { message: 'x', groupId: 'g', deduplicationId: 'mine' });
    expect(s.receive('Q', { maxMessages: 10 }).map((m) => [m.body, m.groupId, m.systemAttributes.MessageDeduplicationId, m.systemAttributes.SenderId])).toEqual([
      ['hello', 'g', '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', 'AIDAIT2UOQQY3AUEKVGXU'],
      ['x', 'g', 'mine', 'AIDAIT2UOQQY3AUEKVGXU'],
    ]);
  });
});

describe('delivery to SQS', () => {
  test('a delivery is traced with the queue and the SQS message id', () => {
    const s = Simulation.fromTemplate(template({ T: topic('t'), Q: queue('q'), P: snsQueuePolicy('T', 'Q'), Sub: subscription('T', 'Q') }));
    const { messageId } = s.publish('T', { message: 'm' });
    const [m] = s.receive('Q');
    expect(s.events({ type: 'sns.delivered' }).map((e) => [e.resource, e.messageId, e.detail])).toEqual([['Sub', messageId, { queue: 'Q', sqsMessageId: m.messageId }]]);
    expect(s.events({ type: 'sqs.sent' }).map((e) => e.detail)).toEqual([{ snsMessageId: messageId }]);
  });

  test('a delivery the queue refuses goes to the subscription DLQ, with SQS\'s reason', () => {
    // GIVEN a subscribed queue of 1,024 bytes at most, and a subscription DLQ that takes bigger messages
    const s = Simulation.fromTemplate(template({
      T: topic('t'), Q: queue('q', { MaximumMessageSize: 1024 }), Dlq: queue('dlq'), P: snsQueuePolicy('T', 'Q', 'Dlq'), Sub: subscription('T', 'Q', dlqOf('Dlq')),
    }));
    // WHEN a message whose envelope is over 1,024 bytes is published
    const { messageId } = s.publish('T', { message: 'x'.repeat(600) });
    // THEN the DLQ has the envelope, and the trace says why with its exact size
    const [dead] = s.receive('Dlq');
    const size = Buffer.byteLength(dead.body);
    expect(JSON.parse(dead.body)).toMatchObject({ Type: 'Notification', MessageId: messageId, Message: 'x'.repeat(600) });
    const failure = `SQS rejected the message: the message is ${size} bytes; the queue's MaximumMessageSize is 1024 bytes`;
    expect(s.events({ resource: 'Sub' }).map((e) => [e.type, e.messageId, e.reason, e.detail])).toEqual([
      ['sns.deliveryFailed', messageId, failure, { queue: 'Q' }],
      ['sns.deadLettered', messageId, failure, { queue: 'Dlq', sqsMessageId: dead.messageId }],
    ]);
    expect(s.queue('Q').counts.visible).toBe(0);
  });

  test('a small envelope fits a small queue: the size is counted, not only bounded', () => {
    const s = Simulation.fromTemplate(template({ T: topic('t'), Q: queue('q', { MaximumMessageSize: 1024 }), P: snsQueuePolicy('T', 'Q'), Sub: subscription('T', 'Q') }));
    s.publish('T', { message: 'small' });
    const [m] = s.receive('Q');
    expect(Buffer.byteLength(m.body)).toBeLessThanOrEqual(1024);
    expect(JSON.parse(m.body).Message).toBe('small');
  });

  test('fails if JSON escaping makes the envelope larger than the queue allows, though the message fits SNS', () => {
    // GIVEN a queue with the default 1 MiB maximum, and 200,000 control characters (each escaped as 6 in JSON)
    const s = Simulation.fromTemplate(template({ T: topic('t'), Q: queue('q'), P: snsQueuePolicy('T', 'Q'), Sub: subscription('T', 'Q') }));
    const message = '\u0001'.repeat(200_000);
    // WHEN it is published
    s.publish('T', { message });
    // THEN SQS refuses the 1.2 MB envelope with its exact size
    const [failed] = s.events({ type: 'sns.deliveryFailed' });
    const size = Number(/the message is (\d+) bytes/.exec(failed.reason!)![1]);
    expect(size).toBeGreaterThan(1_200_000);
    expect(failed.reason).toBe(`SQS rejected the message: the message is ${size} bytes; the queue's MaximumMessageSize is 1048576 bytes`);
    expect(s.queue('Q').counts.visible).toBe(0);
    // THEN 100,000 of them (a 600 kB envelope) are delivered
    s.publish('T', { message: '\u0001'.repeat(100_000) });
    expect(s.queue('Q').counts.visible).toBe(1);
  });

  test('fails if the subscription DLQ refuses the message too: lost, with both reasons', () => {
    const s = Simulation.fromTemplate(template({
      T: topic('t'), Q: queue('q', { MaximumMessageSize: 1024 }), Dlq: queue('dlq', { MaximumMessageSize: 1024 }), P: snsQueuePolicy('T', 'Q', 'Dlq'), Sub: subscription('T', 'Q', { RawMessageDelivery: 'true', ...dlqOf('Dlq') }),
    }));
    const { messageId } = s.publish('T', { message: 'x'.repeat(1025) });
    const reason = "the message is 1025 bytes; the queue's MaximumMessageSize is 1024 bytes";
    expect(s.events({ type: 'sns.lost' }).map((e) => [e.resource, e.messageId, e.reason])).toEqual([
      ['Sub', messageId, `SQS rejected the message: ${reason}; the subscription DLQ rejected it: ${reason}`],
    ]);
  });

  test('fails if SNS may not write to the subscription DLQ: an error finding, and a failed delivery is lost with both reasons', () => {
    const s = Simulation.fromTemplate(template({
      T: topic('t'), Q: queue('q', { MaximumMessageSize: 1024 }), Dlq: queue('dlq'), P: snsQueuePolicy('T', 'Q'), Sub: subscription('T', 'Q', { RawMessageDelivery: 'true', ...dlqOf('Dlq') }),
    }));
    expect(s.findings().filter((f) => f.code === 'decoupled-sim:subscription-dlq-undeliverable')).toEqual([{
      code: 'decoupled-sim:subscription-dlq-undeliverable', severity: 'error', resources: ['Sub', 'Dlq'],
      message: 'failed deliveries of Sub cannot reach its dead-letter queue: Dlq has no queue policy, so sns.amazonaws.com may not send to it',
      fix: 'Give the subscription DLQ the same queue policy and key policy grants as the subscribed queue.',
    }]);
    s.publish('T', { message: 'x'.repeat(1025) });
    expect(s.events({ type: 'sns.lost' }).map((e) => e.reason)).toEqual([
      "SQS rejected the message: the message is 1025 bytes; the queue's MaximumMessageSize is 1024 bytes; the subscription DLQ cannot take it either: Dlq has no queue policy, so sns.amazonaws.com may not send to it",
    ]);
    expect(s.queue('Dlq').counts.visible).toBe(0);
  });

  test('fails if there is no subscription DLQ: lost, saying so', () => {
    const s = Simulation.fromTemplate(template({ T: topic('t'), Q: queue('q', { MaximumMessageSize: 1024 }), P: snsQueuePolicy('T', 'Q'), Sub: subscription('T', 'Q', { RawMessageDelivery: 'true' }) }));
    s.publish('T', { message: 'x'.repeat(1025) });
    expect(s.events({ type: 'sns.lost' }).map((e) => e.reason)).toEqual([
      "SQS rejected the message: the message is 1025 bytes; the queue's MaximumMessageSize is 1024 bytes; the subscription has no DLQ",
    ]);
  });

  test('raw delivery carries 10 message attributes; fails with 11, and the message goes to the DLQ enveloped in full', () => {
    const s = Simulation.fromTemplate(template({
      T: topic('t'), Q: queue('q'), Dlq: queue('dlq'), P: snsQueuePolicy('T', 'Q', 'Dlq'), Sub: subscription('T', 'Q', { RawMessageDelivery: 'true', ...dlqOf('Dlq') }),
    }));
    const attributes = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, 'v']));
    s.publish('T', { message: 'ten', attributes: attributes(10) });
    expect(s.receive('Q').map((m) => [m.body, Object.keys(m.attributes).length])).toEqual([['ten', 10]]);
    s.publish('T', { message: 'eleven', attributes: attributes(11) });
    expect(s.events({ type: 'sns.deliveryFailed' }).map((e) => e.reason)).toEqual(['raw delivery to SQS carries at most 10 message attributes']);
    expect(s.receive('Dlq').map((m) => [m.body, Object.keys(m.attributes).length])).toEqual([['eleven', 11]]);
  });

  test('a standard topic cannot deliver to a FIFO queue: an error finding, and each publish fails', () => {
    const s = Simulation.fromTemplate(template({ T: topic('t'), Q: queue('q.fifo'), P: snsQueuePolicy('T', 'Q'), Sub: subscription('T', 'Q') }));
    expect(s.findings().filter((f) => f.code === 'decoupled-sim:subscription-undeliverable')).toEqual([{
      code: 'decoupled-sim:subscription-undeliverable', severity: 'error', resources: ['Sub', 'Q'],
      message: 'SNS can never deliver through Sub: a standard topic cannot deliver to the FIFO queue Q',
      fix: 'Allow sns.amazonaws.com sqs:SendMessage in the queue policy with aws:SourceArn = the topic ARN, and, for an SSE-KMS queue, use a customer managed key whose policy lets sns.amazonaws.com call kms:GenerateDataKey* and kms:Decrypt.',
    }]);
    s.publish('T', { message: 'm' });
    expect(s.events({ type: 'sns.lost' }).map((e) => e.reason)).toEqual(['a standard topic cannot deliver to the FIFO queue Q; the subscription has no DLQ']);
  });

  test('an endpoint or a DLQ that is not a queue of the template: findings name the ARN', () => {
    const s = Simulation.fromTemplate(template({
      T: topic('t'), Q: queue('q'), P: snsQueuePolicy('T', 'Q'),
      Away: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'T' }, Protocol: 'sqs', Endpoint: QUEUE_ARN('away') } },
      Sub: subscription('T', 'Q', { RedrivePolicy: { deadLetterTargetArn: QUEUE_ARN('away-dlq') } }),
    }));
    const of = (code: string) => s.findings().filter((f) => f.code === `decoupled-sim:${code}`).map((f) => [f.resources, f.message]);
    expect(of('subscription-undeliverable')).toEqual([[['Away', QUEUE_ARN('away')], `SNS can never deliver through Away: the endpoint ${QUEUE_ARN('away')} is not a queue in the template`]]);
    expect(of('subscription-dlq-undeliverable')).toEqual([[['Sub', QUEUE_ARN('away-dlq')], `failed deliveries of Sub cannot reach its dead-letter queue: the dead-letter queue ${QUEUE_ARN('away-dlq')} is not in the template`]]);
    expect(s.findings().filter((f) => f.code === 'decoupled-sim:subscription-dlq-undeliverable')[0].fix).toBe('Give the subscription DLQ the same queue policy and key policy grants as the subscribed queue.');
    s.publish('T', { message: 'm' });
    expect(s.events({ type: 'sns.lost', resource: 'Away' }).map((e) => e.reason)).toEqual([`the endpoint ${QUEUE_ARN('away')} is not a queue in the template; the subscription has no DLQ`]);
    expect(s.events({ type: 'sns.deliveryFailed', resource: 'Away' }).map((e) => e.detail)).toEqual([{ queue: QUEUE_ARN('away') }]);
  });
});

describe('subscriptions from the template', () => {
  test('an inline Subscription of the topic delivers, named after the topic', () => {
    const s = Simulation.fromTemplate(template({
      T: topic('t', { Subscription: [{ Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['Q', 'Arn'] } }] }), Q: queue('q'), P: snsQueuePolicy('T', 'Q'),
    }));
    const { messageId } = s.publish('T', { message: 'm' });
    expect(JSON.parse(s.receive('Q')[0].body).UnsubscribeURL).toBe(`https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${TOPIC_ARN('t')}:inline-0`);
    expect(s.events({ type: 'sns.delivered' }).map((e) => [e.resource, e.messageId])).toEqual([['T.Subscription[0]', messageId]]);
  });

  test('fails if a subscription has no Endpoint or no Protocol', () => {
    const noEndpoint = template({ T: topic('t'), Sub: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'T' }, Protocol: 'sqs' } } });
    expect(() => Simulation.fromTemplate(noEndpoint)).toThrow(new TemplateError('Sub', 'Properties.Endpoint', 'a subscription needs a Protocol and an Endpoint known at synth time'));
    const noProtocol = template({ T: topic('t', { Subscription: [{ Endpoint: 'x' }] }) });
    expect(() => Simulation.fromTemplate(noProtocol)).toThrow('T.Properties.Endpoint: a subscription needs a Protocol and an Endpoint known at synth time');
  });

  test('a topic\'s Ref and attributes are its ARN and name; a subscription\'s Ref is under the topic ARN', () => {
    const s = Simulation.fromTemplate(template({ T: topic('orders'), Q: queue('q'), Sub: subscription('T', 'Q') }));
    const t = s.template.resource('T')!;
    expect([t.ref, t.getAtt('TopicArn'), t.getAtt('TopicName')]).toEqual([TOPIC_ARN('orders'), TOPIC_ARN('orders'), 'orders']);
    expect(String(s.template.resource('Sub')!.ref)).toMatch(new RegExp(`^${TOPIC_ARN('orders')}:[0-9a-f-]{36}$`));
    expect(s.topic('T')).toMatchObject({ logicalId: 'T', arn: TOPIC_ARN('orders'), fifo: false, contentBasedDeduplication: false, deduplicationScope: 'Topic' });
  });

  test('an http subscription is not simulated: a warning, and each delivery is traced with protocol and endpoint', () => {
    const s = Simulation.fromTemplate(template({ T: topic('t'), Web: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'T' }, Protocol: 'https', Endpoint: 'https://example.com/hook' } } }));
    expect(s.findings().filter((f) => f.code === 'decoupled-sim:subscription-not-simulated')).toEqual([{
      code: 'decoupled-sim:subscription-not-simulated', severity: 'warning', resources: ['Web'],
      message: 'Web subscribes https://example.com/hook with protocol https, which the simulator does not deliver to: its deliveries are traced as sns.notSimulated',
      fix: 'Test that endpoint with its own tests; the simulator models sqs and lambda subscriptions.',
    }]);
    const { messageId } = s.publish('T', { message: 'm' });
    expect(s.events({ type: 'sns.notSimulated' }).map((e) => [e.resource, e.messageId, e.reason, e.detail])).toEqual([[
      'Web', messageId, 'protocol https is not simulated (only sqs and lambda); the delivery to https://example.com/hook is not modelled', { protocol: 'https', endpoint: 'https://example.com/hook' },
    ]]);
  });

  test('subscription-without-dlq warns for an sqs subscription without RedrivePolicy, not for one with it', () => {
    const s = Simulation.fromTemplate(template({
      T: topic('t'), Q: queue('q'), R: queue('r'), Dlq: queue('dlq'), P: snsQueuePolicy('T', 'Q', 'R', 'Dlq'), Bare: subscription('T', 'Q'), Safe: subscription('T', 'R', dlqOf('Dlq')),
    }));
    expect(s.findings().filter((f) => f.code === 'decoupled-sim:subscription-without-dlq')).toEqual([{
      code: 'decoupled-sim:subscription-without-dlq', severity: 'warning', resources: ['Bare'],
      message: 'Bare has no dead-letter queue: a delivery that fails is lost', fix: 'Set a RedrivePolicy (deadLetterQueue in aws-cdk-lib) on the subscription.',
    }]);
  });

  test('fifo-topic-standard-queue warns whole; a FIFO queue on the FIFO topic does not', () => {
    const s = Simulation.fromTemplate(template({
      T: topic('t.fifo', { FifoTopic: true }), Q: queue('q'), F: queue('f.fifo'), Dlq: queue('dlq'), P: snsQueuePolicy('T', 'Q', 'F'),
      Std: subscription('T', 'Q', dlqOf('Dlq')), Fifo: subscription('T', 'F', dlqOf('Dlq')),
    }));
    expect(s.findings().filter((f) => f.code === 'decoupled-sim:fifo-topic-standard-queue')).toEqual([{
      code: 'decoupled-sim:fifo-topic-standard-queue', severity: 'warning', resources: ['Std', 'Q'],
      message: 'Std delivers a FIFO topic to the standard queue Q: order and exactly-once processing are lost', fix: 'Subscribe a FIFO queue to the FIFO topic.',
    }]);
  });

  test('a subscription to another stack\'s topic warns and delivers nothing', () => {
    const s = Simulation.fromTemplate(template({
      Q: queue('q'), Sub: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { 'Fn::ImportValue': 'shared-topic' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['Q', 'Arn'] }, ...dlqOf('Q') } },
    }));
    const [f] = s.findings().filter((x) => x.code === 'decoupled-sim:subscription-topic-outside-template');
    expect(f).toEqual({
      code: 'decoupled-sim:subscription-topic-outside-template', severity: 'warning', resources: ['Sub'],
      message: `Sub subscribes ${QUEUE_ARN('q')} to a topic known only at deploy time (Fn::ImportValue "shared-topic"): nothing in this simulation publishes to it, and its queue policy is not checked`,
      fix: 'Simulate the stack that owns the topic as well, or send to the subscribed queue directly to play its messages.',
    });
    expect(s.findings().filter((x) => x.code === 'decoupled-sim:subscription-undeliverable')).toEqual([]);
  });
});

describe('subscribing one queue twice', () => {
  const twice = (first: Record<string, unknown>, second: Record<string, unknown>) => Simulation.fromTemplate(template({
    T: topic('t'), Q: queue('q'), Dlq: queue('dlq'), Other: queue('other'), P: snsQueuePolicy('T', 'Q', 'Dlq'), First: subscription('T', 'Q', first), Second: subscription('T', 'Q', second),
  }));
  const conflict = (s: Simulation) => s.findings().filter((f) => f.code === 'decoupled-sim:queue-subscribed-twice').map((f) => [f.severity, f.message]);

  test.each([
    ['FilterPolicyScope', {}, { FilterPolicyScope: 'MessageBody' }],
    ['RawMessageDelivery', {}, { RawMessageDelivery: 'true' }],
    ['RedrivePolicy', dlqOf('Dlq'), dlqOf('Other')],
    ['FilterPolicy, FilterPolicyScope', { FilterPolicy: { a: ['x'] } }, { FilterPolicy: { a: ['y'] }, FilterPolicyScope: 'MessageBody' }],
  ])('a different %s is a conflict SNS refuses', (names, first, second) => {
    expect(conflict(twice(first, second))).toEqual([[
      'error', `Q is subscribed twice to the same topic with different ${names} (First, Second): SNS refuses Second ("Subscription already exists with different attributes"), so the deployment fails; the simulator delivers through First only`,
    ]]);
  });

  test.each([
    ['the default scope, raw delivery off, and no DLQ', { FilterPolicyScope: 'MessageBody', RawMessageDelivery: 'true', ...dlqOf('Dlq') }, {}],
    ['the same values', { FilterPolicyScope: 'MessageBody', RawMessageDelivery: 'true', ...dlqOf('Dlq') }, { FilterPolicyScope: 'MessageBody', RawMessageDelivery: 'true', ...dlqOf('Dlq') }],
  ])('%s repeat the first subscription: idempotent', (_, first, second) => {
    expect(conflict(twice(first, second))).toEqual([[
      'warning', 'Q is subscribed twice to the same topic (First, Second): SNS\'s Subscribe is idempotent, so both resources are one subscription and a message arrives once; deleting either resource unsubscribes both',
    ]]);
  });
});

describe('sns:Publish served to other services', () => {
  test('a publish through the action delivers; one SNS refuses comes back with its reason', () => {
    const s = Simulation.fromTemplate(template({ T: topic('t'), F: topic('t.fifo', { FifoTopic: true }), Q: queue('q'), P: snsQueuePolicy('T', 'Q'), Sub: subscription('T', 'Q', { RawMessageDelivery: 'true' }) }));
    const caller = { kind: 'role' as const, roleArn: 'arn:aws:iam::123456789012:role/elsewhere', roleKind: 'integration role', runsIn: 'Api' };
    expect(s.world.calls.call(caller, 'sns:Publish', TOPIC_ARN('t'), { message: 'hi' })).toEqual({ ok: true, output: { messageId: expect.any(String) } });
    expect(s.receive('Q').map((m) => m.body)).toEqual(['hi']);
    expect(s.world.calls.call(caller, 'sns:Publish', TOPIC_ARN('t.fifo'), { message: 'hi' })).toEqual({ ok: false, reason: 'InvalidParameter: Publish to F rejected: a FIFO topic needs a MessageGroupId' });
  });
});

describe('the trace of a fan-out', () => {
  test('a summary trace counts published, delivered and filtered-out messages without recording them', () => {
    const s = Simulation.fromTemplate(template({
      T: topic('t'), Q: queue('q'), R: queue('r'), P: snsQueuePolicy('T', 'Q', 'R'), A: subscription('T', 'Q'), B: subscription('T', 'R', { FilterPolicy: { kind: ['b'] } }),
    }), { trace: 'summary' });
    s.publish('T', { message: 'm', attributes: { kind: 'a' } });
    s.publish('T', { message: 'm', attributes: { kind: 'b' } });
    const t = s.runtime.trace;
    expect([t.count('sns.published'), t.count('sns.delivered'), t.count('sns.filteredOut')]).toEqual([2, 3, 1]);
    expect(s.events({ type: ['sns.published', 'sns.delivered', 'sns.filteredOut'] })).toEqual([]);
  });

  test('a full trace records the filtered-out message with the scope that did not match', () => {
    const s = Simulation.fromTemplate(template({ T: topic('t'), Q: queue('q'), P: snsQueuePolicy('T', 'Q'), A: subscription('T', 'Q', { FilterPolicy: { kind: ['b'] }, FilterPolicyScope: 'MessageBody' }) }));
    const { messageId } = s.publish('T', { message: JSON.stringify({ kind: 'a' }) });
    expect(s.events({ type: 'sns.filteredOut' }).map((e) => [e.resource, e.messageId, e.reason])).toEqual([['A', messageId, 'the MessageBody filter policy does not match']]);
    s.publish('T', { message: JSON.stringify({ kind: 'b' }) });
    expect(s.queue('Q').counts.visible).toBe(1);
  });
});
