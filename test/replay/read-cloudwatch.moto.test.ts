import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { PaymentsConsumerStack } from '../../examples/queue-consumer/payments-stack';
import { QueueTraffic, ReadQueueTrafficOptions, ReplayError, readQueueTraffic, readTrafficCsv, replayCommand, summarizeTraffic } from '../../lib/replay';
import { AwsEnvironment, isolatedAwsEnvironment } from './aws-environment';
import { THROTTLING, startFaultProxy } from './fault-proxy';
import { MotoServer, describeWithMotoServer, startMotoServer } from './moto-server';
import { TEST_CREDENTIALS, putQueueTraffic } from './seed';

// The replay against a real CloudWatch endpoint on loopback: moto_server, seeded with PutMetricData through the
// same SDK, read back by the code under test through an endpoint override and the SDK's default credential chain.
// Throttling and AccessDenied, which moto cannot produce, come from a proxy in front of it that answers in
// CloudWatch's wire format, so the SDK's own retry strategy and error parsing run.

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'replay', 'recorded-day.csv');
const REGION = 'eu-west-1';
// Two hours of the recorded day, the 02:00 batch burst among them: moto_server reads every datapoint it holds for
// every period asked (about a second per query for a whole day), so the server holds little.
const FROM = new Date('2026-11-18T01:00:00Z');
const TO = new Date('2026-11-18T03:00:00Z');
const NOW = new Date('2026-11-19T00:05:00Z');
const MINUTE = 60_000;
const DAY_MS = 86_400_000;

// Skipped, with a warning, where moto_server is not installed; under CI its absence fails the run.
const describeMoto = describeWithMotoServer();

let moto: MotoServer;
let env: AwsEnvironment;
let hours: QueueTraffic;

beforeAll(async () => {
  if (describeMoto !== describe) return;
  env = isolatedAwsEnvironment();
  moto = await startMotoServer();
  hours = readTrafficCsv(FIXTURE, { queueName: 'orders', from: FROM, to: TO });
  await putQueueTraffic(moto.endpoint, REGION, hours);
}, 30_000);

afterAll(async () => {
  await moto?.stop();
  env?.restore();
});

const read = (options: Partial<ReadQueueTrafficOptions> = {}) =>
  readQueueTraffic({ queue: 'orders', from: FROM, to: TO, region: REGION, endpoint: moto.endpoint, now: NOW, ...options });

const failure = async (promise: Promise<unknown>): Promise<ReplayError> => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ReplayError);
  return error as ReplayError;
};

describeMoto('reading a queue from CloudWatch (moto_server on loopback)', () => {
  test('reads back recorded hours: arrivals per minute and what production saw, minute by minute', async () => {
    // WHEN
    const traffic = await read();
    // THEN
    expect(traffic.source).toBe('CloudWatch eu-west-1');
    expect(traffic.window).toEqual({ startEpochMs: FROM.getTime(), endEpochMs: TO.getTime(), periodSeconds: 60 });
    expect(traffic.arrivals.startEpochMs).toBe(FROM.getTime());
    expect(traffic.arrivals.perMinute).toHaveLength(120);
    expect(traffic.arrivals.perMinute).toEqual(hours.arrivals.perMinute);
    expect(traffic.visible.values).toEqual(hours.visible.values);
    expect(traffic.ageOfOldest.values).toEqual(hours.ageOfOldest.values);
    expect(summarizeTraffic(traffic)).toEqual(summarizeTraffic(hours));
  });

  test('rounds the window as CloudWatch does: the start down to the minute, the end up, the end exclusive', async () => {
    // GIVEN a window that starts and ends 30 s into a minute (moto alone would count periods from 02:00:30)
    const from = new Date('2026-11-18T02:00:30Z');
    const to = new Date('2026-11-18T02:10:30Z');
    // WHEN
    const traffic = await read({ from, to });
    // THEN minutes 02:00 to 02:10 inclusive
    expect(traffic.window.startEpochMs).toBe(Date.parse('2026-11-18T02:00:00Z'));
    expect(traffic.window.endEpochMs).toBe(Date.parse('2026-11-18T02:11:00Z'));
    expect(traffic.arrivals.perMinute).toEqual(hours.arrivals.perMinute.slice(60, 71));
  });

  test('reads a window older than 15 days at 5-minute periods, and spreads each period over its minutes', async () => {
    // GIVEN the same hours recorded 20 days earlier
    const shift = 20 * DAY_MS;
    const earlier = (s: QueueTraffic['sent']) => ({ ...s, startEpochMs: s.startEpochMs - shift });
    await putQueueTraffic(moto.endpoint, REGION, { ...hours, sent: earlier(hours.sent), visible: earlier(hours.visible), ageOfOldest: earlier(hours.ageOfOldest) }, 'orders-old');
    // WHEN
    const traffic = await read({ queue: 'orders-old', from: new Date(FROM.getTime() - shift), to: new Date(TO.getTime() - shift) });
    // THEN
    expect(traffic.window.periodSeconds).toBe(300);
    expect(traffic.sent.values).toHaveLength(24);
    const fiveMinuteSums = Array.from({ length: 24 }, (_, i) => hours.arrivals.perMinute.slice(i * 5, i * 5 + 5).reduce((a, b) => a + b, 0));
    expect(traffic.sent.values).toEqual(fiveMinuteSums);
    const spread = Array.from({ length: 24 }, (_, i) => traffic.arrivals.perMinute.slice(i * 5, i * 5 + 5));
    expect(spread.map((m) => m.reduce((a, b) => a + b, 0))).toEqual(fiveMinuteSums);
    expect(spread.every((m) => Math.max(...m) - Math.min(...m) <= 1)).toBe(true);
    expect(traffic.visible.values[12]).toBe(Math.max(...(hours.visible.values.slice(60, 65) as number[])));
    expect(traffic.notes.join('\n')).toMatch(/starts 20 days ago and CloudWatch keeps 1-minute data 15 days: read at 5-minute periods/);
  });

  test('fails if the queue has no data in the window, naming the queue, the region and what to check', async () => {
    const error = await failure(read({ queue: 'Orders' }));
    expect(error.code).toBe('no-data');
    expect(error.message).toMatch(/no AWS\/SQS datapoints for queue 'Orders' in eu-west-1 from 2026-11-18T01:00:00Z to 2026-11-18T03:00:00Z/);
    expect(error.fix).toMatch(/Check the queue name \(case-sensitive.*and the region \(--region\)/);
  });

  test('fails if the queue is read in another region than it lives in: metrics are regional', async () => {
    const error = await failure(read({ region: 'us-east-1' }));
    expect(error.code).toBe('no-data');
    expect(error.message).toMatch(/in us-east-1/);
  });

  test('takes the region from a queue URL when --region is not given', async () => {
    const traffic = await read({ queue: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders', region: undefined, to: new Date(FROM.getTime() + 10 * MINUTE) });
    expect(traffic.source).toBe('CloudWatch eu-west-1');
    expect(traffic.arrivals.perMinute).toEqual(hours.arrivals.perMinute.slice(0, 10));
  });
});

describeMoto('credentials and region as the SDK finds them', () => {
  afterEach(() => {
    env.writeFiles('');
    env.useEnvironmentCredentials(true);
  });

  test('a --profile gives the credentials and the region, from ~/.aws/config and ~/.aws/credentials', async () => {
    // GIVEN a profile in eu-west-3, no credentials in the environment, and the queue's metrics in eu-west-3
    env.writeFiles('[profile replay]\nregion = eu-west-3\n', `[replay]\naws_access_key_id = ${TEST_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${TEST_CREDENTIALS.secretAccessKey}\n`);
    env.useEnvironmentCredentials(false);
    await putQueueTraffic(moto.endpoint, 'eu-west-3', hours);
    // WHEN
    const traffic = await read({ profile: 'replay', region: undefined });
    // THEN
    expect(traffic.source).toBe('CloudWatch eu-west-3');
    expect(traffic.arrivals.perMinute).toEqual(hours.arrivals.perMinute);
  });

  test('fails if no credentials are found, saying where the SDK looks', async () => {
    env.useEnvironmentCredentials(false);
    const error = await failure(read());
    expect(error.code).toBe('no-credentials');
    expect(error.fix).toMatch(/--profile NAME, set AWS_PROFILE/);
  });

  test('fails if the profile does not exist, naming it', async () => {
    env.useEnvironmentCredentials(false);
    const error = await failure(read({ profile: 'nowhere' }));
    expect(error.code).toBe('no-credentials');
    expect(error.message).toMatch(/profile 'nowhere'/);
    expect(error.fix).toMatch(/aws sso login --profile nowhere/);
  });

  test('fails if no region is given anywhere', async () => {
    const error = await failure(read({ region: undefined }));
    expect(error.code).toBe('no-region');
    expect(error.fix).toMatch(/--region.*AWS_REGION/);
  });
});

describeMoto('throttling and permissions, from a proxy in CloudWatch\'s wire format', () => {
  test('a throttled request is retried by the SDK\'s retry strategy, and the read succeeds', async () => {
    const proxy = await startFaultProxy(moto.endpoint, [THROTTLING]);
    try {
      const traffic = await read({ endpoint: proxy.endpoint });
      expect(traffic.arrivals.perMinute).toEqual(hours.arrivals.perMinute);
      expect(proxy.getMetricDataRequests()).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  test('fails if every attempt is throttled, after --max-attempts attempts', async () => {
    const proxy = await startFaultProxy(moto.endpoint, [THROTTLING], { always: true });
    try {
      const error = await failure(read({ endpoint: proxy.endpoint, maxAttempts: 2 }));
      expect(error.code).toBe('throttled');
      expect(error.message).toMatch(/CloudWatch throttled cloudwatch:GetMetricData for queue 'orders' in eu-west-1 on all 2 attempts/);
      expect(error.fix).toMatch(/raise --max-attempts \(now 2\)/);
      expect(proxy.getMetricDataRequests()).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  test('fails if the caller may not read metrics, naming the principal, the action and the resource, without retrying', async () => {
    const denied = {
      status: 403,
      code: 'AccessDenied',
      message: 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action',
    };
    const proxy = await startFaultProxy(moto.endpoint, [denied], { always: true });
    try {
      const error = await failure(read({ endpoint: proxy.endpoint }));
      expect(error.code).toBe('access-denied');
      expect(error.message).toMatch(/^arn:aws:iam::123456789012:user\/ci may not perform cloudwatch:GetMetricData on resource \*, needed to read the AWS\/SQS metrics of queue 'orders' in eu-west-1/);
      expect(error.fix).toMatch(/Allow cloudwatch:GetMetricData on "Resource": "\*"/);
      expect(proxy.getMetricDataRequests()).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});

describeMoto('decoupled replay against moto_server', () => {
  const run = async (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const status = await replayCommand(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, now: () => NOW });
    return { status, stdout, stderr };
  };

  test('prints production\'s side of the comparison, with progress on stderr, and saves what it read as CSV', async () => {
    // GIVEN
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'replay-')), 'orders.csv');
    // WHEN
    const result = await run(['--queue', 'orders', '--from', '2026-11-18T01:00:00Z', '--to', '2026-11-18T03:00:00Z', '--region', REGION, '--endpoint-url', moto.endpoint, '--save-csv', saved]);
    // THEN
    expect(result.status).toBe(0);
    const summary = summarizeTraffic(hours);
    expect(result.stdout).toContain('queue orders, CloudWatch eu-west-1\nwindow 2026-11-18T01:00:00Z to 2026-11-18T03:00:00Z, 120 periods of 1 min');
    expect(result.stdout).toMatch(new RegExp(`messages sent\\s+${summary.messages.toLocaleString('en-US')}\\n`));
    expect(result.stdout).toMatch(new RegExp(`age of oldest message, p95\\s+${summary.ageOfOldestP95Seconds} s\\n`));
    expect(result.stdout).toMatch(new RegExp(`peak depth \\(visible messages\\)\\s+${summary.peakDepth!.toLocaleString('en-US')}\\n`));
    expect(result.stderr).toMatch(/reading the AWS\/SQS metrics of orders from CloudWatch\n {2}page 1: 360 datapoints \(100% of the window at most\)\nwrote 120 periods/);
    expect(readTrafficCsv(saved, { queueName: 'orders' }).arrivals.perMinute).toEqual(hours.arrivals.perMinute);
  });

  test('reads CloudWatch and plays the arrivals through a synthesized stack, printed next to production', async () => {
    // GIVEN the payments consumer example, synthesized
    const assembly = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-cdk-'));
    const app = new App({ outdir: assembly });
    new PaymentsConsumerStack(app, 'Payments');
    app.synth();
    // WHEN
    const result = await run(['--queue', 'orders', '--from', '2026-11-18T01:00:00Z', '--to', '2026-11-18T03:00:00Z', '--region', REGION, '--endpoint-url', moto.endpoint, '--app', assembly, '--stack', 'Payments', '--quiet']);
    // THEN both columns, every arrival read from CloudWatch sent through the stack
    expect(result.status).toBe(0);
    const sent = summarizeTraffic(hours).messages.toLocaleString('en-US');
    expect(result.stdout).toMatch(/\n\s+production {3}Payments \(Lambda, batches of 10, at most 50\)\n/);
    expect(result.stdout).toMatch(new RegExp(`messages sent\\s+${sent}\\s+${sent}\\n`));
    expect(result.stdout).toMatch(/capacity, peak\s+—\s+\d+ concurrent executions?\n/);
    fs.rmSync(assembly, { recursive: true, force: true });
  }, 30_000);

  test('exits 1 with the problem and the fix on stderr when the queue has no data', async () => {
    const result = await run(['--queue', 'nothing-here', '--from', 'now-2h', '--region', REGION, '--endpoint-url', moto.endpoint, '--quiet']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^decoupled replay: CloudWatch has no AWS\/SQS datapoints for queue 'nothing-here' in eu-west-1 from 2026-11-18T22:05:00Z to 2026-11-19T00:05:00Z\n {2}fix: Check the queue name/);
  });
});
