import * as fs from 'fs';
import { parseArgs } from 'util';
import { ComparisonColumn, compareTraffic, renderComparison } from './comparison';
import { readTrafficCsv, trafficToCsv } from './csv';
import { ReplayError } from './errors';
import type { SimulatedRun } from './play';
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
(ApproximateNumberOfMessagesVisible, ApproximateAgeOfOldestMessage), plays the arrivals through each --stack of
a synthesized app on the simulator's virtual clock, and prints production next to each configuration: p95 and
maximum age of the oldest message, peak depth, arrivals, capacity and its hours.

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
  --stack NAME        play the arrivals through this stack of the synthesized app (repeat it to compare stacks);
                      its queue is consumed by its Lambda function through an event source mapping, or by
                      the workers of its ECS service or Auto Scaling group, scaled by its policies
  --app DIR           the synthesized app (default: cdk.out; run npx cdk synth first)
  --stack-queue ID    the stack's queue to play into, by construct path or logical id (default: the one queue
                      a Lambda event source mapping consumes, else the queue of the stack's scaled fleet)
  --time-per-invocation DURATION  Lambda: what an invocation takes whatever its batch (default: 100ms; 1.5s, 250ms)
  --time-per-message DURATION     Lambda: what each record adds to it (default: 0ms); a scaled fleet: what one
                                  message takes a worker (needed for it)
  --plot FILE.svg     draw arrivals, oldest age, depth and simulated capacity, minute by minute
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
  stack: { type: 'string', multiple: true },
  app: { type: 'string' },
  'stack-queue': { type: 'string' },
  'time-per-invocation': { type: 'string' },
  'time-per-message': { type: 'string' },
  plot: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The options of `decoupled replay`, as `util.parseArgs` takes them (for a command line that parses them itself). */
export const REPLAY_OPTIONS = OPTIONS;

/**
 * `decoupled replay`: reads a queue's recorded traffic (CloudWatch, or a CSV file), plays its arrivals through
 * each --stack on the simulator, and prints production next to each configuration. Returns the exit status: 0
 * done, 1 failed, 2 wrong usage. The CloudWatch SDK, the simulator and the plot's renderers are loaded only when
 * the arguments need them.
 */
export async function replayCommand(argv: readonly string[], io: CommandIo = processIo()): Promise<number> {
  try {
    const { values } = parseArguments(argv);
    if (values.help) {
      io.stdout.write(`${REPLAY_HELP}\n`);
      return 0;
    }
    const plan = stackPlan(values);
    const traffic = await readTraffic(values, io);
    if (values['save-csv']) {
      fs.writeFileSync(values['save-csv'], trafficToCsv(traffic));
      if (!values.quiet) io.stderr.write(`wrote ${traffic.sent.values.length} periods to ${values['save-csv']}\n`);
    }
    if (plan && !values.quiet && !values.json) io.stderr.write(`playing ${traffic.arrivals.perMinute.length.toLocaleString('en-US')} minutes of arrivals through ${plan.stacks.join(', ')} on the simulator\n`);
    const runs = await simulate(traffic, plan, Boolean(values.quiet || values.json), io);
    if (values.plot) {
      const { plotReplay } = require('./plot') as typeof import('./plot');
      fs.writeFileSync(values.plot, await plotReplay(traffic, runs));
      if (!values.quiet) io.stderr.write(`wrote the plot to ${values.plot}\n`);
    }
    const summary = summarizeTraffic(traffic);
    const columns: ComparisonColumn[] = runs.map((r) => ({ heading: r.heading, summary: r.summary }));
    const json = { ...traffic, summary, simulated: runs.map((r) => ({ heading: r.heading, summary: r.summary, leftInQueue: r.leftInQueue })) };
    io.stdout.write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${report(traffic, renderComparison(compareTraffic(summary, columns)), runs)}\n`);
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

/** What --stack and its options ask for, checked before anything is read. */
interface StackPlan {
  readonly assembly: string;
  readonly stacks: readonly string[];
  readonly queue?: string;
  readonly timePerInvocationMs?: number;
  readonly timePerMessageMs?: number;
}

function stackPlan(values: Values): StackPlan | undefined {
  const stacks = values.stack ?? [];
  if (stacks.length === 0) {
    const stackOnly = (['app', 'stack-queue', 'time-per-invocation', 'time-per-message'] as const).find((o) => values[o] !== undefined);
    if (stackOnly) throw new ReplayError('usage', `--${stackOnly} is given without --stack`, 'Name the stack to play the arrivals through with --stack NAME');
    return undefined;
  }
  const ms = (option: 'time-per-invocation' | 'time-per-message') => (values[option] === undefined ? undefined : millisecondsArgument(`--${option}`, values[option]!));
  return { assembly: values.app ?? 'cdk.out', stacks, queue: values['stack-queue'], timePerInvocationMs: ms('time-per-invocation'), timePerMessageMs: ms('time-per-message') };
}

/** Plays the arrivals through each --stack; the simulator (and aws-cdk-lib) is loaded only then. */
async function simulate(traffic: QueueTraffic, plan: StackPlan | undefined, quiet: boolean, io: CommandIo): Promise<SimulatedRun[]> {
  if (!plan) return [];
  const { replayThroughStacks } = require('./replay-stacks') as typeof import('./replay-stacks');
  const { Duration } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  const duration = (ms: number | undefined) => (ms === undefined ? undefined : Duration.millis(ms));
  return replayThroughStacks(traffic, {
    assembly: plan.assembly,
    stacks: plan.stacks,
    queue: plan.queue,
    timePerInvocation: duration(plan.timePerInvocationMs),
    timePerMessage: duration(plan.timePerMessageMs),
    onProgress: quiet ? undefined : (stack, p) => io.stderr.write(`  ${stack}: ${p.minutes.toLocaleString('en-US')} of ${p.totalMinutes.toLocaleString('en-US')} minutes played, ${p.messages.toLocaleString('en-US')} messages\n`),
  });
}

/** `250ms`, `1.5s`, `250` (ms): a processing time on the virtual clock, in ms. */
function millisecondsArgument(option: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text);
  if (!match) throw new ReplayError('usage', `${option} '${text}' is not a duration`, `Give ${option} in milliseconds or seconds: 250ms, 1.5s`);
  const ms = Number(match[1]) * (match[2] === 's' ? 1000 : 1);
  if (!Number.isInteger(ms)) throw new ReplayError('usage', `${option} '${text}' is not a whole number of milliseconds`, `Round ${option} to the millisecond`);
  return ms;
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

function report(traffic: QueueTraffic, table: string, runs: readonly SimulatedRun[]): string {
  const w = traffic.window;
  const periods = traffic.sent.values.length;
  const head = [
    `queue ${traffic.queueName}, ${traffic.source}`,
    `window ${iso(w.startEpochMs)} to ${iso(w.endEpochMs)}, ${periods.toLocaleString('en-US')} periods of ${w.periodSeconds / 60} min`,
    '',
    table,
  ];
  const notes = [
    ...traffic.notes,
    ...runs.filter((r) => r.leftInQueue > 0).map((r) => `${r.heading}: ${r.leftInQueue.toLocaleString('en-US')} messages were still in the queue when the window ended`),
  ];
  return notes.length === 0 ? head.join('\n') : [...head, '', 'notes:', ...notes.map((n) => `- ${n}`)].join('\n');
}

function processIo(): CommandIo {
  return { stdout: process.stdout, stderr: process.stderr };
}
