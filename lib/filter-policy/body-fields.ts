import type { Scalar } from './types';

/**
 * A message body read as event-ruler reads an event: flattened to leaf values keyed by their
 * path, nested keys joined with "." (so a policy key "a.b" matches both {"a": {"b": 1}} and
 * {"a.b": 1}, as recorded against AWS in localstack's dot-attribute test). Arrays are
 * "crushed out": each element is a value of the array's own path, at any depth.
 */
export interface BodyField {
  readonly value: Scalar;
  /**
   * Which element of which array the value came from, as [arrayId, index, arrayId, index, ...];
   * null outside arrays. event-ruler's rulesForJSONEvent refuses a match whose fields come from
   * different elements of the same array ("array consistency").
   */
  readonly membership: readonly number[] | null;
}

export type FlatBody = Map<string, BodyField[]>;

interface Walk {
  readonly fields: FlatBody;
  nextArrayId: number;
}

/** The policy paths a body is flattened for: only these and the objects leading to them are visited. */
export class BodyPaths {
  private readonly leaves: ReadonlySet<string>;
  private readonly routes: ReadonlySet<string>;

  constructor(paths: Iterable<string>) {
    const leaves = new Set(paths);
    const routes = new Set<string>();
    for (const path of leaves) {
      let dot = path.indexOf('.');
      while (dot !== -1) {
        routes.add(path.slice(0, dot));
        dot = path.indexOf('.', dot + 1);
      }
      routes.add(path);
    }
    this.leaves = leaves;
    this.routes = routes;
  }

  /** Parses the body; returns the flattened fields, or undefined if it is not a non-empty JSON object. */
  flatten(body: string | undefined): FlatBody | undefined {
    if (body === undefined) {
      return undefined;
    }
    let root: unknown;
    try {
      root = JSON.parse(body);
    } catch {
      return undefined;
    }
    if (root === null || typeof root !== 'object' || Array.isArray(root)) {
      return undefined;
    }
    const walk: Walk = { fields: new Map(), nextArrayId: 0 };
    let empty = true;
    for (const key in root as Record<string, unknown>) {
      empty = false;
      if (this.routes.has(key)) {
        this.visit(walk, (root as Record<string, unknown>)[key], key, null);
      }
    }
    // AWS "Key matching": an empty set of properties matches no policy, not even exists:false.
    return empty ? undefined : walk.fields;
  }

  private visit(walk: Walk, value: unknown, path: string, membership: number[] | null): void {
    if (Array.isArray(value)) {
      const id = walk.nextArrayId++;
      for (let i = 0; i < value.length; i++) {
        this.visit(walk, value[i], path, membership === null ? [id, i] : [...membership, id, i]);
      }
    } else if (value !== null && typeof value === 'object') {
      for (const key in value as Record<string, unknown>) {
        const child = `${path}.${key}`;
        if (this.routes.has(child)) {
          this.visit(walk, (value as Record<string, unknown>)[key], child, membership);
        }
      }
    } else if (this.leaves.has(path)) {
      const list = walk.fields.get(path);
      if (list === undefined) {
        walk.fields.set(path, [{ value: value as Scalar, membership }]);
      } else {
        list.push({ value: value as Scalar, membership });
      }
    }
  }
}

/** Whether two values can be matched together: they agree on the element of every array both are in. */
export function consistent(a: readonly number[] | null, b: readonly number[] | null): boolean {
  if (a === null || b === null) {
    return true;
  }
  for (let i = 0; i < a.length; i += 2) {
    for (let j = 0; j < b.length; j += 2) {
      if (a[i] === b[j] && a[i + 1] !== b[j + 1]) {
        return false;
      }
    }
  }
  return true;
}
