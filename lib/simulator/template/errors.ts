/**
 * A template the simulator cannot model faithfully. It names where: the logical id and the property path
 * (`Resources.Queue.Properties.RedrivePolicy.deadLetterTargetArn`), so the user can find it in the template.
 */
export class TemplateError extends Error {
  constructor(
    public readonly logicalId: string,
    public readonly propertyPath: string,
    public readonly problem: string,
  ) {
    super(`${logicalId}${propertyPath ? '.' + propertyPath : ''}: ${problem}`);
    this.name = 'TemplateError';
    Object.setPrototypeOf(this, TemplateError.prototype);
  }
}

/**
 * A value only known at deploy time (`Fn::ImportValue`, an attribute of a resource type with no model, a
 * parameter with no default). It is kept as a value, never guessed; reading it where a concrete value is
 * needed is a `TemplateError`.
 */
export class Unresolved {
  constructor(public readonly description: string) {}
  public toString(): string {
    return `<unresolved ${this.description}>`;
  }
}

export function isUnresolved(value: unknown): value is Unresolved {
  return value instanceof Unresolved;
}

/** Whether a value contains an unresolved part anywhere. */
export function containsUnresolved(value: unknown): boolean {
  if (value instanceof Unresolved) return true;
  if (Array.isArray(value)) return value.some(containsUnresolved);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsUnresolved);
  return false;
}
