// The record of Stryker's initial run that record-covering-files.cjs writes (one line per test file: the mutants it
// reaches and how long it took), read back by the filter and the sequencer of each mutant's run.
const { readFileSync, statSync } = require('node:fs');

let loaded;

/** `{ byMutant: Map<mutant id, test files>, msByFile: Map<test file, ms> }`, or undefined without a record. */
function coveringRecord() {
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
    const msByFile = new Map();
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const { testFile, mutants, ms } = JSON.parse(line);
      msByFile.set(testFile, ms);
      for (const id of mutants) byMutant.set(id, [...(byMutant.get(id) ?? []), testFile]);
    }
    loaded = { modified, byMutant, msByFile };
  }
  return loaded;
}

module.exports = { coveringRecord };
