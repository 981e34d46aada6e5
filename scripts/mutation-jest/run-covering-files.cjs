// Jest's `filter` in Stryker's mutant runs: keeps the test files that reached the active mutant in the initial run
// (recorded by record-covering-files.cjs), so a run does not load every file of the folder only to skip its tests.
// Without a record, or outside a mutant run, every file runs.
const { coveringRecord } = require('./covering-record.cjs');
const { startRun } = require('./run-count.cjs');

module.exports = async (testPaths) => {
  startRun();
  const active = process.env.__STRYKER_ACTIVE_MUTANT__;
  const files = active === undefined ? undefined : coveringRecord()?.byMutant.get(active);
  const keep = files === undefined ? () => true : (path) => files.includes(path);
  return { filtered: testPaths.filter(keep).map((test) => ({ test })) };
};
