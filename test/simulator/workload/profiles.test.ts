import { Duration } from 'aws-cdk-lib';
import { burstArrivals, constantArrivals, countsFromCsv, diurnalArrivals, perMinuteCounts, stepArrivals, totalArrivals } from '../../../lib/simulator';

// Arrival profiles in full: the name a report shows, the counts of each minute, each default and each refusal.

function messageOf(make: () => unknown): string | undefined {
  try {
    make();
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

describe('arrival profiles, whole', () => {
  test('constant: its name and counts; no start instant', () => {
    expect(constantArrivals(3, Duration.minutes(2))).toEqual({ name: 'constant 3/min', perMinute: [3, 3] });
    expect(constantArrivals(0, Duration.minutes(0))).toEqual({ name: 'constant 0/min', perMinute: [] });
  });

  test('steps: sorted by time, 0 before the first step, each step holding until the next', () => {
    const p = stepArrivals([{ at: Duration.minutes(3), perMinute: 7 }, { at: Duration.minutes(1), perMinute: 2 }], Duration.minutes(5));
    expect(p).toEqual({ name: 'steps 2/min at 1 minute, 7/min at 3 minutes', perMinute: [0, 2, 2, 7, 7] });
    expect(stepArrivals([], Duration.minutes(2))).toEqual({ name: 'steps ', perMinute: [0, 0] });
  });

  test('steps with fractional rates carry the fraction over', () => {
    expect(stepArrivals([{ at: Duration.minutes(0), perMinute: 0.5 }], Duration.minutes(4)).perMinute).toEqual([0, 1, 0, 1]);
  });

  test('a burst by default starts at once, lasts one minute, over no baseline', () => {
    expect(burstArrivals({ messages: 5, duration: Duration.minutes(3) })).toEqual({ name: 'burst of 5 over 1 min at 0 min', perMinute: [5, 0, 0] });
    // The burst ends after its length exactly: the minute at start + length is baseline again.
    expect(burstArrivals({ messages: 6, at: Duration.minutes(1), burstLength: Duration.minutes(3), baselinePerMinute: 1, duration: Duration.minutes(5) }))
      .toEqual({ name: 'burst of 6 over 3 min at 1 min', perMinute: [1, 3, 3, 3, 1] });
  });

  test('fails if a burst lasts no time, or a time is not whole minutes', () => {
    expect(messageOf(() => burstArrivals({ messages: 5, burstLength: Duration.minutes(0), duration: Duration.minutes(3) }))).toBe('a burst lasts at least one minute');
    expect(messageOf(() => burstArrivals({ messages: 5, at: Duration.seconds(30), duration: Duration.minutes(3) }))).toBe('arrival profiles are per minute: 30 seconds is not a whole number of minutes');
    expect(messageOf(() => stepArrivals([{ at: Duration.seconds(90), perMinute: 1 }], Duration.minutes(3)))).toBe('arrival profiles are per minute: 1 minute 30 seconds is not a whole number of minutes');
  });

  test('a diurnal day by default peaks at 14:00 and lasts a day; its quietest minute is 12 hours from the peak', () => {
    const day = diurnalArrivals({ minPerMinute: 0, peakPerMinute: 100 });
    expect(day.name).toBe('diurnal 0–100/min');
    expect(day.perMinute).toHaveLength(1440);
    expect(day.perMinute[14 * 60]).toBe(100);
    expect(day.perMinute[2 * 60]).toBe(0);
    expect(Math.max(...day.perMinute)).toBe(100);
    const short = diurnalArrivals({ minPerMinute: 10, peakPerMinute: 30, peakAt: Duration.minutes(0), duration: Duration.minutes(3) });
    expect(short.perMinute).toEqual([30, 29, 30]);
    expect(totalArrivals(short)).toBe(89);
  });

  test('fails if a rate is not a finite number', () => {
    expect(messageOf(() => constantArrivals(Number.NaN, Duration.minutes(1)))).toBe('arrival rate of minute 0 must be a finite number, at least 0 (got NaN)');
    expect(messageOf(() => constantArrivals(Number.POSITIVE_INFINITY, Duration.minutes(2)))).toBe('arrival rate of minute 0 must be a finite number, at least 0 (got Infinity)');
    expect(messageOf(() => stepArrivals([{ at: Duration.minutes(1), perMinute: -2 }], Duration.minutes(2)))).toBe('arrival rate of minute 1 must be a finite number, at least 0 (got -2)');
  });

  test('per-minute counts: a name of their own, copied, 0 allowed, a negative refused', () => {
    const counts = [1, 0, 2];
    const p = perMinuteCounts(counts, undefined, 'replayed');
    counts[0] = 9;
    expect(p).toEqual({ name: 'replayed', perMinute: [1, 0, 2], startEpochMs: undefined });
    expect(messageOf(() => perMinuteCounts([0, -1]))).toBe('per-minute counts must be whole numbers, at least 0 (minute 1: -1)');
  });
});

describe('counts from CSV', () => {
  test('one count a row, a header and blank lines skipped, CRLF and spaces accepted', () => {
    expect(countsFromCsv('count\r\n 4 \r\n\r\n0\r\n7\r\n')).toEqual({ name: 'counts from CSV', perMinute: [4, 0, 7], startEpochMs: undefined });
  });

  test('epoch seconds as timestamps, rows in any order, two rows of one minute added', () => {
    const t0 = Date.UTC(2026, 0, 1, 10, 0) / 1000;
    expect(countsFromCsv(`time,count\n${t0 + 120},5\n${t0},2\n${t0 + 60},1\n${t0 + 60},3\n`)).toEqual({ name: 'counts from CSV', perMinute: [2, 4, 5], startEpochMs: t0 * 1000 });
    expect(countsFromCsv(`${t0}.5,1\n`)).toEqual({ name: 'counts from CSV', perMinute: [1], startEpochMs: t0 * 1000 + 500 });
  });

  test('an ISO timestamp with a zone is read in that zone; seconds without a zone are UTC', () => {
    expect(countsFromCsv('2026-01-01T12:00:00+02:00,1\n2026-01-01T10:01:30,2\n')).toEqual({ name: 'counts from CSV', perMinute: [1, 0, 2], startEpochMs: Date.UTC(2026, 0, 1, 10, 0) });
  });

  test('fails if no row ends in a count', () => {
    expect(messageOf(() => countsFromCsv('time,count\nnoon,many\n'))).toBe('the CSV has no row ending in a count');
    expect(messageOf(() => countsFromCsv('\n'))).toBe('the CSV has no row ending in a count');
  });

  test('fails if a later row has no timestamp it can read, naming the row', () => {
    expect(messageOf(() => countsFromCsv('2026-01-01T10:00:00Z,1\nlater,2\n'))).toBe('CSV row 2: "later" is not a timestamp (ISO 8601 or epoch seconds)');
  });
});
