import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { QueueConsumer } from '../../lib';
import { SimulatedRun, lambdaConsumer, playArrivals, summarizeTraffic } from '../../lib/replay';
import { Simulation } from '../../lib/simulator';
import { RECORDED_DAY, comparisonLines, expectWholeDayPlayed, readRecordedDay, worstMinute } from '../../test/fixtures/replay/recorded-day';
import { PaymentsConsumerStack } from './payments-stack';

/**
 * A recorded day replayed through the payments consumer: test/fixtures/replay/recorded-day.csv is a day of a queue
 * in the shape a CloudWatch export has (NumberOfMessagesSent Sum, ApproximateNumberOfMessagesVisible and
 * ApproximateAgeOfOldestMessage Maximum, per minute; 235,631 messages, 2,076 in the busiest minute of a 02:00 batch
 * burst). Production's fleet fell behind in the burst. The example (at most 50 batches at once) and a variant
 * capped at 5 play the same arrivals, each record taking 300 ms after 100 ms per invocation.
 */

const BURST_START = Date.parse('2026-11-18T02:00:00Z');
const TIMING = { timePerInvocation: Duration.millis(100), timePerMessage: Duration.millis(300) };

const production = readRecordedDay();
const app = new App();
const example = new PaymentsConsumerStack(app, 'Payments');
const capped = new Stack(app, 'PaymentsCappedAt5');
new QueueConsumer(capped, 'Payments', {
  functionProps: { code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'), handler: 'index.handler', timeout: Duration.seconds(20) },
  batchSize: 10,
  maxBatchingWindow: Duration.seconds(5),
  // The least a mapping takes that the poller's 5 starting batches do not throttle.
  maxConcurrency: 5,
});

let asIs: SimulatedRun;
let cappedRun: SimulatedRun;

beforeAll(async () => {
  // WHEN the day is played through each configuration (the two runs take a few seconds each: no real time passes)
  // README: replay-library
  // The recorded day's arrivals, played through the example as it is: each record takes 300 ms, each invocation 100 ms more
  asIs = await playArrivals({
    arrivals: production.arrivals,
    simulate: (options) => Simulation.fromStack(example, options),
    consumer: lambdaConsumer({ timePerInvocation: Duration.millis(100), timePerMessage: Duration.millis(300) }),
  });
  // README: end
  cappedRun = await playArrivals({ arrivals: production.arrivals, simulate: (o) => Simulation.fromStack(capped, o), consumer: lambdaConsumer(TIMING) });
}, 120_000);

describe('a recorded day replayed through the payments consumer', () => {
  test('every recorded arrival is sent, on the recording\'s minutes', () => {
    for (const run of [asIs, cappedRun]) expectWholeDayPlayed(production, run);
  });

  test('the example keeps up through the burst: oldest message under 10 s, where production reached 510 s', () => {
    const summary = summarizeTraffic(production);
    expect(summary.ageOfOldestMaxSeconds).toBe(RECORDED_DAY.productionMaxAgeSeconds);
    expect(asIs.summary.ageOfOldestMaxSeconds).toBeLessThan(10);
    expect(asIs.summary.peakDepth).toBeLessThan(100);
    // AND its capacity: more than the capped variant's 5 at the burst, far under its 50; execution-hours at least
    // the records' own 300 ms each (235,631 x 0.3 s = 19.6 h), at most that plus 100 ms for each record invoked alone
    expect(asIs.summary.capacity!.peak).toBeGreaterThan(5);
    expect(asIs.summary.capacity!.peak).toBeLessThan(50);
    expect(asIs.summary.capacity!.hours).toBeGreaterThan((235_631 * 0.3) / 3600);
    expect(asIs.summary.capacity!.hours).toBeLessThan((235_631 * 0.4) / 3600);
  });

  test('capped at 5 concurrent batches, the burst backs up: thousands waiting and minutes of age, then it drains', () => {
    // 5 batches of 10 records every 3.1 s drain about 970 a minute against the burst's 2,000
    expect(cappedRun.summary.capacity!.peak).toBe(5);
    expect(cappedRun.summary.peakDepth).toBeGreaterThan(1_500);
    expect(cappedRun.summary.ageOfOldestMaxSeconds).toBeGreaterThan(120);
    const worst = worstMinute(cappedRun) * 60_000 + cappedRun.ageOfOldest.startEpochMs;
    expect(worst).toBeGreaterThanOrEqual(BURST_START);
    expect(worst).toBeLessThan(BURST_START + 15 * 60_000);
    // AND outside the burst it keeps up: the 95th percentile minute is seconds
    expect(cappedRun.summary.ageOfOldestP95Seconds).toBeLessThan(10);
  });

  test('the comparison puts production and each configuration side by side', () => {
    const table = comparisonLines(production, [asIs, cappedRun]);
    expect(table.heading).toMatch(/^\s+production {3}Payments \(Lambda, batches of 10, at most 50\) {3}PaymentsCappedAt5 \(Lambda, batches of 10, at most 5\)$/);
    expect(table.row('messages sent')).toMatch(/^messages sent\s+235,631\s+235,631\s+235,631$/);
    expect(table.row('age of oldest message, max')).toMatch(new RegExp(`^age of oldest message, max\\s+510 s\\s+${asIs.summary.ageOfOldestMaxSeconds} s\\s+${cappedRun.summary.ageOfOldestMaxSeconds} s$`));
    expect(table.row('capacity, peak')).toMatch(new RegExp(`^capacity, peak\\s+—\\s+${asIs.summary.capacity!.peak} concurrent executions\\s+5 concurrent executions$`));
    expect(table.row('capacity, hours')).toMatch(/^capacity, hours\s+—\s+\d+\.\d execution-hours\s+\d+\.\d execution-hours$/);
  });
});
