import * as fs from 'fs';
import * as path from 'path';
import type { App, AppProps } from 'aws-cdk-lib';
import { buildCatalog } from '../../catalog/build';
import { progressOn } from '../../catalog/progress';
import { loadScenarios } from '../../catalog/scenario-loader';
import { Command, EXIT } from '../command';

/** Where the example stacks are: `examples/` beside `lib/` in the repository, and beside `dist/lib/` in the package. */
export const EXAMPLES_DIR = path.join(__dirname, '..', '..', '..', 'examples');

/** `decoupled catalog`: the pattern catalog, built from the example stacks. */
export const CATALOG_COMMAND: Command = {
  name: 'catalog',
  summary: 'build the pattern catalog (a static site) from the example stacks',
  usage: 'decoupled catalog [--out dir]',
  help: `Builds the pattern catalog: a page per pattern with the diagram of each example stack, the defaults and
why, the rules checked at synth, the validator results (cdk-nag's five packs, cfn-lint, AWS Control Tower's
controls) and the scenarios played on the simulator; an index, and a page to choose a pattern. The site opens
from disk (open <dir>/index.html). Needs the optional peers cdk-nag, @cdklabs/cdk-validator-cfnguard, elkjs,
vega and vega-lite; cfn-lint on the PATH, or its column says it did not run. Takes a minute or two.

Options:
  --out <dir>  where to write the site (default ./catalog): a new or empty folder, or one a catalog
               build wrote before, which is emptied first`,
  options: { out: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(args, io) {
    const out = path.resolve(io.cwd, String(args.values.out ?? 'catalog'));
    const catalogApp = ['.js', '.ts'].map((ext) => path.join(EXAMPLES_DIR, `catalog${ext}`)).find((f) => fs.existsSync(f));
    if (!catalogApp) {
      throw new Error(`The catalog is built from decoupled-cdk's example stacks, which are in its repository and not in the package (${EXAMPLES_DIR} does not exist): clone the repository, run npm ci, then npm run catalog.`);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildCatalogApp } = require(catalogApp) as { buildCatalogApp: (props: AppProps) => App };
    const progress = progressOn(io.stderr);
    await buildCatalog({ app: buildCatalogApp, outDir: out, scenarios: loadScenarios(EXAMPLES_DIR), progress });
    io.stderr.write(`open ${path.join(path.relative(io.cwd, out) || '.', 'index.html')}\n`);
    return EXIT.ok;
  },
};
