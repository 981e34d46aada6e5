import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as api from '../../lib';
import { exportedNames } from './exports';

/**
 * The constructs entry (lib/index.ts) is a deliberate list: every name is exported by name, each one is in
 * the README's "Public API" section, and the internals stay out.
 */

const root = path.join(__dirname, '..', '..');

/** The README's "## Public API" section, up to the next section. */
function publicApiSection(): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Public API\n');
  return start < 0 ? '' : readme.slice(start, readme.indexOf('\n## ', start + 1));
}

describe('the public API of decoupled-cdk', () => {
  const names = exportedNames();

  test('lib/index.ts names each export: no `export *` that would let internals in unseen', () => {
    expect(names.filter((n) => n.startsWith('*'))).toEqual([]);
  });

  test('the names read from lib/index.ts include every value the entry exports at run time', () => {
    expect(Object.keys(api).filter((k) => !names.includes(k))).toEqual([]);
    expect(Object.keys(api).length).toBeGreaterThan(10);
  });

  test('the README lists every export in its Public API section', () => {
    const section = publicApiSection();
    expect(section).not.toBe('');
    expect(names.filter((n) => !section.includes(`\`${n}\``) && !section.includes(`\`${n}(`))).toEqual([]);
  });

  test.each([
    'Simulation', 'SimulationRuntime', 'Random', 'resolve', 'identify', 'warn', 'ProblemCollector', 'createAlarm',
    'createAlarmTopic', 'createEncryptionKey', 'SQS_LIMITS', 'queueSettings', 'acknowledge', 'validateTopicFanOutProps',
  ])('does not export %s (internal, or the simulator entry’s)', (internal) => {
    expect(names).not.toContain(internal);
    expect(Object.keys(api)).not.toContain(internal);
  });

  test('the check of the syntax sees an `export *` (so the first test can fail)', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-api-')), 'index.ts');
    fs.writeFileSync(file, "export { TopicFanOut } from './a';\nexport * from './core';\nexport type { B } from './b';\n");
    expect(exportedNames(file)).toEqual(['*', 'B', 'TopicFanOut']);
  });
});
