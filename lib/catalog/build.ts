import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps, Stack, cx_api as cxapi } from 'aws-cdk-lib';
import { PATTERNS } from '../patterns/descriptions';
import { drawTemplate } from './diagram/draw';
import { choosePageBody, indexPageBody } from './html/overview-pages';
import { NavLink, page } from './html/page';
import { patternPageBody } from './html/pattern-page';
import { CatalogExample, CatalogModel, PlayedScenario, patternPage } from './model';
import { renderVegaLite } from '../core/vega-svg';
import { Progress, SILENT } from './progress';
import { CatalogScenario } from './scenario';
import { validatorMatrix } from './validators/matrix';

export interface BuildCatalogOptions {
  /** Makes the catalog app (its stacks constructed) with the props given: its outdir and context are the catalog's. */
  readonly app: (props: AppProps) => App;
  /** Where the site is written; emptied first. */
  readonly outDir: string;
  /** The scenarios to play (`loadScenarios(examplesDir)`), on every stack of their class. @default - none */
  readonly scenarios?: readonly CatalogScenario<never>[];
  /** Where the app is synthesized. @default - a new temporary folder */
  readonly assemblyDir?: string;
  /** Keep cfn-lint's and Control Tower's results here by the templates' content (tests share them). @default - not kept */
  readonly validatorCacheDir?: string;
  readonly progress?: Progress;
}

/**
 * Builds the catalog site from the catalog app: synthesizes it once, finds the registered patterns in each stack's
 * construct tree, draws each template, runs the validators and plays the scenarios, then writes one page per
 * pattern, the index and the page that compares them. Returns what it showed, for tests and the command line.
 */
export async function buildCatalog(options: BuildCatalogOptions): Promise<CatalogModel> {
  const progress = options.progress ?? SILENT;
  checkOutDir(options.outDir);
  const outdir = options.assemblyDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-catalog-app-'));
  progress('synthesizing the catalog app');
  // Path metadata names each resource by its construct path in the templates, as `cdk synth` does.
  const app = options.app({ outdir, context: { [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true } });
  const assembly = app.synth();
  const stacks = app.node.findAll().filter(Stack.isStack).filter((s) => !s.nested);
  const templatePath = (s: Stack) => assembly.getStackArtifact(s.artifactId).templateFullPath;
  const validation = validatorMatrix(stacks.map((stack) => ({ stack, templatePath: templatePath(stack) })), { cacheDir: options.validatorCacheDir, progress });

  const examples: CatalogExample[] = [];
  for (const [i, stack] of stacks.entries()) {
    progress(`${stack.stackName}: diagram and scenarios`);
    const found = patternsIn(stack);
    examples.push({
      stackName: stack.stackName,
      stack,
      templatePath: templatePath(stack),
      patterns: [...new Set(found.map((f) => f.description))],
      instances: groupPaths(found),
      diagramSvg: await drawTemplate(JSON.parse(fs.readFileSync(templatePath(stack), 'utf8')), `${stack.stackName}: resources and connections`, { stackPath: stack.node.path }),
      validation: validation[i],
      scenarios: await playScenarios(stack, options.scenarios ?? [], progress),
    });
  }
  const model: CatalogModel = {
    examples,
    patterns: PATTERNS.map((p) => ({ description: p.description, page: patternPage(p.description.name), examples: examples.filter((e) => e.patterns.includes(p.description)) })),
  };
  writeSite(model, options.outDir);
  progress(`wrote ${model.patterns.length + 2} pages to ${options.outDir}`);
  return model;
}

/** The registered patterns in a stack's construct tree, with their construct paths below the stack. */
function patternsIn(stack: Stack) {
  const prefix = `${stack.node.path}/`;
  return stack.node.findAll().flatMap((c) => {
    const registered = PATTERNS.find((p) => c instanceof p.construct);
    return registered && Stack.of(c) === stack ? [{ description: registered.description, path: c.node.path.slice(prefix.length) }] : [];
  });
}

function groupPaths(found: readonly { description: { name: string }; path: string }[]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const f of found) (grouped[f.description.name] ??= []).push(f.path);
  return grouped;
}

async function playScenarios(stack: Stack, scenarios: readonly CatalogScenario<never>[], progress: Progress): Promise<PlayedScenario[]> {
  const played: PlayedScenario[] = [];
  for (const s of scenarios.filter((x) => stack instanceof x.stack)) {
    const start = Date.now();
    progress(`  scenario: ${s.name}`);
    let result;
    try {
      result = await (s as unknown as CatalogScenario).run(stack);
    } catch (e) {
      throw new Error(`The catalog scenario "${s.name}" failed on ${stack.stackName}: ${(e as Error).message}`, { cause: e });
    }
    const plots = [];
    for (const p of result.plots ?? []) plots.push({ title: p.title, svg: 'svg' in p ? p.svg : await renderVegaLite(p.vegaLite, 'draw the catalog\'s plots') });
    played.push({ name: s.name, shows: s.shows, outcomes: result.outcomes ?? [], tables: result.tables ?? [], plots, elapsedMs: Date.now() - start });
  }
  return played;
}

/** The file that marks a folder as a catalog this build wrote, which a later build may empty. */
export const CATALOG_MARKER = '.decoupled-catalog';

/**
 * The site's folder is emptied before it is written: only a new or empty folder, or one a build wrote (it has the
 * marker), so `--out .` cannot empty a project.
 */
function checkOutDir(outDir: string): void {
  if (!fs.existsSync(outDir)) return;
  if (!fs.statSync(outDir).isDirectory()) throw new Error(`${outDir} is a file: give the catalog a new or empty folder.`);
  const entries = fs.readdirSync(outDir);
  if (entries.length > 0 && !entries.includes(CATALOG_MARKER)) {
    throw new Error(`${outDir} is not empty and holds no catalog built before (no ${CATALOG_MARKER} there), so it is not emptied: give the catalog a new or empty folder.`);
  }
}

function writeSite(model: CatalogModel, outDir: string): void {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, CATALOG_MARKER), 'Written by decoupled catalog; emptied by the next build.\n');
  const nav: NavLink[] = [
    { href: 'index.html', text: 'Index' },
    { href: 'choose.html', text: 'Choose a pattern' },
    ...model.patterns.map((p) => ({ href: p.page, text: p.description.name })),
  ];
  const write = (file: string, title: string, body: string) => fs.writeFileSync(path.join(outDir, file), page({ title, nav, current: file, body }));
  write('index.html', 'Patterns', indexPageBody(model));
  write('choose.html', 'Choose a pattern', choosePageBody(model));
  for (const p of model.patterns) write(p.page, p.description.name, patternPageBody(p.description, p.examples));
}
