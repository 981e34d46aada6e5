/**
 * Import rules for lib/, checked by test/architecture/imports.test.ts (`npx depcruise lib` shows the same).
 * Type-only imports count: a circle of types still means two modules know each other's insides.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module must not import itself through others: split the shared part out, or call through the world (docs/simulator-architecture.md).',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
