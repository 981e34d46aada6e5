/** A problem the template would have in production, found without running any scenario. */
export interface Finding {
  /** A stable code, `decoupled-sim:<rule>`. */
  readonly code: string;
  readonly severity: 'error' | 'warning';
  /** Logical ids of the resources involved, the one to fix first. */
  readonly resources: readonly string[];
  readonly message: string;
  readonly fix: string;
}
