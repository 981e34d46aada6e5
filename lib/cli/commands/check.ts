import * as path from 'path';
import { Simulation } from '../../simulator/simulation';
import { TemplateError } from '../../simulator/template';
import { deploymentEnvironment } from '../../simulator/runtime';
import type { CloudFormationTemplate } from '../../simulator/template/template-model';
import type { Finding } from '../../simulator/checks/finding';
import { resourceLabel } from '../../catalog/diagram/labels';
import { SILENT, progressOn } from '../../catalog/progress';
import { AssemblyStack, assemblyStacks } from '../assembly';
import { Command, EXIT } from '../command';

interface StackFindings {
  readonly stack: string;
  readonly findings: readonly (Finding & { readonly resource: string })[];
}

/** `decoupled check`: the simulator's static findings over every stack of a synthesized app. */
export const CHECK_COMMAND: Command = {
  name: 'check',
  summary: 'find what would fail in production in every stack of a synthesized app (exit code 1 on an error)',
  usage: 'decoupled check [cdk.out] [--strict] [--json]',
  help: `Reads every stack of a synthesized CDK app (default ./cdk.out; run \`npx cdk synth\` first) into the
Decoupled simulator and runs its static checks, without playing any message: deliveries SNS cannot make,
permissions a queue, key or function policy refuses, keys a service may not use, functions with no route to a
service they are granted, redrive and timeout mistakes. Findings are grouped by stack and resource.

Options:
  --strict   exit with 1 on warnings too, not only on errors
  --json     print the findings as JSON (stack, code, severity, resource, message, fix)

Exit code: 0 no error, 1 an error (or a warning with --strict), 2 a mistake in the call.

Example: npx cdk synth -q && npx decoupled check`,
  options: { strict: { type: 'boolean' }, json: { type: 'boolean' } },
  positionals: { min: 0, max: 1 },
  async run(args, io) {
    const directory = path.resolve(io.cwd, args.positionals[0] ?? 'cdk.out');
    const stacks = assemblyStacks(directory);
    const progress = io.stderr.isTTY ? progressOn(io.stderr) : SILENT;
    const results: StackFindings[] = stacks.map((s, i) => {
      progress(`checking ${s.id} (${i + 1} of ${stacks.length})`);
      return { stack: s.id, findings: stackFindings(s).map((f) => ({ ...f, resource: f.resources[0] === undefined ? '(stack)' : resourceLabel(s.template, f.resources[0], s.id) })) };
    });
    const all = results.flatMap((r) => r.findings);
    const errors = all.filter((f) => f.severity === 'error').length;
    const warnings = all.length - errors;
    if (args.values.json) io.stdout.write(`${JSON.stringify(results.flatMap((r) => r.findings.map((f) => ({ stack: r.stack, ...f }))), null, 2)}\n`);
    else io.stdout.write(report(results, path.relative(io.cwd, directory) || '.', errors, warnings));
    return errors > 0 || (args.values.strict && warnings > 0) ? EXIT.findings : EXIT.ok;
  },
};

function report(results: readonly StackFindings[], directory: string, errors: number, warnings: number): string {
  const lines = [`decoupled check: ${results.length} stack${results.length === 1 ? '' : 's'} in ${directory}`, ''];
  for (const r of results) {
    if (r.findings.length === 0) {
      lines.push(`${r.stack}: no findings`);
      continue;
    }
    const e = r.findings.filter((f) => f.severity === 'error').length;
    lines.push(`${r.stack}: ${count(e, 'error')}, ${count(r.findings.length - e, 'warning')}`);
    const byResource = new Map<string, Finding[]>();
    for (const f of r.findings) byResource.set(f.resource, [...(byResource.get(f.resource) ?? []), f]);
    for (const [resource, findings] of byResource) {
      lines.push(`  ${resource}${findings[0].resources[0] && findings[0].resources[0] !== resource ? ` (${findings[0].resources[0]})` : ''}`);
      for (const f of findings) {
        lines.push(`    ${f.severity === 'error' ? '✖ error  ' : '! warning'} ${f.code}: ${f.message}`);
        lines.push(`              fix: ${f.fix}`);
      }
    }
  }
  lines.push('', `${count(errors, 'error')}, ${count(warnings, 'warning')} in ${results.filter((r) => r.findings.length > 0).length} of ${results.length} stacks.`, '');
  return lines.join('\n');
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/**
 * The simulator's findings of one stack; a template it cannot read (a feature it refuses to guess, such as a
 * percentile alarm) is one error of that stack, with the resource and property the simulator names, and the
 * other stacks are still checked.
 */
function stackFindings(s: AssemblyStack): readonly Finding[] {
  try {
    const environment = deploymentEnvironment(s.account, s.region);
    return Simulation.fromTemplate(s.template as CloudFormationTemplate, { stackName: s.stackName, assetDirectory: s.assetDirectory, environment, trace: false }).findings();
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return [{
      code: 'decoupled-cli:stack-not-simulated',
      severity: 'error',
      resources: e.logicalId ? [e.logicalId] : [],
      message: `the simulator cannot read this stack, so nothing in it was checked: ${e.message}`,
      fix: 'Change what the message names if it is a mistake; otherwise check this stack without decoupled check, and report the feature the simulator lacks.',
    }];
  }
}
