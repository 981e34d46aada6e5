// Loaded by Jest (setupFilesAfterEnv) in Stryker's initial run only: records which mutants each test file reaches,
// in its tests or in its beforeAll hooks and imports, and how long its tests took, to the file named by
// MUTATION_COVERING_FILES (read back through covering-record.cjs). The filter in
// run-covering-files.cjs reads it back so that a mutant's run loads only the test files that reach it, not every
// file of the folder (each load costs the CDK's modules again).
const { appendFileSync } = require('node:fs');

const file = process.env.MUTATION_COVERING_FILES;
const stryker = globalThis.__stryker__;
if (file && stryker && !process.env.__STRYKER_ACTIVE_MUTANT__) {
  const reached = new Set();
  const started = performance.now();
  const staticHits = () => stryker.mutantCoverage?.static ?? {};
  const before = { ...staticHits() };
  afterEach(() => {
    for (const id of Object.keys(stryker.mutantCoverage?.perTest?.[stryker.currentTestId] ?? {})) reached.add(id);
  });
  afterAll(() => {
    for (const [id, hits] of Object.entries(staticHits())) if (hits > (before[id] ?? 0)) reached.add(id);
    appendFileSync(file, `${JSON.stringify({ testFile: expect.getState().testPath, mutants: [...reached], ms: Math.round(performance.now() - started) })}\n`);
  });
}
