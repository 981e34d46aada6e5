// `npm run fuzz`: the property tests (*.property.test.ts) with a random seed and many runs. The seed is printed
// first and last, so a failure can be replayed: DECOUPLED_FUZZ_SEED=<seed> DECOUPLED_FUZZ_RUNS=<runs> npm run fuzz.
// Extra arguments go to Jest (a path narrows the run to one property file).
import { spawnSync } from 'node:child_process';

const seed = process.env.DECOUPLED_FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
const runs = process.env.DECOUPLED_FUZZ_RUNS ?? '2000';
const replay = `DECOUPLED_FUZZ_SEED=${seed} DECOUPLED_FUZZ_RUNS=${runs} npm run fuzz`;
console.log(`fuzz: seed ${seed}, ${runs} runs per property (replay: ${replay})`);
const jest = spawnSync('npx', ['jest', '--testPathPattern', '\\.property\\.test\\.ts$', '--maxWorkers=1', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DECOUPLED_FUZZ_SEED: seed, DECOUPLED_FUZZ_RUNS: runs },
});
console.log(`fuzz: seed ${seed} ${jest.status === 0 ? 'passed' : 'FAILED'} (replay: ${replay})`);
process.exit(jest.status ?? 1);
