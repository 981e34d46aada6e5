import { AuthorizerCache } from '../../../lib/simulator/services/apigateway/authorizer';

/** A cache of 1 s holding `n` identities set at `now`. */
function filled(n: number, now: number): AuthorizerCache<string> {
  const cache = new AuthorizerCache<string>(1_000);
  for (let i = 0; i < n; i++) cache.set('prod', `token-${i}`, `answer-${i}`, now);
  return cache;
}

describe('the authorizer cache\'s memory', () => {
  test('drops the expired entries once it holds 1,000: at the TTL an entry is expired, one millisecond before it is not', () => {
    // GIVEN 1,000 identities cached at 0 ms for 1 s
    const atTtl = filled(1_000, 0);
    const beforeTtl = filled(1_000, 0);
    // WHEN a new identity comes at 1,000 ms (all expired), or at 999 ms (none expired)
    atTtl.set('prod', 'new', 'answer', 1_000);
    beforeTtl.set('prod', 'new', 'answer', 999);
    // THEN the first keeps only the new entry; the second keeps all, still answered from the cache
    expect([atTtl.held, beforeTtl.held]).toEqual([1, 1_001]);
    expect(beforeTtl.get('prod', 'token-0', 999)).toBe('answer-0');
  });

  test('below 1,000 entries nothing is swept: an expired entry stays until its identity comes again', () => {
    const cache = filled(999, 0);
    cache.set('prod', 'new', 'answer', 5_000);
    expect(cache.held).toBe(1_000);
    expect(cache.get('prod', 'token-1', 5_000)).toBeUndefined();
    expect(cache.held).toBe(999);
  });

  test('a TTL of 0 keeps nothing', () => {
    const cache = new AuthorizerCache<string>(0);
    cache.set('prod', 'token', 'answer', 0);
    expect([cache.held, cache.get('prod', 'token', 0)]).toEqual([0, undefined]);
  });
});
