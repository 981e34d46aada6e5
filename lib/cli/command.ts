import type { ParseArgsConfig } from 'util';

/** Where a command writes, and the folder it runs in. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  /** Errors and progress; progress of short work only on a terminal (`isTTY`), so CI logs hold the report alone. */
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly cwd: string;
}

/** What `util.parseArgs` made of a command's arguments. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * One command of `decoupled`, in a file of its own under lib/cli/commands, listed once in commands/index.ts.
 * Its options are `util.parseArgs` options; `--help` is added to every command.
 */
export interface Command {
  readonly name: string;
  /** One line, for `decoupled --help`. */
  readonly summary: string;
  /** `decoupled check [cdk.out] [options]` */
  readonly usage: string;
  /** The rest of its help: what it does, its options, an example. */
  readonly help: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** How many positional arguments it takes. */
  readonly positionals: { readonly min: number; readonly max: number };
  /** Runs it; resolves to the exit code. */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** A mistake in how the command was called: the message says what to do; the exit code is 2. */
export class UsageError extends Error {
  public readonly name = 'UsageError';
}

/** Exit codes, as CI reads them. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
