/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Jest's default leaves one core free (one worker on CI's 2 cores: 272 s); both cores run the suite in 193 s.
  maxWorkers: '100%',
  roots: ['<rootDir>/test', '<rootDir>/examples'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking happens once in `npm test` (tsc --noEmit); per-file transpilation keeps Jest fast.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The CDK's bundled CloudFormation validator costs seconds per synth; it runs once, in test/validators.
  setupFiles: ['<rootDir>/test/setup-env.js'],
};
