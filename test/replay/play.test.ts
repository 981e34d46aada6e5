import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { QueueConsumer } from '../../lib';
import { RecordedArrivals, lambdaConsumer, parseTrafficCsv, playArrivals, replayPlotSpec } from '../../lib/replay';
import { integral, peakPerPeriod } from '../../lib/replay/lambda-consumer';
import { Simulation, SqsEvent } from '../../lib/simulator';

// playArrivals on a few minutes: when each message is sent, what is read at each minute's end, the capacity
// figures, FIFO queues, and the consumer lookup. The recorded day through the examples is
// examples/queue-consumer/replay.test.ts.

const START = Date.parse('2026-11-18T06:00:00Z');
const arrivals = (perMinute: number[]): RecordedArrivals => ({ name: 'test', perMinute, startEpochMs: START, recordedPeriodSeconds: 60 });
const code = lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });');

const app = new App();
const standard = new Stack(app, 'Standard');
// Batches of 1, no window, one at a time: what is read at each minute's end follows from the arrivals alone.
new QueueConsumer(standard, 'One', { functionProps: { code, handler: 'index.handler', timeout: Duration.seconds(30) }, batchSize: 1, maxConcurrency: 5 });
const fifo = new Stack(app, 'Fifo');
new QueueConsumer(fifo, 'Ledger', { fifo: true, functionProps: { code, handler: 'index.handler', timeout: Duration.seconds(10) } });
const two = new Stack(app, 'Two');
for (const [id, batchSize] of [['A', 10], ['B', 5]] as const) new QueueConsumer(two, id, { functionProps: { code, handler: 'index.handler', timeout: Duration.seconds(10) }, batchSize });

/** A handler that keeps each record's SentTimestamp (epoch ms) and message group. */
function recording(sent: { at: number; group?: string }[]) {
  return (event: SqsEvent) => {
    for (const r of event.Records) sent.push({ at: Number(r.attributes.SentTimestamp), group: r.attributes.MessageGroupId });
    return { batchItemFailures: [] };
  };
}

describe('playing recorded arrivals through a simulated consumer', () => {
  test('sends each minute\'s messages evenly over the minute, from the recording\'s own start', async () => {
    // GIVEN 3, 0 and 4 messages in three minutes
    const sent: { at: number }[] = [];
    // WHEN
    const run = await playArrivals({ arrivals: arrivals([3, 0, 4]), simulate: (o) => Simulation.fromStack(standard, o), consumer: lambdaConsumer({ handler: recording(sent) }) });
    // THEN at 0, 20 and 40 s of the first minute, and every 15 s of the third
    expect(sent.map((s) => (s.at - START) / 1000)).toEqual([0, 20, 40, 120, 135, 150, 165]);
    expect(run.summary.messages).toBe(7);
    expect(run.visible.startEpochMs).toBe(START);
    expect(run.visible.values).toEqual([0, 0, 0]);
  });

  test('reads depth and oldest age at each minute\'s end: a consumer slower than the arrivals falls behind', async () => {
    // GIVEN 30 messages a minute for 3 minutes, one per invocation, at most 5 at once: at 12 s a message they
    // drain 25 a minute
    const slow = await playArrivals({ arrivals: arrivals([30, 30, 30]), simulate: (o) => Simulation.fromStack(standard, o), consumer: lambdaConsumer({ timePerInvocation: Duration.seconds(12) }) });
    // THEN a backlog builds minute by minute, the oldest message aging with it
    expect(slow.visible.values[0]).toBeGreaterThan(0);
    expect(slow.visible.values[2]).toBeGreaterThan(slow.visible.values[0]!);
    expect(slow.ageOfOldest.values[2]).toBeGreaterThan(slow.ageOfOldest.values[0]!);
    expect(slow.summary.capacity).toMatchObject({ unit: 'concurrent execution', hoursUnit: 'execution-hours', peak: 5 });
    expect(slow.leftInQueue).toBeGreaterThan(0);
    // AND the companion: at 5 s a message it keeps up, nothing waits at a minute's end
    const quick = await playArrivals({ arrivals: arrivals([30, 30, 30]), simulate: (o) => Simulation.fromStack(standard, o), consumer: lambdaConsumer({ timePerInvocation: Duration.seconds(5) }) });
    expect(quick.visible.values).toEqual([0, 0, 0]);
  });

  test('execution-hours are the invocations\' durations summed', async () => {
    // GIVEN 60 single-record invocations of 2 s + 1 s per record
    const run = await playArrivals({
      arrivals: arrivals([60]),
      simulate: (o) => Simulation.fromStack(standard, o),
      consumer: lambdaConsumer({ timePerInvocation: Duration.seconds(2), timePerMessage: Duration.seconds(1) }),
    });
    // THEN 60 x 3 s = 180 s, less what runs past the minute: the invocations starting at 58 s and 59 s end 1 s
    // and 2 s after it
    expect(run.summary.capacity!.hours * 3600).toBeCloseTo(177, 6);
  });

  test('spreads a FIFO queue\'s arrivals over message groups, as many as asked', async () => {
    const sent: { at: number; group?: string }[] = [];
    await playArrivals({ arrivals: arrivals([6]), simulate: (o) => Simulation.fromStack(fifo, o), consumer: lambdaConsumer({ handler: recording(sent) }), fifoMessageGroups: 2 });
    expect(sent).toHaveLength(6);
    expect(new Set(sent.map((s) => s.group))).toEqual(new Set(['replay-0', 'replay-1']));
  });

  test('reports progress every so many minutes and at the end', async () => {
    const seen: string[] = [];
    await playArrivals({
      arrivals: arrivals([1, 2, 3, 4, 5]), simulate: (o) => Simulation.fromStack(standard, o), consumer: lambdaConsumer(), progressEvery: 2,
      onProgress: (p) => seen.push(`${p.minutes}/${p.totalMinutes}:${p.messages}`),
    });
    expect(seen).toEqual(['2/5:3', '4/5:10', '5/5:15']);
  });

  test('fails if the stack has two consumed queues and none is named, listing them; names one by construct path', async () => {
    const play = (queue?: string) => playArrivals({ arrivals: arrivals([1]), simulate: (o) => Simulation.fromStack(two, o), consumer: lambdaConsumer({ queue }) });
    await expect(play()).rejects.toThrow(/the stack has 2 queues consumed by Lambda \(A\/Queue \(\w+\), B\/Queue \(\w+\)\)\. Name the one to replay into with --stack-queue/);
    await expect(play('Two/B/Queue')).resolves.toMatchObject({ heading: 'Two (Lambda, batches of 5, at most 10)' });
  });

  test('fails if lambdaConsumer is given a queue that only a scaled fleet consumes, pointing to fleetConsumer', async () => {
    // GIVEN a queue and an ECS service, no event source mapping
    const template = { Resources: { Jobs: { Type: 'AWS::SQS::Queue', Properties: {} }, Workers: { Type: 'AWS::ECS::Service', Properties: {} } } };
    const play = playArrivals({ arrivals: arrivals([1]), simulate: (o) => Simulation.fromTemplate(template, o), consumer: lambdaConsumer() });
    await expect(play).rejects.toThrow(/the stack has no SQS queue consumed by a Lambda event source mapping\. Give a stack with a QueueConsumer .* plays with fleetConsumer/);
  });

  test('fails if FIFO message groups are fewer than one', async () => {
    await expect(playArrivals({ arrivals: arrivals([1]), simulate: (o) => Simulation.fromStack(fifo, o), consumer: lambdaConsumer(), fifoMessageGroups: 0 }))
      .rejects.toThrow('fifoMessageGroups must be a whole number of at least 1 (got 0)');
  });
});

describe('capacity from a level series', () => {
  const points = [{ time: 0, value: 1 }, { time: 30_000, value: 4 }, { time: 60_000, value: 2 }, { time: 150_000, value: 0 }];

  test('the peak of each period counts the level in force at its start, and a change at a period\'s end belongs to the next', () => {
    expect(peakPerPeriod(points, 180_000, 60_000)).toEqual([4, 2, 2]);
    expect(peakPerPeriod([], 120_000, 60_000)).toEqual([0, 0]);
  });

  test('the integral holds each level until the next change, and stops at the end', () => {
    // 1 x 30 s + 4 x 30 s + 2 x 90 s, then 0
    expect(integral(points, 180_000)).toBe(30_000 + 120_000 + 180_000);
    // cut at 45 s: 1 x 30 s + 4 x 15 s
    expect(integral(points, 45_000)).toBe(30_000 + 60_000);
  });
});

describe('the plot', () => {
  const traffic = parseTrafficCsv(
    ['timestamp,NumberOfMessagesSent,ApproximateNumberOfMessagesVisible,ApproximateAgeOfOldestMessage', '2026-11-18T06:00:00Z,3,1,5', '2026-11-18T06:01:00Z,0,,', '2026-11-18T06:02:00Z,4,2,9'].join('\n'),
    { queueName: 'orders' },
  );
  type Panel = { title: { text: string }; data: { values: { time: number; series: string; value: number }[] } };
  const panels = (spec: Record<string, unknown>) => spec.vconcat as Panel[];

  test('draws arrivals, oldest age and depth; production\'s gaps stay gaps', () => {
    const spec = replayPlotSpec(traffic, []);
    expect(panels(spec).map((p) => p.title.text)).toEqual(['Arrivals per minute (NumberOfMessagesSent)', 'Age of the oldest message (s)', 'Visible messages']);
    expect(panels(spec)[0].data.values.map((r) => r.value)).toEqual([3, 0, 4]);
    expect(panels(spec)[2].data.values).toEqual([
      { time: START, series: 'production', value: 1 },
      { time: START + 120_000, series: 'production', value: 2 },
    ]);
  });

  test('adds each simulated run to the gauges, and a capacity panel', () => {
    const run = {
      heading: 'Candidate', arrivals: traffic.arrivals, visible: { ...traffic.visible, values: [0, 7, 0] }, ageOfOldest: { ...traffic.ageOfOldest, values: [0, 0, 0] },
      capacityPerMinute: [1, 3, 2], capacityUnit: 'concurrent execution', leftInQueue: 0, summary: {} as never,
    };
    const spec = replayPlotSpec(traffic, [run]);
    expect(panels(spec).map((p) => p.title.text)).toContain('Simulated capacity in use (most in each minute)');
    expect(panels(spec)[2].data.values.filter((r) => r.series === 'Candidate').map((r) => r.value)).toEqual([0, 7, 0]);
    expect(panels(spec)[3].data.values.map((r) => `${r.series}: ${r.value}`)).toEqual(['Candidate (concurrent executions): 1', 'Candidate (concurrent executions): 3', 'Candidate (concurrent executions): 2']);
  });
});
