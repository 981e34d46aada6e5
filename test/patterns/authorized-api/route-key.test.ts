import { RouteKey, parseRouteKey, routeConflicts } from '../../../lib/patterns/authorized-api';

function route(key: string): RouteKey {
  const parsed = parseRouteKey(key);
  if (!parsed.ok) throw new Error(`${key}: ${parsed.reason}`);
  return parsed.route;
}

const codes = (...keys: string[]) => routeConflicts(keys.map(route)).map((c) => `${c.code}: ${c.route.key} / ${c.other.key}`);

describe('route keys', () => {
  test('parses a method and a path of names, variables and a final greedy variable', () => {
    // WHEN
    const r = route('GET /files/{bucket}/{key+}');
    // THEN
    expect(r.method).toBe('GET');
    expect(r.path).toBe('/files/{bucket}/{key+}');
    expect(r.parts.map((p) => p.kind)).toEqual(['literal', 'variable', 'greedy']);
  });

  test('normalizes a trailing slash, and reads the root', () => {
    expect(route('POST /orders/').path).toBe('/orders');
    expect(route('ANY /').path).toBe('/');
  });

  test.each([
    ['get /orders', 'has the method \'get\''],
    ['FETCH /orders', 'has the method \'FETCH\''],
    ['GET orders', 'is not of the form'],
    ['GET  /orders', 'is not of the form'],
    ['GET /orders//x', 'has the path part \'\''],
    ['GET /orders/{id', 'has the path part \'{id\''],
    ['GET /a b', 'is not of the form'],
    ['GET /{path+}/meta', 'before the end of the path'],
    ['GET /{id}/x/{id}', 'names the path variable \'id\' twice'],
  ])('fails if the key is %s', (key, reason) => {
    const parsed = parseRouteKey(key);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.reason).toContain(reason);
  });
});

describe('route conflicts', () => {
  test('finds the same method on the same path, after normalizing', () => {
    expect(codes('GET /orders', 'GET /orders/')).toEqual(['duplicate: GET /orders/ / GET /orders']);
  });

  test('finds two different variables under one parent, at any depth', () => {
    expect(codes('GET /orders/{id}', 'DELETE /orders/{orderId}')).toEqual(['variable-siblings: DELETE /orders/{orderId} / GET /orders/{id}']);
    expect(codes('GET /orders/{id}/items', 'GET /orders/{proxy+}')).toEqual(['variable-siblings: GET /orders/{proxy+} / GET /orders/{id}/items']);
  });

  test('accepts the same variable under one parent, different methods, and ANY beside GET', () => {
    expect(codes('GET /orders/{id}', 'DELETE /orders/{id}', 'GET /orders/{id}/items', 'ANY /orders', 'GET /orders')).toEqual([]);
  });

  test('finds a greedy route whose method a more specific resource under its prefix lacks', () => {
    expect(codes('GET /files/{path+}', 'POST /files/upload')).toEqual(['greedy-shadow: GET /files/{path+} / POST /files/upload']);
  });

  test('accepts a greedy route when the specific resource has its method or ANY', () => {
    expect(codes('GET /files/{path+}', 'GET /files/index')).toEqual([]);
    expect(codes('GET /files/{path+}', 'ANY /files/index')).toEqual([]);
    expect(codes('ANY /{proxy+}', 'ANY /health')).toEqual([]);
  });

  test('finds an ANY greedy route shadowed for the methods a specific resource lacks', () => {
    const [conflict] = routeConflicts(['ANY /{proxy+}', 'GET /health'].map(route));
    expect(conflict.code).toBe('greedy-shadow');
    expect(conflict.detail).toContain('requests with other methods than GET to /health do not fall through to /{proxy+}');
  });
});

describe('route keys and the root', () => {
  test('a root route beside a greedy one: the greedy route is not shadowed by the root, which has no parts', () => {
    expect(route('GET /').parts).toEqual([]);
    expect(codes('GET /', 'POST /{proxy+}')).toEqual([]);
    expect(codes('POST /{proxy+}', 'GET /')).toEqual([]);
  });

  test('the reason for a bad method lists every method, comma-separated', () => {
    const parsed = parseRouteKey('FETCH /orders');
    expect(parsed.ok ? '' : parsed.reason).toBe('has the method \'FETCH\', which is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY (upper case)');
  });
});
