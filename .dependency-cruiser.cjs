/**
 * Import rules for lib/, checked by test/imports.test.ts (`npx depcruise lib` prints the same).
 * Type-only imports count: a circle of types still means two modules know each other's insides.
 * The simulator's rules are explained in docs/simulator-architecture.md ("Who may import whom").
 */
const service = (names) => `(^|/)simulator/services/(${names})/`;

/** Simulator services in layers: a service may import the models of a lower layer, never of its own or a higher one. */
const LAYERS = [['iam'], ['kms'], ['sqs'], ['sns', 'lambda', 'cognito'], ['event-source-mapping', 'vpc', 'apigateway', 'cloudwatch', 'ecs', 'ec2'], ['autoscaling']];

const layerRules = LAYERS.flatMap((layer, i) => layer.map((name) => {
  const forbidden = LAYERS.slice(i).flat().filter((other) => other !== name);
  return forbidden.length === 0 ? undefined : {
    name: `services-${name}-imports-down-only`,
    severity: 'error',
    comment: `${name} may import ${LAYERS.slice(0, i).flat().join(', ') || 'no other service'}; to call ${forbidden.join(', ')}, use world.calls (an action the other service serves)`,
    from: { path: service(name) },
    to: { path: service(forbidden.join('|')) },
  };
})).filter(Boolean);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module must not import itself through others: split the shared part out, or call through the world.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'simulator-core-knows-no-service',
      severity: 'error',
      comment: 'The world, the template reader and the checks runner get services from services/all.ts through the Simulation, never by import.',
      from: { path: '(^|/)simulator/(world|template|checks)/' },
      to: { path: '(^|/)simulator/services/' },
    },
    {
      name: 'services-do-not-import-the-entry-point',
      severity: 'error',
      comment: 'A service reaches the Simulation only through the FacadeContext it is given.',
      from: { path: '(^|/)simulator/services/' },
      to: { path: '(^|/)simulator/(simulation|index)\\.ts$' },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
