// Jest's test environment in Stryker's runs: once a test has failed in a mutant's run, the test files after it in
// that run skip their tests and hooks. Stryker's Jest runner turns Jest's own `bail` off and runs every covering
// file even after the mutant is killed; with the quickest files first (fastest-first.cjs), a killed mutant then
// costs little more than the file that killed it. A survivor still runs every covering test.
const { TestEnvironment } = require('jest-environment-node');
const { currentRun } = require('./run-count.cjs');

const FAILED_RUN = Symbol.for('decoupled.mutation.failedRun');

class BailEnvironment extends TestEnvironment {
  async handleTestEvent(event, state) {
    if (process.env.__STRYKER_ACTIVE_MUTANT__ === undefined) return;
    if (event.name === 'run_start' && globalThis[FAILED_RUN] === currentRun()) state.rootDescribeBlock.mode = 'skip';
    if (event.name === 'test_done' && event.test.errors.length > 0) globalThis[FAILED_RUN] = currentRun();
  }
}

module.exports = BailEnvironment;
