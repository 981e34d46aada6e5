import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { CliIo, Command, EXIT, UsageError } from './command';
import { COMMANDS } from './commands';

/** Runs `decoupled <command> [args]` and resolves to its exit code; never exits the process itself. */
export async function runCli(argv: readonly string[], io: CliIo, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overview(commands));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`decoupled: no command "${name}". The commands are ${commands.map((c) => c.name).join(', ')}; run decoupled --help.\n`);
    return EXIT.usage;
  }
  try {
    const { values, positionals } = parseArgs({ args: [...rest], options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    if (positionals.length < command.positionals.min || positionals.length > command.positionals.max) {
      throw new UsageError(`decoupled ${command.name} takes ${describeCount(command.positionals)}, not ${positionals.length}.`);
    }
    return await command.run({ values: values as Record<string, string | boolean | undefined>, positionals }, io);
  } catch (e) {
    // parseArgs reports unknown options and missing values with an ERR_PARSE_ARGS_* code: a usage mistake too.
    const usage = e instanceof UsageError || String((e as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS');
    io.stderr.write(`decoupled ${command.name}: ${(e as Error).message}\n${usage ? `Usage: ${command.usage} (decoupled ${command.name} --help tells more)\n` : ''}`);
    return usage ? EXIT.usage : EXIT.findings;
  }
}

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'decoupled: tools over apps built with decoupled-cdk',
    '',
    'Usage: decoupled <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run decoupled <command> --help for its options. decoupled --version prints the version.',
    '',
  ].join('\n');
}

function commandHelp(c: Command): string {
  return `Usage: ${c.usage}\n\n${c.help}\n`;
}

function describeCount(p: Command['positionals']): string {
  if (p.max === 0) return 'no argument';
  return p.min === p.max ? `${p.min} argument${p.min === 1 ? '' : 's'}` : `${p.min} to ${p.max} arguments`;
}

/** The version of decoupled-cdk, from the package.json above this file (in the repository or the package). */
function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'decoupled-cdk') return manifest.version ?? 'unknown';
    }
  }
  return 'unknown';
}
