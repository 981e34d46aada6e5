import { Duration } from 'aws-cdk-lib';
import { batchOutcome } from '../../../lib/simulator/services/event-source-mapping/batch-result';
import { SqsEvent } from '../../../lib/simulator/services/event-source-mapping/sqs-event';
import { consumerSimulation } from '../fixtures/consumer';

// The rules of Lambda's developer guide, "Handling errors for an SQS event source" (AWS-FACTS §4).
const ids = () => new Set(['m1', 'm2']);
const kind = (response: unknown, reportBatchItemFailures = true) => batchOutcome(undefined, response, reportBatchItemFailures, ids).kind;

describe('which responses mean full success, partial failure, full failure', () => {
  test.each([
    ['null', null],
    ['undefined', undefined],
    ['an empty object (empty EventResponse)', {}],
    ['batchItemFailures null', { batchItemFailures: null }],
    ['batchItemFailures empty', { batchItemFailures: [] }],
  ])('%s is a complete success', (_, response) => {
    expect(kind(response)).toBe('success');
  });

  test.each([
    ['an empty-string itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null itemIdentifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a wrong key name', { batchItemFailures: [{ itemId: 'm1' }] }],
    ['an id not in the batch', { batchItemFailures: [{ itemIdentifier: 'm9' }] }],
    ['a non-string id', { batchItemFailures: [{ itemIdentifier: 1 }] }],
    ['a string response', 'ok'],
    ['an array response', [{ itemIdentifier: 'm1' }]],
    ['batchItemFailures not a list', { batchItemFailures: 'm1' }],
    ['an item that is not an object', { batchItemFailures: ['m1'] }],
  ])('%s fails the whole batch', (_, response) => {
    expect(kind(response)).toBe('failure');
  });

  test('a response that is not serializable as JSON fails the whole batch', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(kind(circular)).toBe('failure');
  });

  test('listed ids of the batch are a partial failure of exactly those', () => {
    const outcome = batchOutcome(undefined, { batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm2' }] }, true, ids);
    expect(outcome).toEqual({ kind: 'partial', failed: new Set(['m2']) });
  });

  test('without ReportBatchItemFailures on the mapping any response is a success, even a failure list', () => {
    expect(kind({ batchItemFailures: [{ itemIdentifier: 'm1' }] }, false)).toBe('success');
    expect(kind('anything', false)).toBe('success');
  });

  test('an error fails the whole batch, whatever the setting', () => {
    expect(batchOutcome({ errorType: 'Error', errorMessage: 'boom' }, undefined, true, ids)).toEqual({ kind: 'failure', reason: 'the function failed: Error: boom' });
    expect(batchOutcome({ errorType: 'Error', errorMessage: 'boom' }, undefined, false, ids).kind).toBe('failure');
  });
});

describe('the rules through a mapping', () => {
  async function run(reportBatchItemFailures: boolean, respond: (e: SqsEvent) => unknown) {
    // GIVEN a consumer with a 5 s batching window so the three messages arrive in one batch
    const sim = consumerSimulation({ reportBatchItemFailures, batchingWindow: 5, visibilityTimeout: 180 });
    const seen: string[][] = [];
    sim.onInvoke('Consumer', (e: SqsEvent) => {
      seen.push(e.Records.map((r) => r.body));
      return respond(e);
    });
    for (const body of ['a', 'b', 'c']) sim.send('Queue', { body });
    // WHEN the batch runs once (less than the visibility timeout)
    await sim.advance(Duration.seconds(10));
    return { sim, seen };
  }

  test('a partial response deletes the others; only the failed record is left in flight', async () => {
    const { sim, seen } = await run(true, (e) => ({ batchItemFailures: [{ itemIdentifier: e.Records[1].messageId }] }));
    expect(seen).toEqual([['a', 'b', 'c']]);
    expect(sim.queue('Queue').inFlight.map((m) => m.body)).toEqual(['b']);
  });

  test('an unknown id fails the whole batch: nothing is deleted', async () => {
    const { sim } = await run(true, () => ({ batchItemFailures: [{ itemIdentifier: 'not-a-message' }] }));
    expect(sim.queue('Queue').inFlight.map((m) => m.body)).toEqual(['a', 'b', 'c']);
    expect(sim.events({ type: 'esm.batchFailed' })[0].reason).toContain('is not the messageId of a record in the batch');
  });

  test('with ReportBatchItemFailures off a failure list is ignored and the whole batch is deleted', async () => {
    const { sim } = await run(false, (e) => ({ batchItemFailures: [{ itemIdentifier: e.Records[0].messageId }] }));
    expect(sim.queue('Queue').counts).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });
});
