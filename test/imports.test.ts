import { execFileSync } from 'child_process';
import * as path from 'path';

// The import rules of .dependency-cruiser.cjs (no circles anywhere in lib/; the simulator's services in layers,
// talking upward only through world.calls), checked with dependency-cruiser in one run over lib/ and over
// fixtures that break each kind of rule, so the test also proves the rules fire.

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

const root = path.join(__dirname, '..');
const FIXTURES = 'test/fixtures/import-rules';

function cruise(): Violation[] {
  const cli = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  // Exit code 1 means "violations found": the report is on stdout either way.
  let out: string;
  try {
    out = execFileSync(process.execPath, [cli, 'lib', FIXTURES, '--output-type', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } catch (e) {
    out = (e as { stdout: string }).stdout;
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('imports', () => {
  const violations = cruise();

  test('no file in lib/ imports itself through others, and the simulator\'s services import only down their layers', () => {
    expect(violations.filter((v) => v.from.startsWith('lib/'))).toEqual([]);
  });

  test('the rules fire: a type-only circle, a service importing a higher one, the world importing a service', () => {
    const found = violations.filter((v) => v.from.startsWith(FIXTURES)).map((v) => `${v.rule.name}: ${v.from.slice(FIXTURES.length + 1)} -> ${v.to.slice(FIXTURES.length + 1)}`);
    expect(found.sort()).toEqual([
      expect.stringMatching(/^no-circular: circle\/[ab]\.ts -> circle\/[ab]\.ts$/),
      'services-sqs-imports-down-only: simulator/services/sqs/queue.ts -> simulator/services/sns/topic.ts',
      'simulator-core-knows-no-service: simulator/world/world.ts -> simulator/services/sqs/queue.ts',
    ]);
  });
});
