// `npm run mutation -- lib/<folder>`: Stryker mutation testing of one folder of lib/, judged by the tests of the
// matching folder of test/ (property tests excluded: they synthesize hundreds of stacks per run). Incremental: a
// rerun tests only the mutants whose code or tests changed since reports/mutation/<folder>.incremental.json.
// One Stryker process at a time (concurrency 1 in stryker.config.json): the machine is shared. Not run in CI.
import { existsSync } from 'node:fs';
import { Stryker } from '@stryker-mutator/core';

const folder = (process.argv[2] ?? '').replace(/\/+$/, '');
const inside = folder.replace(/^lib\//, '');
if (!folder.startsWith('lib/') || !existsSync(folder) || !existsSync(`test/${inside}`)) {
  console.error('usage: npm run mutation -- lib/<folder>   (a folder of lib/ with tests in test/<folder>), e.g. lib/core');
  process.exit(2);
}
const name = inside.replace(/\//g, '-');
const results = await new Stryker({
  mutate: [`${folder}/**/*.ts`, `!${folder}/**/index.ts`],
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    enableFindRelatedTests: false,
    config: { roots: [`<rootDir>/test/${inside}`], testPathIgnorePatterns: ['/node_modules/', '\\.property\\.test\\.ts$'] },
  },
}).runMutationTest();
const detected = results.filter((m) => m.status === 'Killed' || m.status === 'Timeout').length;
const valid = results.filter((m) => !['CompileError', 'RuntimeError', 'Ignored'].includes(m.status)).length;
console.log(`mutation score of ${folder}: ${((100 * detected) / Math.max(valid, 1)).toFixed(2)} % (${detected} of ${valid} mutants detected)`);
