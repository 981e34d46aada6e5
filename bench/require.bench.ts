/**
 * What `require('decoupled-cdk')` costs an app, next to the aws-cdk-lib modules the patterns are built on.
 * Run: `npm run build && npx ts-node --transpile-only bench/require.bench.ts [runs] [--entry <built index.js>]`.
 *
 * Each sample is a fresh `node` process that loads the built package (dist/) and reports how long the
 * loading took. aws-cdk-lib loads its classes lazily, on first use, so a bare `require('aws-cdk-lib/aws-sqs')`
 * costs almost nothing; the figures below therefore read the classes the patterns use, which is what an
 * app that constructs the same resources by hand pays anyway:
 *
 *   aws-cdk-lib modules    the aws-cdk-lib members the constructs entry (dist/, without the simulator) uses,
 *                          found in its code: Duration, sqs.Queue, sns.Topic, lambda.Function, kms.Key, ...
 *   decoupled-cdk          the constructs entry, every export read, plus the same members: the target is
 *                          within 1.5x of the line above
 *   decoupled-cdk alone    the constructs entry and its exports, nothing else read
 *   decoupled-cdk/simulator, cdk-nag, aws-cdk-lib/assertions   what the constructs entry no longer loads
 *
 * Scenarios take turns, so a slow period of the machine spreads over all of them. `--entry` measures another
 * build of the constructs entry (an older commit's, for a before/after). A benchmark, not a test: it reports
 * figures and never fails on a slow machine.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const args = process.argv.slice(2);
const entryFlag = args.indexOf('--entry');
const entry = path.resolve(entryFlag >= 0 ? args.splice(entryFlag, 2)[1] : path.join(root, 'dist', 'lib', 'index.js'));
const runs = Number(args[0] ?? 7);
const dist = path.dirname(entry);

if (!fs.existsSync(entry)) throw new Error(`${entry} does not exist: run \`npm run build\` first.`);

/**
 * The aws-cdk-lib (and constructs) members the built constructs entry uses, by module, the simulator left
 * out: every `<binding>.<Member>` of a `const <binding> = require("aws-cdk-lib/...")` in dist/.
 */
function cdkMembersOfTheConstructs(): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  const files = fs.readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js') && !f.split(path.sep).includes('simulator'));
  for (const file of files) {
    const js = fs.readFileSync(path.join(dist, file), 'utf8');
    for (const [, binding, module] of js.matchAll(/const (\w+) = (?:__importStar\()?require\("((?:aws-cdk-lib|constructs)[^"]*)"\)/g)) {
      const members = used.get(module) ?? new Set<string>();
      for (const [, member] of js.matchAll(new RegExp(`\\b${binding}\\.([A-Z]\\w*)`, 'g'))) members.add(member);
      used.set(module, members);
    }
  }
  return used;
}

const used = cdkMembersOfTheConstructs();
const modules = [...used.keys()].sort();
const readModules = modules.map((m) => `{ const m = require(${JSON.stringify(m)}); ${[...used.get(m)!].map((k) => `void m.${k};`).join(' ')} }`).join(' ');
const readAll = (expr: string) => `{ const m = ${expr}; for (const k of Object.keys(m)) void m[k]; }`;

const SCENARIOS: Record<string, string> = {
  'aws-cdk-lib modules': readModules,
  'decoupled-cdk': `${readAll(`require(${JSON.stringify(entry)})`)} ${readModules}`,
  'decoupled-cdk alone': readAll(`require(${JSON.stringify(entry)})`),
  'decoupled-cdk/simulator': readAll(`require(${JSON.stringify(path.join(dist, 'simulator', 'index.js'))})`),
  'cdk-nag': readAll("require('cdk-nag')"),
  'aws-cdk-lib/assertions': readAll("require('aws-cdk-lib/assertions')"),
};

/** Milliseconds one fresh process takes to run `code`, measured inside it (process start-up excluded). */
function sample(code: string): number {
  const script = `const t = process.hrtime.bigint(); ${code} process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  return Number(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const samples = new Map<string, number[]>(Object.keys(SCENARIOS).map((name) => [name, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, code] of Object.entries(SCENARIOS)) samples.get(name)!.push(sample(code));
}

const ms = (v: number) => `${Math.round(v)} ms`;
const base = median(samples.get('aws-cdk-lib modules')!);
console.log(`entry: ${path.relative(root, entry)}; ${runs} fresh processes per line, node ${process.version}`);
console.log(`aws-cdk-lib members: ${modules.map((m) => `${m} (${[...used.get(m)!].sort().join(', ')})`).join('; ')}\n`);
console.log('| what is loaded | median | min–max | x aws-cdk-lib modules |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, values] of samples) {
  console.log(`| ${name} | ${ms(median(values))} | ${ms(Math.min(...values))}–${ms(Math.max(...values))} | ${(median(values) / base).toFixed(2)} |`);
}
