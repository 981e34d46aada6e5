import { REPLAY_HELP, REPLAY_OPTIONS, replayCommand } from '../../replay/command';
import { Command, ParsedArgs } from '../command';

// The replay's own usage lines are `decoupled replay …`: the CLI prints `usage`, then the rest of the help.
const [usageLine, secondUsage, ...details] = REPLAY_HELP.split('\n');
const { help: _help, ...options } = REPLAY_OPTIONS;

/**
 * `decoupled replay`: a queue's recorded traffic played through the user's stacks (lib/replay). The replay parses
 * its own arguments (it is also a library function, `replayCommand(argv)`), so the parsed values are written back
 * as the arguments they came from.
 */
export const REPLAY_COMMAND: Command = {
  name: 'replay',
  summary: 'play a queue\'s recorded traffic (CloudWatch or a CSV file) through your stacks, next to production',
  usage: usageLine.replace(/^Usage: /, ''),
  help: [`Or: ${secondUsage.trim()}`, ...details].join('\n').trim(),
  options,
  positionals: { min: 0, max: 0 },
  run: (args, io) => replayCommand(argumentsOf(args), { stdout: io.stdout, stderr: io.stderr }),
};

/** `--name value` for each string, `--name` for each true flag, and a repeated option once per value. */
export function argumentsOf(args: ParsedArgs): string[] {
  const argv: string[] = [];
  for (const [name, value] of Object.entries(args.values as Record<string, string | boolean | readonly string[] | undefined>)) {
    if (value === true) argv.push(`--${name}`);
    else if (typeof value === 'string') argv.push(`--${name}`, value);
    else if (Array.isArray(value)) for (const v of value) argv.push(`--${name}`, v);
  }
  return argv;
}
