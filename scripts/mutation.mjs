// `npm run mutation -- lib/<folder> [--sample <fraction> --seed <n>] [--only <file>]`: Stryker mutation testing of
// one folder of lib/ (or, with --only, of some of its files), judged by the tests of the matching folder of test/ (property tests excluded: they synthesize hundreds of
// stacks per run). Incremental: a rerun tests only the mutants whose code or tests changed since
// reports/mutation/<folder>.incremental.json. With --sample, only a uniform random sample of the mutants is tested
// (scripts/mutation-sample.mjs) and the score is given with its 95 % interval; each seed keeps its own reports.
// One Stryker process at a time (concurrency 1 in stryker.config.json): the machine is shared. Not run in CI.
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Stryker } from '@stryker-mutator/core';
import { NOT_IN_SAMPLE } from './mutation-sample.mjs';

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
const sampling = fraction === undefined ? {} : {
  plugins: ['@stryker-mutator/*', './scripts/mutation-sample.mjs'],
  checkers: ['sample'],
  mutationSample: { fraction, seed: values.seed },
  warnings: { unknownOptions: false },
};
// Which test files reach which mutant, recorded in the initial run and read by each mutant's run
// (scripts/mutation-jest/): a mutant's run loads only those files.
process.env.MUTATION_COVERING_FILES = resolve(`reports/mutation/${name}.covering-files.jsonl`);
rmSync(process.env.MUTATION_COVERING_FILES, { force: true });
const results = await new Stryker({
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
    },
  },
}).runMutationTest();

const detected = results.filter((m) => m.status === 'Killed' || m.status === 'Timeout').length;
const valid = results.filter((m) => !['CompileError', 'RuntimeError', 'Ignored'].includes(m.status)).length;
const score = detected / Math.max(valid, 1);
console.log(`mutation score of ${folder}: ${(100 * score).toFixed(2)} % (${detected} of ${valid} mutants detected)`);
if (fraction !== undefined) {
  const left = results.filter((m) => m.status === 'CompileError' && m.statusReason === NOT_IN_SAMPLE).length;
  const [low, high] = wilson(detected, valid);
  console.log(`  a sample of ${results.length - left} of ${results.length} mutants (fraction ${fraction}, seed ${values.seed}); ` +
    `95 % interval of the folder's score: ${(100 * low).toFixed(1)}–${(100 * high).toFixed(1)} %`);
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
