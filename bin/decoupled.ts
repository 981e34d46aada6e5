#!/usr/bin/env node
import { runCli } from '../lib/cli/main';

// The `decoupled` command (package.json "bin"): check, diagram, catalog. Each command is a file in lib/cli/commands.
runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`decoupled: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
