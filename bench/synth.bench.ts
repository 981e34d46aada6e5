/**
 * Synth time of each example stack, and of one `Template.fromStack`, with and without the CDK's
 * built-in CloudFormation validator: cold (the first synth in a fresh process, as in a Jest test file,
 * which pays for loading aws-cdk-lib and the validator) and warm (the median of later synths).
 * Run: `npx ts-node --transpile-only bench/synth.bench.ts`.
 * A benchmark, not a test: it reports figures and never fails on a slow machine.
 */
import { execFileSync } from 'child_process';
import { performance } from 'perf_hooks';
import { App, AppProps, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EXAMPLES } from '../examples/catalog';

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(build: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    build();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function synthExample(name: string, validation: boolean): void {
  process.env.CDK_VALIDATION = validation ? 'true' : 'false';
  // A typed variable, not a literal: the bench still compiles on aws-cdk-lib before 2.275, which lacks the prop.
  const props: AppProps & { builtinCloudFormationValidation?: boolean } = { builtinCloudFormationValidation: validation };
  const app = new App(props);
  EXAMPLES[name](app, name);
  app.synth();
}

function templateFromStack(name: string): void {
  process.env.CDK_VALIDATION = 'false';
  const app = new App();
  EXAMPLES[name](app, name);
  Template.fromStack(app.node.findChild(name) as Stack);
}

/** One synth in this fresh process: prints its milliseconds. */
function cold(name: string, mode: string): void {
  const start = performance.now();
  if (mode === 'template') templateFromStack(name);
  else synthExample(name, mode === 'validated');
  console.log((performance.now() - start).toFixed(0));
}

function coldInChild(name: string, mode: string): string {
  return execFileSync(process.execPath, [...process.execArgv, __filename, 'cold', name, mode], { encoding: 'utf8' }).trim();
}

function main(): void {
  console.log(`cold: first synth in a fresh process; warm: median of ${RUNS} later synths; ms`);
  console.log('| example stack | synth cold | synth + CDK validator cold | Template.fromStack cold | synth warm | synth + validator warm | Template.fromStack warm |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const name of Object.keys(EXAMPLES)) {
    const colds = ['plain', 'validated', 'template'].map((mode) => coldInChild(name, mode));
    const warm = [time(() => synthExample(name, false)), time(() => synthExample(name, true)), time(() => templateFromStack(name))];
    console.log(`| ${name} | ${colds.join(' | ')} | ${warm.map((t) => t.toFixed(0)).join(' | ')} |`);
  }
}

if (process.argv[2] === 'cold') cold(process.argv[3], process.argv[4]);
else main();
