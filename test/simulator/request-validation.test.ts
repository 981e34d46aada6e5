import { Duration } from 'aws-cdk-lib';
import { InvalidRequestError, Simulation } from '../../lib/simulator';
import { queue, snsQueuePolicy, subscription, template, topic } from './fixtures/templates';

// Requests the SQS and SNS APIs reject are rejected, naming the parameter, the value and the allowed range;
// the value exactly at each limit is accepted (AWS-FACTS §1.2, §1.3, §1.4, §2.1).

function sim(): Simulation {
  return Simulation.fromTemplate(template({
    Topic: topic('orders'), Q: queue('q'), Small: queue('small', { MaximumMessageSize: 1024 }),
    Policy: snsQueuePolicy('Topic', 'Q'), Sub: subscription('Topic', 'Q', { RawMessageDelivery: 'true' }),
  }));
}

function sendMany(s: Simulation, n: number): void {
  for (let i = 0; i < n; i++) s.send('Q', { body: `m${i}` });
}

describe('ReceiveMessage', () => {
  test('MaxNumberOfMessages 1 returns one message, 10 returns ten of eleven', () => {
    const s = sim();
    sendMany(s, 11);
    expect(s.receive('Q', { maxMessages: 1 })).toHaveLength(1);
    expect(s.receive('Q', { maxMessages: 10 })).toHaveLength(10);
  });

  test('fails if MaxNumberOfMessages is outside 1–10 or not a whole number', () => {
    const s = sim();
    expect(() => s.receive('Q', { maxMessages: 11 })).toThrow(/InvalidParameterValue: value 11 for parameter MaxNumberOfMessages is invalid: it must be 1–10/);
    expect(() => s.receive('Q', { maxMessages: 0 })).toThrow(/value 0 for parameter MaxNumberOfMessages/);
    expect(() => s.receive('Q', { maxMessages: 1.5 })).toThrow(/value 1.5 for parameter MaxNumberOfMessages/);
    expect(() => s.receive('Q', { maxMessages: 0 })).toThrow(InvalidRequestError);
  });

  test('WaitTimeSeconds 20 is accepted and waits 20 s; 21 fails', () => {
    const s = sim();
    expect(s.receive('Q', { waitTime: Duration.seconds(20) })).toEqual([]);
    expect(s.now).toBe(20_000);
    expect(() => s.receive('Q', { waitTime: Duration.seconds(21) })).toThrow(/value 21 for parameter WaitTimeSeconds is invalid: it must be 0–20 seconds/);
    expect(() => s.receive('Q', { waitTime: Duration.millis(20_001) })).toThrow(/value 20.001 for parameter WaitTimeSeconds/);
  });

  test('VisibilityTimeout 12 h hides the message for exactly 12 h, 0 not at all; 12 h + 1 s fails', () => {
    const s = sim();
    s.send('Q', { body: 'b' });
    expect(() => s.receive('Q', { visibilityTimeout: Duration.seconds(43_201) })).toThrow(/value 43201 for parameter VisibilityTimeout is invalid: it must be 0–43,200 seconds/);
    expect(s.queue('Q').counts.visible).toBe(1);
    expect(s.receive('Q', { visibilityTimeout: Duration.seconds(0) })).toHaveLength(1);
    expect(s.queue('Q').counts.visible).toBe(1);
    expect(s.receive('Q', { visibilityTimeout: Duration.seconds(43_200) })).toHaveLength(1);
    s.advance(Duration.millis(43_199_999));
    expect(s.queue('Q').counts.visible).toBe(0);
    s.advance(Duration.millis(1));
    expect(s.queue('Q').counts.visible).toBe(1);
  });
});

describe('ChangeMessageVisibility', () => {
  test('may end exactly 12 h after the receive, not 1 s later', () => {
    const s = sim();
    s.send('Q', { body: 'b' });
    const [m] = s.receive('Q');
    s.changeVisibility('Q', m.receiptHandle, Duration.seconds(43_200));
    s.advance(Duration.seconds(1));
    s.changeVisibility('Q', m.receiptHandle, Duration.seconds(43_199));
    expect(() => s.changeVisibility('Q', m.receiptHandle, Duration.seconds(43_200)))
      .toThrow(/InvalidParameterValue: ChangeMessageVisibility on Q failed: visibility timeout 43200s would end more than 12 hours after the message was received/);
  });
});

describe('SendMessage', () => {
  test('10 message attributes are accepted; 11 fail', () => {
    const s = sim();
    const attributes = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, 'v']));
    s.send('Q', { body: 'ten', attributes: attributes(10) });
    expect(() => s.send('Q', { body: 'b', attributes: attributes(11) })).toThrow(/InvalidParameterValue.*11 message attributes; MessageAttributes must be 0–10/);
    expect(s.queue('Q').visible.map((m) => m.body)).toEqual(['ten']);
  });

  test('DelaySeconds 900 is accepted; 901 fails', () => {
    const s = sim();
    s.send('Q', { body: 'late', delay: Duration.seconds(900) });
    expect(() => s.send('Q', { body: 'b', delay: Duration.seconds(901) })).toThrow(/InvalidParameterValue: SendMessage to Q failed: DelaySeconds must be 0–900, got 901/);
    s.advance(Duration.millis(899_999));
    expect(s.queue('Q').counts).toEqual({ visible: 0, inFlight: 0, delayed: 1 });
    s.advance(Duration.millis(1));
    expect(s.queue('Q').counts).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
  });

  test('a body of 1 character and a message of exactly MaximumMessageSize are accepted; empty and one byte more fail', () => {
    const s = sim();
    s.send('Small', { body: 'x' });
    s.send('Small', { body: 'y'.repeat(1024) });
    expect(() => s.send('Small', { body: 'z'.repeat(1025) })).toThrow(/the message is 1025 bytes; the queue's MaximumMessageSize is 1024 bytes/);
    expect(() => s.send('Small', { body: '' })).toThrow(/MissingParameter: SendMessage to Small failed: the message body must have at least 1 character/);
    expect(s.queue('Small').counts.visible).toBe(2);
  });
});

describe('Publish', () => {
  test('fails if the message is empty', () => {
    const s = sim();
    expect(() => s.publish('Topic', { message: '' })).toThrow(/^InvalidParameter: Publish to Topic rejected: Message must be 1–262,144 bytes; it is empty$/);
    expect(s.queue('Q').counts.visible).toBe(0);
  });

  test('a message of exactly 262,144 bytes (attributes counted) is accepted; one byte more fails', () => {
    const s = sim();
    const attributeBytes = 'kind'.length + 'String'.length + 'big'.length;
    s.publish('Topic', { message: 'x'.repeat(262_144 - attributeBytes), attributes: { kind: 'big' } });
    expect(() => s.publish('Topic', { message: 'x'.repeat(262_145 - attributeBytes), attributes: { kind: 'big' } }))
      .toThrow(/InvalidParameter: Publish to Topic rejected: the message is 262145 bytes; SNS accepts at most 262144/);
    expect(s.queue('Q').counts.visible).toBe(1);
  });

  test('fails if a Number attribute is not a number or a String.Array is not a JSON array', () => {
    const s = sim();
    expect(() => s.publish('Topic', { message: 'm', attributes: { total: { Type: 'Number', Value: 'ten' } } })).toThrow(/"ten" of message attribute total \(Number\) is not a number/);
    expect(() => s.publish('Topic', { message: 'm', attributes: { tags: { Type: 'String.Array', Value: 'a,b' } } })).toThrow(/"a,b" of message attribute tags \(String.Array\) is not a JSON array/);
    s.publish('Topic', { message: 'm', attributes: { total: 1.5e3, tags: ['a'] } });
    expect(s.queue('Q').counts.visible).toBe(1);
  });
});
