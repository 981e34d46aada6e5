// Jest's test sequencer in Stryker's runs: the test files that were quickest in the initial run go first. Stryker
// stops a mutant's run at the first failing file, so a mutant a quick file kills costs that file alone; Jest's own
// order puts the slowest files first, which suits parallel workers, not a run that stops early.
const { coveringRecord } = require('./covering-record.cjs');

class FastestFirst {
  sort(tests) {
    const ms = coveringRecord()?.msByFile ?? new Map();
    const cost = (test) => ms.get(test.path) ?? Number.MAX_SAFE_INTEGER;
    return [...tests].sort((a, b) => cost(a) - cost(b) || a.path.localeCompare(b.path));
  }

  cacheResults() {}
}

module.exports = FastestFirst;
