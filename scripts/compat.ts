/**
 * Runs the whole test suite against other versions of the peer dependencies, in a scratch copy of the
 * repository, so the declared peer ranges are ones the suite was run on (docs/compatibility.md).
 *
 *   npm run compat -- <aws-cdk-lib version> [<constructs version>] [--cdk-nag <version>] [--ref <git ref>] [--legacy-peer-deps] [--keep]
 *
 * The copy holds the working tree as git sees it (tracked and untracked files, minus what .gitignore
 * leaves out), so uncommitted changes are tested too; with `--ref`, the files of that commit instead
 * (to go on editing while a run goes on). Its package.json pins the given versions (as
 * devDependencies and as the peer ranges), `npm install` resolves them (and the @aws-cdk/* packages they
 * bring) afresh while every other package stays as locked, and `npm test` runs. Prints one line: the versions, PASS or FAIL, and why.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface Options {
  readonly cdkLib: string;
  readonly constructs?: string;
  readonly cdkNag?: string;
  readonly ref?: string;
  readonly legacyPeerDeps: boolean;
  readonly keep: boolean;
}

interface JestReport {
  numPassedTests: number;
  numFailedTests: number;
  numTotalTests: number;
  testResults: { name: string; status: string; message: string; assertionResults: { fullName: string; status: string }[] }[];
}

const root = path.join(__dirname, '..');

function parseArgs(argv: readonly string[]): Options {
  const positional: string[] = [];
  let cdkNag: string | undefined;
  let ref: string | undefined;
  let legacyPeerDeps = false;
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cdk-nag') cdkNag = argv[++i];
    else if (argv[i] === '--ref') ref = argv[++i];
    else if (argv[i] === '--legacy-peer-deps') legacyPeerDeps = true;
    else if (argv[i] === '--keep') keep = true;
    else positional.push(argv[i]);
  }
  if (positional.length < 1 || positional.length > 2 || (cdkNag !== undefined && !cdkNag) || (ref !== undefined && !ref)) {
    throw new Error('usage: npm run compat -- <aws-cdk-lib version> [<constructs version>] [--cdk-nag <version>] [--ref <git ref>] [--legacy-peer-deps] [--keep]');
  }
  return { cdkLib: positional[0], constructs: positional[1], cdkNag, ref, legacyPeerDeps, keep };
}

/** The working tree as git sees it, copied file by file (no node_modules, dist, cdk.out), or a commit's files. */
function copySources(to: string, ref?: string): void {
  if (ref) {
    const archive = execFileSync('git', ['archive', '--format=tar', ref], { cwd: root, maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', to], { input: archive });
    return;
  }
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && fs.existsSync(path.join(root, f)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(to, file));
  }
}

/** Pins each given package in package.json, as a devDependency and as the peer range. */
function pinVersions(dir: string, versions: Record<string, string | undefined>): void {
  const file = path.join(dir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const [name, version] of Object.entries(versions)) {
    if (!version) continue;
    pkg.devDependencies[name] = version;
    if (pkg.peerDependencies?.[name]) pkg.peerDependencies[name] = version;
  }
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
}

/**
 * Takes the packages under test, and the @aws-cdk/* packages they bring, out of package-lock.json, so npm
 * resolves them afresh for the pinned versions while everything else stays as locked. Updating them in
 * place leaves aws-cdk-lib's bundled dependencies without theirs (a different @aws-cdk/cloud-assembly-schema
 * major per release).
 */
function unlockPeers(dir: string): void {
  const file = path.join(dir, 'package-lock.json');
  const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const key of Object.keys(lock.packages)) {
    if (/^node_modules\/(aws-cdk-lib|constructs|cdk-nag|@aws-cdk\/[^/]+)(\/|$)/.test(key)) delete lock.packages[key];
  }
  fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
}

function installed(dir: string, name: string): string {
  return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** What npm says went wrong: its code, and for a conflict the dependency it could not resolve. */
function npmReason(output: string): string {
  const lines = output.split('\n').map((l) => l.replace(/^npm error /, '').trim());
  const code = lines.find((l) => l.startsWith('code '));
  const conflict = lines.indexOf('Could not resolve dependency:');
  const why = conflict >= 0 ? `could not resolve ${lines[conflict + 1]}` : lines.filter((l) => l && !l.startsWith('A complete log')).slice(0, 3).join(' | ');
  return [code, why].filter(Boolean).join(': ');
}

function failures(report: JestReport): string[] {
  const failed: string[] = [];
  for (const file of report.testResults) {
    const rel = path.relative(process.cwd(), file.name);
    const tests = file.assertionResults.filter((a) => a.status === 'failed');
    if (tests.length) failed.push(...tests.map((t) => `${path.basename(rel)}: ${t.fullName}`));
    else if (file.status === 'failed') failed.push(`${path.basename(rel)}: ${file.message.split('\n').find((l) => l.trim())?.trim() ?? 'failed to run'}`);
  }
  return failed;
}

function main(): number {
  const opts = parseArgs(process.argv.slice(2));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-compat-'));
  const label = `aws-cdk-lib ${opts.cdkLib}, constructs ${opts.constructs ?? '(locked)'}${opts.cdkNag ? `, cdk-nag ${opts.cdkNag}` : ''}${opts.ref ? ` at ${opts.ref}` : ''}`;
  const started = Date.now();
  try {
    copySources(scratch, opts.ref);
    pinVersions(scratch, { 'aws-cdk-lib': opts.cdkLib, constructs: opts.constructs, 'cdk-nag': opts.cdkNag });
    unlockPeers(scratch);
    const installArgs = ['install', '--no-audit', '--no-fund', ...(opts.legacyPeerDeps ? ['--legacy-peer-deps'] : [])];
    const install = spawnSync('npm', installArgs, { cwd: scratch, encoding: 'utf8' });
    if (install.status !== 0) {
      console.log(`${label}: FAIL (npm install: ${npmReason(install.stdout + install.stderr)})`);
      return 1;
    }
    const resolved = `aws-cdk-lib ${installed(scratch, 'aws-cdk-lib')}, constructs ${installed(scratch, 'constructs')}, cdk-nag ${installed(scratch, 'cdk-nag')}`;
    const reportFile = path.join(scratch, 'jest-report.json');
    const test = spawnSync('npm', ['test', '--', '--json', `--outputFile=${reportFile}`], {
      cwd: scratch,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    const log = path.join(os.tmpdir(), `decoupled-compat-${opts.cdkLib}-${opts.constructs ?? 'locked'}.log`);
    fs.writeFileSync(log, test.stdout + test.stderr);
    const seconds = Math.round((Date.now() - started) / 1000);
    if (!fs.existsSync(reportFile)) {
      const output = (test.stdout + test.stderr).replace(/\x1b\[[0-9;]*m/g, '').split('\n');
      const tsc = output.filter((l) => /error TS\d+/.test(l));
      const why = tsc.length ? `type check, ${tsc.length} errors: ${tsc.slice(0, 4).join(' | ')}` : output.filter((l) => l.trim()).slice(-3).join(' | ');
      console.log(`${resolved}: FAIL (${why}) [${seconds} s]\n  full output: ${log}`);
      return 1;
    }
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as JestReport;
    if (test.status === 0) {
      console.log(`${resolved}: PASS (${report.numPassedTests} tests) [${seconds} s]`);
      return 0;
    }
    const failed = failures(report);
    const why = report.numFailedTests > 0 || failed.length > 0
      ? `${report.numFailedTests} of ${report.numTotalTests} tests`
      : `every test passed, but npm test exited with ${test.status}: something set the exit code (a synth that printed "Validation failed"?)`;
    console.log(`${resolved}: FAIL (${why}) [${seconds} s]\n  full output: ${log}`);
    for (const f of failed.slice(0, 12)) console.log(`  ✖ ${f}`);
    if (failed.length > 12) console.log(`  … and ${failed.length - 12} more`);
    return 1;
  } finally {
    if (opts.keep) console.log(`  scratch copy kept in ${scratch}`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = main();
