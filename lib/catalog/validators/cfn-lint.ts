import { execFileSync, spawnSync } from 'child_process';

/** One cfn-lint finding, as its JSON output reports it. */
export interface CfnLintFinding {
  readonly Rule: { readonly Id: string };
  readonly Level: 'Error' | 'Warning' | 'Informational';
  readonly Message: string;
  readonly Filename: string;
  readonly Location?: { readonly Path?: readonly (string | number)[] };
}

/** The cfn-lint version on this machine's PATH, or undefined when it is not installed. */
export function cfnLintVersion(): string | undefined {
  const run = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

/** Whether cfn-lint is on this machine's PATH. */
export function cfnLintAvailable(): boolean {
  return cfnLintVersion() !== undefined;
}

/** Runs cfn-lint once over the templates and returns every finding. */
export function cfnLint(templatePaths: readonly string[]): CfnLintFinding[] {
  if (templatePaths.length === 0) return [];
  try {
    execFileSync('cfn-lint', ['--format', 'json', ...templatePaths], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return [];
  } catch (error) {
    // cfn-lint exits non-zero when it finds anything; its findings are still on stdout.
    const stdout = (error as { stdout?: string }).stdout ?? '';
    if (!stdout.trim().startsWith('[')) throw error;
    return JSON.parse(stdout) as CfnLintFinding[];
  }
}
