import * as fs from 'fs';
import * as path from 'path';
import { cx_api as cxapi } from 'aws-cdk-lib';
import { UsageError } from './command';

/** One stack of a synthesized app. */
export interface AssemblyStack {
  readonly stackName: string;
  /** Its id in the assembly (`Stage/Stack` for a stack in a stage). */
  readonly id: string;
  readonly templatePath: string;
  readonly template: Record<string, unknown>;
  /** The assembly folder its assets are in. */
  readonly assetDirectory: string;
  /** The account it deploys to, when the stack's `env` names one. */
  readonly account?: string;
  /** The Region it deploys to, when the stack's `env` names one. */
  readonly region?: string;
}

/**
 * Every stack of a cloud assembly (`cdk.out`), those of nested stages included, read through aws-cdk-lib's own
 * reader of the manifest. Fails with what to run when the folder is not an assembly.
 */
export function assemblyStacks(directory: string): AssemblyStack[] {
  if (!fs.existsSync(path.join(directory, 'manifest.json'))) {
    throw new UsageError(`${directory} is not a synthesized CDK app (no manifest.json there). Run \`npx cdk synth\` first, or give the folder it writes to (\`cdk.out\` unless cdk.json says otherwise).`);
  }
  const assembly = new cxapi.CloudAssembly(directory);
  return assembly.stacksRecursively.map((s) => ({
    stackName: s.stackName,
    id: s.hierarchicalId,
    templatePath: s.templateFullPath,
    template: s.template as Record<string, unknown>,
    assetDirectory: s.assembly.directory,
    // An environment-agnostic stack is `aws://unknown-account/unknown-region` in the manifest.
    account: s.environment.account === cxapi.UNKNOWN_ACCOUNT ? undefined : s.environment.account,
    region: s.environment.region === cxapi.UNKNOWN_REGION ? undefined : s.environment.region,
  }));
}
