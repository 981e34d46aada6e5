const fs = require('fs');
const path = require('path');

// aws-cdk-lib runs a bundled CloudFormation validator at every synth (about 3.5 s of a 4 s synth).
// Unit tests skip it; test/examples/validators.test.ts runs it once per example stack.
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';

// Every App a test makes gets the context of cdk.json, as `cdk synth` gives it to bin/app.ts: the patterns
// are tested under the feature flags `cdk init` writes for this aws-cdk-lib version, the ones users have.
// A test that needs other context passes it to `new App({ context })`, which takes precedence.
const { context } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'cdk.json'), 'utf8'));
process.env.CDK_CONTEXT_JSON = JSON.stringify(context);
