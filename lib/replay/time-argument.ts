import { ReplayError } from './errors';

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const RELATIVE = /^now(?:-(\d+)([mhdw]))?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A time given on the command line: `now`, `now-90m`, `now-6h`, `now-7d`, `now-2w`, a date (`2026-11-18`,
 * midnight UTC) or an ISO 8601 date-time (`2026-11-18T06:00:00Z`; without a zone, UTC as the AWS CLI reads it).
 */
export function parseTimeArgument(option: string, value: string, now: Date): Date {
  const relative = RELATIVE.exec(value);
  if (relative) return new Date(now.getTime() - (relative[1] ? Number(relative[1]) * UNIT_MS[relative[2]] : 0));
  if (DATE_ONLY.test(value)) return checked(option, value, `${value}T00:00:00Z`);
  const dateTime = DATE_TIME.exec(value);
  if (dateTime) return checked(option, value, dateTime[1] ? value : `${value}Z`);
  throw new ReplayError(
    'usage',
    `${option} '${value}' is not a time`,
    `Give now, now-15m, now-6h, now-7d, now-2w, a date (2026-11-18, midnight UTC) or an ISO 8601 time (2026-11-18T06:00:00Z)`,
  );
}

function checked(option: string, value: string, text: string): Date {
  const ms = Date.parse(text);
  // Date.parse rolls 2026-02-30 over to March 2; a UTC time must come back with the day it was written with.
  const rolledOver = text.endsWith('Z') && !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) !== text.slice(0, 10);
  if (Number.isNaN(ms) || rolledOver) throw new ReplayError('usage', `${option} '${value}' is not a valid date`, 'Check the month and the day of the month');
  return new Date(ms);
}
