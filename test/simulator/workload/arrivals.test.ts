import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration } from 'aws-cdk-lib';
import { Simulation, burstArrivals, constantArrivals, countsFromCsv, diurnalArrivals, perMinuteCounts, stepArrivals, totalArrivals } from '../../../lib/simulator';
import { meanProcessingMs, processingTimeSampler } from '../../../lib/simulator/workload/processing-time';
import { Random } from '../../../lib/simulator/random';

const MINUTE = 60_000;
const queueTemplate = { Resources: { Jobs: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'jobs' } }, Topic: { Type: 'AWS::SNS::Topic' } } };

describe('arrival profiles', () => {
  test('constant, steps and bursts, per minute; fractional rates carry over so totals match the rate', () => {
    expect(constantArrivals(2.5, Duration.minutes(4)).perMinute).toEqual([2, 3, 2, 3]);
    expect(stepArrivals([{ at: Duration.minutes(0), perMinute: 1 }, { at: Duration.minutes(2), perMinute: 5 }], Duration.minutes(4)).perMinute).toEqual([1, 1, 5, 5]);
    expect(burstArrivals({ baselinePerMinute: 1, messages: 10, at: Duration.minutes(1), burstLength: Duration.minutes(2), duration: Duration.minutes(4) }).perMinute).toEqual([1, 6, 6, 1]);
  });

  test('a diurnal day follows a cosine from its minimum to its peak at the given hour', () => {
    const day = diurnalArrivals({ minPerMinute: 10, peakPerMinute: 110, peakAt: Duration.hours(12) });
    expect(day.perMinute).toHaveLength(1440);
    expect([day.perMinute[0], day.perMinute[360], day.perMinute[720]]).toEqual([10, 60, 110]);
    expect(totalArrivals(day)).toBe(60 * 1440);
  });

  test('per-minute counts keep their start instant; CSV text or a file gives the same, with missing minutes counted 0', () => {
    const start = new Date('2026-01-01T10:00:00Z');
    expect(perMinuteCounts([3, 0, 4], start)).toEqual({ name: 'per-minute counts', perMinute: [3, 0, 4], startEpochMs: start.getTime() });
    const csv = 'timestamp,count\n2026-01-01T10:00:00Z,3\n2026-01-01T10:02:00Z,4\n';
    expect(countsFromCsv(csv)).toMatchObject({ perMinute: [3, 0, 4], startEpochMs: start.getTime() });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'arrivals-')), 'counts.csv');
    fs.writeFileSync(file, '5\n6\n');
    expect(countsFromCsv(file)).toMatchObject({ perMinute: [5, 6], startEpochMs: undefined });
  });

  test('a CSV date-time without a zone is UTC, whatever the machine\'s time zone', () => {
    const previous = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(countsFromCsv('2026-03-08T06:59:00,1\n2026-03-08T07:01:00,2\n')).toMatchObject({ perMinute: [1, 0, 2], startEpochMs: Date.UTC(2026, 2, 8, 6, 59) });
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  test.each([
    ['a duration that is not whole minutes', () => constantArrivals(1, Duration.seconds(90)), 'arrival profiles are per minute: 1 minute 30 seconds is not a whole number of minutes'],
    ['a negative rate', () => constantArrivals(-1, Duration.minutes(1)), 'arrival rate of minute 0 must be a finite number, at least 0 (got -1)'],
    ['a count that is not whole', () => perMinuteCounts([1, 2.5]), 'per-minute counts must be whole numbers, at least 0 (minute 1: 2.5)'],
    ['a CSV timestamp it cannot read', () => countsFromCsv('yesterday,4\n'), 'CSV row 1: "yesterday" is not a timestamp (ISO 8601 or epoch seconds)'],
  ])('fails on %s', (_what, make, message) => {
    expect(make).toThrow(message);
  });
});

describe('playing a profile', () => {
  test('sends each minute\'s count into the queue within that minute, evenly spaced when asked', () => {
    const sim = Simulation.fromTemplate(queueTemplate);
    const player = sim.workload.play('Jobs', perMinuteCounts([2, 0, 1]), { spacing: 'even', at: Duration.minutes(1) });
    sim.runUntilIdle();
    expect(sim.events({ type: 'sqs.sent' }).map((e) => e.time / 1000)).toEqual([75, 105, 210]);
    expect([player.sent, player.finished, player.endMs / MINUTE]).toEqual([3, true, 4]);
  });

  test('random spacing comes from the seed: the same seed, the same times', () => {
    const times = (seed: number) => {
      const sim = Simulation.fromTemplate(queueTemplate, { seed });
      sim.workload.play('Jobs', perMinuteCounts([5]));
      sim.runUntilIdle();
      return sim.events({ type: 'sqs.sent' }).map((e) => e.time);
    };
    expect(times(7)).toEqual(times(7));
    expect(times(7)).not.toEqual(times(8));
    expect(times(7).every((t) => t >= 0 && t < MINUTE)).toBe(true);
  });

  test('plays into a topic too; counts read from CloudWatch start at their own instant, mapped through the simulation\'s startTime', () => {
    const sim = Simulation.fromTemplate(queueTemplate, { startTime: new Date('2026-01-01T10:00:00Z') });
    sim.workload.play('Topic', perMinuteCounts([1], new Date('2026-01-01T10:05:00Z')), { spacing: 'even' });
    sim.runUntilIdle();
    expect(sim.events({ type: 'sns.published' }).map((e) => e.time / 1000)).toEqual([330]);
  });

  test('fails if the counts start before the simulation\'s now, saying how to set startTime', () => {
    const sim = Simulation.fromTemplate(queueTemplate, { startTime: new Date('2026-01-01T10:00:00Z') });
    expect(() => sim.workload.play('Jobs', perMinuteCounts([1], new Date('2026-01-01T09:59:00Z')))).toThrow(
      'play(Jobs, per-minute counts): the counts start at 2026-01-01T09:59:00.000Z, before the simulation\'s now (2026-01-01T10:00:00.000Z): give the Simulation a startTime at or before the first count');
  });
});

describe('processing times', () => {
  test('fixed, exponential around a mean, or drawn from samples: from the seeded random source', () => {
    const draw = (p: Parameters<typeof processingTimeSampler>[0], n = 2000) => {
      const random = new Random(3);
      const sample = processingTimeSampler(p);
      return Array.from({ length: n }, () => sample(random));
    };
    expect(draw(Duration.seconds(4), 3)).toEqual([4000, 4000, 4000]);
    const exponential = draw({ exponential: Duration.seconds(4) });
    const mean = exponential.reduce((a, b) => a + b, 0) / exponential.length;
    expect(mean).toBeGreaterThan(3700);
    expect(mean).toBeLessThan(4300);
    expect(new Set(draw({ samples: [Duration.seconds(1), Duration.seconds(9)] }))).toEqual(new Set([1000, 9000]));
    expect(() => processingTimeSampler({ samples: [] })).toThrow('processing time samples: give at least one duration');
  });

  test('fails if an exponential mean is not above 0; a fixed time of 0 is allowed', () => {
    expect(() => processingTimeSampler({ exponential: Duration.millis(0) })).toThrow('an exponential processing time needs a mean above 0 (got 0 millis)');
    expect(processingTimeSampler({ fixed: Duration.millis(0) })(new Random(1))).toBe(0);
    expect(processingTimeSampler({ exponential: Duration.millis(1) })(new Random(1))).toBeGreaterThanOrEqual(1);
  });

  test('the mean of each form, for reports', () => {
    expect(meanProcessingMs(Duration.seconds(4))).toBe(4000);
    expect(meanProcessingMs({ fixed: Duration.seconds(3) })).toBe(3000);
    expect(meanProcessingMs({ exponential: Duration.seconds(2) })).toBe(2000);
    expect(meanProcessingMs({ samples: [Duration.seconds(1), Duration.seconds(2), Duration.seconds(6)] })).toBe(3000);
  });
});
