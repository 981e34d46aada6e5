import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AppProps, Stack, cx_api as cxapi } from 'aws-cdk-lib';
import { buildCatalogApp } from '../../examples/catalog';
import { nagFindings } from '../../lib';
import { cachedCfnLint, cachedControlTower } from '../../lib/catalog/validators/matrix';
import { cfnLintAvailable } from '../support/cfn-lint';
import { VALIDATOR_CACHE } from '../support/validator-cache';
import { KNOWN_CONTROL_TOWER_FAILURES } from './control-tower-known-failures';

/**
 * The whole-app validators, run once over every example stack of the catalog app:
 * the CDK's built-in CloudFormation validator, cdk-nag's five packs, cfn-lint, and AWS Control Tower's
 * proactive controls. The rest of the suite synthesizes with the built-in validator off (test/setup-env.js).
 * cfn-lint's and Control Tower's results are kept by the templates' content, for the catalog's build of the same
 * templates (test/support/validator-cache.ts).
 */
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-catalog-'));
const previous = process.env.CDK_VALIDATION;
process.env.CDK_VALIDATION = 'true';
// aws-cdk-lib has the built-in validator from 2.275; on an older one (npm run compat) its test is skipped, loudly.
// Path metadata names each resource by its construct path in the templates, as `cdk synth` does.
const props: AppProps & { builtinCloudFormationValidation?: boolean } = {
  outdir, builtinCloudFormationValidation: true, context: { [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true },
};
const app = buildCatalogApp(props);
const builtinValidator = '_builtinCloudFormationValidation' in app;
const assembly = app.synth();
process.env.CDK_VALIDATION = previous;
const stacks = app.node.children.filter(Stack.isStack);
const templates = assembly.stacks.map((s) => path.join(outdir, s.templateFile));

interface ReportViolation { ruleName: string; description: string; severity: string }
interface ValidationReport { pluginReports: { pluginName: string; violations: ReportViolation[] }[] }

describe('every example stack', () => {
  test('the catalog app has an example for each pattern', () => {
    expect(stacks.length).toBeGreaterThanOrEqual(2);
  });

  if (!builtinValidator) console.warn('This aws-cdk-lib has no built-in CloudFormation validator (2.275 and later have it): its check is skipped.');
  (builtinValidator ? test : test.skip)('the CDK CloudFormation validator reports no finding', () => {
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
    const findings = report.pluginReports.flatMap((r) => r.violations.map((v) => `${r.pluginName} ${v.ruleName}: ${v.description}`));
    expect(findings).toEqual([]);
  });

  test.each(stacks.map((s) => [s.stackName, s] as const))('%s has zero errors in all five cdk-nag packs', (_name, stack) => {
    const errors = nagFindings(stack).filter((f) => f.severity === 'error').map((f) => `${f.rule} at ${f.constructPath}`);
    expect(errors).toEqual([]);
  });

  const lint = cfnLintAvailable() ? test : test.skip;
  if (!cfnLintAvailable()) {
    if (process.env.CI) throw new Error('cfn-lint is not on the PATH, and CI must lint every example template. Install cfn-lint 1.x.');
    console.warn('cfn-lint is NOT installed: the example templates were not linted. Install cfn-lint (pip install cfn-lint) to run this check.');
  }
  lint('cfn-lint reports no error or warning on any template', () => {
    const findings = cachedCfnLint(templates, VALIDATOR_CACHE).map((f) => `${path.basename(f.Filename)} ${f.Level} ${f.Rule.Id}: ${f.Message}`);
    expect(findings).toEqual([]);
  });

  test('AWS Control Tower proactive controls fail on nothing but the documented resources', () => {
    const found = cachedControlTower(templates, VALIDATOR_CACHE).map((f) => `${f.rule} ${f.constructPath ?? `${path.basename(f.templatePath)} ${f.logicalId}`}`);
    const known = KNOWN_CONTROL_TOWER_FAILURES.flatMap((k) => k.paths.map((p) => `${k.rule} ${p}`));
    expect(found.sort()).toEqual(known.sort());
  }, 120_000);
});
