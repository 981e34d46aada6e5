import * as path from 'path';

// What loads what: the constructs entry never loads the CloudWatch SDK; the replay command (what the `decoupled`
// command line registers) loads the SDK only to read CloudWatch, the simulator only for --stack, and vega only
// for --plot. Each heavy module is replaced by one that throws when loaded, so a load fails the test.

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'replay', 'recorded-day.csv');
const HEAVY = ['@aws-sdk/client-cloudwatch', 'vega', 'vega-lite', '../../lib/simulator/simulation'] as const;

/** Runs `body` in a fresh module registry where each module of `forbidden` throws when loaded; then lifts the ban. */
async function withForbidden(forbidden: readonly string[], body: () => void | Promise<void>): Promise<void> {
  let result: void | Promise<void> = undefined;
  jest.isolateModules(() => {
    for (const name of forbidden) {
      jest.doMock(name, () => {
        throw new Error(`${name} was loaded`);
      });
    }
    result = body();
  });
  try {
    await result;
  } finally {
    for (const name of forbidden) jest.dontMock(name);
  }
}

const quietIo = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } } };
};

test('require(\'decoupled-cdk\') loads neither the CloudWatch SDK, the simulator nor vega', async () => {
  await withForbidden(HEAVY, () => {
    const library = require('../../lib') as typeof import('../../lib');
    expect(library.QueueConsumer).toBeDefined();
  });
});

test('the replay command reads a CSV file and prints the comparison without loading the SDK, the simulator or vega', async () => {
  await withForbidden(HEAVY, async () => {
    const { replayCommand } = require('../../lib/replay/command') as typeof import('../../lib/replay/command');
    const { out, io } = quietIo();
    expect(await replayCommand(['--csv', FIXTURE, '--quiet'], io)).toBe(0);
    expect(out.stdout).toMatch(/messages sent\s+235,631/);
  });
});

test('the companion: each of those modules, when the arguments need it, is loaded (the throwing stand-ins fire)', async () => {
  // GIVEN the same stand-ins WHEN the arguments need the SDK, the simulator, the plot THEN each load fails loudly
  await withForbidden(HEAVY, async () => {
    const { replayCommand } = require('../../lib/replay/command') as typeof import('../../lib/replay/command');
    await expect(replayCommand(['--queue', 'orders', '--from', 'now-1h', '--region', 'eu-west-1', '--quiet'], quietIo().io)).rejects.toThrow('@aws-sdk/client-cloudwatch was loaded');
    await expect(replayCommand(['--csv', FIXTURE, '--stack', 'Any', '--quiet'], quietIo().io)).rejects.toThrow('../../lib/simulator/simulation was loaded');
    await expect(replayCommand(['--csv', FIXTURE, '--plot', path.join(__dirname, 'never.svg'), '--quiet'], quietIo().io)).rejects.toThrow(/vega(-lite)? was loaded|vega and vega-lite, which are not installed/);
  });
});

test('lib/replay loads @aws-sdk/client-cloudwatch only when metrics are read from CloudWatch', async () => {
  await withForbidden(['@aws-sdk/client-cloudwatch'], () => {
    const replay = require('../../lib/replay') as typeof import('../../lib/replay');
    expect(replay.readTrafficCsv(FIXTURE).arrivals.perMinute).toHaveLength(1_440);
    expect(() => replay.createCloudWatchClient({ region: 'eu-west-1' })).toThrow('@aws-sdk/client-cloudwatch was loaded');
  });
});
