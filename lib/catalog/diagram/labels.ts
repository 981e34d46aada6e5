/** A template's resources, as much as their labels need. */
type LabelledResources = Readonly<Record<string, { readonly Metadata?: Readonly<Record<string, unknown>> }>>;

/**
 * How a resource is named to the user: its construct path below its stack (`Orders/billing/Queue`, from the
 * `aws:cdk:path` metadata `cdk synth` writes), or its logical id when the template has no path metadata.
 * `stackPath` is the stack's own construct path (`Prod/Audit` for a stack in a stage); without it, the first
 * segment of the path is taken as the stack, which holds for a stack at the root of its app.
 */
export function resourceLabel(template: { readonly Resources?: LabelledResources }, logicalId: string, stackPath?: string): string {
  const cdkPath = template.Resources?.[logicalId]?.Metadata?.['aws:cdk:path'];
  if (typeof cdkPath !== 'string') return logicalId;
  const prefix = `${stackPath ?? cdkPath.split('/')[0]}/`;
  const below = cdkPath.startsWith(prefix) ? cdkPath.slice(prefix.length) : cdkPath;
  return below.replace(/\/(Resource|Default)$/, '') || logicalId;
}
