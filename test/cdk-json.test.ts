import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';

const root = path.join(__dirname, '..');
const cdkJson = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
const recommended = JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/recommended-feature-flags.json'), 'utf8')) as Record<string, unknown>;

describe('cdk.json', () => {
  test('sets every feature flag aws-cdk-lib recommends for a new app, as `cdk init` writes them (cdk synth reports none unconfigured)', () => {
    const unset = Object.entries(recommended).filter(([flag, value]) => JSON.stringify(cdkJson.context[flag]) !== JSON.stringify(value));
    expect(unset).toEqual([]);
    expect(Object.keys(recommended).length).toBeGreaterThan(50);
  });

  test('its context reaches every App a test makes (test/setup-env.js), so the patterns are tested under those flags', () => {
    const app = new App();
    expect(app.node.tryGetContext('@aws-cdk/aws-iam:minimizePolicies')).toBe(true);
    expect(app.node.tryGetContext('@aws-cdk/core:enablePartitionLiterals')).toBe(true);
  });
});
