import { App, Duration } from 'aws-cdk-lib';
import { SimulatedRun, fleetConsumer, playArrivals, summarizeTraffic } from '../../lib/replay';
import { Simulation } from '../../lib/simulator';
import { RECORDED_DAY, comparisonLines, expectWholeDayPlayed, readRecordedDay, worstMinute } from '../../test/fixtures/replay/recorded-day';
import { ThumbnailsStack } from './thumbnails-stack';

/**
 * The recorded day of test/fixtures/replay/recorded-day.csv (235,631 messages; a batch burst of 6,091 in three
 * minutes from 02:00; 380 a minute around 13:00; production's oldest message reached 510 s) replayed through the
 * thumbnails QueueDepthScaling (0 to 20 Fargate tasks, 30 messages of backlog per task, 2 minutes of acceptable
 * latency). Its tasks take 4 s a message, as the example says, and then 2 s (the same stack, a faster renderer):
 * the replay shows whether 20 tasks are enough for that day, and what they cost in task-hours.
 */

const MINUTE = 60_000;
/** The burst's three minutes, from 02:00: 1,987 + 2,076 + 2,028 messages. */
const BURST = { at: 120, minutes: 3, messages: 6_091 };
const MAX_TASKS = 20;

const production = readRecordedDay();
// Synthesized once for the file; each run builds its own simulation of it.
const stack = new ThumbnailsStack(new App(), 'Thumbnails');

let asIs: SimulatedRun;
let faster: SimulatedRun;
let asIsSim: Simulation;
let fasterSim: Simulation;

beforeAll(async () => {
  // WHEN the day is played through the example, its tasks taking 4 s a message, then 2 s (about 6 s each)
  // README: replay-scaling
  // The recorded day through the thumbnails workers: scaled by the stack's policies, each message taking 4 s
  asIs = await playArrivals({
    arrivals: production.arrivals,
    simulate: (options) => (asIsSim = Simulation.fromStack(stack, options)),
    consumer: fleetConsumer({ timePerMessage: Duration.seconds(4), heading: 'Thumbnails, 4 s a message' }),
  });
  // README: end
  faster = await playArrivals({
    arrivals: production.arrivals,
    simulate: (options) => (fasterSim = Simulation.fromStack(stack, options)),
    consumer: fleetConsumer({ timePerMessage: Duration.seconds(2), heading: 'Thumbnails, 2 s a message' }),
  });
}, 120_000);

describe('a recorded day replayed through the thumbnails workers (QueueDepthScaling on ECS)', () => {
  test('every recorded arrival is sent on the recording\'s minutes, and all but the last minute\'s are done by its end', () => {
    for (const run of [asIs, faster]) expectWholeDayPlayed(production, run);
  });

  test('at 4 s a message, 20 tasks fall behind at midday: the oldest message waits over half an hour, where production kept it under 9 minutes', () => {
    // 20 tasks at 4 s do 300 messages a minute; from 11:00 to 15:00 the day brings 330 to 380
    expect(summarizeTraffic(production).ageOfOldestMaxSeconds).toBe(RECORDED_DAY.productionMaxAgeSeconds);
    expect(asIs.summary.ageOfOldestMaxSeconds).toBeGreaterThan(30 * 60);
    expect(worstMinute(asIs)).toBeGreaterThanOrEqual(11 * 60);
    expect(worstMinute(asIs)).toBeLessThan(18 * 60);
    // AND the backlog is over 10,000 messages, twice production's worst, with every task running
    expect(asIs.summary.peakDepth).toBeGreaterThan(10_000);
    expect(asIs.summary.capacity).toMatchObject({ unit: 'task', peak: MAX_TASKS });
    expect(asIs.capacityPerMinute.slice(13 * 60, 15 * 60).every((n) => n === MAX_TASKS)).toBe(true);
    // AND the pattern's alarm says so: at maxCapacity with the backlog above target
    const atMax = asIsSim.cloudwatch.alarm(stack.scaling.alarms!.atMaxCapacity).history.filter((c) => c.to === 'ALARM');
    expect(atMax.some((c) => c.time >= 11 * 60 * MINUTE && c.time < 18 * 60 * MINUTE)).toBe(true);
  });

  test('at 2 s a message, the tasks keep up all day; only the 02:00 burst backs up, and it drains within minutes', () => {
    // 20 tasks at 2 s do 600 a minute: the 95th percentile minute is seconds (production: 90 s)
    expect(summarizeTraffic(production).ageOfOldestP95Seconds).toBe(RECORDED_DAY.productionP95AgeSeconds);
    expect(faster.summary.ageOfOldestP95Seconds).toBeLessThan(10);
    // AND the burst is the worst: above the 2-minute acceptable latency while tasks start, under 15 minutes
    expect(worstMinute(faster)).toBeGreaterThanOrEqual(BURST.at);
    expect(worstMinute(faster)).toBeLessThan(BURST.at + 20);
    expect(faster.summary.ageOfOldestMaxSeconds).toBeGreaterThan(120);
    expect(faster.summary.ageOfOldestMaxSeconds).toBeLessThan(15 * 60);
    // AND the queue holds at most what the burst brought (and a few quiet minutes' before it)
    expect(faster.summary.peakDepth).toBeGreaterThan(BURST.messages / 2);
    expect(faster.summary.peakDepth).toBeLessThanOrEqual(BURST.messages + 100);
  });

  test('task-hours: at least the messages\' own processing time, at most 20 tasks all day', () => {
    // Each task processes one message at a time, so task-hours are at least messages x time per message; the
    // scalable target never runs more than 20, so at most 20 x 24 h. Startup (60 s a task) is billed, and counted.
    for (const [run, seconds] of [[asIs, 4], [faster, 2]] as const) {
      expect(run.summary.capacity!.unit).toBe('task');
      expect(run.summary.capacity!.hours).toBeGreaterThan((RECORDED_DAY.messages * seconds) / 3600);
      expect(run.summary.capacity!.hours).toBeLessThan(MAX_TASKS * 24);
    }
    // AND a busier task costs more: the 4 s day takes more task-hours than the 2 s day
    expect(asIs.summary.capacity!.hours).toBeGreaterThan(faster.summary.capacity!.hours);
  });

  test('task-hours count the tasks that run: at 2 s, 20 still run at 18:00 though the desired count is 10 at most (busy tasks keep their scale-in protection)', () => {
    const desired = fasterSim.ecs.service(stack.service).fleet.desiredSeries.points;
    const desiredAt = (t: number) => desired.filter((p) => p.time <= t).pop()!.value;
    expect(desiredAt(18 * 60 * MINUTE)).toBeLessThanOrEqual(10);
    expect(faster.capacityPerMinute[18 * 60]).toBe(MAX_TASKS);
  });

  test('the comparison puts production and both runs side by side, capacity in tasks and task-hours', () => {
    const table = comparisonLines(production, [asIs, faster]);
    expect(table.heading).toMatch(/^\s+production {3}Thumbnails, 4 s a message {3}Thumbnails, 2 s a message$/);
    expect(table.row('messages sent')).toMatch(/^messages sent\s+235,631\s+235,631\s+235,631$/);
    const seconds = (n: number) => `${n.toLocaleString('en-US')} s`;
    expect(table.row('age of oldest message, max')).toMatch(new RegExp(`^age of oldest message, max\\s+510 s\\s+${seconds(asIs.summary.ageOfOldestMaxSeconds!)}\\s+${seconds(faster.summary.ageOfOldestMaxSeconds!)}$`));
    expect(table.row('peak depth')).toMatch(new RegExp(`^peak depth \\(visible messages\\)\\s+5,821\\s+${asIs.summary.peakDepth!.toLocaleString('en-US')}\\s+${faster.summary.peakDepth!.toLocaleString('en-US')}$`));
    expect(table.row('capacity, peak')).toMatch(/^capacity, peak\s+—\s+20 tasks\s+\d+ tasks$/);
    expect(table.row('capacity, hours')).toMatch(/^capacity, hours\s+—\s+\d+\.\d task-hours\s+\d+\.\d task-hours$/);
  });

  test('the default heading names the stack, the fleet and its scaling range', async () => {
    // GIVEN one quiet minute, played without a heading
    const minute = { ...production.arrivals, perMinute: [20] };
    const run = await playArrivals({ arrivals: minute, simulate: (o) => Simulation.fromStack(stack, o), consumer: fleetConsumer({ timePerMessage: Duration.seconds(4) }) });
    // THEN
    expect(run.heading).toBe('Thumbnails (ECS service, 0–20 tasks)');
    // AND the one task the deployed service runs (no DesiredCount: 1) is in service the whole minute
    expect(run.summary.capacity).toEqual({ unit: 'task', peak: 1, hours: 1 / 60 });
  });
});
