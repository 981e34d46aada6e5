import { execFileSync, spawnSync } from 'child_process';

/** One cfn-lint finding, as its JSON output reports it. */
export interface CfnLintFinding {
  readonly Rule: { readonly Id: string };
  readonly Level: 'Error' | 'Warning' | 'Informational';
  readonly Message: string;
  readonly Filename: string;
}

/** Whether cfn-lint is on this machine's PATH. */
export function cfnLintAvailable(): boolean {
  return spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Runs cfn-lint once over the templates and returns every finding. */
export function cfnLint(templatePaths: readonly string[]): CfnLintFinding[] {
  try {
    execFileSync('cfn-lint', ['--format', 'json', ...templatePaths], { encoding: 'utf8' });
    return [];
  } catch (error) {
    // cfn-lint exits non-zero when it finds anything; its findings are still on stdout.
    const stdout = (error as { stdout?: string }).stdout ?? '';
    if (!stdout.trim().startsWith('[')) throw error;
    return JSON.parse(stdout) as CfnLintFinding[];
  }
}
