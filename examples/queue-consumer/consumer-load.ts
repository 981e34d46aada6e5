import { Duration, Stack } from 'aws-cdk-lib';
import { QueueConsumer } from '../../lib';
import { ScenarioResult, sampleEvery, timeSeriesChart } from '../../lib/catalog';
import { Simulation, SqsEvent } from '../../lib/simulator';

/** A burst of messages into a QueueConsumer, some of which always fail. */
export interface ConsumerLoad {
  /** How many messages arrive at once. */
  readonly messages: number;
  /** Every `failEvery`-th message fails each time it is processed. */
  readonly failEvery: number;
  /** The body of the i-th message. */
  readonly body: (i: number, fails: boolean) => string;
  /** Whether a record fails, read from its body. */
  readonly fails: (body: string) => boolean;
  /** How long one batch takes on the virtual clock. */
  readonly batchDuration: Duration;
  /** How long to watch: past maxReceiveCount x the visibility timeout, so the failures reach the DLQ. */
  readonly watch: Duration;
}

/**
 * Plays a burst through a consumer: the function reports the failing records as batch item failures, the mapping
 * scales up, the good messages are deleted, the failing ones come back after each visibility timeout and end in
 * the dead-letter queue. Plots processed vs dead-lettered over time, and the concurrency ramp.
 */
export async function playConsumerLoad(stack: Stack, consumer: QueueConsumer, load: ConsumerLoad): Promise<ScenarioResult> {
  const sim = Simulation.fromStack(stack, { trace: 'summary' });
  sim.onInvoke(consumer.function, (event: SqsEvent) => ({
    batchItemFailures: event.Records.filter((r) => load.fails(r.body)).map((r) => ({ itemIdentifier: r.messageId })),
  }), { duration: load.batchDuration });
  for (let i = 0; i < load.messages; i++) sim.send(consumer.queue, { body: load.body(i, (i + 1) % load.failEvery === 0) });
  const progress = await sampleEvery(sim, {
    step: Duration.seconds(5), until: load.watch,
    probes: {
      processed: () => sim.trace.count('sqs.deleted'),
      'dead-lettered': () => sim.queue(consumer.deadLetterQueue).counts.visible,
      'waiting or in flight': () => { const c = sim.queue(consumer.queue).counts; return c.visible + c.inFlight; },
    },
  });
  const mapping = sim.mapping(consumer.eventSourceMapping);
  const firstMinute = (points: readonly { time: number; value: number }[]) => points.filter((p) => p.time <= 60_000);
  const metrics = sim.functionMetrics(consumer.function);
  const drained = Math.max(...metrics.durations.map((d) => d.time)) / 1000;
  return {
    outcomes: [
      `${load.messages} messages: ${sim.trace.count('sqs.deleted')} processed, ${sim.queue(consumer.deadLetterQueue).counts.visible} dead-lettered after ${sim.queue(consumer.queue).settings.redrive?.maxReceiveCount ?? '?'} receives each, ${sim.queue(consumer.queue).settings.visibilityTimeoutMs / 1000} s apart.`,
      `${mapping.totals.batches} batches, at most ${mapping.totals.maxActiveBatches} at once (the mapping's cap is ${mapping.settings.maximumConcurrency ?? 'none'}); ${metrics.totals.throttles} throttles; the last batch ended at ${drained.toFixed(1)} s.`,
    ],
    tables: [{ title: 'How the batches ended', columns: ['succeeded', 'partially failed', 'failed', 'throttled'], rows: [[mapping.totals.succeeded, mapping.totals.partiallyFailed, mapping.totals.failed, mapping.totals.throttledUntilVisible]] }],
    plots: [
      { title: 'Processed vs dead-lettered', vegaLite: timeSeriesChart(progress, { title: 'Processed vs dead-lettered', y: 'messages', step: true, timeUnit: 'minutes' }) },
      { title: 'Concurrency over time', vegaLite: timeSeriesChart({ 'batches running': firstMinute(mapping.activeBatches), 'mapping\'s limit': firstMinute(mapping.concurrencyLimit) }, { title: 'Concurrency over the first minute', y: 'concurrent batches', step: true }) },
    ],
  };
}
