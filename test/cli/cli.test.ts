import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { COMMANDS, Command, EXIT, UsageError, runCli } from '../../lib/cli';
import { synthScratchApp } from './scratch-app';

/**
 * The `decoupled` command line: the command registry and its errors, `check` over a scratch app with an error
 * and warnings in three stacks (one in a stage), `diagram` of a stack and of a template file, and the bin itself
 * run as a process. test/catalog runs `check` on the catalog app and builds the catalog; test/package runs the
 * installed bin in an app outside the repository.
 */

const root = path.join(__dirname, '..', '..');

interface Run { code: number; stdout: string; stderr: string }

async function cli(argv: string[], cwd = root, commands?: readonly Command[]): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(argv, { stdout: { write: (t: string) => stdout.push(t) }, stderr: { write: (t: string) => stderr.push(t) }, cwd }, commands);
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

let app: string;
let warningsOnly: string;
beforeAll(() => {
  app = synthScratchApp();
  warningsOnly = synthScratchApp(['Audit', 'Clean']);
}, 60_000);

describe('the command registry', () => {
  const echo: Command = {
    name: 'echo',
    summary: 'print its argument',
    usage: 'decoupled echo <word> [--twice]',
    help: 'Prints the word.',
    options: { twice: { type: 'boolean' } },
    positionals: { min: 1, max: 1 },
    async run(args, io) {
      if (args.positionals[0] === 'usage') throw new UsageError('say another word');
      if (args.positionals[0] === 'fail') throw new Error('the work failed');
      io.stdout.write(`${args.positionals[0]}${args.values.twice ? ` ${args.positionals[0]}` : ''}\n`);
      return EXIT.ok;
    },
  };
  const withEcho = [...COMMANDS, echo];

  test('lists check, diagram and catalog; a command added to the list is run, listed and helped like them', async () => {
    // Other commands plug in after these (a file and a line each): the test names only the three it covers.
    expect(COMMANDS.map((c) => c.name).slice(0, 3)).toEqual(['check', 'diagram', 'catalog']);
    const help = await cli(['--help'], root, withEcho);
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toMatch(/^ {2}check +find what would fail/m);
    expect(help.stdout).toMatch(/^ {2}echo +print its argument$/m);
    expect(await cli(['echo', 'hello', '--twice'], root, withEcho)).toEqual({ code: EXIT.ok, stdout: 'hello hello\n', stderr: '' });
    expect(await cli(['echo', '--help'], root, withEcho)).toEqual({ code: EXIT.ok, stdout: 'Usage: decoupled echo <word> [--twice]\n\nPrints the word.\n', stderr: '' });
  });

  test('every command has usage and help that name its options', () => {
    for (const c of COMMANDS) {
      expect(c.usage).toMatch(new RegExp(`^decoupled ${c.name}\\b`));
      for (const option of Object.keys(c.options)) expect(`${c.name}: ${c.help.includes(`--${option}`)}`).toBe(`${c.name}: true`);
    }
  });

  test('fails if no command is given: the overview, and exit code 2', async () => {
    const run = await cli([]);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stdout).toContain('Usage: decoupled <command> [options]');
  });

  test('fails if the command does not exist, naming the commands there are', async () => {
    expect(await cli(['chek'])).toEqual({ code: EXIT.usage, stdout: '', stderr: `decoupled: no command "chek". The commands are ${COMMANDS.map((c) => c.name).join(', ')}; run decoupled --help.\n` });
    expect(COMMANDS.map((c) => c.name).join(', ')).toMatch(/^check, diagram, catalog\b/);
  });

  test('fails if an option is unknown, or an argument too many or missing, with the usage', async () => {
    const unknown = await cli(['echo', 'a', '--thrice'], root, withEcho);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toMatch(/^decoupled echo: Unknown option '--thrice'.*\nUsage: decoupled echo <word> \[--twice\] \(decoupled echo --help tells more\)\n$/s);
    expect(await cli(['echo', 'a', 'b'], root, withEcho)).toMatchObject({ code: EXIT.usage, stderr: expect.stringContaining('decoupled echo takes 1 argument, not 2.') });
    expect(await cli(['echo'], root, withEcho)).toMatchObject({ code: EXIT.usage, stderr: expect.stringContaining('decoupled echo takes 1 argument, not 0.') });
    expect(await cli(['diagram'])).toMatchObject({ code: EXIT.usage, stderr: expect.stringContaining('decoupled diagram takes 1 argument, not 0.') });
  });

  test('a command\'s own usage error exits 2 with the usage; any other failure exits 1 without it', async () => {
    expect(await cli(['echo', 'usage'], root, withEcho)).toMatchObject({ code: EXIT.usage, stderr: expect.stringContaining('decoupled echo: say another word\nUsage:') });
    expect(await cli(['echo', 'fail'], root, withEcho)).toEqual({ code: EXIT.findings, stdout: '', stderr: 'decoupled echo: the work failed\n' });
  });

  test('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(await cli(['--version'])).toEqual({ code: EXIT.ok, stdout: `${version}\n`, stderr: '' });
  });
});

describe('decoupled check', () => {
  test('fails with exit code 1 on an app with an error, grouped by stack (stages included) and resource by construct path, each with its fix', async () => {
    const run = await cli(['check', app]);
    expect(run.code).toBe(EXIT.findings);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`decoupled check: 3 stacks in ${path.relative(root, app)}`);
    expect(lines).toEqual(expect.arrayContaining([
      'Clean: no findings',
      'Orders: 1 error, 1 warning',
      '  BillingSubscription',
      'Prod/Audit: 0 errors, 1 warning',
      expect.stringMatching(/^ {2}DeadLetters \(DeadLetters[0-9A-F]{8}\)$/),
      '1 error, 2 warnings in 2 of 3 stacks.',
    ]));
    expect(run.stdout).toMatch(/✖ error {3}decoupled-sim:subscription-undeliverable: SNS can never deliver through BillingSubscription: .* has no queue policy.*\n {14}fix: Allow sns\.amazonaws\.com sqs:SendMessage/);
    expect(run.stdout).toMatch(/! warning decoupled-sim:subscription-without-dlq: /);
    // Each resource's findings under it: the stack's heading comes before its resources.
    expect(lines.indexOf('Orders: 1 error, 1 warning')).toBe(lines.indexOf('  BillingSubscription') - 1);
  }, 30_000);

  test('exits 0 on warnings alone, and 1 with --strict', async () => {
    const run = await cli(['check', warningsOnly]);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toContain('0 errors, 1 warning in 1 of 2 stacks.');
    expect((await cli(['check', warningsOnly, '--strict'])).code).toBe(EXIT.findings);
  }, 30_000);

  test('--json prints every finding with its stack and resource', async () => {
    const run = await cli(['check', app, '--json']);
    expect(run.code).toBe(EXIT.findings);
    const findings = JSON.parse(run.stdout) as { stack: string; code: string; severity: string; resource: string }[];
    expect(findings.map((f) => [f.stack, f.code, f.severity, f.resource])).toEqual([
      ['Orders', 'decoupled-sim:subscription-undeliverable', 'error', 'BillingSubscription'],
      ['Orders', 'decoupled-sim:subscription-without-dlq', 'warning', 'BillingSubscription'],
      ['Prod/Audit', 'decoupled-sim:dlq-retention-shorter', 'warning', 'DeadLetters'],
    ]);
  }, 30_000);

  test('shows its progress on a terminal, stack by stack, and keeps standard error for errors elsewhere', async () => {
    const stderr: string[] = [];
    const code = await runCli(['check', warningsOnly], { stdout: { write: () => true }, stderr: { write: (t: string) => stderr.push(t), isTTY: true }, cwd: root });
    expect(code).toBe(EXIT.ok);
    expect(stderr.map((l) => l.replace(/^\[ *[\d.]+s\] /, ''))).toEqual(expect.arrayContaining(['checking Clean (1 of 2)\n', 'checking Prod/Audit (2 of 2)\n']));
    expect((await cli(['check', warningsOnly])).stderr).toBe('');
  }, 30_000);

  test('reads ./cdk.out when no folder is given', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-cli-cwd-'));
    fs.cpSync(warningsOnly, path.join(cwd, 'cdk.out'), { recursive: true });
    expect(await cli(['check'], cwd)).toMatchObject({ code: EXIT.ok, stdout: expect.stringContaining('decoupled check: 2 stacks in cdk.out') });
  }, 30_000);

  test('fails if the folder is not a synthesized app, saying to run cdk synth', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-cli-empty-'));
    const run = await cli(['check', empty]);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain(`decoupled check: ${empty} is not a synthesized CDK app (no manifest.json there). Run \`npx cdk synth\` first`);
  });
});

describe('decoupled diagram', () => {
  test('draws a stack of the app, named by stack id, with its resources labelled by construct path', async () => {
    const run = await cli(['diagram', 'Orders', '--app', app]);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="diagram"/);
    for (const label of ['Topic', 'Billing']) expect(run.stdout).toContain(`>${label}</text>`);
    expect(run.stdout).toContain('>subscription</text>');
    expect(run.stderr).toBe('laying out Orders...\n');
  }, 30_000);

  test('draws a template file, a stack in a stage, and writes the SVG where --out says', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-cli-svg-')), 'nested', 'audit.svg');
    const run = await cli(['diagram', 'Prod/Audit', '--app', app, '--out', file]);
    expect(run).toMatchObject({ code: EXIT.ok, stdout: '' });
    expect(fs.readFileSync(file, 'utf8')).toContain('>DeadLetters</text>');
    const template = path.join(app, fs.readdirSync(app).find((f) => f.startsWith('Orders') && f.endsWith('.template.json'))!);
    const fromFile = await cli(['diagram', template]);
    expect(fromFile.code).toBe(EXIT.ok);
    expect(fromFile.stdout).toContain('>Billing</text>');
  }, 30_000);

  test('fails if the stack is not in the app, listing the stacks there are', async () => {
    const run = await cli(['diagram', 'Ordres', '--app', app]);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain(`decoupled diagram: No stack Ordres in ${path.relative(root, app)}. Its stacks: `);
    expect(run.stderr).toMatch(/Its stacks: (Orders|Prod\/Audit|Clean), (Orders|Prod\/Audit|Clean), (Orders|Prod\/Audit|Clean)\./);
  });

  test('fails if the template file does not exist', async () => {
    expect(await cli(['diagram', 'missing.json'])).toMatchObject({ code: EXIT.usage, stderr: expect.stringContaining('No template file missing.json.') });
  });
});

describe('decoupled catalog', () => {
  const ownApp = path.join(__dirname, 'own-app', 'catalog-app.ts');

  test('builds a catalog of the user\'s own app: its stacks on the pages of the patterns they use, its scenarios played', async () => {
    const site = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-cli-site-')), 'site');
    const run = await cli(['catalog', '--app', ownApp, '--scenarios', path.join(__dirname, 'own-app', 'scenarios'), '--out', site]);
    expect(run.stderr).toMatch(/^\[ *[\d.]+s\] synthesizing the catalog app\n/);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stderr).toMatch(/\] {3}scenario: Three invoices\n/);
    expect(run.stderr).toMatch(/open .*site\/index\.html\n$/);
    const consumerPage = fs.readFileSync(path.join(site, 'queue-consumer.html'), 'utf8');
    expect(consumerPage).toContain('<section class="example" id="Invoices">');
    expect(consumerPage).toContain('<li>0 invoices left in the queue.</li>');
    expect(consumerPage).toContain('>Invoices/Function</text>');
    expect(fs.readFileSync(path.join(site, 'topic-fan-out.html'), 'utf8')).toContain('No stack of the catalog app uses this pattern yet.');
  }, 300_000);

  test('fails if --app names no module, or one that exports no buildCatalogApp, or --scenarios comes without --app', async () => {
    expect(await cli(['catalog', '--app', 'missing.js'])).toMatchObject({ code: EXIT.usage, stderr: expect.stringContaining(`No module ${path.join(root, 'missing.js')} for --app`) });
    const scratch = path.join(__dirname, 'scratch-app.ts');
    expect(await cli(['catalog', '--app', scratch])).toMatchObject({ code: EXIT.usage, stderr: expect.stringContaining(`${scratch} exports no buildCatalogApp function`) });
    expect(await cli(['catalog', '--scenarios', 'x'])).toMatchObject({ code: EXIT.usage, stderr: expect.stringContaining('--scenarios goes with --app') });
  });

  test('fails if --out names a folder with other files in it, before building anything, and leaves it as it was', async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-cli-project-'));
    fs.writeFileSync(path.join(project, 'package.json'), '{}');
    const run = await cli(['catalog', '--out', project]);
    expect(run.code).toBe(EXIT.findings);
    expect(run.stderr).toBe(`decoupled catalog: ${project} is not empty and holds no catalog built before (no .decoupled-catalog there), so it is not emptied: give the catalog a new or empty folder.\n`);
    expect(fs.readdirSync(project)).toEqual(['package.json']);
  });
});

describe('the decoupled bin, run as a process', () => {
  const bin = (args: string[]) => spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(root, 'bin', 'decoupled.ts'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(root, 'tsconfig.json') } });

  test('exits 1 with the report on an app with an error, and 2 with the overview when called with nothing', () => {
    const check = bin(['check', app]);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(EXIT.findings);
    expect(check.stdout).toContain('1 error, 2 warnings in 2 of 3 stacks.');
    const bare = bin([]);
    expect(bare.status).toBe(EXIT.usage);
    expect(bare.stdout).toContain('Commands:');
  }, 60_000);
});
