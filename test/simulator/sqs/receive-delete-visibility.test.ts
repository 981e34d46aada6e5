import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { queue, template } from '../fixtures/templates';

// ReceiveMessage, DeleteMessage and ChangeMessageVisibility as a test sees them: what a received message carries
// (system attributes, receipt handle), which handles stay current, the 12-hour visibility cap, and the trace.

const START = Date.UTC(2026, 0, 1);
const ACCOUNT = '123456789012';

function sim(): Simulation {
  return Simulation.fromTemplate(template({
    Q: queue('q', { VisibilityTimeout: 30 }),
    Fifo: queue('q.fifo', { ContentBasedDeduplication: true }),
  }));
}

describe('ReceiveMessage', () => {
  test('with no options, one message comes back, invisible for the queue\'s VisibilityTimeout', () => {
    // GIVEN two messages in a queue with a 30 s visibility timeout
    const s = sim();
    s.send('Q', { body: 'a' });
    s.send('Q', { body: 'b' });
    // WHEN a receive names no option
    const got = s.receive('Q');
    // THEN only the oldest message comes back, and reappears after exactly 30 s
    expect(got.map((m) => m.body)).toEqual(['a']);
    expect(s.queue('Q').counts).toEqual({ visible: 1, inFlight: 1, delayed: 0 });
    s.advance(Duration.millis(29_999));
    expect(s.queue('Q').counts).toEqual({ visible: 1, inFlight: 1, delayed: 0 });
    s.advance(Duration.millis(1));
    expect(s.queue('Q').counts).toEqual({ visible: 2, inFlight: 0, delayed: 0 });
    expect(s.events({ type: 'sqs.visibilityExpired' }).map((e) => [e.time, e.resource, e.messageId])).toEqual([[30_000, 'Q', got[0].messageId]]);
  });

  test('a standard message carries the system attributes AWS returns, as strings, and no message attributes', () => {
    // GIVEN a message sent at 1 s, received first at 2 s and again at 40 s
    const s = sim();
    s.advance(Duration.seconds(1));
    const { messageId } = s.send('Q', { body: 'hello' });
    s.advance(Duration.seconds(1));
    const [first] = s.receive('Q');
    s.advance(Duration.seconds(38));
    const [second] = s.receive('Q');
    // THEN each receive reports its own count; the first receive time and the send time stay
    expect(first.systemAttributes).toEqual({ ApproximateReceiveCount: '1', ApproximateFirstReceiveTimestamp: String(START + 2000), SentTimestamp: String(START + 1000), SenderId: ACCOUNT });
    expect(second.systemAttributes).toEqual({ ApproximateReceiveCount: '2', ApproximateFirstReceiveTimestamp: String(START + 2000), SentTimestamp: String(START + 1000), SenderId: ACCOUNT });
    expect({ id: second.messageId, body: second.body, count: second.receiveCount, attributes: second.attributes, group: second.groupId, seq: second.sequenceNumber })
      .toEqual({ id: messageId, body: 'hello', count: 2, attributes: {}, group: undefined, seq: undefined });
  });

  test('a FIFO message adds its group id, deduplication id (the body\'s SHA-256 when content-based) and sequence number', () => {
    // GIVEN a FIFO message with an explicit deduplication id and one with content-based deduplication
    const s = sim();
    s.send('Fifo', { body: 'x', groupId: 'g', deduplicationId: 'd-1', attributes: { kind: 'order' } });
    s.send('Fifo', { body: 'hello', groupId: 'h' });
    // WHEN both are received
    const [explicit, contentBased] = s.receive('Fifo', { maxMessages: 10 });
    // THEN every FIFO attribute is there
    expect(explicit.systemAttributes).toEqual({
      ApproximateReceiveCount: '1', ApproximateFirstReceiveTimestamp: String(START), SentTimestamp: String(START), SenderId: ACCOUNT,
      MessageGroupId: 'g', MessageDeduplicationId: 'd-1', SequenceNumber: '00000000000000000001',
    });
    expect(explicit.attributes).toEqual({ kind: { DataType: 'String', StringValue: 'order' } });
    expect([explicit.groupId, explicit.sequenceNumber]).toEqual(['g', '00000000000000000001']);
    expect(contentBased.systemAttributes.MessageDeduplicationId).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect(contentBased.systemAttributes.SequenceNumber).toBe('00000000000000000002');
  });

  test('the queue counts received, deleted and empty receives; a receive that returns nothing is an empty receive', () => {
    // GIVEN one message
    const s = sim();
    s.send('Q', { body: 'a' });
    // WHEN it is received and deleted, and two receives find nothing
    const [m] = s.receive('Q', { maxMessages: 10 });
    s.delete('Q', m.receiptHandle);
    expect(s.receive('Q')).toEqual([]);
    expect(s.receive('Q', { maxMessages: 10 })).toEqual([]);
    // THEN the totals say so
    expect({ ...s.queue('Q').totals }).toEqual({ sent: 1, received: 1, deleted: 1, emptyReceives: 2 });
  });

  test('the age of the oldest message counts whole seconds from its send, and is 0 when nothing is visible', () => {
    // GIVEN a message sent at 0
    const s = sim();
    expect(s.queue('Q').ageOfOldestMessage).toBe(0);
    s.send('Q', { body: 'a' });
    s.advance(Duration.millis(1999));
    s.send('Q', { body: 'b' });
    // THEN its age is 1 s at 1.999 s, 2 s at 2 s
    expect(s.queue('Q').ageOfOldestMessage).toBe(1);
    s.advance(Duration.millis(1));
    expect(s.queue('Q').ageOfOldestMessage).toBe(2);
    // WHEN the oldest is received THEN the next one is the oldest
    s.receive('Q');
    expect(s.queue('Q').ageOfOldestMessage).toBe(0);
    s.advance(Duration.millis(1000));
    expect(s.queue('Q').ageOfOldestMessage).toBe(1);
  });
});

describe('long polling', () => {
  test('a wait returns the message that becomes visible during it, at that moment', () => {
    // GIVEN a message delayed 5 s
    const s = sim();
    s.send('Q', { body: 'late', delay: Duration.seconds(5) });
    // WHEN a receive waits up to 20 s
    const got = s.receive('Q', { waitTime: Duration.seconds(20) });
    // THEN it returns the message at 5 s
    expect(got.map((m) => m.body)).toEqual(['late']);
    expect(s.now).toBe(5000);
  });

  test('a wait that finds nothing ends at its deadline; the queue\'s ReceiveMessageWaitTimeSeconds is the default wait', () => {
    // GIVEN an empty queue and a queue that long-polls 3 s by default
    const s = Simulation.fromTemplate(template({ Q: queue('q'), Polling: queue('polling', { ReceiveMessageWaitTimeSeconds: 3 }) }));
    // WHEN each is received from
    expect(s.receive('Q', { waitTime: Duration.seconds(2) })).toEqual([]);
    expect(s.now).toBe(2000);
    expect(s.receive('Polling')).toEqual([]);
    expect(s.now).toBe(5000);
    // THEN a wait of 0 overrides the queue's default: no time passes
    expect(s.receive('Polling', { waitTime: Duration.seconds(0) })).toEqual([]);
    expect(s.now).toBe(5000);
    // THEN a short-polling queue does not move time
    expect(s.receive('Q')).toEqual([]);
    expect(s.now).toBe(5000);
  });

  test('a message visible later than the deadline is not returned, and time stops at the deadline', () => {
    // GIVEN a message delayed 10 s
    const s = sim();
    s.send('Q', { body: 'late', delay: Duration.seconds(10) });
    // WHEN a receive waits 10 s less a millisecond THEN it returns nothing at 9.999 s
    expect(s.receive('Q', { waitTime: Duration.millis(9_999) })).toEqual([]);
    expect(s.now).toBe(9_999);
    // WHEN a receive waits to 10 s THEN the message is there
    expect(s.receive('Q', { waitTime: Duration.millis(1) }).map((m) => m.body)).toEqual(['late']);
  });
});

describe('DeleteMessage and receipt handles', () => {
  test('fails if the handle is not one the queue issued, with the handle in the message', () => {
    // GIVEN a received message
    const s = sim();
    s.send('Q', { body: 'a' });
    const [m] = s.receive('Q');
    expect(m.receiptHandle).toMatch(/^AQEB[1-9]\d*$/);
    // WHEN handles that are not current are used THEN each fails the same way
    for (const handle of ['nope', 'AQEB0', 'AQEB', 'AQEB1x', 'AQEB99', `${m.receiptHandle}0`, `AQEB${'1'.repeat(16)}`, m.receiptHandle.replace('AQEB', 'AQEB0')]) {
      expect(() => s.delete('Q', handle)).toThrow(`ReceiptHandleIsInvalid: DeleteMessage on Q failed: receipt handle ${handle} is not current (the message was deleted or received again)`);
    }
    expect(s.events({ type: 'sqs.deleteFailed' })).toHaveLength(8);
    expect(s.events({ type: 'sqs.deleteFailed' })[0]).toMatchObject({ resource: 'Q', reason: 'receipt handle nope is not current (the message was deleted or received again)' });
    // THEN the message is still in flight, and its own handle deletes it once
    expect(s.queue('Q').counts).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
    s.delete('Q', m.receiptHandle);
    expect(s.queue('Q').counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect(() => s.delete('Q', m.receiptHandle)).toThrow(/^ReceiptHandleIsInvalid: /);
  });

  test('a handle of one queue does not delete a message of another', () => {
    // GIVEN a message received from each queue
    const s = Simulation.fromTemplate(template({ A: queue('a'), B: queue('b') }));
    s.send('A', { body: 'a' });
    s.send('B', { body: 'b' });
    const [a] = s.receive('A');
    const [b] = s.receive('B');
    // THEN A's handle fails on B, and B's on A
    expect(() => s.delete('B', a.receiptHandle)).toThrow(`ReceiptHandleIsInvalid: DeleteMessage on B failed: receipt handle ${a.receiptHandle} is not current (the message was deleted or received again)`);
    expect(() => s.delete('A', b.receiptHandle)).toThrow(/^ReceiptHandleIsInvalid: DeleteMessage on A failed/);
  });

  test('a handle still deletes a message whose visibility ran out, until the message is received again', () => {
    // GIVEN a message received, and visible again after 30 s
    const s = sim();
    s.send('Q', { body: 'a' });
    const [first] = s.receive('Q');
    s.advance(Duration.seconds(30));
    // WHEN it is deleted with the first handle THEN it is gone
    s.delete('Q', first.receiptHandle);
    expect(s.queue('Q').counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    // GIVEN another message received twice THEN the first handle no longer works
    s.send('Q', { body: 'b' });
    const [b1] = s.receive('Q');
    s.advance(Duration.seconds(30));
    const [b2] = s.receive('Q');
    expect(() => s.delete('Q', b1.receiptHandle)).toThrow(/^ReceiptHandleIsInvalid: /);
    s.delete('Q', b2.receiptHandle);
    expect(s.events({ type: 'sqs.deleted' }).map((e) => e.messageId)).toEqual([first.messageId, b2.messageId]);
  });

  test('many messages in flight at once are each deleted by their own handle, in any order', () => {
    // GIVEN 60 messages received (the receipt table grows past its first size)
    const s = sim();
    for (let i = 0; i < 60; i++) s.send('Q', { body: String(i) });
    const received = Array.from({ length: 6 }, () => s.receive('Q', { maxMessages: 10 })).flat();
    expect(received.map((m) => m.body)).toEqual(Array.from({ length: 60 }, (_, i) => String(i)));
    // WHEN they are deleted in a scrambled order THEN each delete works once, and in-flight counts down
    const order = received.map((_, i) => (i * 37) % 60);
    order.forEach((i, n) => {
      s.delete('Q', received[i].receiptHandle);
      expect(s.queue('Q').counts.inFlight).toBe(59 - n);
    });
    for (const m of received) expect(() => s.delete('Q', m.receiptHandle)).toThrow(/^ReceiptHandleIsInvalid: /);
    expect(s.queue('Q').inFlight).toEqual([]);
  });
});

describe('ChangeMessageVisibility', () => {
  test('the new timeout counts from now; 0 makes the message visible at once', () => {
    // GIVEN a message received at 0 with a 30 s timeout
    const s = sim();
    s.send('Q', { body: 'a' });
    const [m] = s.receive('Q');
    // WHEN at 10 s its timeout becomes 5 s THEN it is visible at 15 s, not before
    s.advance(Duration.seconds(10));
    s.changeVisibility('Q', m.receiptHandle, Duration.seconds(5));
    s.advance(Duration.millis(4_999));
    expect(s.queue('Q').counts.visible).toBe(0);
    s.advance(Duration.millis(1));
    expect(s.queue('Q').counts.visible).toBe(1);
    // WHEN received again and set to 0 THEN it is visible at once
    const [again] = s.receive('Q');
    s.changeVisibility('Q', again.receiptHandle, Duration.seconds(0));
    expect(s.queue('Q').counts).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
    expect(s.events({ type: 'sqs.visibilityChanged' }).map((e) => [e.time, e.messageId, e.detail])).toEqual([
      [10_000, m.messageId, { timeoutMs: 5000 }],
      [15_000, m.messageId, { timeoutMs: 0 }],
    ]);
  });

  test('up to 12 hours after the receive is accepted; fails if it would end a millisecond later', () => {
    // GIVEN a message received at 0, and 1 s later
    const s = sim();
    s.send('Q', { body: 'a' });
    const [m] = s.receive('Q');
    s.advance(Duration.seconds(1));
    // THEN 43,199 s from now is accepted; 43,199.001 s fails, naming the timeout and the cap
    s.changeVisibility('Q', m.receiptHandle, Duration.seconds(43_199));
    expect(() => s.changeVisibility('Q', m.receiptHandle, Duration.millis(43_199_001)))
      .toThrow('InvalidParameterValue: ChangeMessageVisibility on Q failed: visibility timeout 43199.001s would end more than 12 hours after the message was received');
    expect(s.queue('Q').changeVisibility(m.receiptHandle, -1)).toEqual({ ok: false, code: 'InvalidParameterValue', reason: 'visibility timeout -0.001s would end more than 12 hours after the message was received' });
    expect(s.queue('Q').changeVisibility(m.receiptHandle, 0)).toEqual({ ok: true });
  });

  test('fails if the handle is not current, or if the message is visible again', () => {
    // GIVEN a message received, visible again after 30 s
    const s = sim();
    s.send('Q', { body: 'a' });
    const [m] = s.receive('Q');
    expect(() => s.changeVisibility('Q', 'AQEB999', Duration.seconds(1))).toThrow('ReceiptHandleIsInvalid: ChangeMessageVisibility on Q failed: receipt handle AQEB999 is not current');
    s.advance(Duration.seconds(30));
    // WHEN its old handle changes its visibility THEN MessageNotInflight names the message
    expect(() => s.changeVisibility('Q', m.receiptHandle, Duration.seconds(1))).toThrow(`MessageNotInflight: ChangeMessageVisibility on Q failed: message ${m.messageId} is not in flight`);
  });
});

describe('the trace of a message\'s life', () => {
  test('sent, received (with its count), visibility expired, received, deleted', () => {
    // GIVEN a message sent and received twice, then deleted
    const s = sim();
    const { messageId } = s.send('Q', { body: 'a' });
    s.receive('Q');
    s.advance(Duration.seconds(30));
    const [m] = s.receive('Q');
    s.delete('Q', m.receiptHandle);
    // THEN the trace tells it in order
    expect(s.events({ resource: 'Q' }).map((e) => [e.time, e.type, e.messageId, e.reason, e.detail])).toEqual([
      [0, 'sqs.sent', messageId, undefined, undefined],
      [0, 'sqs.received', messageId, undefined, { receiveCount: 1 }],
      [30_000, 'sqs.visibilityExpired', messageId, undefined, undefined],
      [30_000, 'sqs.received', messageId, undefined, { receiveCount: 2 }],
      [30_000, 'sqs.deleted', messageId, undefined, undefined],
    ]);
  });

  test('a summary trace counts sends, receives and deletes without recording them', () => {
    // GIVEN a simulation with a summary trace
    const s = Simulation.fromTemplate(template({ Q: queue('q') }), { trace: 'summary' });
    s.send('Q', { body: 'a' });
    s.send('Q', { body: 'b' });
    const [m] = s.receive('Q');
    s.delete('Q', m.receiptHandle);
    // THEN the counts are exact and no event is kept
    expect([s.runtime.trace.count('sqs.sent'), s.runtime.trace.count('sqs.received'), s.runtime.trace.count('sqs.deleted')]).toEqual([2, 1, 1]);
    expect(s.events({ type: ['sqs.sent', 'sqs.received', 'sqs.deleted'] })).toEqual([]);
  });
});
