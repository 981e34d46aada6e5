import * as fs from 'fs';
import * as path from 'path';
import { ReplayError } from './errors';
import { CLOUDWATCH_RESOLUTIONS, iso } from './resolution';
import { Datapoint } from './series';
import { QUEUE_METRICS, QUEUE_METRIC_KEYS, QueueMetricKey, QueueTraffic, hasAnyData, trafficFromPoints } from './traffic';

/**
 * A queue's metrics as text, one period a line (docs/replay.md, "The CSV shape"):
 *
 *     # lines starting with # are comments
 *     timestamp,NumberOfMessagesSent,ApproximateNumberOfMessagesVisible,ApproximateAgeOfOldestMessage
 *     2026-11-18T00:00:00Z,31,4,2
 *
 * The header is optional: without one, each line is `timestamp,value` and the value is NumberOfMessagesSent —
 * the two columns `aws cloudwatch get-metric-data ... | jq -r '.MetricDataResults[0] | [.Timestamps, .Values] |
 * transpose[] | @csv'` prints. Timestamps are ISO 8601 with a zone (`Z` or `+00:00`), in any order; an empty
 * cell is a period without a datapoint; fields may be double-quoted.
 */
export const CSV_TIMESTAMP_COLUMN = 'timestamp';

/** How to read a CSV file. */
export interface ReadCsvOptions {
  /**
   * The queue the file recorded.
   * @default - the file name without its extension
   */
  readonly queueName?: string;
  /**
   * The period of a line, in seconds (a multiple of 60).
   * @default - the coarsest of 60, 300 and 3600 that every gap between two lines is a multiple of
   */
  readonly periodSeconds?: number;
  /**
   * Only the lines from this time on.
   * @default - from the first line
   */
  readonly from?: Date;
  /**
   * Only the lines before this time.
   * @default - to the last line
   */
  readonly to?: Date;
}

/** Reads a queue's recorded traffic from a CSV file of the shape above. */
export function readTrafficCsv(file: string, options: ReadCsvOptions = {}): QueueTraffic {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ReplayError('csv', `Cannot read the CSV file ${file}: ${(cause as Error).message}`, 'Check the path given to --csv', { cause });
  }
  return parseTrafficCsv(text, { queueName: path.basename(file).replace(/\.[^.]*$/, ''), ...options }, file);
}

/** The same, from the file's text; `source` names it in messages and in the result. */
export function parseTrafficCsv(text: string, options: ReadCsvOptions & { readonly queueName: string }, source = 'CSV'): QueueTraffic {
  const fail = (line: number, problem: string, fix: string): never => {
    throw new ReplayError('csv', `${source}, line ${line}: ${problem}`, fix);
  };
  const rows: { line: number; cells: string[] }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) rows.push({ line: i + 1, cells: trimmed.split(',').map(unquote) });
  });
  if (rows.length === 0) throw new ReplayError('csv', `${source} has no data lines`, 'Give a file with one line per period: timestamp,value');
  const columns = columnsOf(rows[0], fail);
  const data = columns.header ? rows.slice(1) : rows;
  const byTime = new Map<number, { line: number; cells: string[] }>();
  for (const row of data) {
    if (row.cells.length !== columns.keys.length + 1) {
      fail(row.line, `${row.cells.length} fields where the ${columns.header ? 'header has' : 'file has'} ${columns.keys.length + 1}`, `Write timestamp,${columns.keys.map((k) => QUEUE_METRICS[k].metricName).join(',')}`);
    }
    const epochMs = timestampOf(row.cells[0], row.line, fail);
    if (byTime.has(epochMs)) fail(row.line, `timestamp ${row.cells[0]} repeats line ${byTime.get(epochMs)!.line}`, 'Keep one line per period');
    byTime.set(epochMs, row);
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const periodSeconds = options.periodSeconds ?? inferredPeriod(times);
  if (periodSeconds % 60 !== 0 || periodSeconds <= 0) {
    throw new ReplayError('csv', `${source}: the lines are ${periodSeconds} s apart, not whole minutes`, 'Give one line per minute (or per 5 minutes, per hour), or pass --period');
  }
  const periodMs = periodSeconds * 1000;
  const first = times[0];
  const startEpochMs = options.from ? first + Math.ceil((options.from.getTime() - first) / periodMs) * periodMs : first;
  const endEpochMs = options.to ? first + Math.ceil((options.to.getTime() - first) / periodMs) * periodMs : times[times.length - 1] + periodMs;
  const points = Object.fromEntries(QUEUE_METRIC_KEYS.map((k) => [k, [] as Datapoint[]])) as Record<QueueMetricKey, Datapoint[]>;
  for (const t of times) {
    const row = byTime.get(t)!;
    if ((t - first) % periodMs !== 0) fail(row.line, `timestamp ${row.cells[0]} is not on a ${periodSeconds}-second period from the first line (${iso(first)})`, 'Give every line on the same period grid');
    if (t < startEpochMs || t >= endEpochMs) continue;
    columns.keys.forEach((key, i) => {
      const cell = row.cells[i + 1];
      if (cell === '') return;
      const value = Number(cell);
      if (!Number.isFinite(value) || value < 0) fail(row.line, `${QUEUE_METRICS[key].metricName} '${cell}' is not a number of at least 0`, 'Write counts and ages as plain numbers, or leave the cell empty for no datapoint');
      points[key].push({ epochMs: t, value });
    });
  }
  if (endEpochMs <= startEpochMs || !hasAnyData(points)) {
    throw new ReplayError('csv', `${source} has no datapoints from ${iso(startEpochMs)} to ${iso(endEpochMs)}`, `The file covers ${iso(first)} to ${iso(times[times.length - 1] + periodMs)}; pick --from and --to inside it`);
  }
  return trafficFromPoints(options.queueName, source, { startEpochMs, endEpochMs, periodSeconds }, points);
}

/** Writes traffic in the CSV shape {@link parseTrafficCsv} reads: every metric, an empty cell where there is no datapoint. */
export function trafficToCsv(traffic: QueueTraffic): string {
  const series = QUEUE_METRIC_KEYS.map((k) => traffic[k]);
  const lines = [
    `# queue ${traffic.queueName}, ${traffic.source}, ${traffic.window.periodSeconds}-second periods; ${series.map((s) => `${s.metricName} ${s.stat}`).join(', ')}`,
    [CSV_TIMESTAMP_COLUMN, ...series.map((s) => s.metricName)].join(','),
  ];
  const periodMs = traffic.window.periodSeconds * 1000;
  traffic.sent.values.forEach((_, i) => {
    lines.push([iso(traffic.window.startEpochMs + i * periodMs), ...series.map((s) => (s.values[i] === null ? '' : String(s.values[i])))].join(','));
  });
  return `${lines.join('\n')}\n`;
}

type Fail = (line: number, problem: string, fix: string) => never;

function columnsOf(first: { line: number; cells: string[] }, fail: Fail): { header: boolean; keys: QueueMetricKey[] } {
  if (first.cells[0].toLowerCase() !== CSV_TIMESTAMP_COLUMN) return { header: false, keys: ['sent'] };
  const known = new Map<string, QueueMetricKey>(QUEUE_METRIC_KEYS.map((k) => [QUEUE_METRICS[k].metricName.toLowerCase(), k]));
  known.set('value', 'sent');
  const keys = first.cells.slice(1).map((name) => {
    const key = known.get(name.toLowerCase());
    if (!key) fail(first.line, `unknown column '${name}'`, `Name columns ${QUEUE_METRIC_KEYS.map((k) => QUEUE_METRICS[k].metricName).join(', ')} or value (= NumberOfMessagesSent)`);
    return key!;
  });
  if (!keys.includes('sent')) fail(first.line, 'no NumberOfMessagesSent column', 'Add a NumberOfMessagesSent (or value) column: the arrivals');
  if (new Set(keys).size !== keys.length) fail(first.line, 'a column appears twice', 'Keep one column per metric');
  return { header: true, keys };
}

const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function timestampOf(cell: string, line: number, fail: Fail): number {
  if (!ZONED_ISO.test(cell)) fail(line, `'${cell}' is not an ISO 8601 timestamp with a zone`, 'Write timestamps like 2026-11-18T00:00:00Z or 2026-11-18T00:00:00+00:00');
  const ms = Date.parse(cell);
  if (Number.isNaN(ms)) fail(line, `'${cell}' is not a date`, 'Write timestamps like 2026-11-18T00:00:00Z');
  return ms;
}

/**
 * The period of the lines: the coarsest CloudWatch resolution (60, 300, 3600 s) every gap is a multiple of. Not
 * the gaps' own divisor: minutes of an idle queue are missing, and two lines 2 minutes apart are 1-minute data
 * with a gap far more often than 2-minute data. A gap that is no whole minute is returned as is, to be refused.
 */
function inferredPeriod(times: readonly number[]): number {
  let gcd = 0;
  for (let i = 1; i < times.length; i++) gcd = greatestCommonDivisor(gcd, times[i] - times[i - 1]);
  if (gcd === 0) return CLOUDWATCH_RESOLUTIONS[0].periodSeconds;
  const fitting = CLOUDWATCH_RESOLUTIONS.filter((r) => gcd % (r.periodSeconds * 1000) === 0);
  return fitting.length === 0 ? gcd / 1000 : fitting[fitting.length - 1].periodSeconds;
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

function unquote(cell: string): string {
  const t = cell.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}
