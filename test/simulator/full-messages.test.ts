import { Duration } from 'aws-cdk-lib';
import { InvalidRequestError, Simulation, diurnalArrivals } from '../../lib/simulator';
import { CONSUME_STATEMENT, consumerSimulation } from './fixtures/consumer';
import { queue, redrive, snsQueuePolicy, subscription, template, topic } from './fixtures/templates';

// Whole results (every field of a finding, every event of a message's history), so a change to any part shows.

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:123456789012:SimulatedStack-Queue-a8t3sSt1DGVe';
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/5a79c1ed-ccd0-41ad-8f25-080c3cfe9504';

describe('findings, in full', () => {
  test('dlq-retention-shorter names both retention periods in seconds', () => {
    // GIVEN a standard DLQ that keeps messages 1 day, behind a source that keeps them 4 days
    const sim = Simulation.fromTemplate(template({
      Source: queue('source', { MessageRetentionPeriod: 345600, ...redrive('Dlq', 3) }),
      Dlq: queue('dlq', { MessageRetentionPeriod: 86400 }),
    }));
    // THEN the finding is exactly this
    expect(sim.findings()).toEqual([{
      code: 'decoupled-sim:dlq-retention-shorter',
      severity: 'warning',
      resources: ['Dlq', 'Source'],
      message: 'Dlq keeps messages 86400s, not longer than its source Source (345600s); a standard queue\'s message keeps its enqueue time in the DLQ, so it can expire there almost at once',
      fix: 'Set the DLQ\'s MessageRetentionPeriod longer than the source queue\'s (e.g. 1,209,600 s).',
    }]);
  });

  test('mapping-permission-missing lists each missing action with its resource and reason, and the fix names them', () => {
    // GIVEN a role that may only receive
    const sim = consumerSimulation({ statements: [{ ...CONSUME_STATEMENT, Action: ['sqs:ReceiveMessage'] }] });
    // THEN
    expect(sim.findings()).toEqual([{
      code: 'decoupled-sim:mapping-permission-missing',
      severity: 'error',
      resources: ['Consumer', 'Mapping', 'Queue'],
      message: `the event source mapping Mapping cannot read Queue: Consumer's role lacks sqs:DeleteMessage on ${QUEUE_ARN} (no policy of Role allows sqs:DeleteMessage on ${QUEUE_ARN}); `
        + `sqs:GetQueueAttributes on ${QUEUE_ARN} (no policy of Role allows sqs:GetQueueAttributes on ${QUEUE_ARN})`,
      fix: 'Grant the function\'s role sqs:DeleteMessage, sqs:GetQueueAttributes on Queue (queue.grantConsumeMessages(fn) does both).',
    }]);
  });

  test('mapping-permission-missing on an encrypted queue: the fix also names the key', () => {
    const sim = consumerSimulation({ encrypted: true, statements: [CONSUME_STATEMENT] });
    expect(sim.findings()).toEqual([{
      code: 'decoupled-sim:mapping-permission-missing',
      severity: 'error',
      resources: ['Consumer', 'Mapping', 'Queue'],
      message: `the event source mapping Mapping cannot read Queue: Consumer's role lacks kms:Decrypt on ${KEY_ARN} `
        + `(the key policy of Key leaves kms:Decrypt to IAM policies, and no policy of Role allows kms:Decrypt on ${KEY_ARN})`,
      fix: 'Grant the function\'s role kms:Decrypt on Queue and its key (queue.grantConsumeMessages(fn) does both).',
    }]);
  });
});

describe('attribute errors name the value as JavaScript shows it', () => {
  let sim: Simulation;
  beforeEach(() => {
    sim = Simulation.fromTemplate(template({ Q: queue('q') }));
  });
  const send = (attributes: unknown) => () => sim.send('Q', { body: 'm', attributes: attributes as never });

  test.each([
    ['a type that is NaN', { a: { DataType: Number.NaN, StringValue: 'x' } },
      'InvalidParameterValue: message attribute "a" has the type NaN, which SQS does not accept: use String, Number or Binary, optionally with a custom label (Number.int)'],
    ['a value that is Infinity', { a: { DataType: 'String', StringValue: Number.POSITIVE_INFINITY } },
      'InvalidParameterValue: message attribute "a" has the value Infinity; a String attribute\'s value is a string'],
  ])('fails if a send has %s', (_what, attributes, message) => {
    expect(send(attributes)).toThrow(InvalidRequestError);
    expect(send(attributes)).toThrow(message);
  });
});

test('a diurnal profile is named by its minimum and peak rates', () => {
  expect(diurnalArrivals({ minPerMinute: 10, peakPerMinute: 110 }).name).toBe('diurnal 10–110/min');
});

describe('the trace of a fan-out with a redrive', () => {
  const SNS_ID = '00000000-0000-4000-8000-000000000001';
  const RAW_ID = '00000000-0000-4000-8000-000000000002';
  const ENVELOPED_ID = '00000000-0000-4000-8000-000000000003';

  function run() {
    // GIVEN a topic fanning out to a raw queue (redriving after 1 receive) and an enveloped queue
    const sim = Simulation.fromTemplate(template({
      Topic: topic('orders'),
      Raw: queue('raw', { VisibilityTimeout: 10, ...redrive('Dlq', 1) }),
      Enveloped: queue('enveloped'),
      Dlq: queue('dlq'),
      Policy: snsQueuePolicy('Topic', 'Raw', 'Enveloped'),
      ToRaw: subscription('Topic', 'Raw', { RawMessageDelivery: 'true' }),
      ToEnveloped: subscription('Topic', 'Enveloped'),
    }), { trace: 'full' });
    // WHEN two messages are published and the first copy in Raw is received twice
    const { messageId } = sim.publish('Topic', { message: 'm' });
    sim.publish('Topic', { message: 'other' });
    const [m] = sim.receive('Raw', { maxMessages: 1 });
    sim.advance(Duration.seconds(10));
    sim.receive('Raw', { maxMessages: 10 });
    return { sim, messageId, copy: m.messageId };
  }
  const entries = entriesOf;

  test('the history of an SNS message holds its copies, found by their snsMessageId', () => {
    const { sim, messageId } = run();
    expect(messageId).toBe(SNS_ID);
    expect(entries(sim.trace.messageHistory(SNS_ID))).toEqual([
      ['sns.published', 'Topic', SNS_ID, undefined, undefined],
      ['sqs.sent', 'Raw', RAW_ID, undefined, { snsMessageId: SNS_ID }],
      ['sns.delivered', 'ToRaw', SNS_ID, undefined, { queue: 'Raw', sqsMessageId: RAW_ID }],
      ['sqs.sent', 'Enveloped', ENVELOPED_ID, undefined, { snsMessageId: SNS_ID }],
      ['sns.delivered', 'ToEnveloped', SNS_ID, undefined, { queue: 'Enveloped', sqsMessageId: ENVELOPED_ID }],
    ]);
  });

  test('the history of an SQS copy holds its delivery, by sqsMessageId, and its life in the queue', () => {
    const { sim, copy } = run();
    expect(copy).toBe(RAW_ID);
    expect(entries(sim.trace.messageHistory(RAW_ID))).toEqual([
      ['sqs.sent', 'Raw', RAW_ID, undefined, { snsMessageId: SNS_ID }],
      ['sns.delivered', 'ToRaw', SNS_ID, undefined, { queue: 'Raw', sqsMessageId: RAW_ID }],
      ['sqs.received', 'Raw', RAW_ID, undefined, { receiveCount: 1 }],
      ['sqs.visibilityExpired', 'Raw', RAW_ID, undefined, undefined],
      ['sqs.movedToDeadLetterQueue', 'Raw', RAW_ID, 'received 1 time, more than maxReceiveCount 1 allows', { deadLetterQueue: 'Dlq' }],
    ]);
  });

  test('events() keeps only the named resource\'s events; without one, every resource\'s', () => {
    const { sim } = run();
    expect(sim.events({ resource: 'Enveloped' }).map((e) => [e.type, e.resource])).toEqual([['sqs.sent', 'Enveloped'], ['sqs.sent', 'Enveloped']]);
    expect(sim.events({ type: 'sqs.sent' }).map((e) => e.resource)).toEqual(['Raw', 'Enveloped', 'Raw', 'Enveloped']);
    expect(sim.trace.count({ type: 'sqs.sent', resource: 'Raw' })).toBe(2);
    expect(sim.trace.count('sqs.sent')).toBe(4);
  });
});

describe('a subscription DLQ that refuses the message too', () => {
  test('the message is lost, and the trace gives both queues\' reasons', () => {
    // GIVEN a subscription whose queue and DLQ both take at most 1,024 bytes
    const sim = Simulation.fromTemplate(template({
      Topic: topic('orders'),
      Target: queue('target', { MaximumMessageSize: 1024 }),
      SubDlq: queue('sub-dlq', { MaximumMessageSize: 1024 }),
      Policy: snsQueuePolicy('Topic', 'Target', 'SubDlq'),
      Sub: subscription('Topic', 'Target', { RawMessageDelivery: 'true', RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['SubDlq', 'Arn'] } } }),
    }), { trace: 'full' });
    // WHEN a 2,000-byte message is published
    const { messageId } = sim.publish('Topic', { message: 'x'.repeat(2000) });
    // THEN
    const tooBig = 'the message is 2000 bytes; the queue\'s MaximumMessageSize is 1024 bytes';
    expect(entriesOf(sim.trace.messageHistory(messageId))).toEqual([
      ['sns.published', 'Topic', messageId, undefined, undefined],
      ['sqs.sendFailed', 'Target', undefined, tooBig, { code: 'InvalidParameterValue', snsMessageId: messageId }],
      ['sns.deliveryFailed', 'Sub', messageId, `SQS rejected the message: ${tooBig}`, { queue: 'Target' }],
      ['sqs.sendFailed', 'SubDlq', undefined, tooBig, { code: 'InvalidParameterValue', snsMessageId: messageId }],
      ['sns.lost', 'Sub', messageId, `SQS rejected the message: ${tooBig}; the subscription DLQ rejected it: ${tooBig}`, undefined],
    ]);
    expect(sim.trace.count('sns.deadLettered')).toBe(0);
  });
});

function entriesOf(events: { type: string; resource: string; messageId?: string; reason?: string; detail?: unknown }[]) {
  return events.map((e) => [e.type, e.resource, e.messageId, e.reason, e.detail]);
}
