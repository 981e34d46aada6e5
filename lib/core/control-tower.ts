import * as fs from 'fs';
import * as path from 'path';
import type { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { IPolicyValidationContextBeta1 } from 'aws-cdk-lib';

/** One AWS Control Tower proactive control that a resource of a template fails. */
export interface ControlTowerFinding {
  /** The guard rule, as Control Tower names it (`sqs_dlq_check`). */
  readonly rule: string;
  /** The control's id (`CT.SQS.PR.1`), when the rule's message gives it. */
  readonly control?: string;
  /** The template file the resource is in. */
  readonly templatePath: string;
  readonly logicalId: string;
  /** The resource's construct path (its `aws:cdk:path` metadata), when the template was synthesized by the CDK. */
  readonly constructPath?: string;
  /** What the control requires. */
  readonly description: string;
  /** How to comply, in the control's words. */
  readonly fix: string;
}

/** Options of {@link controlTowerFindings}. */
export interface ControlTowerCheckOptions {
  /**
   * Guard rule files to leave out, by file name without extension (`ct-lambda-pr-3`).
   * @default - every control the package ships
   */
  readonly disabledRules?: readonly string[];
  /**
   * The largest cfn-guard report read, in bytes; its JSON grows with the number of resources checked.
   * @default 256 MiB
   */
  readonly maxBuffer?: number;
}

const CONTROL_ID = /^\[(CT\.[A-Z0-9.]+)\]/;

/**
 * Runs the AWS Control Tower proactive controls shipped in `@cdklabs/cdk-validator-cfnguard` (its own cfn-guard
 * binary and rule files, offline) over CloudFormation templates, in one cfn-guard process, and returns every
 * control each resource fails. Organisations that enforce these controls with a CloudFormation hook see a stack
 * with any such finding blocked at deploy.
 */
export function controlTowerFindings(templatePaths: readonly string[], options: ControlTowerCheckOptions = {}): ControlTowerFinding[] {
  if (templatePaths.length === 0) return [];
  const validator = new (cfnGuard().CfnGuardValidator)({
    disabledRules: options.disabledRules ? [...options.disabledRules] : undefined,
    maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024,
  });
  // The plugin reads only the template paths of its context; the app it would be given at synth plays no part.
  const context = { templatePaths: [...templatePaths] } as Partial<IPolicyValidationContextBeta1> as IPolicyValidationContextBeta1;
  const report = validator.validate(context);
  const paths = new Map(templatePaths.map((p) => [path.basename(p), p]));
  const seen = new Set<string>();
  const templates = new Map<string, Template>();
  const findings: ControlTowerFinding[] = [];
  for (const violation of report.violations) {
    for (const resource of violation.violatingResources) {
      // The plugin also reports an entry without a resource for a rule's summary clause; only resources count.
      if (!resource.resourceLogicalId || resource.resourceLogicalId === 'undefined') continue;
      const templatePath = paths.get(path.basename(resource.templatePath)) ?? resource.templatePath;
      const key = `${violation.ruleName} ${templatePath} ${resource.resourceLogicalId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({
        rule: violation.ruleName,
        control: CONTROL_ID.exec(violation.description)?.[1],
        templatePath,
        logicalId: resource.resourceLogicalId,
        constructPath: constructPathOf(templates, templatePath, resource.resourceLogicalId),
        description: violation.description,
        fix: violation.fix ?? '',
      });
    }
  }
  return findings;
}

interface Template { readonly Resources?: Record<string, { readonly Metadata?: Record<string, unknown> }> }

/** Reads each template once per check. */
function constructPathOf(templates: Map<string, Template>, templatePath: string, logicalId: string): string | undefined {
  let template = templates.get(templatePath);
  if (template === undefined) {
    template = JSON.parse(fs.readFileSync(templatePath, 'utf8')) as Template;
    templates.set(templatePath, template);
  }
  const cdkPath = template.Resources?.[logicalId]?.Metadata?.['aws:cdk:path'];
  return typeof cdkPath === 'string' ? cdkPath : undefined;
}

/**
 * `@cdklabs/cdk-validator-cfnguard` is an optional peer dependency (36 MB of cfn-guard binaries): loaded
 * when the controls run, never by an app that only builds the constructs.
 */
function cfnGuard(): { CfnGuardValidator: typeof CfnGuardValidator } {
  try {
    return require('@cdklabs/cdk-validator-cfnguard') as { CfnGuardValidator: typeof CfnGuardValidator };
  } catch {
    throw new Error('The Control Tower controls need @cdklabs/cdk-validator-cfnguard: npm install --save-dev @cdklabs/cdk-validator-cfnguard@^0.0.62');
  }
}
