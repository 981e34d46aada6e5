// The constructs entry alone, as an app that only deploys uses it: synthesizes, then reports what it loaded.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { QUEUE_CONSUMER_RULES, TopicFanOut, ValidationError, nagFindings } from 'decoupled-cdk';
import { OrdersStack } from './orders-stack';

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-cdk-app-'));
const app = new App({ outdir });
new OrdersStack(app, 'Orders');
const assembly = app.synth();
const template = JSON.parse(fs.readFileSync(path.join(outdir, assembly.getStackByName('Orders').templateFile), 'utf8'));
const types: Record<string, number> = {};
for (const r of Object.values(template.Resources) as { Type: string }[]) types[r.Type] = (types[r.Type] ?? 0) + 1;
fs.rmSync(outdir, { recursive: true, force: true });

// A ValidationError thrown inside the package is the class the app imported, with its problems.
let validation: { isValidationError: boolean; codes: string[] } | undefined;
try {
  new TopicFanOut(new Stack(new App(), 'Invalid'), 'Empty', { subscribers: {} });
} catch (e) {
  validation = { isValidationError: e instanceof ValidationError, codes: e instanceof ValidationError ? e.problems.map((p) => p.code) : [] };
}

// cdk-nag is an optional peer that this app did not install: the nag helpers say so.
let nag: string | undefined;
try {
  nagFindings(new Stack(new App(), 'Nag'));
} catch (e) {
  nag = (e as Error).message;
}

const loaded = Object.keys(require.cache);
console.log(JSON.stringify({
  types,
  validation,
  nag,
  ruleCode: QUEUE_CONSUMER_RULES.visibilityTimeout,
  loaded: {
    simulator: loaded.filter((f) => f.includes(`${path.sep}simulator${path.sep}`)).length,
    assertions: loaded.filter((f) => f.includes(`aws-cdk-lib${path.sep}assertions`)).length,
    cdkNag: loaded.filter((f) => f.includes(`${path.sep}cdk-nag${path.sep}`)).length,
  },
}));
