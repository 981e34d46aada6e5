import * as fs from 'fs';
import { parseArgs } from 'util';
import { compareTraffic, renderComparison } from './comparison';
import { readTrafficCsv, trafficToCsv } from './csv';
import { ReplayError } from './errors';
import { ReadProgress, readQueueTraffic } from './read-cloudwatch';
import { iso } from './resolution';
import { summarizeTraffic } from './summary';
import { parseTimeArgument } from './time-argument';
import { QueueTraffic } from './traffic';

/** Where the command writes, and its clock. */
export interface CommandIo {
  /** The result: the comparison, or JSON with --json. */
  readonly stdout: { write(text: string): unknown };
  /** Progress and errors. */
  readonly stderr: { write(text: string): unknown };
  /**
   * The current time, for `now` and the data's age.
   * @default - the system clock
   */
  readonly now?: () => Date;
}

/** The command's usage, as --help prints it. */
export const REPLAY_HELP = `Usage: decoupled replay --queue NAME --from TIME [--to TIME] [options]
       decoupled replay --csv FILE [--queue NAME] [--from TIME] [--to TIME] [options]

Reads a queue's arrivals (NumberOfMessagesSent per minute) from CloudWatch, with what production saw
(ApproximateNumberOfMessagesVisible, ApproximateAgeOfOldestMessage), and prints production's side of the
comparison: p95 and maximum age of the oldest message, peak depth, arrivals.

Options:
  --queue NAME        the queue: its name, URL or ARN (with --csv: defaults to the file's name)
  --from TIME         the window's start: now-7d, now-6h, 2026-11-18, 2026-11-18T06:00:00Z (UTC without a zone)
  --to TIME           the window's end, exclusive (default: now)
  --period SECONDS    a coarser period than the finest CloudWatch keeps (60 s for 15 days, 300 s for 63, 3600 s for 455)
  --region REGION     the queue's region (default: AWS_REGION, the profile's region, or the queue URL's)
  --profile NAME      a profile of ~/.aws/config (default: AWS_PROFILE, then the SDK's default credential chain)
  --endpoint-url URL  another CloudWatch endpoint, such as a local moto_server
  --max-attempts N    attempts per request before throttling gives up (default: 5)
  --retry-mode MODE   the SDK's retry mode: standard or adaptive (default: standard)
  --csv FILE          read the metrics from a CSV file instead of CloudWatch (docs/replay.md: the CSV shape)
  --save-csv FILE     write what was read to a CSV file of that shape (a recorded day for a test)
  --keep-incomplete   keep what was read when CloudWatch still reports PartialData after the last page
  --json              print the traffic and the summary as JSON instead of the table
  --quiet             no progress on stderr
  --stack APP         play the arrivals through a synthesized stack (not in this version)
  -h, --help          this help

Needs cloudwatch:GetMetricData on "Resource": "*". Exit status: 0 done, 1 failed, 2 wrong usage.`;

const OPTIONS = {
  queue: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  period: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  'endpoint-url': { type: 'string' },
  'max-attempts': { type: 'string' },
  'retry-mode': { type: 'string' },
  csv: { type: 'string' },
  'save-csv': { type: 'string' },
  'keep-incomplete': { type: 'boolean' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  stack: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `decoupled replay`: reads a queue's recorded traffic (CloudWatch, or a CSV file) and prints production's side
 * of the comparison. Returns the exit status: 0 done, 1 failed, 2 wrong usage.
 */
export async function replayCommand(argv: readonly string[], io: CommandIo = processIo()): Promise<number> {
  try {
    const { values } = parseArguments(argv);
    if (values.help) {
      io.stdout.write(`${REPLAY_HELP}\n`);
      return 0;
    }
    const traffic = await readTraffic(values, io);
    if (values['save-csv']) {
      fs.writeFileSync(values['save-csv'], trafficToCsv(traffic));
      if (!values.quiet) io.stderr.write(`wrote ${traffic.sent.values.length} periods to ${values['save-csv']}\n`);
    }
    const summary = summarizeTraffic(traffic);
    io.stdout.write(values.json ? `${JSON.stringify({ ...traffic, summary }, null, 2)}\n` : `${report(traffic, renderComparison(compareTraffic(summary)))}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ReplayError)) throw error;
    io.stderr.write(`decoupled replay: ${error.problem}\n  fix: ${error.fix}\n`);
    return error.code === 'usage' ? 2 : 1;
  }
}

type Values = ReturnType<typeof parseArguments>['values'];

function parseArguments(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false });
  } catch (e) {
    throw new ReplayError('usage', (e as Error).message.split('\n')[0], 'See decoupled replay --help');
  }
}

async function readTraffic(values: Values, io: CommandIo): Promise<QueueTraffic> {
  if (values.stack !== undefined) {
    throw new ReplayError(
      'usage',
      `--stack ${values.stack}: playing recorded arrivals through a synthesized stack needs the simulator's workload support, which this version does not have`,
      'Run without --stack for production\'s side, and keep the arrivals with --save-csv for a simulator test',
    );
  }
  const now = io.now?.() ?? new Date();
  const time = (option: 'from' | 'to') => (values[option] === undefined ? undefined : parseTimeArgument(`--${option}`, values[option]!, now));
  const periodSeconds = values.period === undefined ? undefined : positiveInteger('--period', values.period);
  if (values.csv !== undefined) {
    return readTrafficCsv(values.csv, { queueName: values.queue, periodSeconds, from: time('from'), to: time('to') });
  }
  if (values.queue === undefined) throw new ReplayError('usage', '--queue is missing', 'Name the queue to read: --queue NAME (or its URL or ARN), or read a file with --csv FILE');
  const from = time('from');
  if (from === undefined) throw new ReplayError('usage', '--from is missing', 'Give the window\'s start: --from now-1d, or a date such as 2026-11-18');
  const retryMode = values['retry-mode'];
  if (retryMode !== undefined && retryMode !== 'standard' && retryMode !== 'adaptive') {
    throw new ReplayError('usage', `--retry-mode '${retryMode}' is not a retry mode of the SDK`, 'Give standard or adaptive');
  }
  const queue = values.queue;
  const progress = (p: ReadProgress) => io.stderr.write(`${p.pages === 1 ? `reading the AWS/SQS metrics of ${queue} from CloudWatch\n` : ''}${progressLine(p)}`);
  return readQueueTraffic({
    queue: values.queue,
    from,
    to: time('to') ?? now,
    periodSeconds,
    region: values.region,
    profile: values.profile,
    endpoint: values['endpoint-url'],
    maxAttempts: values['max-attempts'] === undefined ? undefined : positiveInteger('--max-attempts', values['max-attempts']),
    retryMode,
    incompleteData: values['keep-incomplete'] ? 'keep' : 'fail',
    now,
    onProgress: values.quiet || values.json ? undefined : progress,
  });
}

function progressLine(p: ReadProgress): string {
  const share = p.expectedDatapoints === 0 ? 100 : Math.min(100, Math.round((100 * p.datapoints) / p.expectedDatapoints));
  return `  page ${p.pages}: ${p.datapoints.toLocaleString('en-US')} datapoints (${share}% of the window at most)\n`;
}

function positiveInteger(option: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1) throw new ReplayError('usage', `${option} '${text}' is not a whole number of at least 1`, `Give ${option} a positive whole number`);
  return n;
}

function report(traffic: QueueTraffic, table: string): string {
  const w = traffic.window;
  const periods = traffic.sent.values.length;
  const head = [
    `queue ${traffic.queueName}, ${traffic.source}`,
    `window ${iso(w.startEpochMs)} to ${iso(w.endEpochMs)}, ${periods.toLocaleString('en-US')} periods of ${w.periodSeconds / 60} min`,
    '',
    table,
  ];
  return traffic.notes.length === 0 ? head.join('\n') : [...head, '', 'notes:', ...traffic.notes.map((n) => `- ${n}`)].join('\n');
}

function processIo(): CommandIo {
  return { stdout: process.stdout, stderr: process.stderr };
}
