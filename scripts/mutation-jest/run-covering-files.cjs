// Jest's `filter` in Stryker's mutant runs: keeps the test files that reached the active mutant in the initial run
// (recorded by record-covering-files.cjs), so a run does not load every file of the folder only to skip its tests.
// Without a record, or outside a mutant run, every file runs.
const { readFileSync, statSync } = require('node:fs');

let loaded;

function coveringFiles() {
  const file = process.env.MUTATION_COVERING_FILES;
  if (!file) return undefined;
  let modified;
  try {
    modified = statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
  if (loaded?.modified !== modified) {
    const byMutant = new Map();
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const { testFile, mutants } = JSON.parse(line);
      for (const id of mutants) byMutant.set(id, [...(byMutant.get(id) ?? []), testFile]);
    }
    loaded = { modified, byMutant };
  }
  return loaded.byMutant;
}

module.exports = async (testPaths) => {
  const active = process.env.__STRYKER_ACTIVE_MUTANT__;
  const files = active === undefined ? undefined : coveringFiles()?.get(active);
  const keep = files === undefined ? () => true : (path) => files.includes(path);
  return { filtered: testPaths.filter(keep).map((test) => ({ test })) };
};
