import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cachedByContent } from '../../lib/catalog/validators/result-cache';

/** The validators' result cache: computed once per content, always given back with the caller's paths. */
describe('cachedByContent', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-cache-test-'));
  const cacheDir = path.join(dir, 'cache');
  const template = (folder: string, body: string) => {
    fs.mkdirSync(path.join(dir, folder), { recursive: true });
    const file = path.join(dir, folder, 'Orders.template.json');
    fs.writeFileSync(file, body);
    return file;
  };
  const lint = (file: string, computed: string[]) => cachedByContent(cacheDir, 'lint', [file], ['v1'], () => {
    computed.push(file);
    return [{ file: path.basename(file), rule: 'E1' }];
  }, (found, byName) => found.map((f) => ({ ...f, file: byName.get(f.file) ?? f.file })));

  test('gives the caller\'s paths back when it computes, and when it reads what another assembly of the same content computed', () => {
    const computed: string[] = [];
    const first = template('a', '{"Resources":{}}');
    const second = template('b', '{"Resources":{}}');
    expect(lint(first, computed)).toEqual([{ file: first, rule: 'E1' }]);
    expect(lint(second, computed)).toEqual([{ file: second, rule: 'E1' }]);
    expect(computed).toEqual([first]);
  });

  test('computes again when the content changes', () => {
    const computed: string[] = [];
    const changed = template('c', '{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}');
    expect(lint(changed, computed)).toEqual([{ file: changed, rule: 'E1' }]);
    expect(computed).toEqual([changed]);
  });
});
