import {
  DefaultTokenResolver,
  IPostProcessor,
  IResolvable,
  IResolveContext,
  Reference,
  Stack,
  StringConcat,
  Tokenization,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Resolves a value the way CloudFormation will see it, except that every reference to a resource in the app
 * becomes `«construct path»`. The marker names the resource itself, whatever stack the value lives in, so a
 * queue ARN in a role policy of one stack and the same queue's event source mapping in another compare equal,
 * which the logical ids of two stacks (resolved before the CDK wires cross-stack references) would not.
 */
class MarkingResolver extends DefaultTokenResolver {
  constructor() {
    super(new StringConcat());
  }

  public resolveToken(t: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): unknown {
    if (Reference.isReference(t)) return marker(t.target);
    const resolved: unknown = super.resolveToken(t, context, postProcessor);
    // Pseudo parameters (`AWS::Region`) read as `${AWS::Region}` inside a string instead of `[object Object]`.
    if (isRef(resolved)) return `\${${resolved.Ref}}`;
    return resolved;
  }
}

function isRef(value: unknown): value is { Ref: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1
    && typeof (value as { Ref?: unknown }).Ref === 'string';
}

/** The marker of a resource: `«App/Stack/Queue/Resource»`. */
export function marker(target: IConstruct): string {
  return `«${target.node.path}»`;
}

/** A value as CloudFormation will see it, with references to resources of the app as markers. */
export function resolveMarked(value: unknown, scope: IConstruct): unknown {
  return Tokenization.resolve(value, { scope: Stack.of(scope), resolver: new MarkingResolver(), preparing: false });
}

/** The value as a list of strings (a single string becomes a one-element list); objects are rendered as JSON. */
export function markedStrings(value: unknown, scope: IConstruct): string[] {
  const resolved = resolveMarked(value, scope);
  if (resolved === undefined || resolved === null) return [];
  const list = Array.isArray(resolved) ? resolved : [resolved];
  return list.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
}

/** The one string a value resolves to, or undefined when it is absent. */
export function markedString(value: unknown, scope: IConstruct): string | undefined {
  return markedStrings(value, scope)[0];
}

/** The construct paths a marked string refers to. */
export function markersIn(value: string): string[] {
  return [...value.matchAll(/«([^»]+)»/g)].map((m) => `«${m[1]}»`);
}

/** Whether a marked resource string refers to one of `ids` (markers) or equals one of them (literal ARNs). */
export function refersToAny(value: string, ids: ReadonlySet<string>): boolean {
  if (ids.has(value)) return true;
  return markersIn(value).some((m) => ids.has(m));
}

/** A marked id as people read it: the construct path without the resource part (`Stack/Vpc/IsolatedSubnet1`). */
export function readable(id: string): string {
  return id.replace(/«(.*?)(\/Subnet|\/Resource)?»/g, '$1');
}
