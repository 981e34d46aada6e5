import { Trace } from '../../lib/simulator/trace';

// The trace keeps records in 'full' mode, only counts in 'summary' mode, and nothing when off.

function filled(trace: Trace): Trace {
  trace.record(0, 'sns.published', 'Topic', 'sns-1');
  trace.record(5, 'sqs.sent', 'Queue', 'sqs-1', undefined, { snsMessageId: 'sns-1' });
  trace.record(9, 'sqs.received', 'Queue', 'sqs-1', 'first', { receiveCount: 1 });
  trace.record(12, 'lambda.invoked', 'Fn', undefined, undefined, { sqsMessageId: 'sqs-1' });
  trace.record(15, 'sqs.sent', 'Other', 'sqs-2');
  trace.tally('sqs.sent');
  return trace;
}

describe('Trace', () => {
  test('full mode keeps every record with its position and counts every type', () => {
    const trace = filled(new Trace());
    expect(trace.mode).toBe('full');
    expect([trace.full, trace.enabled, trace.length]).toEqual([true, true, 5]);
    expect(trace.events[2]).toEqual({ seq: 2, time: 9, type: 'sqs.received', resource: 'Queue', messageId: 'sqs-1', reason: 'first', detail: { receiveCount: 1 } });
    expect(trace.events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(trace.summary()).toEqual({ 'lambda.invoked': 1, 'sns.published': 1, 'sqs.received': 1, 'sqs.sent': 3 });
    expect(Object.keys(trace.summary())).toEqual(['lambda.invoked', 'sns.published', 'sqs.received', 'sqs.sent']);
    expect([trace.count(), trace.count('sqs.sent'), trace.count('sqs.deleted')]).toEqual([6, 3, 0]);
    expect(trace.count({ type: 'sqs.sent', resource: 'Queue' })).toBe(1);
  });

  test('filter matches every given field: one type or several, resource, message id', () => {
    const trace = filled(new Trace('full'));
    const types = (q: Parameters<Trace['filter']>[0]) => trace.filter(q).map((e) => `${e.type}:${e.resource}`);
    expect(types({})).toEqual(['sns.published:Topic', 'sqs.sent:Queue', 'sqs.received:Queue', 'lambda.invoked:Fn', 'sqs.sent:Other']);
    expect(trace.filter()).toHaveLength(5);
    expect(types({ type: 'sqs.sent' })).toEqual(['sqs.sent:Queue', 'sqs.sent:Other']);
    expect(types({ type: ['sqs.sent', 'sns.published'] })).toEqual(['sns.published:Topic', 'sqs.sent:Queue', 'sqs.sent:Other']);
    expect(types({ resource: 'Queue' })).toEqual(['sqs.sent:Queue', 'sqs.received:Queue']);
    expect(types({ messageId: 'sqs-1' })).toEqual(['sqs.sent:Queue', 'sqs.received:Queue']);
    expect(types({ type: 'sqs.sent', resource: 'Other', messageId: 'sqs-2' })).toEqual(['sqs.sent:Other']);
    expect(types({ type: 'sqs.sent', resource: 'Other', messageId: 'sqs-1' })).toEqual([]);
  });

  test('messageHistory follows a message through its SNS id, its SQS id and the details naming them', () => {
    const trace = filled(new Trace());
    expect(trace.messageHistory('sns-1').map((e) => e.type)).toEqual(['sns.published', 'sqs.sent']);
    expect(trace.messageHistory('sqs-1').map((e) => e.type)).toEqual(['sqs.sent', 'sqs.received', 'lambda.invoked']);
    expect(trace.messageHistory('none')).toEqual([]);
  });

  test('summary mode counts without keeping records', () => {
    const trace = filled(new Trace('summary'));
    expect([trace.full, trace.enabled, trace.length]).toEqual([false, true, 0]);
    expect(trace.events).toEqual([]);
    expect(trace.summary()).toEqual({ 'lambda.invoked': 1, 'sns.published': 1, 'sqs.received': 1, 'sqs.sent': 3 });
    expect(trace.count()).toBe(6);
    const counter = trace.counter('sqs.deleted');
    expect(trace.counter('sqs.deleted')).toBe(counter);
    expect(trace.summary()['sqs.deleted']).toBeUndefined();
    counter.n++;
    expect(trace.count('sqs.deleted')).toBe(1);
  });

  test('off counts and keeps nothing, and its counters are cells nothing reads', () => {
    const trace = filled(new Trace(false));
    expect([trace.full, trace.enabled, trace.length, trace.count()]).toEqual([false, false, 0, 0]);
    expect(trace.summary()).toEqual({});
    const counter = trace.counter('sqs.sent');
    counter.n += 5;
    expect(trace.counter('sqs.sent')).not.toBe(counter);
    expect(trace.count('sqs.sent')).toBe(0);
  });
});
