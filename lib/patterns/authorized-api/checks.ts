import { IConstruct } from 'constructs';
import { ProblemCollector, ProblemInput, warn } from '../../core';

/** Errors (all thrown together) and warnings (shown with their code) of one check run. */
export class Checks {
  private readonly errors: ProblemCollector;
  private readonly warnings: ProblemInput[] = [];

  constructor(private readonly scope: IConstruct) {
    this.errors = new ProblemCollector(scope);
  }

  /** The collector, for its range checks. */
  public get collector(): ProblemCollector {
    return this.errors;
  }

  public error(problem: ProblemInput): void {
    this.errors.add(problem);
  }

  public warning(problem: ProblemInput): void {
    this.warnings.push(problem);
  }

  /** Shows the warnings, then throws one error listing every error, if there is any. */
  public report(): void {
    for (const w of this.warnings) warn(this.scope, w);
    this.errors.throwIfAny();
  }
}
