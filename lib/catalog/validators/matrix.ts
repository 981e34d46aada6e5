import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { nagPacks } from '../../core/nag';
import { ControlTowerFinding, controlTowerFindings } from '../../core/control-tower';
import { RecordedAcknowledgement, recordedAcknowledgements } from './acknowledgements';
import { CfnLintFinding, cfnLint, cfnLintVersion } from './cfn-lint';
import { cachedByContent } from './result-cache';

/** One thing a validator says about a resource. */
export interface ValidatorIssue {
  readonly rule: string;
  readonly level: 'error' | 'warning';
  /** The construct path below the stack, or the logical id. */
  readonly where: string;
  readonly message: string;
}

/** What one validator says about one stack. */
export interface ValidatorResult {
  /** `cdk-nag AwsSolutions`, `cfn-lint`, `Control Tower`, `Decoupled rules`. */
  readonly validator: string;
  readonly status: 'pass' | 'warnings' | 'fail' | 'not run';
  readonly issues: readonly ValidatorIssue[];
  /** The rules acknowledged on the stack's resources for this validator, each with its reason. */
  readonly acknowledged: readonly RecordedAcknowledgement[];
  /** Why it did not run, or the version that ran. */
  readonly note?: string;
}

export interface StackValidation {
  readonly stack: string;
  readonly results: readonly ValidatorResult[];
}

/** A stack and its synthesized template, as the matrix checks them. */
export interface ValidatedStack {
  readonly stack: Stack;
  readonly templatePath: string;
}

export interface ValidatorMatrixOptions {
  /** Keep cfn-lint's and Control Tower's results here, by the hash of the templates. @default - not kept */
  readonly cacheDir?: string;
  /** Told each step, for progress on the command line. @default - silent */
  readonly progress?: (step: string) => void;
}

/** The cdk-nag packs' rule id prefixes, by the name cdk-nag gives the pack. */
const NAG_RULE_PREFIXES: Readonly<Record<string, string>> = {
  AwsSolutions: 'AwsSolutions-', Serverless: 'Serverless-', 'NIST.800.53.R5': 'NIST.800.53.R5-', 'HIPAA.Security': 'HIPAA.Security-', 'PCI.DSS.321': 'PCI.DSS.321-',
};

/**
 * Runs every validator the patterns are held to over each stack: the five cdk-nag packs (on the construct tree),
 * cfn-lint and AWS Control Tower's proactive controls (on the templates, each in one process for all of them),
 * and lists the acknowledgements recorded on the resources, with their reasons.
 */
export function validatorMatrix(stacks: readonly ValidatedStack[], options: ValidatorMatrixOptions = {}): StackValidation[] {
  const progress = options.progress ?? (() => undefined);
  const templates = stacks.map((s) => s.templatePath);
  progress(`cfn-lint over ${templates.length} templates`);
  const lint = cfnLintResults(templates, options.cacheDir);
  progress(`AWS Control Tower controls over ${templates.length} templates`);
  const controls = controlTowerResults(templates, options.cacheDir);
  progress(`cdk-nag: 5 packs over ${stacks.length} stacks`);
  return stacks.map(({ stack, templatePath }) => {
    const acknowledged = recordedAcknowledgements(stack);
    const found = nagResults(stack);
    const nag = Object.entries(NAG_RULE_PREFIXES).map(([pack, prefix]): ValidatorResult => {
      const issues = found.get(pack) ?? [];
      return { validator: `cdk-nag ${pack}`, status: statusOf(issues), issues, acknowledged: acknowledged.filter((a) => a.rule.startsWith(prefix)) };
    });
    const ownRules = acknowledged.filter((a) => !Object.values(NAG_RULE_PREFIXES).some((p) => a.rule.startsWith(p)));
    return {
      stack: stack.stackName,
      results: [
        ...nag,
        lint(templatePath, stack),
        controls(templatePath, stack),
        { validator: 'Decoupled rules (acknowledged warnings)', status: 'pass', issues: [], acknowledged: ownRules },
      ],
    };
  });
}

function nagResults(stack: Stack): Map<string, ValidatorIssue[]> {
  const prefix = `${stack.node.path}/`;
  return new Map(nagPacks().map((pack) => [pack.readPackName, pack.validateScope(stack).violations.flatMap((v) => v.violatingResources.map((r): ValidatorIssue => ({
    rule: v.ruleName,
    level: v.severity === 'error' ? 'error' : 'warning',
    where: relative(r.constructPath ?? r.resourceLogicalId ?? '', prefix),
    message: v.description,
  })))]));
}

type TemplateResult = (templatePath: string, stack: Stack) => ValidatorResult;

function cfnLintResults(templates: readonly string[], cacheDir: string | undefined): TemplateResult {
  const version = cfnLintVersion();
  if (version === undefined) {
    return () => ({ validator: 'cfn-lint', status: 'not run', issues: [], acknowledged: [], note: 'cfn-lint is not on the PATH: install it (pip install cfn-lint) and build again' });
  }
  const findings = cachedCfnLint(templates, cacheDir, version);
  return (templatePath, stack) => {
    const issues = findings.filter((f) => path.resolve(f.Filename) === path.resolve(templatePath)).map((f): ValidatorIssue => ({
      rule: f.Rule.Id, level: f.Level === 'Error' ? 'error' : 'warning', where: resourceOf(f, stack), message: f.Message,
    }));
    return { validator: 'cfn-lint', status: statusOf(issues), issues, acknowledged: [], note: version };
  };
}

function controlTowerResults(templates: readonly string[], cacheDir: string | undefined): TemplateResult {
  let findings: ControlTowerFinding[];
  try {
    findings = cachedControlTower(templates, cacheDir);
  } catch (e) {
    const reason = (e as Error).message;
    return () => ({ validator: 'AWS Control Tower', status: 'not run', issues: [], acknowledged: [], note: reason });
  }
  return (templatePath, stack) => {
    const issues = findings.filter((f) => path.resolve(f.templatePath) === path.resolve(templatePath)).map((f): ValidatorIssue => ({
      rule: f.control ? `${f.control} ${f.rule}` : f.rule, level: 'error', where: relative(f.constructPath ?? f.logicalId, `${stack.node.path}/`), message: `${f.description} ${f.fix}`.trim(),
    }));
    return { validator: 'AWS Control Tower', status: statusOf(issues), issues, acknowledged: [] };
  };
}

/** cfn-lint over the templates, its result kept by their content when `cacheDir` is given. */
export function cachedCfnLint(templates: readonly string[], cacheDir: string | undefined, version = cfnLintVersion() ?? 'unknown'): CfnLintFinding[] {
  if (!cacheDir) return cfnLint(templates);
  return cachedByContent(cacheDir, 'cfn-lint', templates, [version], () => cfnLint(templates).map((f) => ({ ...f, Filename: path.basename(f.Filename) })),
    (found, byName) => found.map((f) => ({ ...f, Filename: byName.get(f.Filename) ?? f.Filename })));
}

/** The Control Tower controls over the templates, their result kept by content when `cacheDir` is given. */
export function cachedControlTower(templates: readonly string[], cacheDir: string | undefined): ControlTowerFinding[] {
  if (!cacheDir) return controlTowerFindings(templates);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const guardVersion = (require('@cdklabs/cdk-validator-cfnguard/package.json') as { version: string }).version;
  return cachedByContent(cacheDir, 'control-tower', templates, [guardVersion], () => controlTowerFindings(templates).map((f) => ({ ...f, templatePath: path.basename(f.templatePath) })),
    (found, byName) => found.map((f) => ({ ...f, templatePath: byName.get(f.templatePath) ?? f.templatePath })));
}

function statusOf(issues: readonly ValidatorIssue[]): ValidatorResult['status'] {
  return issues.some((i) => i.level === 'error') ? 'fail' : issues.length > 0 ? 'warnings' : 'pass';
}

function relative(constructPath: string, prefix: string): string {
  return constructPath.startsWith(prefix) ? constructPath.slice(prefix.length) : constructPath;
}

/** The resource a cfn-lint finding is about: its construct path when the template has path metadata. */
function resourceOf(f: CfnLintFinding, stack: Stack): string {
  const [section, logicalId] = f.Location?.Path ?? [];
  if (section !== 'Resources' || typeof logicalId !== 'string') return String(f.Location?.Path?.join('/') ?? '');
  const resource = stack.node.findAll().find((c) => (c as { logicalId?: unknown }).logicalId !== undefined && stack.resolve((c as unknown as { logicalId: string }).logicalId) === logicalId);
  return resource ? relative(resource.node.path, `${stack.node.path}/`) : logicalId;
}
