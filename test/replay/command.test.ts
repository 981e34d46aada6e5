import * as path from 'path';
import { REPLAY_HELP, compareTraffic, readTrafficCsv, renderComparison, replayCommand, summarizeTraffic } from '../../lib/replay';

// The command without a server: the CSV path, usage and help. Reading from CloudWatch is in read-cloudwatch.moto.test.ts.

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'replay', 'recorded-day.csv');
const NOW = new Date('2026-11-19T00:05:00Z');

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await replayCommand(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, now: () => NOW });
  return { status, stdout, stderr };
}

describe('decoupled replay', () => {
  test('--help prints the usage and exits 0', async () => {
    const r = await run('--help');
    expect(r).toEqual({ status: 0, stdout: `${REPLAY_HELP}\n`, stderr: '' });
    expect(REPLAY_HELP).toMatch(/^Usage: decoupled replay --queue NAME --from TIME/);
  });

  test('reads a recorded day from a CSV file and prints production\'s side', async () => {
    const r = await run('--csv', FIXTURE, '--queue', 'orders');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        `queue orders, ${FIXTURE}`,
        'window 2026-11-18T00:00:00Z to 2026-11-19T00:00:00Z, 1,440 periods of 1 min',
        '',
        // the table itself, written out in summary.test.ts
        renderComparison(compareTraffic(summarizeTraffic(readTrafficCsv(FIXTURE, { queueName: 'orders' })))),
        '',
      ].join('\n'),
    );
  });

  test('--json prints the traffic with its summary', async () => {
    const r = await run('--csv', FIXTURE, '--from', '2026-11-18T12:00:00Z', '--to', '2026-11-18T13:00:00Z', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const hour = readTrafficCsv(FIXTURE, { from: new Date('2026-11-18T12:00:00Z'), to: new Date('2026-11-18T13:00:00Z') });
    expect(out.arrivals.perMinute).toEqual(hour.arrivals.perMinute);
    expect(out.arrivals.startEpochMs).toBe(Date.parse('2026-11-18T12:00:00Z'));
    expect(out.summary).toEqual(JSON.parse(JSON.stringify(summarizeTraffic(hour))));
  });

  test.each([
    ['an unknown option', ['--queue', 'orders', '--from', 'now-1d', '--bogus'], /Unknown option '--bogus'/],
    ['no --queue', ['--from', 'now-1d'], /--queue is missing\n {2}fix: Name the queue to read/],
    ['no --from', ['--queue', 'orders'], /--from is missing/],
    ['a time it cannot read', ['--queue', 'orders', '--from', 'yesterday'], /--from 'yesterday' is not a time/],
    ['a period that is not a number', ['--queue', 'orders', '--from', 'now-1d', '--period', 'five'], /--period 'five' is not a whole number/],
    ['a retry mode the SDK lacks', ['--queue', 'orders', '--from', 'now-1d', '--retry-mode', 'legacy'], /--retry-mode 'legacy' is not a retry mode of the SDK/],
    ['zero attempts', ['--queue', 'orders', '--from', 'now-1d', '--max-attempts', '0'], /--max-attempts '0' is not a whole number of at least 1/],
    ['--stack-queue without --stack', ['--csv', FIXTURE, '--stack-queue', 'Payments/Queue'], /--stack-queue is given without --stack\n {2}fix: Name the stack/],
    ['a processing time it cannot read, before reading anything', ['--queue', 'orders', '--from', 'now-1d', '--stack', 'Payments', '--time-per-message', 'fast'], /--time-per-message 'fast' is not a duration\n {2}fix: Give --time-per-message in milliseconds or seconds: 250ms, 1.5s/],
    ['a processing time finer than a millisecond', ['--csv', FIXTURE, '--stack', 'Payments', '--time-per-invocation', '0.5'], /--time-per-invocation '0.5' is not a whole number of milliseconds/],
    ['a queue URL of another region than --region', ['--queue', 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders', '--region', 'us-east-1', '--from', 'now-1d'], /names a queue in eu-west-1 but --region is us-east-1/],
  ])('exits 2 if given %s, with the problem and the fix on stderr', async (_, argv, message) => {
    const r = await run(...argv);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^decoupled replay: /);
    expect(r.stderr).toMatch(message);
  });

  test('exits 1 if the window is older than CloudWatch keeps, before asking CloudWatch', async () => {
    const r = await run('--queue', 'orders', '--from', '2025-01-01', '--to', '2025-01-02', '--region', 'eu-west-1', '--endpoint-url', 'http://127.0.0.1:9', '--quiet');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--from 2025-01-01T00:00:00Z is 687 days old: CloudWatch keeps a metric at most 455 days/);
  });

  test('exits 1 if the CSV file is not there', async () => {
    const r = await run('--csv', '/nonexistent/orders.csv');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Cannot read the CSV file \/nonexistent\/orders.csv/);
  });
});
