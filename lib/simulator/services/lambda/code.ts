import * as fs from 'fs';
import * as path from 'path';
import { LambdaFunction } from './function';
import { LambdaHandler } from './handler';

/**
 * Loads a function's own handler into this Node.js process: inline code (`Code.fromInline`, the template's
 * `ZipFile`) is compiled as `index.js`; a local asset is required from its staged folder in the cloud assembly
 * (`aws:asset:path` metadata, else the folder named after the S3 key's hash).
 *
 * Nothing is isolated: the code runs in the test's process, with its globals, its `require` cache and its
 * network; no layers, no runtime API, no /tmp of its own; CommonJS only. The function's environment
 * variables from the template (and AWS_REGION, AWS_LAMBDA_FUNCTION_NAME…) are set in process.env while a
 * handler runs, and put back when it settles.
 */
export function loadOwnHandler(fn: LambdaFunction, assetDirectory: string | undefined): LambdaHandler {
  const s = fn.settings;
  if (!s.handler) throw new Error(`${fn.logicalId} has no Handler property, so its own code cannot be run`);
  if (s.runtime !== undefined && !s.runtime.startsWith('nodejs')) throw new Error(`${fn.logicalId} runs ${s.runtime}; only Node.js functions can run in-process`);
  const dot = s.handler.lastIndexOf('.');
  const file = s.handler.slice(0, dot);
  const exportName = s.handler.slice(dot + 1);
  let exports: Record<string, unknown>;
  if (s.code.kind === 'inline') {
    exports = compileInline(s.code.source, `${fn.logicalId}/${file}.js`);
  } else if (s.code.kind === 'asset') {
    const dir = assetFolder(fn, assetDirectory);
    const modulePath = resolveModule(path.join(dir, file));
    if (!modulePath) throw new Error(`${fn.logicalId}: no ${file}.js, .cjs or /index.js in ${dir} for the handler ${s.handler}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exports = require(modulePath) as Record<string, unknown>;
  } else {
    throw new Error(`${fn.logicalId}'s code is ${s.code.description}; only inline code and local assets can run in-process`);
  }
  const handler = exports[exportName];
  if (typeof handler !== 'function') throw new Error(`${fn.logicalId}: ${file} exports no function ${exportName}`);
  return handler as LambdaHandler;
}

/** The variables a Node.js function sees: the template's, and those Lambda sets. */
export function functionEnvironment(fn: LambdaFunction, region: string): Record<string, string> {
  return {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.settings.memoryMb),
    ...fn.settings.environment,
  };
}

/**
 * Compiles inline code as a CommonJS module in this realm (`new Function`, not Node's module loader): under
 * Jest the test runs in a sandbox whose `process.env` and `Error` differ from Node's own, and the function must
 * see the sandbox's, as a required asset does. Its `require` is this module's.
 */
function compileInline(source: string, filename: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const wrapper = new Function('exports', 'require', 'module', '__filename', '__dirname', source);
  wrapper(module.exports, require, module, filename, path.dirname(filename));
  return module.exports;
}

function assetFolder(fn: LambdaFunction, assetDirectory: string | undefined): string {
  if (fn.settings.code.kind !== 'asset') throw new Error('not an asset');
  if (!assetDirectory) {
    throw new Error(`${fn.logicalId}'s code is an asset, and the simulation does not know the cloud assembly folder: build it with Simulation.fromStack or fromAssembly, or pass assetDirectory`);
  }
  const { assetPath, s3Key } = fn.settings.code;
  const candidates = [assetPath, s3Key ? `asset.${s3Key.replace(/\.zip$/, '')}` : undefined].filter((c): c is string => c !== undefined);
  for (const c of candidates) {
    const dir = path.isAbsolute(c) ? c : path.join(assetDirectory, c);
    if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) return dir;
  }
  throw new Error(`${fn.logicalId}: its asset (${candidates.join(' or ')}) is not a folder in ${assetDirectory}`);
}

function resolveModule(base: string): string | undefined {
  for (const candidate of [`${base}.js`, `${base}.cjs`, path.join(base, 'index.js')]) if (fs.existsSync(candidate)) return candidate;
  return undefined;
}
