// aws-cdk-lib runs a bundled CloudFormation validator at every synth (about 3.5 s of a 4 s synth).
// Unit tests skip it; test/examples/validators.test.ts runs it once per example stack.
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';
