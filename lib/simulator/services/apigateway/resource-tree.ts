import type { ApiMethod } from './method';

/**
 * One resource of a REST API (AWS::ApiGateway::Resource, or the API's root): its path part, its children and its
 * methods. Children are kept by kind, so routing tries a literal part first, then a `{variable}`, then a
 * `{greedy+}` variable, as API Gateway prefers the most specific match.
 */
export class ApiResource {
  public parent: ApiResource | undefined = undefined;
  public readonly literals = new Map<string, ApiResource>();
  public variable: ApiResource | undefined = undefined;
  public greedy: ApiResource | undefined = undefined;
  public readonly methods = new Map<string, ApiMethod>();
  /** `/orders/{id}`, set when the tree is linked. */
  public path = '/';

  constructor(
    public readonly logicalId: string | undefined,
    public readonly id: string,
    /** `orders`, `{id}`, `{proxy+}`; empty for the root. */
    public readonly pathPart: string,
    public readonly parentId: string | undefined,
  ) {}

  /** The variable's name for `{id}` and `{proxy+}`. */
  public get variableName(): string | undefined {
    return /^\{([^}+]+)\+?\}$/.exec(this.pathPart)?.[1];
  }

  public get isGreedy(): boolean {
    return this.pathPart.endsWith('+}');
  }

  /** Adds a child in its place: a literal by its text, else the one variable or the one greedy variable. */
  public adopt(child: ApiResource): void {
    child.parent = this;
    child.path = `${this.path === '/' ? '' : this.path}/${child.pathPart}`;
    if (child.variableName === undefined) this.literals.set(child.pathPart, child);
    else if (child.isGreedy) this.greedy = child;
    else this.variable = child;
  }

  /** The method for an HTTP method: its own, else `ANY`. */
  public method(httpMethod: string): ApiMethod | undefined {
    return this.methods.get(httpMethod) ?? this.methods.get('ANY');
  }
}

/** Where a request path leads: the resource, and the values of its path variables. */
export interface ResourceMatch {
  readonly resource: ApiResource;
  /** Variable → value, or null when the path has none (as the proxy event says). */
  readonly pathParameters: Record<string, string> | null;
}

/**
 * The resource a path (`/orders/42`, already normalized) reaches: each segment matches a literal child first,
 * then the variable child, then the greedy child (which takes the rest of the path, at least one segment).
 * A more specific branch that leads nowhere gives way to the next.
 */
export function matchResource(root: ApiResource, path: string): ResourceMatch | undefined {
  const segments = path === '/' ? [] : path.slice(1).split('/');
  const values: [string, string][] = [];
  const resource = walk(root, segments, 0, values);
  if (!resource) return undefined;
  return { resource, pathParameters: values.length === 0 ? null : Object.fromEntries(values) };
}

function walk(node: ApiResource, segments: readonly string[], i: number, values: [string, string][]): ApiResource | undefined {
  if (i === segments.length) return node;
  const literal = node.literals.get(segments[i]);
  const viaLiteral = literal && walk(literal, segments, i + 1, values);
  if (viaLiteral) return viaLiteral;
  if (node.variable) {
    values.push([node.variable.variableName!, segments[i]]);
    const viaVariable = walk(node.variable, segments, i + 1, values);
    if (viaVariable) return viaVariable;
    values.pop();
  }
  if (node.greedy) {
    values.push([node.greedy.variableName!, segments.slice(i).join('/')]);
    return node.greedy;
  }
  return undefined;
}
