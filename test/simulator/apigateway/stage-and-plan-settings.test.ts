import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { TokenBucket, UsagePlan } from '../../../lib/simulator/services/apigateway';
import { Resource, apiTemplate, method, mock, resource, stage } from './hand-template';

const OK = mock({}, [{ StatusCode: '200' }]);

/** Sends `n` requests at the current virtual instant and returns their statuses. */
async function statuses(sim: Simulation, n: number, path: string, options: { method?: string; stage?: string; headers?: Record<string, string> } = {}): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await sim.request('Api', { method: options.method ?? 'GET', path, stage: options.stage, headers: options.headers })).status);
  return out;
}

const throttledReasons = (sim: Simulation) => sim.events({ type: 'apigateway.rejected' }).map((e) => [e.resource, e.reason]);

/**
 * GIVEN an API with GET /items, GET /items/{id}, POST /items/{id} and GET /free, and a stage prod whose method
 * settings throttle every method (rate 10, burst 5), every method of /items to burst 4 but GET to burst 2, every method of /items/{id} to rate 1
 * (burst from the stage-wide setting), and POST /items/{id} (written in lower case) to burst 1; a stage open
 * without settings.
 */
function stageTemplate() {
  return apiTemplate({
    Items: resource('items'), Item: resource('{id}', 'Items'), Free: resource('free'),
    GetItems: method('GET', OK, 'Items'), GetItem: method('GET', OK, 'Item'), PostItem: method('POST', OK, 'Item'), GetFree: method('GET', OK, 'Free'),
    Prod: stage('prod', {
      MethodSettings: [
        { ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5 },
        { ResourcePath: '/~1items', HttpMethod: '*', ThrottlingBurstLimit: 4 },
        { ResourcePath: '/~1items', HttpMethod: 'GET', ThrottlingBurstLimit: 2 },
        { ResourcePath: '/~1items~1{id}', HttpMethod: '*', ThrottlingRateLimit: 1 },
        { ResourcePath: '/~1items~1{id}', HttpMethod: 'post', ThrottlingBurstLimit: 1 },
      ],
    }),
    Open: stage('open', { MethodSettings: [{ ResourcePath: '/~1free' }, {}] }),
    Half: stage('half', { MethodSettings: [{ ResourcePath: '/~1items', HttpMethod: 'GET', ThrottlingBurstLimit: 1 }, { ResourcePath: '/~1free', HttpMethod: 'GET', ThrottlingRateLimit: 2 }] }),
  });
}

describe('stage method settings', () => {
  test('each limit comes from the most specific setting that sets it: path and method, then path, then /*', async () => {
    // GIVEN the API WHEN each method gets more requests at once than its burst
    const sim = Simulation.fromTemplate(stageTemplate());
    const items = await statuses(sim, 3, '/items', { stage: 'prod' });
    const item = await statuses(sim, 6, '/items/1', { stage: 'prod' });
    const post = await statuses(sim, 2, '/items/1', { method: 'POST', stage: 'prod' });
    const free = await statuses(sim, 6, '/free', { stage: 'prod' });
    // THEN the bursts are 2, 5, 1 and 5
    expect([items, item, post, free]).toEqual([[200, 200, 429], [200, 200, 200, 200, 200, 429], [200, 429], [200, 200, 200, 200, 200, 429]]);
    expect(throttledReasons(sim)).toEqual([
      ['GetItems', 'the stage prod throttles GET /items at 10 requests per second, burst 2'],
      ['GetItem', 'the stage prod throttles GET /items/{id} at 1 requests per second, burst 5'],
      ['PostItem', 'the stage prod throttles POST /items/{id} at 1 requests per second, burst 1'],
      ['GetFree', 'the stage prod throttles GET /free at 10 requests per second, burst 5'],
    ]);
  });

  test('a bucket refills at its rate on the virtual clock: one more request after 1 s at rate 1, not before', async () => {
    // GIVEN the API with GET /items/{id}'s bucket used up
    const sim = Simulation.fromTemplate(stageTemplate());
    await statuses(sim, 5, '/items/1', { stage: 'prod' });
    // WHEN time moves 999 ms, then 1 ms more
    sim.advance(Duration.millis(999));
    const early = await statuses(sim, 1, '/items/1', { stage: 'prod' });
    sim.advance(Duration.millis(1));
    const onTime = await statuses(sim, 2, '/items/1', { stage: 'prod' });
    // THEN the request at 1 s passes and the next does not
    expect([early, onTime]).toEqual([[429], [200, 429]]);
  });

  test('settings that set no limit, and a stage without settings, throttle nothing but the account', async () => {
    // GIVEN the open stage WHEN many requests come at once
    const sim = Simulation.fromTemplate(stageTemplate());
    const open = await statuses(sim, 8, '/items', { stage: 'open' });
    // THEN all pass; the model read the defaults of the empty settings
    expect(open).toEqual(Array(8).fill(200));
    expect(sim.apiGateway.restApi('Api').stages.get('open')!.settings).toEqual([
      { resourcePath: '/free', httpMethod: '*', rateLimit: undefined, burstLimit: undefined },
      { resourcePath: '/*', httpMethod: '*', rateLimit: undefined, burstLimit: undefined },
    ]);
  });
});

describe('a method setting with one limit', () => {
  test('takes the account\'s for the other', async () => {
    // GIVEN the half stage: GET /items burst 1 (no rate), GET /free rate 2 (no burst), under the default account throttle
    const sim = Simulation.fromTemplate(stageTemplate());
    // WHEN each gets two requests at once
    await statuses(sim, 2, '/items', { stage: 'half' });
    const free = await statuses(sim, 2, '/free', { stage: 'half' });
    // THEN GET /items is throttled at the account's rate; GET /free has the account's burst
    expect(free).toEqual([200, 200]);
    expect(throttledReasons(sim)).toEqual([['GetItems', 'the stage half throttles GET /items at 10000 requests per second, burst 1']]);
    const stage = sim.apiGateway.restApi('Api').stages.get('half')!;
    const getFree = sim.apiGateway.restApi('Api').methods.find((m) => m.logicalId === 'GetFree')!;
    expect(stage.bucketFor(getFree, { rate: 10_000, burst: 5_000 })).toMatchObject({ rate: 2, burst: 5_000 });
  });
});

describe('a token bucket', () => {
  test('available counts whole tokens without taking one, refilled at the rate up to the burst', () => {
    // GIVEN a bucket of rate 2 per second, burst 3
    const bucket = new TokenBucket(2, 3);
    // THEN it starts full; taking lowers it; time refills it, never above the burst
    expect(bucket.available(0)).toBe(3);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false]);
    expect([bucket.available(0), bucket.available(499), bucket.available(500), bucket.available(1_000), bucket.available(10_000)]).toEqual([0, 0, 1, 2, 3]);
    expect(bucket.available(0)).toBe(0);
    expect(bucket.take(500)).toBe(true);
    expect(bucket.available(500)).toBe(0);
  });
});

const key = (props: Record<string, unknown>): Resource => ({ Type: 'AWS::ApiGateway::ApiKey', Properties: props });
const planKey = (plan: string, k: string): Resource => ({ Type: 'AWS::ApiGateway::UsagePlanKey', Properties: { UsagePlanId: { Ref: plan }, KeyId: { Ref: k }, KeyType: 'API_KEY' } });

/**
 * GIVEN an API whose methods require an API key: Gold (rate-only throttle, GET /items limited to burst 1 per key,
 * a quota of 3 without Period or Offset) holds the keys Alice (value given) and Bob (value generated); Silver
 * covers another stage only and holds Carol; Dave is disabled by default (no Enabled); Eve is in no plan.
 */
function planTemplate() {
  const keyed = { ...OK, ApiKeyRequired: true };
  return apiTemplate({
    Items: resource('items'), Other: resource('other'),
    GetItems: method('GET', keyed, 'Items'), GetOther: method('GET', keyed, 'Other'),
    Prod: stage('prod'), Beta: stage('beta'),
    Gold: { Type: 'AWS::ApiGateway::UsagePlan', Properties: {
      ApiStages: [{ ApiId: { Ref: 'Api' }, Stage: 'prod', Throttle: { '/items/GET': { BurstLimit: 1 }, '/other/GET': {} } }],
      Throttle: { RateLimit: 100 }, Quota: { Limit: 3 },
    } },
    Silver: { Type: 'AWS::ApiGateway::UsagePlan', Properties: { ApiStages: [{ ApiId: { Ref: 'Api' }, Stage: 'beta' }] } },
    Alice: key({ Value: 'alice-key-value-0123456789', Enabled: true }), Bob: key({ Enabled: true }), Carol: key({ Value: 'carol-key-value-0123456789', Enabled: true }),
    Dave: key({ Value: 'dave-key-value-0123456789' }), Eve: key({ Value: 'eve-key-value-0123456789', Enabled: true }),
    GoldAlice: planKey('Gold', 'Alice'), GoldBob: planKey('Gold', 'Bob'), SilverCarol: planKey('Silver', 'Carol'), GoldDave: planKey('Gold', 'Dave'),
  });
}

describe('usage plans read from a hand-written template', () => {
  test('the plan\'s method throttle and its quota (3 a day by default, no offset) hold per key', async () => {
    // GIVEN the API WHEN Alice calls GET /items twice, then GET /other three times
    const sim = Simulation.fromTemplate(planTemplate());
    const alice = { 'x-api-key': 'alice-key-value-0123456789' };
    const items = await statuses(sim, 2, '/items', { stage: 'prod', headers: alice });
    const other = await statuses(sim, 3, '/other', { stage: 'prod', headers: alice });
    // THEN the method throttle stops the second GET /items (not counted in the quota); the quota stops the 4th request
    expect([items, other]).toEqual([[200, 429], [200, 200, 429]]);
    expect(throttledReasons(sim)).toEqual([
      ['GetItems', 'the usage plan Gold throttles the key Alice'],
      ['GetOther', 'the key Alice used its quota of the usage plan Gold (3 per DAY)'],
    ]);
    const plan = sim.world.all(UsagePlan).find((p) => p.logicalId === 'Gold')!;
    expect([plan.throttle, plan.quota]).toEqual([{ rate: 100, burst: Infinity }, { limit: 3, offset: 0, period: 'DAY' }]);
  });

  test('a generated key value works; keys disabled, of another stage\'s plan or of no plan, and no key, are 403', async () => {
    // GIVEN the API
    const sim = Simulation.fromTemplate(planTemplate());
    const bob = sim.apiGateway.apiKey('Bob');
    // WHEN each key calls GET /other on prod
    const results = [];
    for (const value of [bob, 'carol-key-value-0123456789', 'dave-key-value-0123456789', 'eve-key-value-0123456789', 'unknown', undefined]) {
      results.push((await sim.request('Api', { method: 'GET', path: '/other', stage: 'prod', headers: value === undefined ? {} : { 'x-api-key': value } })).status);
    }
    // THEN Bob passes; the others are refused, each with its reason
    expect(bob).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(results).toEqual([200, 403, 403, 403, 403, 403]);
    expect(throttledReasons(sim)).toEqual([
      ['GetOther', 'the API key Carol is in no usage plan of Api\'s stage prod'],
      ['GetOther', 'the API key Dave is disabled'],
      ['GetOther', 'the API key Eve is in no usage plan of Api\'s stage prod'],
      ['GetOther', 'the API key is not one of the template'],
      ['GetOther', 'GET /other requires an API key and the request has none (x-api-key header)'],
    ]);
    // AND Carol's key passes on the stage her plan covers
    expect((await sim.request('Api', { method: 'GET', path: '/other', stage: 'beta', headers: { 'x-api-key': 'carol-key-value-0123456789' } })).status).toBe(200);
  });

  test('a quota\'s Period in lower case is read; a weekly quota restarts on Monday; the root\'s method throttle is keyed //GET', async () => {
    // GIVEN a plan with 1 request a week and a burst of 1 on GET /, holding the key Alice
    const sim = Simulation.fromTemplate(apiTemplate({
      Get: method('GET', { ...OK, ApiKeyRequired: true }), Prod: stage('prod'),
      Weekly: { Type: 'AWS::ApiGateway::UsagePlan', Properties: { ApiStages: [{ ApiId: { Ref: 'Api' }, Stage: 'prod', Throttle: { '//GET': { RateLimit: 1, BurstLimit: 1 } } }], Quota: { Limit: 1, Period: 'week' } } },
      Alice: key({ Value: 'alice-key-value-0123456789', Enabled: true }), WeeklyAlice: planKey('Weekly', 'Alice'),
    }));
    const alice = { 'x-api-key': 'alice-key-value-0123456789' };
    // WHEN Alice calls twice at once on Thursday 1 January, on Sunday 4 January, and on Monday 5 January
    const thursday = await statuses(sim, 2, '/', { headers: alice });
    sim.advance(Duration.days(3));
    const sunday = await statuses(sim, 1, '/', { headers: alice });
    sim.advance(Duration.days(1));
    const monday = await statuses(sim, 1, '/', { headers: alice });
    // THEN the second Thursday request is throttled, Sunday is over the quota, Monday is a new week
    expect([thursday, sunday, monday]).toEqual([[200, 429], [429], [200]]);
    expect(throttledReasons(sim)).toEqual([
      ['Get', 'the usage plan Weekly throttles the key Alice'],
      ['Get', 'the key Alice used its quota of the usage plan Weekly (1 per WEEK)'],
    ]);
  });
});
