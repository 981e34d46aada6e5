// A Stryker checker that keeps a uniform random sample of the mutants and sets the others aside before any test
// runs. `npm run mutation -- lib/<folder> --sample <fraction> --seed <n>` loads it (scripts/mutation.mjs). A mutant
// is in the sample when a hash of the seed and the mutant (file, place, mutator, replacement) falls below the
// fraction: the same seed picks the same mutants on every run, another seed an independent sample.
import { createHash } from 'node:crypto';
import { CheckStatus } from '@stryker-mutator/api/check';
import { PluginKind, commonTokens, declareClassPlugin, tokens } from '@stryker-mutator/api/plugin';

export const NOT_IN_SAMPLE = 'not in the sample';

export function inSample(mutant, { fraction, seed }) {
  const file = mutant.fileName.replace(/\\/g, '/').replace(/^.*?(?=lib\/)/, '');
  const { start, end } = mutant.location;
  const key = `${seed}|${file}|${start.line}:${start.column}-${end.line}:${end.column}|${mutant.mutatorName}|${mutant.replacement}`;
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32 < fraction;
}

class SampleChecker {
  static inject = tokens(commonTokens.options);
  constructor(options) {
    this.sample = options.mutationSample;
  }
  async init() {}
  async group(mutants) {
    return [mutants.map((mutant) => mutant.id)];
  }
  async check(mutants) {
    return Object.fromEntries(
      mutants.map((mutant) => [
        mutant.id,
        inSample(mutant, this.sample) ? { status: CheckStatus.Passed } : { status: CheckStatus.CompileError, reason: NOT_IN_SAMPLE },
      ]),
    );
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Checker, 'sample', SampleChecker)];
