import { ReplayError } from '../../lib/replay';
import { parseTimeArgument } from '../../lib/replay/time-argument';

const NOW = new Date('2026-11-19T12:00:00Z');
const parse = (value: string) => parseTimeArgument('--from', value, NOW).toISOString();

describe('times on the command line', () => {
  test.each([
    ['now', '2026-11-19T12:00:00.000Z'],
    ['now-90m', '2026-11-19T10:30:00.000Z'],
    ['now-6h', '2026-11-19T06:00:00.000Z'],
    ['now-7d', '2026-11-12T12:00:00.000Z'],
    ['now-2w', '2026-11-05T12:00:00.000Z'],
    ['2026-11-18', '2026-11-18T00:00:00.000Z'],
    ['2026-11-18T06:30:00Z', '2026-11-18T06:30:00.000Z'],
    ['2026-11-18T06:30', '2026-11-18T06:30:00.000Z'],
    ['2026-11-18T06:30:00+01:00', '2026-11-18T05:30:00.000Z'],
  ])('%s is %s', (value, expected) => {
    expect(parse(value)).toBe(expected);
  });

  test.each([['yesterday'], ['now-7'], ['now+1d'], ['18/11/2026'], ['2026-11-18 06:30']])('fails if the time is %s, listing the forms it takes', (value) => {
    expect(() => parse(value)).toThrow(ReplayError);
    expect(() => parse(value)).toThrow(/Give now, now-15m, now-6h, now-7d, now-2w, a date/);
  });

  test.each([['2026-02-30'], ['2026-13-01'], ['2026-11-31T00:00:00Z']])('fails if the date %s does not exist', (value) => {
    expect(() => parse(value)).toThrow(/is not a valid date/);
  });
});
