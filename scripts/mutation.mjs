// `npm run mutation -- lib/<folder> [--sample <fraction> --seed <n>] [--only <file>]`: Stryker mutation testing of
// one folder of lib/ (or, with --only, of some of its files), judged by the tests of the matching folder of test/ (property tests excluded: they synthesize hundreds of
// stacks per run). Incremental: a rerun tests only the mutants whose code or tests changed since
// reports/mutation/<folder>.incremental.json. With --sample, only a uniform random sample of the mutants is tested
// (scripts/mutation-sample.mjs) and the score is given with its 95 % interval; each seed keeps its own reports.
// One Stryker process at a time (concurrency 1 in stryker.config.json): the machine is shared. Not run in CI.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Stryker } from '@stryker-mutator/core';
import { inSample, readLog } from './mutation-sample.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sample: { type: 'string' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string' },
    only: { type: 'string', multiple: true },
  },
});
const folder = (positionals[0] ?? '').replace(/\/+$/, '');
const inside = folder.replace(/^lib\//, '');
const fraction = values.sample === undefined ? undefined : Number(values.sample);
if (!folder.startsWith('lib/') || !existsSync(folder) || !existsSync(`test/${inside}`) || (fraction !== undefined && !(fraction > 0 && fraction <= 1))) {
  console.error('usage: npm run mutation -- lib/<folder> [--sample <fraction in (0, 1]> --seed <n>] [--only <file or glob>]... [--concurrency <n>]');
  console.error('   a folder of lib/ with tests in test/<folder>, e.g. lib/core; --sample 0.1 tests one mutant in ten;');
  console.error('   --only lib/core/limits.ts mutates that file alone, still judged by the whole folder\'s tests');
  process.exit(2);
}
const only = values.only ?? [];
const name = inside.replace(/\//g, '-')
  + (only.length ? `.only-${only.map((o) => o.replace(/^.*\//, '').replace(/[^\w.-]/g, '_')).join('+')}` : '')
  + (fraction === undefined ? '' : `.sample-${fraction}-seed-${values.seed}`);
// A sampled run logs each result as it comes, under a name that changes with the folder's code and tests: a run that
// is stopped keeps its results, and the next one with the same code, tests and sample tests only the rest.
// The log is per seed, not per fraction: a larger fraction with the same seed holds the smaller one's sample and goes
// on from its results, so a sample can grow run by run and each completed fraction is a uniform sample.
const log = fraction === undefined ? undefined
  : resolve(`reports/mutation/${inside.replace(/\//g, '-')}.seed-${values.seed}.${fingerprint([folder, `test/${inside}`])}.tested.jsonl`);
const sampling = fraction === undefined ? {} : {
  plugins: ['@stryker-mutator/*', './scripts/mutation-sample.mjs'],
  checkers: ['sample'],
  reporters: ['clear-text', 'progress', 'html', 'json', 'tested-log'],
  mutationSample: { fraction, seed: values.seed },
  mutationLog: log,
  warnings: { unknownOptions: false },
};
// Which test files reach which mutant, recorded in the initial run and read by each mutant's run
// (scripts/mutation-jest/): a mutant's run loads only those files, the quickest first, and
// skips the rest once a test has failed.
mkdirSync('reports/mutation', { recursive: true });
process.env.MUTATION_COVERING_FILES = resolve(`reports/mutation/${name}.covering-files.jsonl`);
rmSync(process.env.MUTATION_COVERING_FILES, { force: true });
const results = await new Stryker({
  // A sandbox per run, so runs of several folders at once do not clean up each other's.
  tempDirName: `.stryker-tmp-${name}`,
  mutate: only.length ? only : [`${folder}/**/*.ts`, `!${folder}/**/index.ts`],
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
  ...sampling,
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    enableFindRelatedTests: false,
    config: {
      roots: [`<rootDir>/test/${inside}`],
      testPathIgnorePatterns: ['/node_modules/', '\\.property\\.test\\.ts$'],
      setupFilesAfterEnv: ['<rootDir>/scripts/mutation-jest/record-covering-files.cjs'],
      filter: '<rootDir>/scripts/mutation-jest/run-covering-files.cjs',
      testSequencer: '<rootDir>/scripts/mutation-jest/fastest-first.cjs',
      testEnvironment: './scripts/mutation-jest/bail-environment.cjs',
    },
  },
}).runMutationTest();

if (fraction === undefined) {
  const [detected, valid] = tally(results.map((m) => m.status));
  console.log(`mutation score of ${folder}: ${percent(detected / Math.max(valid, 1))} (${detected} of ${valid} mutants detected)`);
} else {
  const logged = [...readLog(log).values()].filter((entry) => inSample(entry.key, { fraction, seed: values.seed }));
  const [detected, valid] = tally(logged.map((entry) => entry.status));
  const [low, high] = wilson(detected, valid);
  const ran = results.filter((m) => ['Killed', 'Survived', 'Timeout', 'RuntimeError'].includes(m.status)).length;
  console.log(`mutation score of ${folder}, sampled (fraction ${fraction}, seed ${values.seed}): ${percent(detected / Math.max(valid, 1))} ` +
    `(${detected} of ${valid} mutants detected); 95 % interval ${percent(low)}–${percent(high)}`);
  console.log(`  ${logged.length} sampled mutants in ${log}, ${ran} of them run by this run`);
}

function tally(statuses) {
  const detected = statuses.filter((status) => status === 'Killed' || status === 'Timeout').length;
  const valid = statuses.filter((status) => !['CompileError', 'RuntimeError', 'Ignored'].includes(status)).length;
  return [detected, valid];
}

function percent(fraction) {
  return `${(100 * fraction).toFixed(1)} %`;
}

/** A short hash of every file under the given folders. */
function fingerprint(folders) {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(path).update(readFileSync(path));
    }
  };
  folders.forEach(walk);
  return hash.digest('hex').slice(0, 10);
}

/** Wilson score interval at 95 % for `k` successes in `n` trials. */
function wilson(k, n, z = 1.959964) {
  if (n === 0) return [0, 1];
  const p = k / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const denominator = 1 + (z * z) / n;
  return [(centre - spread) / denominator, (centre + spread) / denominator];
}
