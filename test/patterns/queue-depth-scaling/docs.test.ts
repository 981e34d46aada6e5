import * as fs from 'fs';
import * as path from 'path';
import { QUEUE_DEPTH_SCALING_PATTERN } from '../../../lib';

const root = path.join(__dirname, '..', '..', '..');
const doc = fs.readFileSync(path.join(root, 'docs', 'patterns', 'queue-depth-scaling.md'), 'utf8');

/**
 * The `// README: queue-depth-scaling…` regions of the example files, dedented as the docs show them (the scenario
 * tests' simulator regions are shown in docs/simulator-scaling.md, and checked by test/readme.test.ts).
 */
function snippets(): [string, string][] {
  const dir = path.join(root, 'examples', 'queue-depth-scaling');
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return files.flatMap((file) => [...fs.readFileSync(path.join(dir, file), 'utf8')
    .matchAll(/^([ \t]*)\/\/ README: (queue-depth-scaling\S*)\n([\s\S]*?)^[ \t]*\/\/ README: end/gm)]
    .map((m): [string, string] => [m[2], m[3].split('\n').map((line) => line.slice(m[1].length)).join('\n').trimEnd()]));
}

describe('docs/patterns/queue-depth-scaling.md', () => {
  test('has both snippets', () => {
    expect(snippets().map(([name]) => name).sort()).toEqual(['queue-depth-scaling', 'queue-depth-scaling-worker']);
  });

  test.each(snippets())('shows the %s snippet exactly as it stands in examples/ (so it compiles)', (_name, snippet) => {
    expect(doc).toContain(snippet);
  });

  test.each(QUEUE_DEPTH_SCALING_PATTERN.rules.map((r) => [r.code]))('lists the rule %s', (code) => {
    expect(doc).toContain(`\`${code}\``);
  });

  test.each(QUEUE_DEPTH_SCALING_PATTERN.defaults.map((d) => [d.prop]))('explains the default of %s', (prop) => {
    expect(doc).toContain(`| ${prop} |`);
  });
});
