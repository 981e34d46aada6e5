import { Annotations, Duration, Size, SizeRoundingBehavior, Token, ValidationError as CdkValidationError } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { exactMillis } from './durations';
import { Limit, aValueIn, describeRange, withinLimit } from './limits';

/** One thing wrong with a construct's props, with what to do about it. */
export interface ValidationProblem {
  /** A stable code, `decoupled:<rule>`, that tests and tooling can match on. */
  readonly code: string;
  /** The construct path where the problem was found. */
  readonly path: string;
  /** The prop at fault, as the user wrote it (`subscribers.billing.maxReceiveCount`). */
  readonly prop: string;
  /** The value given, rendered for people. */
  readonly value: string;
  /** The rule or allowed range the value breaks. */
  readonly rule: string;
  /** What the user can change to fix it. */
  readonly fix: string;
}

/**
 * Thrown at synth time when a pattern's props would not deploy, or would deploy into a known failure.
 *
 * It is an aws-cdk-lib `ValidationError` (so `Errors.isValidationError` is true and the CLI shows the
 * construct tree), and it carries every problem found, not just the first.
 */
export class ValidationError extends CdkValidationError {
  /** Every problem found, in the order they were checked. */
  public readonly problems: readonly ValidationProblem[];

  constructor(scope: IConstruct, problems: readonly ValidationProblem[]) {
    super('DecoupledValidationError' as never, renderProblems(scope.node.path, problems), scope);
    Object.setPrototypeOf(this, ValidationError.prototype);
    this.problems = problems;
  }
}

/** The one-line form of a problem: `path: prop value breaks rule. fix [code]`. */
export function renderProblem(p: ValidationProblem): string {
  return `${p.path}: ${p.prop} ${p.value} ${p.rule}. ${p.fix} [${p.code}]`;
}

function renderProblems(path: string, problems: readonly ValidationProblem[]): string {
  const head = problems.length === 1 ? `${path} has an invalid setting:` : `${path} has ${problems.length} invalid settings:`;
  return [head, ...problems.map((p) => `  ✖ ${renderProblem(p)}`)].join('\n');
}

/** The problem without its path: the collector knows where it is. */
export type ProblemInput = Omit<ValidationProblem, 'path'>;

/** How a value looks in a message: durations in seconds and sizes in MiB (fractions kept), strings quoted, the rest as JSON. */
export function formatValue(value: unknown): string {
  if ((value instanceof Duration || value instanceof Size) && value.isUnresolved()) return '(a value known only at deploy)';
  if (value instanceof Duration) return `${exactMillis(value) / 1000}s`;
  if (value instanceof Size) return `${mebibytes(value)} MiB`;
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value) ?? String(value);
}

/** Whether a value is known at synth time; tokens are resolved only at deploy and are never guessed. */
export function isKnown(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (value instanceof Duration || value instanceof Size) return !value.isUnresolved();
  return !Token.isUnresolved(value);
}

/** A size in MiB with its fraction kept (aws-cdk-lib's own conversion throws on a fraction). */
function mebibytes(size: Size): number {
  return size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) / 1024;
}

/**
 * Collects every problem in a construct's props so they can be reported together.
 *
 * Checks of values that are tokens are skipped: they cannot be known before deploy.
 */
export class ProblemCollector {
  private readonly problems: ValidationProblem[] = [];

  constructor(private readonly scope: IConstruct) {}

  /**
   * Records a problem unconditionally. It is found on the collector's construct unless it names another
   * `path`: the construct where the user sets the prop, when one pattern was configured through another.
   */
  public add(problem: ProblemInput & { readonly path?: string }): void {
    this.problems.push({ ...problem, path: problem.path ?? this.scope.node.path });
  }

  /** Records the problem when `ok` is false. */
  public expect(ok: boolean, problem: ProblemInput): void {
    if (!ok) this.add(problem);
  }

  /**
   * Checks a number against an AWS range. Every AWS count, size and quota is an integer: a fraction
   * is a problem of its own, since CloudFormation or the service would reject it at deploy.
   */
  public inRange(code: string, prop: string, value: number | undefined, range: Limit, fix?: string): void {
    if (value === undefined || !isKnown(value)) return;
    if (!this.wholeNumber(code, prop, value, formatValue(value), range.unit === 'count' ? '' : ` ${range.unit}`)) return;
    this.checkRange(code, prop, value, formatValue(value), range, fix);
  }

  /**
   * Checks a duration against an AWS range in whole seconds. A duration with a fraction of a second
   * (`Duration.millis(1500)`) is a problem named by its prop, not aws-cdk-lib's own conversion error.
   */
  public durationInRange(code: string, prop: string, value: Duration | undefined, range: Limit, fix?: string): void {
    if (value === undefined || !isKnown(value)) return;
    const seconds = exactMillis(value) / 1000;
    if (!this.wholeNumber(code, prop, seconds, formatValue(value), ' seconds')) return;
    this.checkRange(code, prop, seconds, formatValue(value), range, fix);
  }

  /**
   * Checks a size against an AWS range in whole MiB (`Size.kibibytes(1000)` is a problem named by its prop, not
   * aws-cdk-lib's own conversion error).
   */
  public sizeInRange(code: string, prop: string, value: Size | undefined, range: Limit, fix?: string): void {
    if (value === undefined || !isKnown(value)) return;
    const mib = mebibytes(value);
    if (!this.wholeNumber(code, prop, mib, formatValue(value), ' MiB')) return;
    this.checkRange(code, prop, mib, formatValue(value), range, fix);
  }

  /** Records a problem when `value` is not an integer; true when it is. */
  public wholeNumber(code: string, prop: string, value: number, shown: string, unit: string): boolean {
    if (Number.isInteger(value)) return true;
    const lower = Math.floor(value);
    this.add({
      code,
      prop,
      value: shown,
      rule: `is not a whole number${unit ? ` of${unit}` : ''}: AWS takes only integers here`,
      fix: `Set ${prop} to a whole number${unit ? ` of${unit}` : ''}, such as ${lower} or ${lower + 1}.`,
    });
    return false;
  }

  private checkRange(code: string, prop: string, value: number, shown: string, range: Limit, fix?: string): void {
    const unbounded = range.max === Number.POSITIVE_INFINITY;
    this.expect(withinLimit(value, range), {
      code,
      prop,
      value: shown,
      rule: unbounded
        ? `is below ${range.name}'s minimum ${range.min} (${range.source})`
        : `is outside ${range.name}'s allowed range ${describeRange(range)} (${range.source})`,
      fix: fix ?? `Set ${prop} to ${aValueIn(range)}.`,
    });
  }

  /** The problems so far. */
  public get all(): readonly ValidationProblem[] {
    return this.problems;
  }

  /** Throws one `ValidationError` listing every problem, if there is any. */
  public throwIfAny(): void {
    if (this.problems.length > 0) throw new ValidationError(this.scope, this.problems);
  }
}

/**
 * A problem whose intent is clear enough to go on with: shown as a CDK warning with a stable id,
 * which the user can acknowledge with `Annotations.of(scope).acknowledgeWarning(code)`.
 */
export function warn(scope: IConstruct, problem: ProblemInput): void {
  Annotations.of(scope).addWarningV2(problem.code, `${problem.prop} ${problem.value} ${problem.rule}. ${problem.fix}`);
}
