import { Duration } from 'aws-cdk-lib';
import { InvalidRequestError, Simulation } from '../../../lib/simulator';
import { queue, template } from '../fixtures/templates';

// What SendMessage refuses, with AWS's error code and the whole message, on standard and FIFO queues: the body,
// the per-message delay (0–900 s), MaximumMessageSize (body and attributes count, in UTF-8 bytes), the FIFO
// group and deduplication ids, and at most 10 message attributes. Each rule at its limit and one past it.

const sim = () => Simulation.fromTemplate(template({
  Q: queue('q'),
  Small: queue('small', { MaximumMessageSize: 1024 }),
  Fifo: queue('q.fifo'),
  Cbd: queue('cbd.fifo', { ContentBasedDeduplication: true, MaximumMessageSize: 1024 }),
}));

describe('SendMessage rules', () => {
  test('fails if the body is empty, on a standard and on a FIFO queue; the refusal is traced with its code', () => {
    // GIVEN a standard and a FIFO queue
    const s = sim();
    // WHEN an empty body is sent THEN MissingParameter says the body needs a character
    expect(() => s.send('Q', { body: '' })).toThrow(new InvalidRequestError('MissingParameter', 'SendMessage to Q failed: the message body must have at least 1 character'));
    expect(() => s.send('Cbd', { body: '', groupId: 'g' })).toThrow('MissingParameter: SendMessage to Cbd failed: the message body must have at least 1 character');
    expect(s.events({ type: 'sqs.sendFailed' }).map((e) => [e.resource, e.reason, e.detail])).toEqual([
      ['Q', 'the message body must have at least 1 character', { code: 'MissingParameter', snsMessageId: undefined }],
      ['Cbd', 'the message body must have at least 1 character', { code: 'MissingParameter', snsMessageId: undefined }],
    ]);
    expect(s.queue('Q').counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    // THEN a one-character body is accepted
    s.send('Q', { body: 'x' });
    expect(s.queue('Q').counts).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
  });

  test('a per-message delay of 0 and of 900 s is accepted; fails if it is 900.001 s or negative', () => {
    // GIVEN a standard queue
    const s = sim();
    // WHEN delays at the limits are sent THEN they are accepted: 0 visible now, 900 s delayed
    s.send('Q', { body: 'now', delay: Duration.seconds(0) });
    s.send('Q', { body: 'late', delay: Duration.seconds(900) });
    expect(s.queue('Q').counts).toEqual({ visible: 1, inFlight: 0, delayed: 1 });
    // THEN one past either end fails with the allowed range and the value
    expect(() => s.send('Q', { body: 'x', delay: Duration.millis(900_001) })).toThrow('InvalidParameterValue: SendMessage to Q failed: DelaySeconds must be 0–900, got 900.001');
    expect(s.queue('Q').send({ body: 'x', delayMs: -1 })).toEqual({ ok: false, code: 'InvalidParameterValue', reason: 'DelaySeconds must be 0–900, got -0.001' });
    // THEN the 900 s message becomes visible at 900 s, not a millisecond before
    s.advance(Duration.millis(899_999));
    expect(s.queue('Q').counts).toEqual({ visible: 1, inFlight: 0, delayed: 1 });
    s.advance(Duration.millis(1));
    expect(s.queue('Q').counts).toEqual({ visible: 2, inFlight: 0, delayed: 0 });
    expect(s.events({ type: 'sqs.visible' }).map((e) => [e.time, e.resource])).toEqual([[900_000, 'Q']]);
  });

  test('a body of exactly MaximumMessageSize UTF-8 bytes is accepted; fails if it is one byte more', () => {
    // GIVEN a queue of 1,024 bytes at most
    const s = sim();
    // WHEN a body of 1,024 bytes is sent THEN it is stored
    s.send('Small', { body: 'x'.repeat(1024) });
    // WHEN 1,025 bytes are sent THEN InvalidParameterValue gives the size and the maximum
    expect(() => s.send('Small', { body: 'x'.repeat(1025) })).toThrow("InvalidParameterValue: SendMessage to Small failed: the message is 1025 bytes; the queue's MaximumMessageSize is 1024 bytes");
    // WHEN multi-byte characters make 1,026 bytes of 342 characters THEN the UTF-8 size is what counts
    expect(() => s.send('Small', { body: '€'.repeat(342) })).toThrow("InvalidParameterValue: SendMessage to Small failed: the message is 1026 bytes; the queue's MaximumMessageSize is 1024 bytes");
    s.send('Small', { body: '€'.repeat(341) + 'x' });
    expect(s.queue('Small').counts.visible).toBe(2);
  });

  test('message attributes count against MaximumMessageSize: name, data type and value', () => {
    // GIVEN a queue of 1,024 bytes at most
    const s = sim();
    // WHEN a String attribute makes body + "k" + "String" + value exactly 1,024 bytes THEN it is stored
    const value = 'v'.repeat(1024 - 1000 - 1 - 6);
    s.send('Small', { body: 'x'.repeat(1000), attributes: { k: value } });
    expect(s.queue('Small').counts.visible).toBe(1);
    // WHEN the value is one byte longer THEN it fails at 1,025 bytes
    expect(() => s.send('Small', { body: 'x'.repeat(1000), attributes: { k: value + 'v' } })).toThrow("InvalidParameterValue: SendMessage to Small failed: the message is 1025 bytes; the queue's MaximumMessageSize is 1024 bytes");
    // WHEN a Number attribute is sent THEN its data type "Number" (6 bytes) and its 18 digits count the same way
    expect(() => s.send('Small', { body: 'x'.repeat(1000), attributes: { k: 1e17 } })).toThrow("InvalidParameterValue: SendMessage to Small failed: the message is 1025 bytes; the queue's MaximumMessageSize is 1024 bytes");
    s.send('Small', { body: 'x'.repeat(1000), attributes: { k: 1e16 } });
    expect(s.queue('Small').counts.visible).toBe(2);
  });

  test('fails if a short body carries an attribute that makes the message too large', () => {
    // GIVEN a queue of 1,024 bytes at most
    const s = sim();
    // WHEN a one-byte body carries a 1,100-character attribute THEN the attribute's bytes make it too large
    expect(() => s.send('Small', { body: 'x', attributes: { k: 'v'.repeat(1100) } })).toThrow("InvalidParameterValue: SendMessage to Small failed: the message is 1108 bytes; the queue's MaximumMessageSize is 1024 bytes");
    expect(() => s.send('Cbd', { body: 'x', groupId: 'g', attributes: { b: Buffer.alloc(1100, 1) } })).toThrow("InvalidParameterValue: SendMessage to Cbd failed: the message is 1108 bytes; the queue's MaximumMessageSize is 1024 bytes");
    expect(s.queue('Small').counts.visible + s.queue('Cbd').counts.visible).toBe(0);
  });

  test('a Binary attribute counts its decoded bytes, not its base64 text', () => {
    // GIVEN a FIFO queue of 1,024 bytes at most, and 12 bytes as 16 base64 characters
    const s = sim();
    const twelveBytes = Buffer.alloc(12, 1);
    // WHEN body + "b" + "Binary" + 12 bytes is 1,024 bytes THEN it is stored
    s.send('Cbd', { body: 'x'.repeat(1024 - 1 - 6 - 12), groupId: 'g', attributes: { b: twelveBytes } });
    expect(s.queue('Cbd').counts.visible).toBe(1);
    // WHEN the body is one byte longer THEN it is 1,025 bytes
    expect(() => s.send('Cbd', { body: 'y'.repeat(1024 - 1 - 6 - 12 + 1), groupId: 'g', attributes: { b: twelveBytes } }))
      .toThrow("InvalidParameterValue: SendMessage to Cbd failed: the message is 1025 bytes; the queue's MaximumMessageSize is 1024 bytes");
  });

  test('10 message attributes are accepted; fails if there are 11', () => {
    // GIVEN a standard queue
    const s = sim();
    const attributes = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, 'v']));
    // WHEN 10 attributes are sent THEN the message keeps all of them
    s.send('Q', { body: 'ten', attributes: attributes(10) });
    expect(Object.keys(s.receive('Q')[0].attributes)).toHaveLength(10);
    // WHEN 11 are sent THEN InvalidParameterValue names the count and the range
    expect(() => s.send('Q', { body: 'eleven', attributes: attributes(11) })).toThrow(/^InvalidParameterValue: SendMessage to Q failed: the message has 11 message attributes; /);
  });

  test('fails if a FIFO message has no group id, a per-message delay, or (without content-based deduplication) no deduplication id', () => {
    // GIVEN a FIFO queue without ContentBasedDeduplication
    const s = sim();
    expect(() => s.send('Fifo', { body: 'x', deduplicationId: 'd' })).toThrow('MissingParameter: SendMessage to Fifo failed: a FIFO queue needs a MessageGroupId on every message');
    expect(() => s.send('Fifo', { body: 'x', groupId: 'g', deduplicationId: 'd', delay: Duration.seconds(0) }))
      .toThrow('InvalidParameterValue: SendMessage to Fifo failed: FIFO queues do not support a per-message DelaySeconds; only the queue-level delay applies');
    expect(() => s.send('Fifo', { body: 'x', groupId: 'g' }))
      .toThrow('InvalidParameterValue: SendMessage to Fifo failed: the queue has no ContentBasedDeduplication, so each message needs a MessageDeduplicationId');
    // WHEN every id is given THEN it is stored with sequence number 1
    expect(s.send('Fifo', { body: 'x', groupId: 'g', deduplicationId: 'd' })).toEqual({ ok: true, messageId: expect.any(String), sequenceNumber: '00000000000000000001', deduplicated: false });
    expect(s.queue('Fifo').counts).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
  });

  test('a standard queue returns no sequence number; a FIFO queue counts its own, padded to 20 digits', () => {
    // GIVEN two FIFO queues and a standard queue
    const s = sim();
    expect(s.send('Q', { body: 'a' })).toEqual({ ok: true, messageId: expect.any(String), sequenceNumber: undefined, deduplicated: false });
    expect(s.send('Cbd', { body: 'a', groupId: 'g' }).sequenceNumber).toBe('00000000000000000001');
    expect(s.send('Cbd', { body: 'b', groupId: 'h' }).sequenceNumber).toBe('00000000000000000002');
    expect(s.send('Fifo', { body: 'a', groupId: 'g', deduplicationId: '1' }).sequenceNumber).toBe('00000000000000000001');
    // WHEN a duplicate is sent THEN it gets a message id but no sequence number, and the counter does not move
    expect(s.send('Cbd', { body: 'a', groupId: 'g' })).toEqual({ ok: true, messageId: expect.any(String), deduplicated: true });
    expect(s.send('Cbd', { body: 'c', groupId: 'g' }).sequenceNumber).toBe('00000000000000000003');
  });
});
