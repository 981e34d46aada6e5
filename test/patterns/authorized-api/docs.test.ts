import * as fs from 'fs';
import * as path from 'path';
import { AUTHORIZED_API_PATTERN, AUTHORIZED_API_RULES } from '../../../lib';

const doc = fs.readFileSync(path.join(__dirname, '../../../docs/patterns/authorized-api.md'), 'utf8');

describe('docs/patterns/authorized-api.md', () => {
  test('lists every rule by its code', () => {
    const missing = Object.values(AUTHORIZED_API_RULES).map((c) => c.replace('decoupled:authorized-api/', '')).filter((c) => !doc.includes(`\`${c}\``));
    expect(missing).toEqual([]);
  });

  test('shows every price of the pattern description', () => {
    const figures = AUTHORIZED_API_PATTERN.costs.flatMap((c) => c.price.match(/\$[\d.]+/g) ?? []);
    expect(figures.length).toBeGreaterThan(4);
    expect(figures.filter((f) => !doc.includes(f))).toEqual([]);
  });
});
