import * as fs from 'fs';
import * as path from 'path';
import { MissingOptionalPeerError, PEER_RANGES, loadOptionalPeer } from '../../lib/core/optional-peer';

const packageJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };

describe('optional peer dependencies', () => {
  test('the install command names the range package.json declares for each renderer', () => {
    for (const [name, range] of Object.entries(PEER_RANGES)) expect([name, range]).toEqual([name, packageJson.peerDependencies[name]]);
  });

  test('fails with MissingOptionalPeerError, naming the package, what needed it and the install command, when it is not installed', () => {
    const load = () => loadOptionalPeer('vega-lite-never-published', 'vega-lite', 'draw a test plot');
    expect(load).toThrow(MissingOptionalPeerError);
    expect(load).toThrow('To draw a test plot, decoupled-cdk needs vega-lite, an optional peer dependency: run `npm install --save-dev vega-lite@^5.23.0`.');
  });

  test('a package that is installed but fails to load rethrows its own error', () => {
    const dir = fs.mkdtempSync(path.join(__dirname, 'broken-peer-'));
    fs.writeFileSync(path.join(dir, 'index.js'), "throw new Error('broken on load');");
    try {
      expect(() => loadOptionalPeer(dir, 'vega', 'draw a test plot')).toThrow('broken on load');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
