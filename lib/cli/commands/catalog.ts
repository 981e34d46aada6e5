import * as fs from 'fs';
import * as path from 'path';
import type { App, AppProps } from 'aws-cdk-lib';
import { buildCatalog } from '../../catalog/build';
import { progressOn } from '../../catalog/progress';
import { loadScenarios } from '../../catalog/scenario-loader';
import { Command, EXIT, UsageError } from '../command';

/** Where the example stacks are: `examples/` beside `lib/` in the repository, and beside `dist/lib/` in the package. */
export const EXAMPLES_DIR = path.join(__dirname, '..', '..', '..', 'examples');

/** What a catalog app module exports: the function that makes the app, its stacks constructed. */
type CatalogAppFactory = (props: AppProps) => App;

/** `decoupled catalog`: the pattern catalog, built from the library's example stacks or from an app of the user's. */
export const CATALOG_COMMAND: Command = {
  name: 'catalog',
  summary: 'build the pattern catalog (a static site) from the example stacks, or from your own app',
  usage: 'decoupled catalog [--out dir] [--app module] [--scenarios dir]',
  help: `Builds the pattern catalog: a page per pattern with the diagram of each stack that uses it, the defaults
and why, the rules checked at synth, the validator results (cdk-nag's five packs, cfn-lint, AWS Control Tower's
controls) and the scenarios played on the simulator; an index, and a page to choose a pattern. The site opens
from disk (open <dir>/index.html). Needs the optional peers cdk-nag, @cdklabs/cdk-validator-cfnguard, elkjs,
vega and vega-lite; cfn-lint on the PATH, or its column says it did not run. Takes a minute or more.

Options:
  --out <dir>        where to write the site (default ./catalog): a new or empty folder, or one a catalog
                     build wrote before, which is emptied first
  --app <module>     your catalog app instead of the library's examples: a .js module (or .ts, when run
                     through ts-node) exporting buildCatalogApp(props), which returns a new App(props) with
                     your stacks constructed in it
  --scenarios <dir>  with --app: the folder whose <folder>/catalog-scenarios.js (or .ts) files export
                     CATALOG_SCENARIOS to play on your stacks (default: none)

Example: npx decoupled catalog --app dist/catalog-app.js --out site`,
  options: { out: { type: 'string' }, app: { type: 'string' }, scenarios: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(args, io) {
    const out = path.resolve(io.cwd, String(args.values.out ?? 'catalog'));
    const own = typeof args.values.app === 'string';
    if (!own && args.values.scenarios !== undefined) throw new UsageError('--scenarios goes with --app: the library\'s examples bring their own scenarios.');
    const appModule = own ? path.resolve(io.cwd, String(args.values.app)) : examplesApp();
    const scenariosDir = own ? (typeof args.values.scenarios === 'string' ? path.resolve(io.cwd, args.values.scenarios) : undefined) : EXAMPLES_DIR;
    if (scenariosDir && !fs.existsSync(scenariosDir)) throw new UsageError(`No folder ${scenariosDir} for --scenarios.`);
    const progress = progressOn(io.stderr);
    await buildCatalog({ app: loadCatalogApp(appModule), outDir: out, scenarios: scenariosDir ? loadScenarios(scenariosDir) : [], progress });
    io.stderr.write(`open ${path.join(path.relative(io.cwd, out) || '.', 'index.html')}\n`);
    return EXIT.ok;
  },
};

/** The library's catalog app: examples/catalog.ts in the repository (run through ts-node). */
function examplesApp(): string {
  const file = ['.js', '.ts'].map((ext) => path.join(EXAMPLES_DIR, `catalog${ext}`)).find((f) => fs.existsSync(f));
  if (!file) {
    throw new UsageError(`The library's catalog is built from its example stacks, which are in its repository and not in the package (${EXAMPLES_DIR} does not exist): `
      + 'clone the repository and run npm ci, then npm run catalog; or build a catalog of your own stacks with --app.');
  }
  return file;
}

function loadCatalogApp(file: string): CatalogAppFactory {
  if (!fs.existsSync(file)) throw new UsageError(`No module ${file} for --app: give the .js file that exports buildCatalogApp(props).`);
  let module: { buildCatalogApp?: unknown; default?: unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    module = require(file) as typeof module;
  } catch (e) {
    // Node without ts-node reads a .ts file as JavaScript (a SyntaxError), or refuses its extension.
    const code = (e as NodeJS.ErrnoException).code;
    if (file.endsWith('.ts') && (e instanceof SyntaxError || code === 'ERR_UNKNOWN_FILE_EXTENSION')) {
      throw new UsageError(`${file} is TypeScript and Node cannot load it as it is: give the compiled .js, or run decoupled through ts-node `
        + `(npx ts-node --transpile-only node_modules/decoupled-cdk/dist/bin/decoupled.js catalog --app ${path.basename(file)}).`);
    }
    throw e;
  }
  const factory = module.buildCatalogApp ?? module.default;
  if (typeof factory !== 'function') {
    throw new UsageError(`${file} exports no buildCatalogApp function: export buildCatalogApp(props: AppProps): App, which makes new App(props) and constructs your stacks in it.`);
  }
  return factory as CatalogAppFactory;
}
