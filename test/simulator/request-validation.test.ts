import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../lib/simulator';
import { queue, snsQueuePolicy, subscription, template, topic } from './fixtures/templates';

// Requests the SQS and SNS APIs reject are rejected, naming the parameter, the value and the allowed range.

function sim(): Simulation {
  return Simulation.fromTemplate(template({ Topic: topic('orders'), Q: queue('q'), Policy: snsQueuePolicy('Topic', 'Q'), Sub: subscription('Topic', 'Q') }));
}

describe('request validation', () => {
  test('receive MaxNumberOfMessages must be 1–10', () => {
    const s = sim();
    expect(() => s.receive('Q', { maxMessages: 11 })).toThrow(/InvalidParameterValue: value 11 for parameter MaxNumberOfMessages is invalid: it must be 1–10/);
    expect(() => s.receive('Q', { maxMessages: 0 })).toThrow(/MaxNumberOfMessages/);
    expect(s.receive('Q', { maxMessages: 10 })).toEqual([]);
  });

  test('receive WaitTimeSeconds must be at most 20 s', () => {
    expect(() => sim().receive('Q', { waitTime: Duration.seconds(21) })).toThrow(/value 21 for parameter WaitTimeSeconds is invalid: it must be 0–20 seconds/);
  });

  test('receive VisibilityTimeout must be 0–12 hours', () => {
    const s = sim();
    s.send('Q', { body: 'b' });
    expect(() => s.receive('Q', { visibilityTimeout: Duration.seconds(43_201) })).toThrow(/value 43201 for parameter VisibilityTimeout is invalid: it must be 0–43,200 seconds/);
    expect(s.queue('Q').counts.visible).toBe(1);
  });

  test('send accepts at most 10 message attributes', () => {
    const s = sim();
    const attributes = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, 'v']));
    expect(() => s.send('Q', { body: 'b', attributes })).toThrow(/InvalidParameterValue.*11 message attributes; MessageAttributes must be 0–10/);
    expect(s.queue('Q').counts.visible).toBe(0);
  });

  test('publish refuses an empty message', () => {
    const s = sim();
    expect(() => s.publish('Topic', { message: '' })).toThrow(/InvalidParameter: Message .* it is empty/);
    expect(s.queue('Q').counts.visible).toBe(0);
  });

  test('publish refuses a Number attribute that is not a number and a String.Array that is not a JSON array', () => {
    const s = sim();
    expect(() => s.publish('Topic', { message: 'm', attributes: { total: { Type: 'Number', Value: 'ten' } } })).toThrow(/"ten" of message attribute total \(Number\) is not a number/);
    expect(() => s.publish('Topic', { message: 'm', attributes: { tags: { Type: 'String.Array', Value: 'a,b' } } })).toThrow(/"a,b" of message attribute tags \(String.Array\) is not a JSON array/);
    s.publish('Topic', { message: 'm', attributes: { total: 1.5e3, tags: ['a'] } });
    expect(s.queue('Q').counts.visible).toBe(1);
  });
});
