import { AuthorizerCache } from '../../../lib/simulator/services/apigateway/authorizer';

describe('the authorizer cache\'s entries', () => {
  test('size counts the entries not yet expired: an entry lives until one millisecond before its TTL', () => {
    // GIVEN a 1 s cache with identities set at 0 ms and 500 ms
    const cache = new AuthorizerCache<string>(1_000);
    cache.set('prod', 'a', 'A', 0);
    cache.set('prod', 'b', 'B', 500);
    // THEN both count until 999 ms, one from 1,000 ms to 1,499 ms, none from 1,500 ms; size drops nothing
    expect([cache.size(0), cache.size(999), cache.size(1_000), cache.size(1_499), cache.size(1_500), cache.held]).toEqual([2, 2, 1, 1, 0, 2]);
  });

  test('entries are per stage and identity; a new answer for the same ones replaces the old and its expiry', () => {
    // GIVEN the same identity on two stages, then set again on prod at 800 ms
    const cache = new AuthorizerCache<string>(1_000);
    cache.set('prod', 'a', 'prod-1', 0);
    cache.set('beta', 'a', 'beta-1', 0);
    cache.set('prod', 'a', 'prod-2', 800);
    // THEN each stage answers its own; prod's answer lives to 1,799 ms
    expect([cache.get('prod', 'a', 900), cache.get('beta', 'a', 900), cache.get('prod', 'b', 900), cache.held]).toEqual(['prod-2', 'beta-1', undefined, 2]);
    expect([cache.get('beta', 'a', 1_000), cache.get('prod', 'a', 1_799), cache.get('prod', 'a', 1_800), cache.held]).toEqual([undefined, 'prod-2', undefined, 0]);
  });

  test('after a sweep that keeps many entries, the next sweep waits for twice as many', () => {
    // GIVEN 1,000 entries that do not expire, then one more (a sweep that keeps all 1,000)
    const cache = new AuthorizerCache<string>(60_000);
    for (let i = 0; i < 1_001; i++) cache.set('prod', `t-${i}`, 'x', 0);
    // WHEN entries come later, after all the first ones expired, up to 2,000, then one more
    for (let i = 1_001; i < 2_000; i++) cache.set('prod', `t-${i}`, 'x', 60_000);
    const before = cache.held;
    cache.set('prod', 'last', 'x', 60_000);
    // THEN nothing is swept before 2,000 entries; at 2,000 the expired 1,000 are dropped
    expect([before, cache.held, cache.size(60_000)]).toEqual([2_000, 1_000, 1_000]);
  });
});
