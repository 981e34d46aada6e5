import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { ValidationError, ValidationProblem, nagFindings } from '../../lib/core';
import { GeneratedProps, describeProps } from './arbitraries';
import { cfnLint } from './cfn-lint';

/**
 * The checking half of a property test of a pattern's props: "either a ValidationError whose problems name the
 * offending prop, or a template with zero cfn-lint errors and zero nag errors".
 *
 * The first half is decided inside the property (so fast-check shrinks a failing case); cfn-lint is slow per
 * process, so each synthesized template is kept in a {@link LintBatch} and linted with all the others in one call.
 */

/** What building a case produced. */
export type Outcome =
  | { readonly kind: 'refused'; readonly problems: readonly ValidationProblem[] }
  | { readonly kind: 'synthesized'; readonly stack: Stack; readonly template: Record<string, unknown> };

/**
 * Builds a case in a new stack (without `env`, the CDK default) and synthesizes it. A `ValidationError` of the
 * library is a refusal; anything else thrown (aws-cdk-lib's own errors among them) fails the property.
 */
export function attempt(build: (stack: Stack) => void): Outcome {
  const stack = new Stack(new App(), 'Case');
  try {
    build(stack);
    // Rules that need the whole app run at synth (node.addValidation): their refusal is a refusal too.
    return { kind: 'synthesized', stack, template: Template.fromStack(stack).toJSON() };
  } catch (error) {
    if (error instanceof ValidationError) return { kind: 'refused', problems: error.problems };
    throw error;
  }
}

/** `prop [code]` of every problem the stack `make` builds is refused with; [] when it is accepted (and synthesizes). */
export function refusalOf(make: () => Stack): string[] {
  try {
    Template.fromStack(make());
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.problems.map((p) => `${p.prop} [${p.code}]`);
  }
}

/**
 * Whether a problem's prop is the field at `prop` or inside it (`queueProps.deadLetterQueue.maxReceiveCount`). A key
 * a problem writes in brackets (`routes['GET /orders'].throttling`) is a path segment like any other.
 */
function names(problem: ValidationProblem, prop: string): boolean {
  const named = problem.prop.replace(/\['([^']*)'\]/g, '.$1');
  // `queue visibilityTimeout`, `queue's dead-letter queue retentionPeriod`: a setting of the resource given at `prop`.
  return named === prop || [`${prop}.`, `${prop}[`, `${prop} `, `${prop}'`].some((start) => named.startsWith(start));
}

/**
 * The refusal half of the property. With `invalid` the props generated as invalid and `given` every prop set:
 * a refusal must name each invalid prop and only props that were given; a case without an invalid prop must not be
 * refused; a case with one must not synthesize. Throws, with the case described, when the outcome breaks that.
 */
export function expectNamedOrSynthesized(outcome: Outcome, props: GeneratedProps, prefix: string): void {
  const at = (field: string) => (prefix === '' ? field : `${prefix}.${field}`);
  const given = Object.keys(props).map(at);
  const bad = Object.entries(props).filter(([, g]) => g.verdict === 'invalid').map(([field]) => at(field));
  const described = describeProps(props);
  if (outcome.kind === 'synthesized') {
    if (bad.length > 0) throw new Error(`synthesized although ${bad.join(', ')} should have been refused: ${described}`);
    return;
  }
  const shown = outcome.problems.map((p) => `${p.prop} [${p.code}]: ${p.rule}`).join('\n  ');
  if (bad.length === 0) throw new Error(`refused props that are all valid: ${described}\n  ${shown}`);
  // A check that runs after the pattern's own is reached only when none of the pattern's own refuses.
  const firstStage = Object.entries(props).filter(([, g]) => g.verdict === 'invalid' && g.deferred !== true).map(([field]) => at(field));
  const required = firstStage.length > 0 ? firstStage : bad;
  const unnamed = required.filter((prop) => !outcome.problems.some((p) => names(p, prop)));
  if (unnamed.length > 0) throw new Error(`the refusal does not name ${unnamed.join(', ')}: ${described}\n  ${shown}`);
  const stray = outcome.problems.filter((p) => !given.some((prop) => names(p, prop)));
  if (stray.length > 0) throw new Error(`the refusal names props that were not given (${stray.map((p) => p.prop).join(', ')}): ${described}`);
}

/** The nag errors of a synthesized case, as `rule at path`. */
export function nagErrors(stack: Stack): string[] {
  return nagFindings(stack).filter((f) => f.severity === 'error').map((f) => `${f.rule} at ${f.constructPath}`);
}

/** Synthesized templates of a property run, linted together in one cfn-lint call. */
export class LintBatch {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decoupled-property-'));
  private readonly cases = new Map<string, string>();

  /** Keeps a template, with the case that made it. */
  public add(template: Record<string, unknown>, description: string): void {
    const file = path.join(this.dir, `case-${this.cases.size + 1}.template.json`);
    fs.writeFileSync(file, JSON.stringify(template));
    this.cases.set(file, description);
  }

  /** How many templates are kept. */
  public get size(): number {
    return this.cases.size;
  }

  /**
   * Every cfn-lint error (and warning, with `warnings`), each with the case that made its template. The property asks
   * for no error; warnings also flag what aws-cdk-lib writes for any function (W3005, a DependsOn on the role it
   * already reads with Fn::GetAtt), which the patterns remove and a bare `lambda.Function` keeps.
   */
  public findings(options: { warnings?: boolean } = {}): string[] {
    if (this.cases.size === 0) return [];
    return cfnLint([...this.cases.keys()])
      .filter((f) => f.Level === 'Error' || (options.warnings === true && f.Level === 'Warning'))
      .map((f) => `${f.Level} ${f.Rule.Id}: ${f.Message} — in ${this.cases.get(f.Filename) ?? f.Filename}`);
  }
}

/** How long a property run is: a fixed seed and a few hundred runs in `npm test`; `npm run fuzz` sets both. */
export interface PropertySettings {
  readonly seed: number;
  readonly numRuns: number;
  /** The Jest timeout the run needs. */
  readonly timeout: number;
}

/** The settings of a property run: `DECOUPLED_FUZZ_SEED` and `DECOUPLED_FUZZ_RUNS` override the fixed ones. */
export function propertySettings(runs = 200): PropertySettings {
  const seed = Number(process.env.DECOUPLED_FUZZ_SEED ?? 16);
  const numRuns = Number(process.env.DECOUPLED_FUZZ_RUNS ?? runs);
  return { seed, numRuns, timeout: Math.max(120_000, numRuns * 500) };
}

/** fast-check's parameters for a run with these settings. */
export function runParameters(settings: PropertySettings): { seed: number; numRuns: number } {
  return { seed: settings.seed, numRuns: settings.numRuns };
}

/** One generated case of a props property: its props, where they are in the pattern's props, and how to build it. */
export interface PropsCase {
  /** The generated props, by their path in the pattern's props (`queueProps.visibilityTimeout`, or a bare field with a prefix). */
  readonly fields: GeneratedProps;
  /**
   * The props' place in the pattern's props (`queueProps`): problems must name `${prefix}.${field}`.
   * @default '' - the fields are paths in the pattern's own props
   */
  readonly prefix?: string;
  readonly build: (stack: Stack) => void;
  /** Said before the props when the case is reported (`fifo: true`). */
  readonly note?: string;
}

/**
 * Runs the property over generated cases: each is refused naming its bad props, or synthesizes and is kept for
 * cfn-lint. Returns the templates kept, for the one cfn-lint call (and a non-vacuity check) that follows.
 */
export function checkPropsProperty<T>(cases: fc.Arbitrary<T>, toCase: (value: T) => PropsCase, settings: PropertySettings, options: PropsPropertyOptions = {}): LintBatch {
  const lint = new LintBatch();
  fc.assert(fc.property(cases, (value) => {
    const { fields, prefix, build, note } = toCase(value);
    const outcome = attempt(build);
    expectNamedOrSynthesized(outcome, fields, prefix ?? '');
    if (outcome.kind !== 'synthesized') return;
    const described = `${note ? `${note}: ` : ''}${describeProps(fields)}`;
    if (options.nag !== undefined) {
      const errors = nagErrors(outcome.stack).filter((e) => e.includes(` at ${outcome.stack.stackName}/${options.nag}/`));
      if (errors.length > 0) throw new Error(`synthesized with cdk-nag errors (${errors.join('; ')}): ${described}`);
    }
    lint.add(outcome.template, described);
  }), runParameters(settings));
  return lint;
}

/** What a props property checks of a synthesized case besides its refusal. */
export interface PropsPropertyOptions {
  /**
   * The id of the pattern's construct in the case's stack: the five cdk-nag packs run over each synthesized case, and
   * an error on a resource under it fails the property (inside it, so fast-check shrinks to the smallest case that has
   * one). Resources the case brings are the user's, and not the pattern's to fix.
   * @default - no nag check
   */
  readonly nag?: string;
}
