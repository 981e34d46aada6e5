import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { MetricRegistry, StatisticSeries } from '../../../lib/simulator/world/metrics';
import { consumerSimulation } from '../fixtures/consumer';
import { queue, template } from '../fixtures/templates';

const MINUTE = 60_000;
const sqsMetric = (metricName: string, QueueName = 'orders') => ({ namespace: 'AWS/SQS', metricName, dimensions: { QueueName } });

describe('statistic series', () => {
  test('values are grouped into periods aligned on the period: the last millisecond of a minute is in it, the next is not', () => {
    // GIVEN values at 0 s, 59.999 s and 60 s
    const s = new StatisticSeries();
    s.record(0, 3);
    s.record(59_999, 1);
    s.record(60_000, 7);
    // THEN a 60 s period holds the first two, the next one the third; a 1 s period keeps each second apart
    expect(s.datapoints(0, 2 * MINUTE, MINUTE)).toEqual([
      { time: 0, sampleCount: 2, sum: 4, minimum: 1, maximum: 3 },
      { time: MINUTE, sampleCount: 1, sum: 7, minimum: 7, maximum: 7 },
    ]);
    expect(s.datapoints(0, 2 * MINUTE, 1000).map((d) => d.time)).toEqual([0, 59_000, 60_000]);
    // AND a span that ends at 60 s leaves the third out, a period without data has no datapoint
    expect(s.datapoints(0, MINUTE, MINUTE)).toHaveLength(1);
    expect(s.datapoints(2 * MINUTE, 3 * MINUTE, MINUTE)).toEqual([]);
  });

  test('fails if the period is not a whole number of seconds', () => {
    const s = new StatisticSeries();
    expect(() => s.datapoints(0, MINUTE, 1500)).toThrow('a period must be a whole number of seconds, at least 1 (got 1500 ms)');
    expect(() => s.datapoints(0, MINUTE, 999)).toThrow(/at least 1/);
  });
});

describe('the metric registry', () => {
  test('finds a metric by namespace, name and dimensions in any order, and lists by filter', () => {
    const registry = new MetricRegistry();
    registry.counter('Custom', 'Jobs', { Service: 'a', Stage: 'prod' }, 'Count', () => 0);
    registry.gauge('Custom', 'Jobs', { Service: 'b', Stage: 'prod' }, 'Count', () => 0);
    expect(registry.find({ namespace: 'Custom', metricName: 'Jobs', dimensions: { Stage: 'prod', Service: 'b' } })?.dimensions.Service).toBe('b');
    expect(registry.find({ namespace: 'Custom', metricName: 'Jobs', dimensions: { Service: 'b' } })).toBeUndefined();
    expect(registry.list({ dimensions: { Stage: 'prod' } })).toHaveLength(2);
    expect(registry.list({ namespace: 'Other' })).toEqual([]);
  });

  test('fails if a metric is published twice', () => {
    const registry = new MetricRegistry();
    registry.counter('Custom', 'Jobs', { Service: 'a' }, 'Count', () => 0);
    expect(() => registry.gauge('Custom', 'Jobs', { Service: 'a' }, 'Count', () => 0)).toThrow('the metric Custom Jobs Service=a is published twice');
  });

  test('a counter\'s datapoints are its increases between samples, at the earlier sample\'s time; a second sample at one instant changes nothing', () => {
    // GIVEN a running total that reaches 5 by 60 s and 7 by 120 s
    const registry = new MetricRegistry();
    let total = 0;
    const jobs = registry.counter('Custom', 'Jobs', {}, 'Count', () => total);
    total = 5;
    registry.sample(MINUTE);
    total = 7;
    registry.sample(2 * MINUTE);
    registry.sample(2 * MINUTE);
    // THEN each minute has its increase
    expect(jobs.datapoints(0, 3 * MINUTE, MINUTE).map((d) => [d.time, d.sum])).toEqual([[0, 5], [MINUTE, 2]]);
  });
});

describe('SQS metrics (AWS/SQS, QueueName)', () => {
  test('sends, receives, deletes and empty receives are counted per minute, once sampled', () => {
    // GIVEN a queue
    const sim = Simulation.fromTemplate(template({ Orders: queue('orders') }));
    // WHEN 3 messages are sent, 2 received in one call and 1 deleted in the first minute; in the second, the 2 visible
    // (one back after its 30 s visibility timeout) received, then an empty receive and a send; sampled at each minute's end
    for (const body of ['a', 'b', 'c']) sim.send('Orders', { body });
    const got = sim.receive('Orders', { maxMessages: 2 });
    sim.delete('Orders', got[0].receiptHandle);
    sim.advance(Duration.minutes(1));
    sim.metrics.sample(sim.now);
    sim.receive('Orders', { maxMessages: 10 });
    sim.receive('Orders');
    sim.send('Orders', { body: 'd' });
    sim.advance(Duration.minutes(1));
    sim.metrics.sample(sim.now);
    // THEN each count has a datapoint per minute
    const sums = (name: string) => sim.metrics.find(sqsMetric(name))!.datapoints(0, 2 * MINUTE, MINUTE).map((d) => [d.time, d.sum]);
    expect(sums('NumberOfMessagesSent')).toEqual([[0, 3], [MINUTE, 1]]);
    expect(sums('NumberOfMessagesReceived')).toEqual([[0, 2], [MINUTE, 2]]);
    expect(sums('NumberOfMessagesDeleted')).toEqual([[0, 1], [MINUTE, 0]]);
    expect(sums('NumberOfEmptyReceives')).toEqual([[0, 0], [MINUTE, 1]]);
  });

  test('the levels are read only when sampled: visible, not visible, delayed, and the age of the oldest message', () => {
    // GIVEN a queue with one message sent at 0 and one sent 90 s later with a delay, one of them received
    const sim = Simulation.fromTemplate(template({ Orders: queue('orders', { VisibilityTimeout: 600 }) }));
    sim.send('Orders', { body: 'old' });
    sim.advance(Duration.seconds(90));
    sim.send('Orders', { body: 'new' });
    sim.send('Orders', { body: 'late', delay: Duration.seconds(300) });
    sim.receive('Orders');
    // WHEN the gauges are sampled at 120 s
    sim.advance(Duration.seconds(30));
    const visible = sim.metrics.find(sqsMetric('ApproximateNumberOfMessagesVisible'))!;
    expect(visible.datapoints(0, 10 * MINUTE, MINUTE)).toEqual([]);
    expect(sim.metrics.find(sqsMetric('NumberOfMessagesSent'))!.datapoints(0, 10 * MINUTE, MINUTE)).toEqual([]);
    sim.metrics.sample(sim.now);
    // THEN each level is a datapoint of that minute; the oldest visible message ('new') is 30 s old
    const at = (name: string) => sim.metrics.find(sqsMetric(name))!.datapoints(0, 10 * MINUTE, MINUTE).map((d) => [d.time, d.maximum]);
    expect(at('ApproximateNumberOfMessagesVisible')).toEqual([[2 * MINUTE, 1]]);
    expect(at('ApproximateNumberOfMessagesNotVisible')).toEqual([[2 * MINUTE, 1]]);
    expect(at('ApproximateNumberOfMessagesDelayed')).toEqual([[2 * MINUTE, 1]]);
    expect(at('ApproximateAgeOfOldestMessage')).toEqual([[2 * MINUTE, 30]]);
  });
});

describe('Lambda metrics (AWS/Lambda, FunctionName)', () => {
  test('invocations, errors, durations and concurrent executions, from the series the function keeps', async () => {
    // GIVEN a consumer whose handler fails on "bad" and takes 2 s
    const sim = consumerSimulation({ batchSize: 1, visibilityTimeout: 600 });
    sim.onInvoke('Consumer', (e: { Records: { body: string }[] }) => {
      if (e.Records[0].body === 'bad') throw new Error('bad record');
    }, { duration: Duration.seconds(2) });
    // WHEN two messages arrive at once
    sim.send('Queue', { body: 'good' });
    sim.send('Queue', { body: 'bad' });
    await sim.advance(Duration.seconds(10));
    // THEN the function's metrics say so per minute
    const name = sim.lambdaFunction('Consumer').name;
    const metric = (metricName: string) => sim.metrics.find({ namespace: 'AWS/Lambda', metricName, dimensions: { FunctionName: name } })!.datapoints(0, MINUTE, MINUTE)[0];
    expect(metric('Invocations')).toMatchObject({ sum: 2, sampleCount: 2 });
    expect(metric('Errors')).toMatchObject({ sum: 1 });
    expect(metric('Throttles')).toBeUndefined();
    expect(metric('Duration')).toEqual({ time: 0, sampleCount: 2, sum: 4000, minimum: 2000, maximum: 2000 });
    expect(metric('ConcurrentExecutions')).toMatchObject({ maximum: 2, minimum: 0 });
  });
});
