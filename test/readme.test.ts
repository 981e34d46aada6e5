import * as fs from 'fs';
import * as path from 'path';
import { filterPolicyUsage } from '../examples/filter-policy/usage';
import { filterPolicyMatches, validateFilterPolicy } from '../lib';

const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
// A pattern's own page under docs/ may show its snippets instead of the README.
const docs = fs.readdirSync(path.join(root, 'docs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'))
  .map((f) => fs.readFileSync(path.join(root, 'docs', f), 'utf8'));

/** Every `// README: name` … `// README: end` region of the example files, dedented. */
function snippets(): Map<string, string> {
  const found = new Map<string, string>();
  const files = fs.readdirSync(path.join(root, 'examples'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, 'examples', file), 'utf8');
    for (const m of text.matchAll(/^([ \t]*)\/\/ README: (?!end)(\S+)\n([\s\S]*?)^[ \t]*\/\/ README: end/gm)) {
      const indent = m[1].length;
      found.set(m[2], m[3].split('\n').map((line) => line.slice(indent)).join('\n').trimEnd());
    }
  }
  return found;
}

describe('README', () => {
  test('shows the two set-up commands', () => {
    expect(readme).toContain('npm ci && npx cdk synth');
    expect(readme).toContain('npm test');
  });

  test.each([...snippets()])('shows the %s snippet exactly as it stands in examples/ (so it compiles)', (_name, snippet) => {
    expect([readme, ...docs].some((page) => page.includes(snippet))).toBe(true);
  });

  test('the filter policy example does what its comments say', () => {
    const { policy, orders } = filterPolicyUsage();
    expect(validateFilterPolicy(policy)).toEqual([]);
    expect(validateFilterPolicy({ price: [{ numeric: ['>', 3, '<', 1] }] })).toHaveLength(1);
    expect(filterPolicyMatches(policy, { attributes: { event: { Type: 'String', Value: 'order_placed' } } })).toBe(false);
    expect(orders.matches({ body: '{"order": {"total": 120}}' })).toBe(true);
  });
});
