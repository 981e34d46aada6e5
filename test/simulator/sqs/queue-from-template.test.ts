import { Duration } from 'aws-cdk-lib';
import { Simulation, TemplateError } from '../../../lib/simulator';
import { queue, redrive, template } from '../fixtures/templates';

// How AWS::SQS::Queue, AWS::SQS::QueuePolicy and AWS::SQS::QueueInlinePolicy become queue models: the settings
// each property gives (AWS's defaults for the rest), the URL and ARN, and the template errors a user can act on.

const URL = (name: string) => `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`;
const ARN = (name: string) => `arn:aws:sqs:us-east-1:123456789012:${name}`;
const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: '*' }] };

describe('queue settings from the template', () => {
  test('a queue with no property has AWS\'s defaults', () => {
    // GIVEN a queue with only its name
    const s = Simulation.fromTemplate(template({ Q: queue('q') }));
    // THEN each setting is AWS's default (AWS-FACTS §10)
    expect(s.queue('Q').settings).toEqual({
      logicalId: 'Q', name: 'q', arn: ARN('q'), url: URL('q'), fifo: false,
      visibilityTimeoutMs: 30_000, retentionMs: 345_600_000, delayMs: 0, maximumMessageSize: 1_048_576, receiveWaitTimeMs: 0,
      contentBasedDeduplication: false, deduplicationScope: 'queue',
    });
  });

  test('every property is read, seconds turned into milliseconds', () => {
    // GIVEN a FIFO queue setting every property the model reads
    const s = Simulation.fromTemplate(template({
      Dlq: queue('dlq.fifo', { RedriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: [{ 'Fn::GetAtt': ['Q', 'Arn'] }] } }),
      Q: queue('q.fifo', {
        VisibilityTimeout: 45, MessageRetentionPeriod: 600, DelaySeconds: 7, MaximumMessageSize: 2048, ReceiveMessageWaitTimeSeconds: 4,
        ContentBasedDeduplication: true, DeduplicationScope: 'messageGroup', KmsMasterKeyId: 'alias/aws/sqs', ...redrive('Dlq', 4),
      }),
    }));
    // THEN the settings say so
    expect(s.queue('Q').settings).toEqual({
      logicalId: 'Q', name: 'q.fifo', arn: ARN('q.fifo'), url: URL('q.fifo'), fifo: true,
      visibilityTimeoutMs: 45_000, retentionMs: 600_000, delayMs: 7_000, maximumMessageSize: 2048, receiveWaitTimeMs: 4_000,
      contentBasedDeduplication: true, deduplicationScope: 'messageGroup', kmsMasterKeyId: 'alias/aws/sqs',
      redrive: { deadLetterTargetArn: ARN('dlq.fifo'), maxReceiveCount: 4 },
    });
    expect(s.queue('Dlq').settings.redriveAllow).toEqual({ redrivePermission: 'byQueue', sourceQueueArns: [ARN('q.fifo')] });
    expect(s.queue('Q').deadLetterQueue).toBe(s.queue('Dlq'));
    expect(s.queue('Q').redriveBlocked).toBeUndefined();
  });

  test('Ref is the queue URL; Arn, QueueName and QueueUrl are its attributes; a queue without a name gets a generated one', () => {
    // GIVEN a named queue and an unnamed FIFO queue
    const s = Simulation.fromTemplate(template({ Q: queue('orders'), Unnamed: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } } }));
    const q = s.template.resource('Q')!;
    // THEN the named queue's values are AWS's forms
    expect([q.ref, q.getAtt('Arn'), q.getAtt('QueueName'), q.getAtt('QueueUrl')]).toEqual([URL('orders'), ARN('orders'), 'orders', URL('orders')]);
    // THEN the unnamed one is FIFO and its generated name ends in .fifo
    const unnamed = s.queue('Unnamed');
    expect(unnamed.fifo).toBe(true);
    expect(unnamed.settings.name).toMatch(/\.fifo$/);
    expect(unnamed.settings.url).toBe(URL(unnamed.settings.name));
  });

  test('fails if a RedrivePolicy has no maxReceiveCount or no deadLetterTargetArn known at synth time', () => {
    // GIVEN RedrivePolicies missing one of their two fields
    const missingCount = template({ Dlq: queue('dlq'), Q: queue('q', { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] } } }) });
    const missingTarget = template({ Q: queue('q', { RedrivePolicy: { maxReceiveCount: 3 } }) });
    // THEN each names the queue, the property and what it needs
    for (const t of [missingCount, missingTarget]) {
      expect(() => Simulation.fromTemplate(t)).toThrow(new TemplateError('Q', 'Properties.RedrivePolicy', 'needs a deadLetterTargetArn known at synth time and a maxReceiveCount'));
      expect(() => Simulation.fromTemplate(t)).toThrow('Q.Properties.RedrivePolicy: needs a deadLetterTargetArn known at synth time and a maxReceiveCount');
    }
  });
});

describe('queue policies from the template', () => {
  test('a QueuePolicy and a QueueInlinePolicy attach their documents to the queues they name', () => {
    // GIVEN a QueuePolicy on two queues (listed before them) and an inline policy on one
    const s = Simulation.fromTemplate(template({
      Shared: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'A' }, { Ref: 'B' }], PolicyDocument: ALLOW_ALL } },
      A: queue('a'),
      B: queue('b'),
      Inline: { Type: 'AWS::SQS::QueueInlinePolicy', Properties: { Queue: { Ref: 'B' }, PolicyDocument: ALLOW_ALL } },
    }));
    // THEN each queue holds its policies, with their logical ids
    expect(s.queue('A').policies).toEqual([{ logicalId: 'Shared', document: ALLOW_ALL }]);
    expect(s.queue('B').policies).toEqual([{ logicalId: 'Shared', document: ALLOW_ALL }, { logicalId: 'Inline', document: ALLOW_ALL }]);
  });

  test('fails if a QueuePolicy\'s Queues is not a list', () => {
    const t = template({ A: queue('a'), P: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: { Ref: 'A' }, PolicyDocument: ALLOW_ALL } } });
    expect(() => Simulation.fromTemplate(t)).toThrow(new TemplateError('P', 'Properties.Queues', 'must be a list of queue URLs'));
  });

  test('fails if a QueuePolicy names a queue that is not in the template, with its index and URL', () => {
    const t = template({ A: queue('a'), P: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'A' }, URL('elsewhere')], PolicyDocument: ALLOW_ALL } } });
    expect(() => Simulation.fromTemplate(t)).toThrow(`P.Properties.Queues[1]: no queue in the template has the URL ${URL('elsewhere')}`);
    const notText = template({ A: queue('a'), P: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [42], PolicyDocument: ALLOW_ALL } } });
    expect(() => Simulation.fromTemplate(notText)).toThrow('P.Properties.Queues[0]: no queue in the template has the URL 42');
  });

  test('fails if a QueueInlinePolicy names no queue of the template', () => {
    const elsewhere = template({ A: queue('a'), P: { Type: 'AWS::SQS::QueueInlinePolicy', Properties: { Queue: URL('elsewhere'), PolicyDocument: ALLOW_ALL } } });
    expect(() => Simulation.fromTemplate(elsewhere)).toThrow(new TemplateError('P', 'Properties.Queue', `no queue in the template has the URL ${URL('elsewhere')}`));
    const none = template({ A: queue('a'), P: { Type: 'AWS::SQS::QueueInlinePolicy', Properties: { PolicyDocument: ALLOW_ALL } } });
    expect(() => Simulation.fromTemplate(none)).toThrow('P.Properties.Queue: no queue in the template has the URL undefined');
  });
});

describe('redrive to a dead-letter queue', () => {
  test('the move is traced with the receive count ("1 time") and the DLQ; the receive fills its room with the next message', () => {
    // GIVEN a queue that moves a message after 1 receive, with two messages
    const s = Simulation.fromTemplate(template({ Dlq: queue('dlq', { MessageRetentionPeriod: 1_209_600 }), Q: queue('q', { VisibilityTimeout: 10, ...redrive('Dlq', 1) }) }));
    const { messageId: poison } = s.send('Q', { body: 'poison' });
    const [first] = s.receive('Q');
    s.advance(Duration.seconds(10));
    s.send('Q', { body: 'next' });
    // WHEN a receive of one finds the poison message past maxReceiveCount
    const got = s.receive('Q');
    // THEN the poison message moves, and the receive returns the next one instead
    expect(first.messageId).toBe(poison);
    expect(got.map((m) => m.body)).toEqual(['next']);
    expect(s.events({ type: 'sqs.movedToDeadLetterQueue' }).map((e) => [e.resource, e.messageId, e.reason, e.detail])).toEqual([
      ['Q', poison, 'received 1 time, more than maxReceiveCount 1 allows', { deadLetterQueue: 'Dlq' }],
    ]);
    expect(s.queue('Dlq').visible.map((m) => [m.messageId, m.body, m.receiveCount, m.sentAt])).toEqual([[poison, 'poison', 1, 0]]);
    expect({ ...s.queue('Q').totals }).toEqual({ sent: 2, received: 2, deleted: 0, emptyReceives: 0 });
    expect({ ...s.queue('Dlq').totals }).toEqual({ sent: 0, received: 0, deleted: 0, emptyReceives: 0 });
  });

  test('a receive of ten that moves one and returns one is not an empty receive', () => {
    // GIVEN a message past maxReceiveCount and a new one
    const s = Simulation.fromTemplate(template({ Dlq: queue('dlq'), Q: queue('q', { VisibilityTimeout: 10, ...redrive('Dlq', 1) }) }));
    s.send('Q', { body: 'poison' });
    s.receive('Q');
    s.advance(Duration.seconds(10));
    s.send('Q', { body: 'good' });
    // WHEN a receive of ten runs
    expect(s.receive('Q', { maxMessages: 10 }).map((m) => m.body)).toEqual(['good']);
    // THEN it counts one message received and no empty receive
    expect({ ...s.queue('Q').totals }).toEqual({ sent: 2, received: 2, deleted: 0, emptyReceives: 0 });
  });

  test('a listener that receives from the queue while a receive moves messages gets its own messages', () => {
    // GIVEN two poison messages and three others, and a listener receiving one message whenever one moves to the DLQ
    const s = Simulation.fromTemplate(template({ Dlq: queue('dlq'), Q: queue('q', { VisibilityTimeout: 10, ...redrive('Dlq', 1) }) }));
    s.send('Q', { body: 'p1' });
    s.send('Q', { body: 'p2' });
    s.receive('Q', { maxMessages: 2 });
    s.advance(Duration.seconds(10));
    for (const body of ['b', 'c', 'd']) s.send('Q', { body });
    const q = s.queue('Q');
    const byListener: string[] = [];
    q.addListener({ onMovedToDeadLetterQueue: (queue, _id, dlq) => {
      expect([queue, dlq]).toEqual([q, s.queue('Dlq')]);
      byListener.push(...queue.receive().map((m) => m.body));
    } });
    // WHEN a receive of two meets both poison messages first
    const got = q.receive({ maxMessages: 2 }).map((m) => m.body);
    // THEN the listener got b and c, the receive d, and nothing is lost or doubled
    expect(byListener).toEqual(['b', 'c']);
    expect(got).toEqual(['d']);
    expect(q.counts).toEqual({ visible: 0, inFlight: 3, delayed: 0 });
    expect(s.queue('Dlq').visible.map((m) => m.body)).toEqual(['p1', 'p2']);
  });

  test('a message a listener received during a receive is not returned by that receive too', () => {
    // GIVEN a poison message, then b and c, and a listener receiving one message when one moves to the DLQ
    const s = Simulation.fromTemplate(template({ Dlq: queue('dlq'), Q: queue('q', { VisibilityTimeout: 10, ...redrive('Dlq', 1) }) }));
    s.send('Q', { body: 'p1' });
    s.receive('Q');
    s.advance(Duration.seconds(10));
    s.send('Q', { body: 'b' });
    s.send('Q', { body: 'c' });
    const q = s.queue('Q');
    const byListener: string[] = [];
    q.addListener({ onMovedToDeadLetterQueue: (queue) => byListener.push(...queue.receive().map((m) => m.body)) });
    // WHEN a receive of two takes p1 and b, and moving p1 lets the listener receive b
    const got = q.receive({ maxMessages: 2 }).map((m) => m.body);
    // THEN b went to the listener only, and the receive got c in its place
    expect([byListener, got]).toEqual([['b'], ['c']]);
    expect(q.counts).toEqual({ visible: 0, inFlight: 2, delayed: 0 });
    expect({ ...q.totals }).toEqual({ sent: 3, received: 3, deleted: 0, emptyReceives: 0 });
  });

  test('"times" past one receive; a receive that only moved messages is an empty receive', () => {
    // GIVEN a message received twice with maxReceiveCount 2
    const s = Simulation.fromTemplate(template({ Dlq: queue('dlq'), Q: queue('q', { VisibilityTimeout: 10, ...redrive('Dlq', 2) }) }));
    s.send('Q', { body: 'poison' });
    for (let i = 0; i < 2; i++) {
      expect(s.receive('Q')).toHaveLength(1);
      s.advance(Duration.seconds(10));
    }
    // WHEN it is received a third time THEN it moves and nothing comes back
    expect(s.receive('Q', { maxMessages: 10 })).toEqual([]);
    expect(s.events({ type: 'sqs.movedToDeadLetterQueue' })[0].reason).toBe('received 2 times, more than maxReceiveCount 2 allows');
    expect(s.queue('Q').totals.emptyReceives).toBe(1);
    expect(s.queue('Dlq').counts.visible).toBe(1);
  });

  test('a DLQ outside the template: the message leaves the source, and the trace names the DLQ\'s ARN', () => {
    // GIVEN a queue whose DLQ is another stack's
    const elsewhere = ARN('elsewhere-dlq');
    const s = Simulation.fromTemplate(template({ Q: queue('q', { VisibilityTimeout: 10, RedrivePolicy: { deadLetterTargetArn: elsewhere, maxReceiveCount: 1 } }) }));
    s.send('Q', { body: 'poison' });
    s.receive('Q');
    s.advance(Duration.seconds(10));
    // WHEN it is received past maxReceiveCount THEN it is gone from the source
    expect(s.receive('Q')).toEqual([]);
    expect(s.queue('Q').counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect(s.queue('Q').deadLetterQueue).toBeUndefined();
    expect(s.events({ type: 'sqs.movedToDeadLetterQueue' })[0].detail).toEqual({ deadLetterQueue: elsewhere });
  });

  test('a FIFO DLQ restarts the enqueue time and takes the message id as deduplication id', () => {
    // GIVEN a FIFO queue whose DLQ keeps messages 60 s
    const s = Simulation.fromTemplate(template({
      Dlq: queue('dlq.fifo', { MessageRetentionPeriod: 60 }),
      Q: queue('q.fifo', { VisibilityTimeout: 100, ContentBasedDeduplication: true, ...redrive('Dlq', 1) }),
    }));
    const { messageId } = s.send('Q', { body: 'poison', groupId: 'g', deduplicationId: 'd' });
    s.receive('Q');
    s.advance(Duration.seconds(100));
    // WHEN it moves at 100 s
    expect(s.receive('Q')).toEqual([]);
    // THEN in the DLQ it was sent at 100 s, keeps its group, sequence number and count, and its id is its deduplication id
    const [m] = s.queue('Dlq').visible;
    expect([m.sentAt, m.groupId, m.deduplicationId, m.sequenceNumber, m.receiveCount]).toEqual([100_000, 'g', messageId, '00000000000000000001', 1]);
    // THEN it expires 60 s after the move, not before
    s.advance(Duration.millis(59_999));
    expect(s.queue('Dlq').counts.visible).toBe(1);
    s.advance(Duration.millis(1));
    expect(s.queue('Dlq').counts.visible).toBe(0);
  });

  test('a standard DLQ keeps the enqueue time, so the message expires there counted from its first send', () => {
    // GIVEN a DLQ keeping messages 150 s and a source whose message moves at 100 s
    const s = Simulation.fromTemplate(template({ Dlq: queue('dlq', { MessageRetentionPeriod: 150 }), Q: queue('q', { VisibilityTimeout: 100, ...redrive('Dlq', 1) }) }));
    const { messageId } = s.send('Q', { body: 'poison' });
    s.receive('Q');
    s.advance(Duration.seconds(100));
    s.receive('Q');
    // THEN it expires at 150 s, with the retention in the reason
    s.advance(Duration.millis(49_999));
    expect(s.queue('Dlq').counts.visible).toBe(1);
    s.advance(Duration.millis(1));
    expect(s.events({ type: 'sqs.expired' }).map((e) => [e.time, e.resource, e.messageId, e.reason])).toEqual([[150_000, 'Dlq', messageId, 'older than the retention period (150s since 0 ms)']]);
  });

  test('a FIFO DLQ of a standard queue, or a byQueue policy without a list, blocks redrive with the reason', () => {
    // GIVEN a standard source with a FIFO DLQ, and a source a byQueue policy does not list
    const s = Simulation.fromTemplate(template({
      FifoDlq: queue('dlq.fifo'),
      A: queue('a', redrive('FifoDlq', 1)),
      ListlessDlq: queue('listless', { RedriveAllowPolicy: { redrivePermission: 'byQueue' } }),
      B: queue('b', redrive('ListlessDlq', 1)),
      StdDlq: queue('std-dlq'),
      C: queue('c.fifo', redrive('StdDlq', 1)),
    }));
    // THEN each says why
    expect(s.queue('A').redriveBlocked).toBe('FifoDlq is FIFO and A is not; a DLQ must be of its source\'s type');
    expect(s.queue('C').redriveBlocked).toBe('StdDlq is standard and C is not; a DLQ must be of its source\'s type');
    expect(s.queue('B').redriveBlocked).toBe('ListlessDlq\'s RedriveAllowPolicy (byQueue) does not list B');
  });
});

describe('retention', () => {
  test('a message back from flight expires in its place among the visible ones, counted from its send', () => {
    // GIVEN a queue keeping messages 1,000 s: O sent at 0, A at 400 (both received at 400), O visible again at once
    const s = Simulation.fromTemplate(template({ Q: queue('q', { MessageRetentionPeriod: 1000, VisibilityTimeout: 100 }) }));
    const o = s.send('Q', { body: 'O' }).messageId;
    s.advance(Duration.seconds(400));
    const a = s.send('Q', { body: 'A' }).messageId;
    const [oldest] = s.receive('Q', { maxMessages: 2 });
    s.changeVisibility('Q', oldest.receiptHandle, Duration.seconds(0));
    // WHEN N is sent at 450 and A comes back at 500
    s.advance(Duration.seconds(50));
    const n = s.send('Q', { body: 'N' }).messageId;
    s.advance(Duration.seconds(50));
    expect(s.queue('Q').counts.visible).toBe(3);
    // THEN each expires at its own time: O at 1,000 s, A at 1,400 s, N at 1,450 s
    s.advance(Duration.seconds(1000));
    expect(s.events({ type: 'sqs.expired' }).map((e) => [e.time, e.messageId])).toEqual([[1_000_000, o], [1_400_000, a], [1_450_000, n]]);
    expect(s.queue('Q').counts.visible).toBe(0);
  });

  test('a message back from flight near the oldest end is placed from that end', () => {
    // GIVEN O sent at 0 and received, N1 at 10 s, N2 at 900 s; O comes back at 30 s
    const s = Simulation.fromTemplate(template({ Q: queue('q', { MessageRetentionPeriod: 1000, VisibilityTimeout: 30 }) }));
    const o = s.send('Q', { body: 'O' }).messageId;
    s.receive('Q');
    s.advance(Duration.seconds(10));
    const n1 = s.send('Q', { body: 'N1' }).messageId;
    s.advance(Duration.seconds(20));
    s.advance(Duration.seconds(870));
    const n2 = s.send('Q', { body: 'N2' }).messageId;
    // THEN O expires first, at 1,000 s
    s.advance(Duration.seconds(1000));
    expect(s.events({ type: 'sqs.expired' }).map((e) => [e.time, e.messageId])).toEqual([[1_000_000, o], [1_010_000, n1], [1_900_000, n2]]);
  });
});

describe('retention ties', () => {
  test('messages that expire at the same moment expire in the order they became visible', () => {
    // GIVEN A and B sent at 0, C at 100 s; A received for 200 s, so visible again after C was sent
    const s = Simulation.fromTemplate(template({ Q: queue('q', { MessageRetentionPeriod: 1000, VisibilityTimeout: 200 }) }));
    const a = s.send('Q', { body: 'A' }).messageId;
    const b = s.send('Q', { body: 'B' }).messageId;
    s.receive('Q');
    s.advance(Duration.seconds(100));
    const c = s.send('Q', { body: 'C' }).messageId;
    s.advance(Duration.seconds(100));
    expect(s.queue('Q').counts.visible).toBe(3);
    // WHEN retention runs out
    s.advance(Duration.seconds(1000));
    // THEN B (visible all along) expires before A (back from flight), both at 1,000 s; C at 1,100 s
    expect(s.events({ type: 'sqs.expired' }).map((e) => [e.time, e.messageId])).toEqual([[1_000_000, b], [1_000_000, a], [1_100_000, c]]);
  });
});

describe('FIFO groups', () => {
  test('groups with a message in flight are counted; a group with nothing in flight is not', () => {
    // GIVEN three groups, two of them received
    const s = Simulation.fromTemplate(template({ Q: queue('q.fifo', { ContentBasedDeduplication: true }) }));
    for (const g of ['a', 'b', 'c']) s.send('Q', { body: g, groupId: g });
    const q = s.model('Q', Object) as unknown as { groupsWithInFlightMessages: number };
    expect(q.groupsWithInFlightMessages).toBe(0);
    const [a] = s.receive('Q', { maxMessages: 2 });
    expect(q.groupsWithInFlightMessages).toBe(2);
    s.delete('Q', a.receiptHandle);
    expect(q.groupsWithInFlightMessages).toBe(1);
  });

  test('after more than a thousand groups have been served, groups keep their order and none is lost', () => {
    // GIVEN 1,100 groups of one message each, received and deleted ten at a time
    const s = Simulation.fromTemplate(template({ Q: queue('q.fifo', { ContentBasedDeduplication: true }) }));
    for (let i = 0; i < 1100; i++) s.send('Q', { body: `m${i}`, groupId: `g${i}` });
    const bodies: string[] = [];
    for (let r = 0; r < 110; r++) {
      for (const m of s.receive('Q', { maxMessages: 10 })) {
        bodies.push(m.body);
        s.delete('Q', m.receiptHandle);
      }
    }
    expect(bodies).toEqual(Array.from({ length: 1100 }, (_, i) => `m${i}`));
    // WHEN more groups come THEN they are served in order too
    for (const g of ['x', 'y']) s.send('Q', { body: g, groupId: g });
    expect(s.receive('Q', { maxMessages: 10 }).map((m) => m.body)).toEqual(['x', 'y']);
  });
});
