import * as fs from 'fs';
import * as path from 'path';
import { CatalogScenario, CatalogScenarioModule } from './scenario';

/** The file an example folder contributes its scenarios in (docs/catalog.md). */
export const SCENARIO_FILE = 'catalog-scenarios';

/**
 * Every scenario of the example folders under `examplesDir`: each `<folder>/catalog-scenarios.ts` (or `.js`, once
 * compiled) exporting `CATALOG_SCENARIOS`. A file that exports nothing by that name is an error, not a silence.
 */
export function loadScenarios(examplesDir: string): CatalogScenario<never>[] {
  const folders = fs.readdirSync(examplesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  return folders.flatMap((folder) => {
    const file = ['.js', '.ts'].map((ext) => path.join(examplesDir, folder, `${SCENARIO_FILE}${ext}`)).find((f) => fs.existsSync(f));
    if (!file) return [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(file) as Partial<CatalogScenarioModule>;
    if (!Array.isArray(module.CATALOG_SCENARIOS)) throw new Error(`${file} must export CATALOG_SCENARIOS, an array of CatalogScenario (docs/catalog.md)`);
    return module.CATALOG_SCENARIOS;
  });
}
