// Counts Jest runs in this process, so the test environment (bail-environment.cjs) can tell one mutant's run from
// the next. Jest calls the filter (run-covering-files.cjs) once at the start of each run; the count lives on the
// process's global object, which the filter and the environment share whichever copy of this module they load.
const RUN = Symbol.for('decoupled.mutation.run');

function startRun() {
  globalThis[RUN] = (globalThis[RUN] ?? 0) + 1;
}

function currentRun() {
  return globalThis[RUN] ?? 0;
}

module.exports = { currentRun, startRun };
