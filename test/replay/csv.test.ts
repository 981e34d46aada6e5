import * as path from 'path';
import { ReplayError, parseTrafficCsv, readTrafficCsv, trafficToCsv } from '../../lib/replay';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'replay', 'recorded-day.csv');
const parse = (text: string, options: Parameters<typeof parseTrafficCsv>[1] = { queueName: 'orders' }) => parseTrafficCsv(text, options, 'orders.csv');
const csvError = (text: string): ReplayError => {
  try {
    parse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ReplayError);
    expect((e as ReplayError).code).toBe('csv');
    return e as ReplayError;
  }
  throw new Error('no error thrown');
};

describe('the recorded day (test/fixtures/replay/recorded-day.csv)', () => {
  const day = readTrafficCsv(FIXTURE);

  test('is a whole day of minutes with all three metrics, named after the file', () => {
    expect(day.queueName).toBe('recorded-day');
    expect(day.window).toEqual({ startEpochMs: Date.parse('2026-11-18T00:00:00Z'), endEpochMs: Date.parse('2026-11-19T00:00:00Z'), periodSeconds: 60 });
    expect(day.arrivals.perMinute).toHaveLength(1_440);
    expect(day.arrivals.perMinute.reduce((a, b) => a + b, 0)).toBe(235_631);
    expect(day.visible.values.every((v) => v !== null)).toBe(true);
    expect(day.ageOfOldest.values.every((v) => v !== null)).toBe(true);
    expect(day.notes).toEqual([]);
  });

  test('has a diurnal shape: a quiet night, a busy afternoon, and the 02:00 batch burst', () => {
    const hour = (h: number) => day.arrivals.perMinute.slice(h * 60, h * 60 + 60).reduce((a, b) => a + b, 0);
    expect(hour(4)).toBeLessThan(hour(13) / 5);
    expect(hour(19)).toBeGreaterThan(hour(17));
    expect(Math.max(...day.arrivals.perMinute.slice(120, 123))).toBeGreaterThan(1_500);
  });

  test('writes back to the same text it was read from, comments aside', () => {
    const again = parse(trafficToCsv(day), { queueName: 'recorded-day' });
    expect(again.arrivals).toEqual({ ...day.arrivals, name: 'recorded-day, orders.csv' });
    expect(again.visible).toEqual(day.visible);
    expect(again.ageOfOldest).toEqual(day.ageOfOldest);
  });
});

describe('the CSV shape', () => {
  test('reads the two columns jq prints from get-metric-data: quoted, zoned +00:00, newest first, no header', () => {
    const t = parse('"2026-11-18T00:02:00+00:00",7\n"2026-11-18T00:01:00+00:00",5\n"2026-11-18T00:00:00+00:00",3\n');
    expect(t.arrivals.perMinute).toEqual([3, 5, 7]);
    expect(t.arrivals.startEpochMs).toBe(Date.parse('2026-11-18T00:00:00Z'));
    expect(t.visible.values).toEqual([null, null, null]);
    expect(t.notes).toEqual(expect.arrayContaining([expect.stringMatching(/no ApproximateNumberOfMessagesVisible datapoints/)]));
  });

  test('reads a header naming the columns, in any order, value standing for NumberOfMessagesSent', () => {
    const t = parse('# comment\nTimestamp,ApproximateAgeOfOldestMessage,value\n2026-11-18T00:00:00Z,30,4\n');
    expect(t.arrivals.perMinute).toEqual([4]);
    expect(t.ageOfOldest.values).toEqual([30]);
  });

  test('counts a missing minute as no arrivals, and says so', () => {
    const t = parse('2026-11-18T00:00:00Z,3\n2026-11-18T00:02:00Z,7\n');
    expect(t.arrivals.perMinute).toEqual([3, 0, 7]);
    expect(t.sent.values).toEqual([3, null, 7]);
    expect(t.notes[0]).toMatch(/^1 of 3 periods have no NumberOfMessagesSent datapoint: counted as no arrivals/);
  });

  test('infers 5-minute periods from the gaps, and spreads each over its minutes in whole messages', () => {
    const t = parse('2026-11-18T00:00:00Z,7\n2026-11-18T00:05:00Z,10\n2026-11-18T00:15:00Z,2\n');
    expect(t.window.periodSeconds).toBe(300);
    expect(t.arrivals.perMinute).toEqual([1, 1, 2, 1, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]);
    expect(t.arrivals.recordedPeriodSeconds).toBe(300);
  });

  test('reads lines 10 minutes apart as 5-minute data with gaps, unless told the period', () => {
    const text = '2026-11-18T00:00:00Z,10\n2026-11-18T00:10:00Z,10\n';
    expect(parse(text).sent.values).toEqual([10, null, 10]);
    expect(parse(text, { queueName: 'orders', periodSeconds: 600 }).sent.values).toEqual([10, 10]);
  });

  test('takes a period given, and keeps only the lines of the window given', () => {
    const t = parse('2026-11-18T00:00:00Z,1\n2026-11-18T00:10:00Z,2\n2026-11-18T00:20:00Z,3\n', {
      queueName: 'orders',
      periodSeconds: 300,
      from: new Date('2026-11-18T00:05:00Z'),
      to: new Date('2026-11-18T00:20:00Z'),
    });
    expect(t.window).toEqual({ startEpochMs: Date.parse('2026-11-18T00:05:00Z'), endEpochMs: Date.parse('2026-11-18T00:20:00Z'), periodSeconds: 300 });
    expect(t.sent.values).toEqual([null, 2, null]);
  });

  test.each([
    ['an unknown column', 'timestamp,Messages\n2026-11-18T00:00:00Z,1', /line 1: unknown column 'Messages'/],
    ['no arrivals column', 'timestamp,ApproximateAgeOfOldestMessage\n2026-11-18T00:00:00Z,1', /line 1: no NumberOfMessagesSent column/],
    ['a column twice', 'timestamp,value,NumberOfMessagesSent\n2026-11-18T00:00:00Z,1,1', /a column appears twice/],
    ['a line with too few fields', 'timestamp,value,ApproximateAgeOfOldestMessage\n2026-11-18T00:00:00Z,1', /line 2: 2 fields where the header has 3/],
    ['a timestamp without a zone', '2026-11-18 00:00:00,1', /line 1: '2026-11-18 00:00:00' is not an ISO 8601 timestamp with a zone/],
    ['a timestamp twice', '2026-11-18T00:00:00Z,1\n2026-11-18T00:00:00+00:00,2', /line 2: timestamp 2026-11-18T00:00:00\+00:00 repeats line 1/],
    ['a negative count', '2026-11-18T00:00:00Z,-1', /NumberOfMessagesSent '-1' is not a number of at least 0/],
    ['a count that is not a number', '2026-11-18T00:00:00Z,many', /NumberOfMessagesSent 'many' is not a number/],
    ['lines 90 s apart', '2026-11-18T00:00:00Z,1\n2026-11-18T00:01:30Z,1', /the lines are 90 s apart, not whole minutes/],
    ['no data lines', '# nothing\n\n', /has no data lines/],
  ])('fails if the file has %s', (_, text, message) => {
    expect(csvError(text).message).toMatch(message);
  });

  test('fails if a line is off the period grid a period given sets', () => {
    expect(() => parse('2026-11-18T00:00:00Z,1\n2026-11-18T00:07:00Z,1', { queueName: 'orders', periodSeconds: 300 })).toThrow(/line 2: timestamp 2026-11-18T00:07:00Z is not on a 300-second period/);
  });

  test('fails if the window given is outside the file, saying what the file covers', () => {
    expect(() => parse('2026-11-18T00:00:00Z,1\n', { queueName: 'orders', from: new Date('2026-11-19T00:00:00Z') })).toThrow(/The file covers 2026-11-18T00:00:00Z to 2026-11-18T00:01:00Z/);
  });

  test('fails if the file cannot be read, naming it', () => {
    expect(() => readTrafficCsv('/nonexistent/orders.csv')).toThrow(/Cannot read the CSV file \/nonexistent\/orders.csv/);
  });
});
