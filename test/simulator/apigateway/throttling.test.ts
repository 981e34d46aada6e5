import { App, CfnResource, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { ApiResponse, Simulation } from '../../../lib/simulator';
import { quotaPeriod } from '../../../lib/simulator/services/apigateway';
import { echo, message, testFunction } from './support';

// GIVEN, synthesized once: an API throttled at 10 requests per second, burst 5, for every method, and 1 per
// second, burst 2, for GET /slow; GET /keyed requires an API key of a usage plan (2 per second, burst 3,
// 5 requests a day); a second key is in no plan, a third is disabled
const stack = new Stack(new App(), 'Throttled');
const backend = testFunction(stack, 'Backend');
const api = new apigateway.RestApi(stack, 'Api', {
  deployOptions: {
    stageName: 'prod',
    throttlingRateLimit: 10,
    throttlingBurstLimit: 5,
    methodOptions: { '/slow/GET': { throttlingRateLimit: 1, throttlingBurstLimit: 2 } },
  },
});
const integration = new apigateway.LambdaIntegration(backend);
api.root.addResource('fast').addMethod('GET', integration);
api.root.addResource('other').addMethod('GET', integration);
api.root.addResource('slow').addMethod('GET', integration);
api.root.addResource('keyed').addMethod('GET', integration, { apiKeyRequired: true });
const plan = api.addUsagePlan('Plan', { throttle: { rateLimit: 2, burstLimit: 3 }, quota: { limit: 5, period: apigateway.Period.DAY }, apiStages: [{ api, stage: api.deploymentStage }] });
const key = api.addApiKey('Key', { apiKeyName: 'partner' });
plan.addApiKey(key);
const orphan = api.addApiKey('Orphan', { value: 'orphan-key-value-0123456789' });
const disabled = new apigateway.ApiKey(stack, 'Disabled', { enabled: false });
plan.addApiKey(disabled);

function simulation(): Simulation {
  const sim = Simulation.fromStack(stack);
  echo(sim, backend);
  return sim;
}

/** `n` requests at the current virtual time, all at once. */
async function burst(sim: Simulation, n: number, path: string, headers?: Record<string, string>): Promise<ApiResponse[]> {
  return Promise.all(Array.from({ length: n }, () => sim.request(api, { method: 'GET', path, headers })));
}
const statuses = (rs: ApiResponse[]) => rs.map((r) => r.status);

describe('stage throttling: a token bucket per method on the virtual clock', () => {
  test('a burst of 5 is let through, the 6th is 429 Too Many Requests; 100 ms later one more (10 per second)', async () => {
    const sim = simulation();
    const first = await burst(sim, 6, '/fast');
    expect(statuses(first)).toEqual([200, 200, 200, 200, 200, 429]);
    expect([message(first[5]), first[5].headers['x-amzn-ErrorType']]).toEqual([{ message: 'Too Many Requests' }, 'TooManyRequestsException']);
    await sim.advance(Duration.millis(99));
    expect(statuses(await burst(sim, 1, '/fast'))).toEqual([429]);
    await sim.advance(Duration.millis(1));
    expect(statuses(await burst(sim, 2, '/fast'))).toEqual([200, 429]);
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => e.reason)).toContainEqual(expect.stringMatching(/the stage prod throttles GET \/fast at 10 requests per second, burst 5/));
  });

  test('each method has its own bucket; a method setting overrides the stage\'s limits', async () => {
    const sim = simulation();
    await burst(sim, 5, '/fast');
    expect(statuses(await burst(sim, 5, '/other'))).toEqual([200, 200, 200, 200, 200]);
    expect(statuses(await burst(sim, 3, '/slow'))).toEqual([200, 200, 429]);
    await sim.advance(Duration.seconds(1));
    expect(statuses(await burst(sim, 2, '/slow'))).toEqual([200, 429]);
  });

  test('the account\'s throttle is shared by every method and API', async () => {
    const sim = simulation();
    sim.apiGateway.setAccountThrottle({ rateLimit: 1, burstLimit: 3 });
    expect([...statuses(await burst(sim, 2, '/fast')), ...statuses(await burst(sim, 2, '/other'))]).toEqual([200, 200, 200, 429]);
    expect(sim.events({ type: 'apigateway.rejected' })[0].reason).toMatch(/the account's API Gateway throttle \(1 requests per second, burst 3\)/);
  });
});

describe('API keys and usage plans', () => {
  test('fails with 403 Forbidden without a key, with a key of no plan, or a disabled one', async () => {
    const sim = simulation();
    for (const headers of [undefined, { 'x-api-key': 'not-a-key' }, { 'X-API-Key': sim.apiGateway.apiKey(orphan) }, { 'x-api-key': sim.apiGateway.apiKey(disabled) }] as (Record<string, string> | undefined)[]) {
      const [r] = await burst(sim, 1, '/keyed', headers);
      expect([r.status, message(r), r.headers['x-amzn-ErrorType']]).toEqual([403, { message: 'Forbidden' }, 'ForbiddenException']);
    }
    expect(sim.apiGateway.apiKey(orphan)).toBe('orphan-key-value-0123456789');
  });

  test('a key of the plan passes, throttled by the plan (burst 3) before the stage', async () => {
    const sim = simulation();
    const headers = { 'x-api-key': sim.apiGateway.apiKey(key) };
    expect(sim.apiGateway.apiKey(key)).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(statuses(await burst(sim, 4, '/keyed', headers))).toEqual([200, 200, 200, 429]);
    expect(sim.events({ type: 'apigateway.rejected' })[0].reason).toMatch(/the usage plan .* throttles the key/);
  });

  test('the quota (5 a day) is 429 Limit Exceeded after the 5th request, until the next UTC day', async () => {
    const sim = simulation();
    const headers = { 'x-api-key': sim.apiGateway.apiKey(key) };
    const results: number[] = [];
    for (let i = 0; i < 6; i++) {
      results.push((await sim.request(api, { method: 'GET', path: '/keyed', headers })).status);
      await sim.advance(Duration.seconds(1));
    }
    expect(results).toEqual([200, 200, 200, 200, 200, 429]);
    const [last] = sim.events({ type: 'apigateway.rejected' });
    expect(last.detail).toMatchObject({ responseType: 'QUOTA_EXCEEDED' });
    await sim.advance(Duration.hours(24).minus(Duration.seconds(7)));
    expect((await sim.request(api, { method: 'GET', path: '/keyed', headers })).status).toBe(429);
    await sim.advance(Duration.seconds(1));
    expect((await sim.request(api, { method: 'GET', path: '/keyed', headers })).status).toBe(200);
  });

  test('quota periods are UTC days, Monday-based weeks and calendar months', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(quotaPeriod('DAY', at('2026-01-01T23:59:59.999Z'))).toBe(quotaPeriod('DAY', at('2026-01-01T00:00:00Z')));
    expect(quotaPeriod('DAY', at('2026-01-02T00:00:00Z'))).toBe(quotaPeriod('DAY', at('2026-01-01T00:00:00Z')) + 1);
    // 2026-01-04 is a Sunday, 2026-01-05 a Monday.
    expect(quotaPeriod('WEEK', at('2026-01-04T23:59:59Z'))).toBe(quotaPeriod('WEEK', at('2025-12-29T00:00:00Z')));
    expect(quotaPeriod('WEEK', at('2026-01-05T00:00:00Z'))).toBe(quotaPeriod('WEEK', at('2026-01-04T00:00:00Z')) + 1);
    expect(quotaPeriod('MONTH', at('2026-01-31T23:59:59Z'))).toBe(quotaPeriod('MONTH', at('2026-02-01T00:00:00Z')) - 1);
  });

  test('each refusal and limit is recorded with its whole reason and response type', async () => {
    const sim = simulation();
    const id = (construct: { node: { defaultChild?: unknown } }) => stack.resolve((construct.node.defaultChild as CfnResource).logicalId) as string;
    for (const headers of [undefined, { 'x-api-key': 'not-a-key' }, { 'x-api-key': sim.apiGateway.apiKey(orphan) }, { 'x-api-key': sim.apiGateway.apiKey(disabled) }] as (Record<string, string> | undefined)[]) {
      await burst(sim, 1, '/keyed', headers);
    }
    await burst(sim, 4, '/keyed', { 'x-api-key': sim.apiGateway.apiKey(key) });
    const restApi = sim.apiGateway.restApi(api).logicalId;
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => [e.reason, e.detail?.responseType])).toEqual([
      ['GET /keyed requires an API key and the request has none (x-api-key header)', 'INVALID_API_KEY'],
      ['the API key is not one of the template', 'INVALID_API_KEY'],
      [`the API key ${id(orphan)} is in no usage plan of ${restApi}'s stage prod`, 'INVALID_API_KEY'],
      [`the API key ${id(disabled)} is disabled`, 'INVALID_API_KEY'],
      [`the usage plan ${id(plan)} throttles the key ${id(key)}`, 'THROTTLED'],
    ]);
  });

  test('the quota refusal names the key, the plan and the quota', async () => {
    const sim = simulation();
    const headers = { 'x-api-key': sim.apiGateway.apiKey(key) };
    for (let i = 0; i < 6; i++) {
      await sim.request(api, { method: 'GET', path: '/keyed', headers });
      await sim.advance(Duration.seconds(1));
    }
    const id = (construct: { node: { defaultChild?: unknown } }) => stack.resolve((construct.node.defaultChild as CfnResource).logicalId) as string;
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => e.reason)).toEqual([`the key ${id(key)} used its quota of the usage plan ${id(plan)} (5 per DAY)`]);
  });

  test('the stage and account throttles are recorded with their whole reasons', async () => {
    const sim = simulation();
    await burst(sim, 6, '/fast');
    await burst(sim, 3, '/slow');
    sim.apiGateway.setAccountThrottle({ rateLimit: 1, burstLimit: 1 });
    expect(statuses(await burst(sim, 2, '/other'))).toEqual([200, 429]);
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => [e.reason, e.detail?.responseType])).toEqual([
      ['the stage prod throttles GET /fast at 10 requests per second, burst 5', 'THROTTLED'],
      ['the stage prod throttles GET /slow at 1 requests per second, burst 2', 'THROTTLED'],
      ['the account\'s API Gateway throttle (1 requests per second, burst 1) is used up', 'THROTTLED'],
    ]);
  });
});
