import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ThumbnailsStack } from '../../examples/queue-depth-scaling/thumbnails-stack';
import { PaymentsConsumerStack } from '../../examples/queue-consumer/payments-stack';
import { replayCommand } from '../../lib/replay';

// `decoupled replay --stack`: recorded arrivals played through stacks of a synthesized app (a cdk.out folder),
// the comparison printed and plotted. Half an hour of the recorded day around its 02:00 burst keeps it quick.

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'replay', 'recorded-day.csv');
const WINDOW = ['--from', '2026-11-18T01:50:00Z', '--to', '2026-11-18T02:20:00Z'];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-stack-'));
const assembly = path.join(work, 'cdk.out');

beforeAll(() => {
  // GIVEN an app with the payments consumer, the thumbnails workers (QueueDepthScaling on ECS) and a stack whose
  // queue nothing consumes, synthesized once
  const app = new App({ outdir: assembly });
  new PaymentsConsumerStack(app, 'Payments');
  new ThumbnailsStack(app, 'Thumbnails');
  new sqs.Queue(new Stack(app, 'JustAQueue'), 'Queue', { enforceSSL: true });
  app.synth();
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await replayCommand(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { status, stdout, stderr };
}

describe('decoupled replay --stack', () => {
  test('plays the arrivals through the stack and prints it next to production, with progress, and draws the plot', async () => {
    // WHEN
    const plot = path.join(work, 'replay.svg');
    const r = await run('--csv', FIXTURE, ...WINDOW, '--app', assembly, '--stack', 'Payments', '--time-per-message', '300ms', '--plot', plot);
    // THEN
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[3]).toMatch(/^\s+production {3}Payments \(Lambda, batches of 10, at most 50\)$/);
    expect(lines.find((l) => l.startsWith('messages sent'))).toMatch(/^messages sent\s+(\S+)\s+\1$/);
    expect(lines.find((l) => l.startsWith('capacity, peak'))).toMatch(/^capacity, peak\s+—\s+\d+ concurrent executions$/);
    expect(r.stderr).toMatch(/^playing 30 minutes of arrivals through Payments on the simulator\n {2}Payments: 30 of 30 minutes played, [\d,]+ messages\nwrote the plot to .*replay\.svg\n$/);
    // AND the plot is an SVG with its four panels
    const svg = fs.readFileSync(plot, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    for (const title of ['Arrivals per minute', 'Age of the oldest message (s)', 'Visible messages', 'Simulated capacity in use']) expect(svg).toContain(title);
  });

  test('plays a stack whose queue an ECS service consumes through its workers, capacity in tasks and task-hours', async () => {
    // WHEN the burst's half hour is played through the thumbnails workers, each message taking 2 s
    const r = await run('--csv', FIXTURE, ...WINDOW, '--app', assembly, '--stack', 'Thumbnails', '--time-per-message', '2s', '--quiet');
    // THEN
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[3]).toMatch(/^\s+production {3}Thumbnails \(ECS service, 0–20 tasks\)$/);
    expect(lines.find((l) => l.startsWith('messages sent'))).toMatch(/^messages sent\s+(\S+)\s+\1$/);
    // AND the 6,091 messages of the burst scale the service out: more than the one task it starts with
    const peak = Number(/^capacity, peak\s+—\s+(\d+) tasks$/.exec(lines.find((l) => l.startsWith('capacity, peak'))!)![1]);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(20);
    expect(lines.find((l) => l.startsWith('capacity, hours'))).toMatch(/^capacity, hours\s+—\s+\d+\.\d task-hours$/);
  });

  test('--stack twice compares two configurations; --json gives each one\'s summary', async () => {
    const r = await run('--csv', FIXTURE, ...WINDOW, '--app', assembly, '--stack', 'Payments', '--stack', 'Payments', '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.simulated).toHaveLength(2);
    expect(out.simulated[0].summary).toEqual(out.simulated[1].summary);
    expect(out.simulated[0].summary.messages).toBe(out.summary.messages);
  });

  test.each([
    ['a folder that is not a synthesized app', ['--app', work, '--stack', 'Payments'], new RegExp(`${work} is not a synthesized CDK app \\(no manifest.json there\\)\\n {2}fix: Run \`npx cdk synth\` first`)],
    ['a stack the app does not have', ['--app', assembly, '--stack', 'Paymnets'], /has no stack Paymnets \(no Paymnets.template.json\)\n {2}fix: Give one of its stacks to --stack: JustAQueue, Payments/],
    ['a stack with no queue consumed by Lambda', ['--app', assembly, '--stack', 'JustAQueue'], /the stack has no SQS queue consumed by a Lambda event source mapping/],
    ['a stack whose queue a scaled fleet consumes, without --time-per-message', ['--app', assembly, '--stack', 'Thumbnails'], /Thumbnails's queue is consumed by a scaled fleet, whose workers' time per message the template does not tell\n {2}fix: Give what one message takes a worker with --time-per-message/],
    ['a --stack-queue the stack does not consume', ['--app', assembly, '--stack', 'Payments', '--stack-queue', 'Payments/DeadLetterQueue'], /the stack has no queue 'Payments\/DeadLetterQueue' consumed by a Lambda event source mapping \(it has [\w/ (]+\)+\n {2}fix: Name one of those queues with --stack-queue/],
  ])('exits 1 if given %s, saying what to give instead', async (_, argv, message) => {
    const r = await run('--csv', FIXTURE, ...WINDOW, '--quiet', ...argv);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});
