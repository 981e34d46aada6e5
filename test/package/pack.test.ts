import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { typeCheck } from './type-check';
import { synthScratchApp } from '../cli/scratch-app';

/**
 * The package as a user gets it: `npm pack` (which builds, through prepack), installed offline into an app
 * outside the repository, type-checked in strict mode with the resolution `cdk init` writes (NodeNext), its
 * imports also resolved as TypeScript's older node10 resolution (which ignores `exports`) resolves them,
 * then run: a synth with the constructs entry alone, a simulation with the simulator entry. The app
 * (test/package/app) imports only `decoupled-cdk` and `decoupled-cdk/simulator`.
 *
 * Reuse keeps it fast: the tarball is rebuilt only when what goes into it changed (the hash of lib/, the
 * build settings and the versions it builds against), the app's node_modules is kept per dependency
 * versions, so a second run only re-installs the tarball. Both live in os.tmpdir()/decoupled-cdk-package-test. The app runs with this process's environment: cdk.json's context
 * (the flags `cdk init` writes, test/setup-env.js) and the CDK's CloudFormation validator off.
 */

const root = path.join(__dirname, '..', '..');
const cache = path.join(os.tmpdir(), 'decoupled-cdk-package-test');

function installedVersion(name: string): string {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

const versions = {
  'aws-cdk-lib': installedVersion('aws-cdk-lib'),
  constructs: installedVersion('constructs'),
  '@types/node': installedVersion('@types/node'),
  typescript: installedVersion('typescript'),
};

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile()).sort();
}

/** The hash of everything the tarball is made from. */
function contentKey(): string {
  const hash = createHash('sha256').update(JSON.stringify(versions));
  const inputs = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'CHANGELOG.md', 'LICENSE'].map((f) => path.join(root, f));
  for (const file of [...inputs, ...filesUnder(path.join(root, 'lib'))]) {
    hash.update(path.relative(root, file)).update(fs.existsSync(file) ? fs.readFileSync(file) : '');
  }
  return hash.digest('hex').slice(0, 16);
}

interface PackResult { filename: string; files: { path: string }[] }

/** `npm pack`, or the tarball an earlier run packed from the same content. */
function packedTarball(key: string): { tarball: string; files: string[] } {
  const tarball = path.join(cache, `decoupled-cdk-${key}.tgz`);
  const listing = `${tarball}.files.json`;
  if (!fs.existsSync(tarball) || !fs.existsSync(listing)) {
    const staging = fs.mkdtempSync(path.join(cache, 'pack-'));
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', staging], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as PackResult[];
    fs.writeFileSync(listing, JSON.stringify(packed.files.map((f) => f.path)));
    fs.renameSync(path.join(staging, packed.filename), tarball);
    fs.rmSync(staging, { recursive: true, force: true });
    for (const old of fs.readdirSync(cache).filter((f) => f.startsWith('decoupled-cdk-') && !f.startsWith(`decoupled-cdk-${key}`))) {
      fs.rmSync(path.join(cache, old), { force: true });
    }
  }
  return { tarball, files: JSON.parse(fs.readFileSync(listing, 'utf8')) as string[] };
}

/** The scratch app with the tarball installed, offline: only the tarball and the npm cache. */
function installedApp(tarball: string): string {
  const app = path.join(cache, `app-${createHash('sha256').update(JSON.stringify(versions)).digest('hex').slice(0, 12)}`);
  fs.mkdirSync(app, { recursive: true });
  fs.cpSync(path.join(__dirname, 'app'), app, { recursive: true });
  const manifest = JSON.stringify({
    name: 'orders-app',
    private: true,
    dependencies: { 'aws-cdk-lib': versions['aws-cdk-lib'], constructs: versions.constructs, 'decoupled-cdk': `file:${tarball}` },
    devDependencies: { '@types/node': versions['@types/node'] },
  }, null, 2);
  const manifestFile = path.join(app, 'package.json');
  const current = fs.existsSync(manifestFile) ? fs.readFileSync(manifestFile, 'utf8') : '';
  if (current !== manifest || !fs.existsSync(path.join(app, 'node_modules', 'decoupled-cdk', 'package.json'))) {
    fs.writeFileSync(manifestFile, manifest);
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  return app;
}

function run(cwd: string, command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/**
 * The declarations of the constructs entry, which an app with `skipLibCheck: false` checks: they may name only
 * aws-cdk-lib and constructs, never an optional peer (cdk-nag, the Control Tower validator) the app may not have.
 * The simulator entry's are left to `skipLibCheck`.
 */
function constructsEntryDeclaration(file: string): boolean {
  const dist = path.join(path.sep, 'node_modules', 'decoupled-cdk', 'dist', 'lib', path.sep);
  const normal = path.normalize(file);
  return normal.includes(dist) && !normal.includes(path.join(dist, 'simulator', path.sep));
}

let files: string[];
let app: string;

beforeAll(() => {
  fs.mkdirSync(cache, { recursive: true });
  const packed = packedTarball(contentKey());
  files = packed.files;
  app = installedApp(packed.tarball);
}, 300_000);

describe('the package, packed and installed into an app outside the repository', () => {
  test('ships the built entries with their types, the license and the changelog, and no sources or tests', () => {
    for (const f of ['dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/lib/simulator/index.js', 'dist/lib/simulator/index.d.ts', 'dist/lib/replay/index.js', 'dist/lib/replay/index.d.ts', 'LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => !/^dist\/lib\/.+\.(js|d\.ts)$/.test(f))).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/bin/decoupled.js', 'package.json']);
  });

  test('the app type-checks in strict mode against both entries, and no internal is reachable (NodeNext, as cdk init writes); '
    + 'the constructs entry\'s declarations also with skipLibCheck false, in an app without cdk-nag', () => {
    // src/encapsulation.ts expects an error for each internal: the check fails if one became importable.
    expect(typeCheck(path.join(app, 'tsconfig.json'), constructsEntryDeclaration)).toEqual([]);
  }, 120_000);

  test('the declarations check sees a declaration that names cdk-nag, which this app does not install (so the test above can fail)', () => {
    // GIVEN a declaration file in the app that names a cdk-nag type, as lib/core/nag.ts once did
    const probe = fs.mkdtempSync(path.join(app, 'probe-'));
    fs.writeFileSync(path.join(probe, 'needs-cdk-nag.d.ts'), "import type { NagPackProps } from 'cdk-nag';\nexport declare function nagPacks(props?: NagPackProps): void;\n");
    fs.writeFileSync(path.join(probe, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, types: [], noEmit: true }, files: ['needs-cdk-nag.d.ts'] }));
    try {
      // WHEN it is checked as the constructs entry is THEN cdk-nag is missing
      const found = typeCheck(path.join(probe, 'tsconfig.json'), (f) => f.endsWith('needs-cdk-nag.d.ts'), false);
      expect(found).toEqual([expect.stringMatching(/^needs-cdk-nag\.d\.ts\(1\): Cannot find module 'cdk-nag'/)]);
    } finally {
      fs.rmSync(probe, { recursive: true, force: true });
    }
  }, 60_000);

  test.each([
    ['NodeNext', ts.ModuleResolutionKind.NodeNext, ts.ModuleKind.NodeNext],
    ['node10', ts.ModuleResolutionKind.Node10, ts.ModuleKind.CommonJS],
  ])('every entry resolves to its types with %s resolution', (_name, moduleResolution, module) => {
    const from = path.join(app, 'src', 'simulate.ts');
    const resolved = (name: string) => ts.resolveModuleName(name, from, { moduleResolution, module }, ts.sys).resolvedModule?.resolvedFileName;
    expect(resolved('decoupled-cdk')).toBe(path.join(app, 'node_modules', 'decoupled-cdk', 'dist', 'lib', 'index.d.ts'));
    expect(resolved('decoupled-cdk/simulator')).toBe(path.join(app, 'node_modules', 'decoupled-cdk', 'dist', 'lib', 'simulator', 'index.d.ts'));
    expect(resolved('decoupled-cdk/replay')).toBe(path.join(app, 'node_modules', 'decoupled-cdk', 'dist', 'lib', 'replay', 'index.d.ts'));
  });

  test('the constructs entry synthesizes, loading neither the simulator, aws-cdk-lib/assertions nor cdk-nag', () => {
    const out = JSON.parse(run(app, process.execPath, ['dist/deploy.js']));
    // The orders topic, and each pattern's own alarm topic (the two are not composed here).
    expect(out.types).toMatchObject({ 'AWS::SNS::Topic': 3, 'AWS::SQS::Queue': 8, 'AWS::Lambda::Function': 1, 'AWS::Lambda::EventSourceMapping': 1 });
    expect(out.validation).toEqual({ isValidationError: true, codes: ['decoupled:fan-out-no-subscribers'] });
    expect(out.ruleCode).toBe('decoupled:queue-consumer/visibility-timeout');
    expect(out.loaded).toEqual({ simulator: 0, assertions: 0, cdkNag: 0 });
    // cdk-nag is an optional peer dependency, not installed here: the nag helpers name the install command.
    expect(out.nag).toMatch(/npm install --save-dev cdk-nag@\^3/);
  }, 60_000);

  test('the simulator entry plays a delivery through the fan-out and dead-letters the message the consumer rejects', () => {
    const out = JSON.parse(run(app, process.execPath, ['dist/simulate.js']));
    expect(out).toEqual({ billing: 1, audit: 2, consumerQueue: 0, deadLettered: [true], findings: 0 });
  }, 60_000);

  test('npx decoupled runs the installed bin: check exits 1 on an app with an error; diagram names the optional peer it lacks', () => {
    const assembly = synthScratchApp();
    const decoupled = (args: string[]) => spawnSync(path.join(app, 'node_modules', '.bin', 'decoupled'), args, { cwd: app, encoding: 'utf8' });
    const check = decoupled(['check', assembly]);
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 1, stderr: '' });
    expect(check.stdout).toContain('1 error, 2 warnings in 2 of 3 stacks.');
    // elkjs is an optional peer this app did not install.
    const diagram = decoupled(['diagram', 'Orders', '--app', assembly]);
    expect(diagram.status).toBe(1);
    expect(diagram.stderr).toContain('npm install --save-dev elkjs@^0.12.1');
  }, 60_000);
});
