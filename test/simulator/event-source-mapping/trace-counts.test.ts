import { Duration } from 'aws-cdk-lib';
import { Simulation, TraceMode } from '../../../lib/simulator';
import { SqsEvent } from '../../../lib/simulator/services/event-source-mapping/sqs-event';
import { consumerSimulation } from '../fixtures/consumer';

// The mapping counts its hot-path events without building them unless the trace keeps records.

/** Sends batches one at a time: 'ok' batches succeed, a 'bad' record is reported failed, a 'crash' batch throws. */
async function scenario(trace: TraceMode): Promise<Simulation> {
  const sim = consumerSimulation({ reportBatchItemFailures: true, batchSize: 2, batchingWindow: 5, visibilityTimeout: 600 }, { trace });
  sim.onInvoke('Consumer', (e: SqsEvent) => {
    if (e.Records.some((r) => r.body === 'crash')) throw new Error('boom');
    return { batchItemFailures: e.Records.filter((r) => r.body === 'bad').map((r) => ({ itemIdentifier: r.messageId })) };
  });
  for (const bodies of [['ok1', 'ok2'], ['ok3'], ['bad', 'ok4'], ['crash']]) {
    for (const body of bodies) sim.send('Queue', { body });
    await sim.advance(Duration.seconds(30));
  }
  return sim;
}

describe('the mapping\'s trace counts', () => {
  test('summary mode counts every successful batch, as full mode records it', async () => {
    const full = await scenario('full');
    const summary = await scenario('summary');
    expect(full.trace.summary()).toMatchObject({ 'esm.batchInvoked': 4, 'esm.batchSucceeded': 2, 'esm.batchPartiallyFailed': 1, 'esm.batchFailed': 1 });
    expect(summary.trace.summary()).toEqual(full.trace.summary());
    expect(full.events({ type: 'esm.batchSucceeded' }).map((e) => e.detail?.size)).toEqual([2, 1]);
  });

  test('a partial failure on a standard queue is no FIFO order break, whatever it deletes after the failure', async () => {
    const sim = await scenario('full');
    const [partial] = sim.events({ type: 'esm.batchPartiallyFailed' });
    expect(partial.reason).toBe('1 of 2 records reported in batchItemFailures; only those return after the visibility timeout');
    expect(sim.events({ type: 'sqs.deleted' })).toHaveLength(4);
    expect(sim.trace.count('esm.fifoOrderBroken')).toBe(0);
  });
});
