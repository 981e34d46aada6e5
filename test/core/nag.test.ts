import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { NagPackProps } from 'cdk-nag';
import { NagPackOptions, acknowledge, applyNagPacks, nagFindings, nagPacks } from '../../lib/core';

/**
 * Every "zero nag errors" test in the suite would pass if the packs found nothing. These prove that each of the five
 * packs fires, through the two paths the suite and users take: nagFindings (tests) and applyNagPacks (cdk synth).
 */

/** An unencrypted queue without a DLQ or TLS policy, and a topic without a KMS key or TLS policy. */
function nonCompliant(stack: Stack): { queue: sqs.Queue; topic: sns.Topic } {
  const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
  const topic = new sns.Topic(stack, 'Topic');
  return { queue, topic };
}

/** One error of each pack that the non-compliant resources break, as `pack rule path`. */
const ONE_ERROR_PER_PACK = [
  'AwsSolutions AwsSolutions-SQS4 S/Queue/Resource',
  'Serverless Serverless-SQSRedrivePolicy S/Queue/Resource',
  'NIST.800.53.R5 NIST.800.53.R5-SNSEncryptedKMS S/Topic/Resource',
  'HIPAA.Security HIPAA.Security-SNSEncryptedKMS S/Topic/Resource',
  'PCI.DSS.321 PCI.DSS.321-SNSEncryptedKMS S/Topic/Resource',
];

describe('nagFindings', () => {
  test('each of the five packs reports an error on a non-compliant resource', () => {
    const stack = new Stack(undefined, 'S');
    nonCompliant(stack);
    const errors = nagFindings(stack).filter((f) => f.severity === 'error').map((f) => `${f.pack} ${f.rule} ${f.constructPath}`);
    expect(errors).toEqual(expect.arrayContaining(ONE_ERROR_PER_PACK));
    expect(new Set(nagFindings(stack).map((f) => f.pack))).toEqual(new Set(['AwsSolutions', 'Serverless', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']));
  });

  test('a finding says what is wrong', () => {
    const stack = new Stack(undefined, 'S');
    nonCompliant(stack);
    expect(nagFindings(stack).find((f) => f.rule === 'AwsSolutions-SQS4')?.description).toMatch(/SSL/);
  });

  test('an acknowledged rule is not reported on that resource, and still is on others', () => {
    const stack = new Stack(undefined, 'S');
    const { queue } = nonCompliant(stack);
    const other = new sqs.Queue(stack, 'Other', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    acknowledge(queue, { id: 'Serverless-SQSRedrivePolicy', reason: 'test' });
    const redrive = nagFindings(stack).filter((f) => f.rule === 'Serverless-SQSRedrivePolicy').map((f) => f.constructPath);
    expect(redrive).toEqual([other.node.path + '/Resource']);
  });

  test('a rule of warning level is reported as a warning, and a rule with several findings names each', () => {
    const stack = new Stack(undefined, 'S');
    new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    const findings = nagFindings(stack);
    expect(findings).toContainEqual(expect.objectContaining({ pack: 'Serverless', rule: 'Serverless-LambdaTracing', severity: 'warning', constructPath: 'S/Fn/Resource' }));
    expect(findings).toContainEqual(expect.objectContaining({
      rule: expect.stringMatching(/^AwsSolutions-IAM4\[Policy::.*AWSLambdaBasicExecutionRole\]$/), severity: 'error', constructPath: 'S/Fn/ServiceRole/Resource',
    }));
  });

  test('nagPacks are the five packs, in order', () => {
    expect(nagPacks().map((p) => p.readPackName)).toEqual(['AwsSolutions', 'Serverless', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']);
  });
});

describe('applyNagPacks', () => {
  interface Report { pluginReports: { pluginName: string; violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[] }

  test('fails the synth of an app with a non-compliant resource, with an error of every pack in the report', () => {
    // GIVEN an app with the packs applied, as examples/catalog.ts does
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-nag-'));
    const app = new App({ outdir });
    nonCompliant(new Stack(app, 'S'));
    applyNagPacks(app);
    // WHEN it is synthesized THEN the synth fails, and its error lists an error of every pack
    let message = '';
    try {
      app.synth();
    } catch (error) {
      message = (error as Error).message;
    }
    for (const line of ONE_ERROR_PER_PACK) {
      const [pack, rule] = line.split(' ');
      expect(message).toContain(`Acknowledge with '${pack}::${rule}'`);
    }
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as Report;
    const reported = report.pluginReports.flatMap((r) => r.violations.flatMap((v) => v.violatingConstructs.map((c) => `${r.pluginName} ${v.ruleName} ${c.constructPath}`)));
    expect(reported).toEqual(expect.arrayContaining(ONE_ERROR_PER_PACK));
  });

  test('a compliant app synthesizes with the packs applied', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-nag-')) });
    new Stack(app, 'Empty');
    applyNagPacks(app);
    expect(() => app.synth()).not.toThrow();
  });
});

describe('NagPackOptions, our own type for cdk-nag\'s NagPackProps', () => {
  // tsc fails here when cdk-nag adds, drops or retypes an option: the declarations must follow it.
  type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
  const sameOptions: Same<Required<NagPackOptions>, Required<NagPackProps>> = true;

  test('reach the packs: verbose adds cdk-nag\'s explanation to each finding', () => {
    // GIVEN a non-compliant stack WHEN it is checked with and without verbose
    const stack = new Stack(new App(), 'S');
    nonCompliant(stack);
    const plain = nagFindings(stack).find((f) => f.rule === 'AwsSolutions-SQS4');
    const verbose = nagFindings(stack, { verbose: true }).find((f) => f.rule === 'AwsSolutions-SQS4');
    // THEN the verbose finding says more
    expect(sameOptions).toBe(true);
    expect(verbose!.description.length).toBeGreaterThan(plain!.description.length);
  });
});
