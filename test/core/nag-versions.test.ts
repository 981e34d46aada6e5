import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { applyNagPacks, nagFindings } from '../../lib';

interface ValidationReport { pluginReports: { pluginName: string; violations: { ruleName: string }[] }[] }

/**
 * Synthesizes, and says how a failed validation showed: aws-cdk-lib 2.276 throws; older releases print the
 * report and set the exit code, which fails `cdk synth` (and would fail this test run: it is put back).
 */
function synthesized(app: App): { failure?: string } {
  const exitCode = process.exitCode;
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    app.synth();
    return { failure: process.exitCode === 1 ? `Validation failed: ${error.mock.calls.flat().join(' ')}` : undefined };
  } catch (e) {
    return { failure: String(e) };
  } finally {
    process.exitCode = exitCode;
    error.mockRestore();
  }
}

/**
 * The nag helpers on a resource no pattern made: a plain queue breaks AwsSolutions-SQS4 (no TLS-only policy).
 * The example stacks, which break nothing, are the other half (test/examples/validators.test.ts).
 */
describe('the cdk-nag helpers across aws-cdk-lib versions', () => {
  test('fails if a resource breaks a rule: applyNagPacks makes the synth fail, naming the rule', () => {
    // GIVEN an app with the packs applied and a queue that does not enforce TLS
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-nag-'));
    const app = new App({ outdir });
    new sqs.Queue(new Stack(app, 'Plain'), 'Queue');
    applyNagPacks(app);
    // WHEN it is synthesized
    const { failure } = synthesized(app);
    // THEN the synth fails
    expect(failure).toMatch(/Validation ?failed/i);
    // AND the report holds what the packs that judge a plain queue found (a pack that fails to run, as on
    // aws-cdk-lib before 2.258, reports an error and no violation, and the synth goes on)
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
    expect(report.pluginReports.map((r) => [r.pluginName, r.violations.map((v) => v.ruleName).sort()])).toEqual([
      ['AwsSolutions', ['AwsSolutions-SQS3', 'AwsSolutions-SQS4']],
      ['Serverless', ['Serverless-SQSRedrivePolicy']],
    ]);
  });

  test('nagFindings returns the same rule, as an error on the queue, for a test to assert on', () => {
    const stack = new Stack(new App(), 'Plain');
    new sqs.Queue(stack, 'Queue');
    expect(nagFindings(stack)).toContainEqual(expect.objectContaining({
      pack: 'AwsSolutions', rule: 'AwsSolutions-SQS4', severity: 'error', constructPath: 'Plain/Queue/Resource',
    }));
  });
});
