import * as path from 'path';
import { EXIT, runCli } from '../../lib/cli';
import { argumentsOf } from '../../lib/cli/commands/replay';
import { replayCommand } from '../../lib/replay';

// `decoupled replay` is the replay's own command, reached through the CLI's registry.

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'replay', 'recorded-day.csv');

function io() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) }, cwd: __dirname } };
}

describe('decoupled replay', () => {
  test('prints what replayCommand prints for the same arguments', async () => {
    const viaCli = io();
    const direct = io();
    const code = await runCli(['replay', '--csv', FIXTURE, '--queue', 'orders', '--quiet'], viaCli.io);
    const status = await replayCommand(['--csv', FIXTURE, '--queue', 'orders', '--quiet'], direct.io);
    expect([code, viaCli.out.stdout.split('\n').slice(0, 4)]).toEqual([status, direct.out.stdout.split('\n').slice(0, 4)]);
    expect(viaCli.out.stdout).toMatch(/^queue orders, /);
  });

  test('--help shows the replay\'s usage and options', async () => {
    const help = io();
    expect(await runCli(['replay', '--help'], help.io)).toBe(EXIT.ok);
    expect(help.out.stdout).toMatch(/^Usage: decoupled replay --queue NAME --from TIME/);
    expect(help.out.stdout).toContain('--stack NAME');
  });

  test('fails with exit code 2 on an option the replay does not take', async () => {
    const wrong = io();
    expect(await runCli(['replay', '--queues', 'orders'], wrong.io)).toBe(EXIT.usage);
    expect(wrong.out.stderr).toMatch(/^decoupled replay: .*--queues/);
  });

  test('writes parsed values back as arguments: strings, flags, and a repeated option once per value', () => {
    expect(argumentsOf({ values: { csv: 'day.csv', json: true, quiet: false, stack: ['A', 'B'] as unknown as string }, positionals: [] }))
      .toEqual(['--csv', 'day.csv', '--json', '--stack', 'A', '--stack', 'B']);
  });
});
