import type { Stack } from 'aws-cdk-lib';

/**
 * A scenario the catalog plays on the simulator when it is built, to show how an example stack behaves.
 *
 * The convention: an example folder holds `catalog-scenarios.ts` exporting `CATALOG_SCENARIOS`, an array of
 * these. The catalog loads every such file next to the catalog app, and plays each scenario on every example
 * stack that is an instance of `stack`: no catalog code names a scenario (docs/catalog.md).
 */
export interface CatalogScenario<S extends Stack = Stack> {
  /** The example stack class it plays (the catalog app's stacks are matched with instanceof). */
  readonly stack: abstract new (...args: never[]) => S;
  /** A short title: `A poison message`. */
  readonly name: string;
  /** What it shows an architect, in a sentence or two. */
  readonly shows: string;
  /** Plays the scenario (on `Simulation.fromStack(stack)`, usually) and returns what to show. */
  run(stack: S): ScenarioResult | Promise<ScenarioResult>;
}

/** What a scenario shows: a few findings in words, tables and plots. */
export interface ScenarioResult {
  /** Outcomes in a sentence each: `10,000 payments drained in 44.6 s of virtual time`. */
  readonly outcomes?: readonly string[];
  readonly tables?: readonly ScenarioTable[];
  readonly plots?: readonly ScenarioPlot[];
}

export interface ScenarioTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

/**
 * A plot: a Vega-Lite spec with its data inline, rendered to SVG when the catalog is built, or an SVG the
 * scenario rendered itself (a simulator service's own plot, such as the scaling pattern's `plotRun(result)`).
 */
export type ScenarioPlot =
  | { readonly title: string; readonly vegaLite: Record<string, unknown> }
  | { readonly title: string; readonly svg: string };

/** What a `catalog-scenarios.ts` module exports. */
export interface CatalogScenarioModule {
  readonly CATALOG_SCENARIOS: readonly CatalogScenario<never>[];
}
