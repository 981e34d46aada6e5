import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TEST_CREDENTIALS } from './seed';

const CLEARED = ['AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_SESSION_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE'];

/** A ~/.aws of the test's own, and the environment variables the SDK's default chains read. */
export interface AwsEnvironment {
  /** Writes ~/.aws/config and ~/.aws/credentials of the test (INI text). */
  writeFiles(config: string, credentials?: string): void;
  /** Sets or clears the credentials of the environment. */
  useEnvironmentCredentials(on: boolean): void;
  restore(): void;
}

/**
 * Isolates the SDK from the machine's AWS setup: no profile, region or credentials from outside, no instance
 * metadata lookup, config files in a temporary folder; the environment credentials moto accepts set.
 */
export function isolatedAwsEnvironment(): AwsEnvironment {
  const saved = { ...process.env };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-aws-'));
  let written = 0;
  for (const name of CLEARED) delete process.env[name];
  Object.assign(process.env, { AWS_EC2_METADATA_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  const env: AwsEnvironment = {
    // The SDK caches what it read of a config file by its path for the life of the process: new text, new paths.
    writeFiles(configText, credentialsText = '') {
      written++;
      const config = path.join(dir, `config-${written}`);
      const credentials = path.join(dir, `credentials-${written}`);
      fs.writeFileSync(config, configText);
      fs.writeFileSync(credentials, credentialsText);
      Object.assign(process.env, { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials });
    },
    useEnvironmentCredentials(on) {
      if (on) Object.assign(process.env, { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey });
      else for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) delete process.env[name];
    },
    restore() {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  env.writeFiles('');
  env.useEnvironmentCredentials(true);
  return env;
}
