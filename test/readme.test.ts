import * as fs from 'fs';
import * as path from 'path';
import { filterPolicyUsage } from '../examples/filter-policy/usage';
import { filterPolicyMatches, validateFilterPolicy } from '../lib';
import { exportedNames } from './package/exports';

const root = path.join(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const readme = read('README.md');
const docs = fs.readdirSync(path.join(root, 'docs'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.md'))
  .map((f) => path.join('docs', f))
  .sort();

/**
 * Documents whose ```ts blocks are not all copied from examples/ yet: the simulator's own pages, which show
 * the API in fragments, and its architecture page, which shows the internal contract a service implements
 * (for contributors, compiled as lib/simulator/world/). Every other document's TypeScript is an example
 * region, so it compiles.
 */
const HAND_WRITTEN_SNIPPETS = new Set(['simulator.md', 'simulator-lambda.md', 'simulator-architecture.md'].map((f) => path.join('docs', f)));

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

const IMPORT = /^import (?:type )?\{([^}]*)\} from '([^']+)';$/;
const ENTRIES: Record<string, string> = {
  'decoupled-cdk': path.join(root, 'lib', 'index.ts'),
  'decoupled-cdk/simulator': path.join(root, 'lib', 'simulator', 'index.ts'),
  'decoupled-cdk/replay': path.join(root, 'lib', 'replay', 'index.ts'),
};

/**
 * What is wrong with each ```ts block of a markdown text: a block must be an example region, after import
 * lines that take from the package's two entries only names the entry exports (or from aws-cdk-lib,
 * constructs and node's own modules).
 */
function snippetProblems(markdown: string, regions: readonly string[], entryNames: (entry: string) => readonly string[]): string[] {
  const problems: string[] = [];
  for (const [, block] of markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
    const lines = block.trimEnd().split('\n');
    let body = 0;
    while (body < lines.length && (IMPORT.test(lines[body]) || lines[body] === '')) {
      const m = IMPORT.exec(lines[body]);
      if (m && m[2] in ENTRIES) {
        const missing = m[1].split(',').map((n) => n.trim()).filter((n) => n && !entryNames(m[2]).includes(n));
        if (missing.length) problems.push(`${m[2]} does not export ${missing.join(', ')}`);
      } else if (m && !/^(aws-cdk-lib|constructs|path|fs)(\/|$)/.test(m[2])) {
        problems.push(`imports from ${m[2]}`);
      }
      body++;
    }
    const code = lines.slice(body).join('\n');
    if (!regions.includes(code)) problems.push(`not an example region:\n${code.split('\n').slice(0, 3).join('\n')}`);
  }
  return problems;
}

/** The names an entry exports, read from its index (an `export *` stands for what it re-exports at run time). */
function entryNames(entry: string): readonly string[] {
  const names = exportedNames(ENTRIES[entry]);
  if (!names.some((n) => n.startsWith('*'))) return names;
  return [...names, ...Object.keys(require(ENTRIES[entry]) as object)];
}

describe('README', () => {
  test('shows exactly the two set-up commands', () => {
    const setUp = /\n### Set up\n\n```sh\n([\s\S]*?)```/.exec(readme);
    expect(setUp?.[1]).toBe('npm ci && npx cdk synth\nnpm test\n');
  });

  test('is for users first: Install and Quick start come before the patterns, the contributor part last', () => {
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings.slice(0, 3)).toEqual(['Install', 'Quick start', 'Patterns']);
    expect(headings.indexOf('Contributing')).toBeGreaterThan(headings.indexOf('Public API'));
  });

  test('links only to documents that exist', () => {
    const links = [...readme.matchAll(/\]\(((?:docs\/|CHANGELOG|LICENSE)[^)#]*)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter((l) => !fs.existsSync(path.join(root, l)))).toEqual([]);
  });

  test.each([...snippets()])('shows the %s snippet exactly as it stands in examples/ (so it compiles), in README.md or docs/', (_name, snippet) => {
    expect([readme, ...docs.map(read)].some((text) => text.includes(snippet))).toBe(true);
  });

  test.each(['README.md', ...docs.filter((d) => !HAND_WRITTEN_SNIPPETS.has(d))])('%s shows no TypeScript that is not an example region', (file) => {
    expect(snippetProblems(read(file), [...snippets().values()], entryNames)).toEqual([]);
  });

  test('the snippet check fires on hand-written code and on an import of a name the entry does not export', () => {
    const markdown = "```ts\nimport { Simulation, TopicFanOut } from 'decoupled-cdk';\n\nconst x = 1;\n```\n";
    expect(snippetProblems(markdown, ['const y = 2;'], entryNames)).toEqual([
      'decoupled-cdk does not export Simulation',
      'not an example region:\nconst x = 1;',
    ]);
  });

  test('the filter policy example does what its comments say', () => {
    const { policy, orders } = filterPolicyUsage();
    expect(validateFilterPolicy(policy)).toEqual([]);
    expect(validateFilterPolicy({ price: [{ numeric: ['>', 3, '<', 1] }] })).toHaveLength(1);
    expect(filterPolicyMatches(policy, { attributes: { event: { Type: 'String', Value: 'order_placed' } } })).toBe(false);
    expect(orders.matches({ body: '{"order": {"total": 120}}' })).toBe(true);
  });
});
