/**
 * Route keys (`'GET /orders/{id}'`) as data: parsing, and the ways two routes of one REST API collide.
 * Pure functions: the construct, the docs and the simulator read routes the same way.
 */

/** The HTTP methods a REST API method can have (`ANY` matches every one of them). */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;
export type HttpMethod = typeof HTTP_METHODS[number];

/** One segment of a resource path. */
export type PathPart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

/** A route key, parsed. */
export interface RouteKey {
  /** The key as the user wrote it, to name the prop in messages: `routes['GET /orders/{id}']`. */
  readonly key: string;
  readonly method: HttpMethod;
  /** The resource path, normalized: one leading slash, no trailing slash (`/` for the root). */
  readonly path: string;
  readonly parts: readonly PathPart[];
}

// API Gateway's path part characters: letters, digits, and . _ - (API-model CreateResource pathPart).
const LITERAL = /^[A-Za-z0-9._-]+$/;
const VARIABLE = /^\{([A-Za-z0-9._-]+)\}$/;
const GREEDY = /^\{([A-Za-z0-9._-]+)\+\}$/;

/** Why a route key is malformed, or the parsed key. */
export type ParsedRouteKey = { readonly ok: true; readonly route: RouteKey } | { readonly ok: false; readonly reason: string };

/** Parses `'METHOD /path'`. */
export function parseRouteKey(key: string): ParsedRouteKey {
  const match = /^(\S+) (\/\S*)$/.exec(key);
  if (!match) return { ok: false, reason: 'is not of the form \'METHOD /path\' (one space, a path starting with /)' };
  const method = match[1];
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    return { ok: false, reason: `has the method '${method}', which is not one of ${HTTP_METHODS.join(', ')} (upper case)` };
  }
  const segments = match[2].split('/').slice(1);
  if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
  const parts: PathPart[] = [];
  for (const [i, segment] of segments.entries()) {
    if (segment === '' && segments.length === 1) break;
    const part = parsePart(segment);
    if (!part) {
      return { ok: false, reason: `has the path part '${segment}', which is neither a name of letters, digits, '.', '_', '-' nor a {variable} or {greedy+} variable` };
    }
    if (part.kind === 'greedy' && i !== segments.length - 1) {
      return { ok: false, reason: `has the greedy variable '${segment}' before the end of the path: it must be the last part` };
    }
    parts.push(part);
  }
  const seen = new Set<string>();
  for (const part of parts) {
    if (part.kind === 'literal') continue;
    if (seen.has(part.name)) return { ok: false, reason: `names the path variable '${part.name}' twice` };
    seen.add(part.name);
  }
  return { ok: true, route: { key, method: method as HttpMethod, path: renderPath(parts), parts } };
}

function parsePart(segment: string): PathPart | undefined {
  const greedy = GREEDY.exec(segment);
  if (greedy) return { kind: 'greedy', name: greedy[1] };
  const variable = VARIABLE.exec(segment);
  if (variable) return { kind: 'variable', name: variable[1] };
  return LITERAL.test(segment) ? { kind: 'literal', text: segment } : undefined;
}

function partText(part: PathPart): string {
  if (part.kind === 'literal') return part.text;
  return part.kind === 'variable' ? `{${part.name}}` : `{${part.name}+}`;
}

/** `/orders/{id}` from its parts. */
export function renderPath(parts: readonly PathPart[]): string {
  return `/${parts.map(partText).join('/')}`;
}

/** How two routes of one API conflict. */
export interface RouteConflict {
  readonly code: 'duplicate' | 'variable-siblings' | 'greedy-shadow';
  /** The route the finding is reported on (the later one). */
  readonly route: RouteKey;
  readonly other: RouteKey;
  readonly detail: string;
}

/**
 * Every conflict between the routes, each reported once on the later route:
 * - `duplicate`: the same method on the same resource (after normalizing the path);
 * - `variable-siblings`: two different variable parts under one parent (`/orders/{id}` and `/orders/{orderId}`),
 *   which API Gateway rejects at deploy ("only one variable path part is allowed");
 * - `greedy-shadow`: a greedy route `M /a/{p+}` and a route on a resource under `/a` that has neither `M` nor `ANY`:
 *   API Gateway picks the most specific resource first, so `M` requests to that resource do not reach the greedy route.
 */
export function routeConflicts(routes: readonly RouteKey[]): RouteConflict[] {
  const conflicts: RouteConflict[] = [];
  routes.forEach((route, i) => {
    for (const other of routes.slice(0, i)) {
      if (route.method === other.method && route.path === other.path) {
        conflicts.push({ code: 'duplicate', route, other, detail: `both are ${route.method} ${route.path}` });
        continue;
      }
      const siblings = variableSiblings(route, other);
      if (siblings) conflicts.push({ code: 'variable-siblings', route, other, detail: siblings });
    }
  });
  for (const greedy of routes.filter((r) => r.parts.at(-1)?.kind === 'greedy')) {
    const prefix = greedy.parts.slice(0, -1);
    const shadowing = new Map<string, RouteKey>();
    for (const r of routes) {
      if (r === greedy || r.parts.length <= prefix.length || !startsWith(r.parts, prefix)) continue;
      if (r.parts.at(-1)?.kind === 'greedy' && r.parts.length === greedy.parts.length) continue;
      if (!shadowing.has(r.path)) shadowing.set(r.path, r);
    }
    for (const [path, r] of shadowing) {
      const methods = routes.filter((x) => x.path === path).map((x) => x.method);
      if (greedy.method !== 'ANY' && (methods.includes(greedy.method) || methods.includes('ANY'))) continue;
      if (greedy.method === 'ANY' && methods.includes('ANY')) continue;
      conflicts.push({
        code: 'greedy-shadow',
        route: greedy,
        other: r,
        detail: `${greedy.method === 'ANY' ? 'requests with other methods than ' + methods.join(', ') : greedy.method + ' requests'} to ${path} `
          + `do not fall through to ${greedy.path}: API Gateway matches the most specific resource (${path}) first`,
      });
    }
  }
  return conflicts;
}

function startsWith(parts: readonly PathPart[], prefix: readonly PathPart[]): boolean {
  return prefix.every((p, i) => partText(p) === partText(parts[i]));
}

/** Where two routes put different variable parts under the same parent, the two resource paths; else undefined. */
function variableSiblings(a: RouteKey, b: RouteKey): string | undefined {
  const n = Math.min(a.parts.length, b.parts.length);
  for (let i = 0; i < n; i++) {
    const pa = a.parts[i];
    const pb = b.parts[i];
    if (partText(pa) === partText(pb)) continue;
    if (pa.kind !== 'literal' && pb.kind !== 'literal') {
      return `${renderPath(a.parts.slice(0, i + 1))} and ${renderPath(b.parts.slice(0, i + 1))} are two different variable parts under one parent, which API Gateway rejects at deploy`;
    }
    return undefined;
  }
  return undefined;
}
