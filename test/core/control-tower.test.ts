import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, cx_api as cxapi } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { createEncryptionKey } from '../../lib/core';
import { ControlTowerFinding, controlTowerFindings } from '../../lib/core/control-tower';

/**
 * The companion of the example test's "only the documented failures": the same runner, on resources that fail a
 * control and on one that passes it, in one cfn-guard run.
 */
describe('controlTowerFindings', () => {
  // GIVEN a stack with a key and a queue as aws-cdk-lib makes them, and a stack with a key as the patterns make it
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-control-tower-'));
  const app = new App({ outdir, context: { [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true } });
  const plain = new Stack(app, 'Plain');
  new kms.Key(plain, 'Key');
  new sqs.Queue(plain, 'Queue');
  createEncryptionKey(new Stack(app, 'Patterns'), 'Key', { description: 'as the patterns make it' });
  const assembly = app.synth();
  let findings: ControlTowerFinding[] = [];

  beforeAll(() => {
    // WHEN the Control Tower rules run over both templates
    findings = controlTowerFindings(assembly.stacks.map((s) => path.join(outdir, s.templateFile)));
  }, 120_000);

  test('a key without the grant statement fails CT.KMS.PR.3, named by its construct path', () => {
    expect(findings).toContainEqual(expect.objectContaining({
      rule: 'kms_create_grant_aws_service_check',
      control: 'CT.KMS.PR.3',
      constructPath: 'Plain/Key/Resource',
      templatePath: path.join(outdir, 'Plain.template.json'),
      fix: expect.stringMatching(/kms:CreateGrant/),
    }));
  });

  test('a queue with neither a dead-letter queue nor a RedriveAllowPolicy fails CT.SQS.PR.1', () => {
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'sqs_dlq_check', control: 'CT.SQS.PR.1', constructPath: 'Plain/Queue/Resource' }));
  });

  test('the key createEncryptionKey makes passes every control', () => {
    expect(findings.filter((f) => f.templatePath.endsWith('Patterns.template.json'))).toEqual([]);
  });

  test('each failing resource is reported once per control', () => {
    expect(findings.map((f) => `${f.rule} ${f.constructPath}`).sort()).toEqual([
      'kms_create_grant_aws_service_check Plain/Key/Resource',
      'kms_key_rotation_enabled_check Plain/Key/Resource',
      'sqs_dlq_check Plain/Queue/Resource',
      'sqs_queue_encrypted_check Plain/Queue/Resource',
    ]);
  });

  test('no template, no finding (and no cfn-guard run)', () => {
    expect(controlTowerFindings([])).toEqual([]);
  });
});
