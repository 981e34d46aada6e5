// Stryker plug-ins for sampled and resumable runs (`npm run mutation -- lib/<folder> --sample <fraction> --seed <n>`,
// scripts/mutation.mjs):
// - the `sample` checker keeps a uniform random sample of the mutants and sets the others aside before any test runs.
//   A mutant is in the sample when a hash of the seed and the mutant (file, place, mutator, replacement) falls below
//   the fraction: the same seed picks the same mutants on every run, another seed an independent sample, and a
//   smaller fraction with the same seed a subset of a larger one. It also sets aside the mutants the log already has.
// - the `tested-log` reporter appends each tested mutant's result to that log as soon as it is known, so a run that
//   is stopped keeps what it measured and the next run with the same code, tests and sample goes on from there.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { CheckStatus } from '@stryker-mutator/api/check';
import { PluginKind, commonTokens, declareClassPlugin, tokens } from '@stryker-mutator/api/plugin';

export const NOT_IN_SAMPLE = 'not in the sample';
export const TESTED_BEFORE = 'tested in an earlier run';

/** A mutant's identity across runs; `from` is 1 for the places of a reported result (1-based lines and columns). */
export function mutantKey(mutant, from = 0) {
  const file = mutant.fileName.replace(/\\/g, '/').replace(/^.*?(?=lib\/)/, '');
  const { start, end } = mutant.location;
  const place = `${start.line - from}:${start.column - from}-${end.line - from}:${end.column - from}`;
  return `${file}|${place}|${mutant.mutatorName}|${mutant.replacement}`;
}

/** Whether the mutant of this key is in the sample (Stryker reports some mutants, static or not reached by any test,
 *  without asking the checker: the log keeps only those of the sample). */
export function inSample(key, { fraction, seed }) {
  return createHash('sha256').update(`${seed}|${key}`).digest().readUInt32BE(0) / 2 ** 32 < fraction;
}

/** The results a log holds, by mutant key; the last line for a key wins. */
export function readLog(file) {
  if (!file || !existsSync(file)) return new Map();
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  return new Map(lines.map((entry) => [entry.key, entry]));
}

class SampleChecker {
  static inject = tokens(commonTokens.options);
  constructor(options) {
    this.sample = options.mutationSample;
    this.tested = readLog(options.mutationLog);
  }
  async init() {}
  async group(mutants) {
    return [mutants.map((mutant) => mutant.id)];
  }
  async check(mutants) {
    return Object.fromEntries(mutants.map((mutant) => [mutant.id, this.decide(mutant)]));
  }
  decide(mutant) {
    const key = mutantKey(mutant);
    if (!inSample(key, this.sample)) return { status: CheckStatus.CompileError, reason: NOT_IN_SAMPLE };
    if (this.tested.has(key)) return { status: CheckStatus.CompileError, reason: TESTED_BEFORE };
    return { status: CheckStatus.Passed };
  }
}

class TestedLog {
  static inject = tokens(commonTokens.options);
  constructor(options) {
    this.file = options.mutationLog;
    this.sample = options.mutationSample;
  }
  onMutantTested(result) {
    const key = mutantKey(result, 1);
    if (!this.file || result.status === 'CompileError' || !inSample(key, this.sample)) return;
    const entry = {
      key,
      status: result.status,
      ...(result.statusReason ? { statusReason: result.statusReason } : {}),
      ...(result.killedBy?.length ? { killedBy: result.killedBy[0] } : {}),
    };
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }
}

export const strykerPlugins = [
  declareClassPlugin(PluginKind.Checker, 'sample', SampleChecker),
  declareClassPlugin(PluginKind.Reporter, 'tested-log', TestedLog),
];
