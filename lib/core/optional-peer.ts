/**
 * The renderers of diagrams and plots (elkjs, vega, vega-lite) are optional peer dependencies: an app that only
 * deploys the constructs never installs them. Loaded when a diagram or a plot is drawn, with the install command when missing.
 */
export function loadOptionalPeer<T>(request: string, packageName: string, purpose: string): T {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(request) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || !String(e).includes(`'${request}'`)) throw e;
    throw new MissingOptionalPeerError(packageName, purpose, { cause: e });
  }
}

/** An optional peer dependency a feature needs is not installed; `install` is the command that installs it. */
export class MissingOptionalPeerError extends Error {
  public readonly name = 'MissingOptionalPeerError';
  public readonly install: string;

  constructor(public readonly packageName: string, purpose: string, options?: { cause?: unknown }) {
    const install = `npm install --save-dev ${packageName}@${PEER_RANGES[packageName] ?? 'latest'}`;
    super(`To ${purpose}, decoupled-cdk needs ${packageName}, an optional peer dependency: run \`${install}\`.`, options);
    this.install = install;
  }
}

/** The versions the library is built and tested with (package.json peerDependencies; test/core/optional-peer.test.ts compares them). */
export const PEER_RANGES: Record<string, string> = { elkjs: '^0.12.1', vega: '^5.33.1', 'vega-lite': '^5.23.0' };
