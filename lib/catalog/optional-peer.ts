/**
 * The catalog's renderers (elkjs, vega, vega-lite) are optional peer dependencies: an app that only deploys the
 * constructs never installs them. Loaded when a diagram or a plot is drawn, with the install command when missing.
 */
export function loadOptionalPeer<T>(request: string, packageName: string, purpose: string): T {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(request) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || !String(e).includes(`'${request}'`)) throw e;
    throw new Error(`To ${purpose}, decoupled-cdk needs ${packageName}, an optional peer dependency: run \`npm install --save-dev ${packageName}@${PEER_RANGES[packageName] ?? 'latest'}\`.`);
  }
}

/** The versions the catalog is built and tested with (package.json peerDependencies). */
const PEER_RANGES: Record<string, string> = { elkjs: '^0.12.1', vega: '^5.33.1', 'vega-lite': '^5.23.0' };
