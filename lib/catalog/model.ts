import { Stack } from 'aws-cdk-lib';
import { PatternDescription } from '../core/pattern-description';
import { StackValidation } from './validators/matrix';

/** A scenario as played when the catalog was built. */
export interface PlayedScenario {
  readonly name: string;
  readonly shows: string;
  readonly outcomes: readonly string[];
  readonly tables: readonly { readonly title: string; readonly columns: readonly string[]; readonly rows: readonly (readonly (string | number)[])[] }[];
  readonly plots: readonly { readonly title: string; readonly svg: string }[];
  /** Virtual time is free, real time is not: how long it took to play and render, in ms. */
  readonly elapsedMs: number;
}

/** One stack of the catalog app, with everything the catalog shows about it. */
export interface CatalogExample {
  readonly stackName: string;
  readonly stack: Stack;
  readonly templatePath: string;
  /** The patterns found in its construct tree, outermost first. */
  readonly patterns: readonly PatternDescription[];
  /** Construct paths (below the stack) of the pattern instances, by pattern name. */
  readonly instances: Readonly<Record<string, readonly string[]>>;
  readonly diagramSvg: string;
  readonly validation: StackValidation;
  readonly scenarios: readonly PlayedScenario[];
}

/** The catalog: every registered pattern with the example stacks it appears in. */
export interface CatalogModel {
  readonly patterns: readonly { readonly description: PatternDescription; readonly page: string; readonly examples: readonly CatalogExample[] }[];
  readonly examples: readonly CatalogExample[];
}

/** The file name of a pattern's page: `TopicFanOut` -> `topic-fan-out.html`. */
export function patternPage(name: string): string {
  return `${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.html`;
}
