import * as fs from 'fs';
import * as path from 'path';
import { deploymentEnvironment, SimulatedEnvironment } from './runtime';

interface ManifestArtifact {
  readonly type?: string;
  /** `aws://<account>/<region>`; `unknown-account` and `unknown-region` for an environment-agnostic stack. */
  readonly environment?: string;
  readonly properties?: { readonly stackName?: string };
}

/**
 * The account and Region a stack of a cloud assembly deploys to, read from the assembly's manifest.json where the
 * stack's `env` named them (its template then holds them as text, in ARNs), the test environment's otherwise.
 */
export function assemblyEnvironment(directory: string, stackName: string): SimulatedEnvironment {
  const manifest = path.join(directory, 'manifest.json');
  if (!fs.existsSync(manifest)) return deploymentEnvironment(undefined, undefined);
  const artifacts = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { artifacts?: Record<string, ManifestArtifact> }).artifacts ?? {};
  const stack = Object.entries(artifacts).find(([id, a]) => a.type === 'aws:cloudformation:stack' && (a.properties?.stackName ?? id) === stackName)?.[1];
  const [, account, region] = /^aws:\/\/([^/]+)\/(.+)$/.exec(stack?.environment ?? '') ?? [];
  return deploymentEnvironment(account === 'unknown-account' ? undefined : account, region === 'unknown-region' ? undefined : region);
}
