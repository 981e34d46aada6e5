import { App, CfnResource, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { ApiResponse, Simulation } from '../../../lib/simulator';
import { echo, testFunction } from './support';

// A usage plan's per-method throttle and its quota Offset (requests fewer in the first period), per key.
// GIVEN, synthesized once: GET /a and GET /b require a key of a plan throttling GET /a at 1 per second, burst 1,
// with a quota of 3 a day, offset 1; two keys of the plan.
const stack = new Stack(new App(), 'Plans');
const backend = testFunction(stack, 'Backend');
const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { stageName: 'prod' } });
const integration = new apigateway.LambdaIntegration(backend);
const a = api.root.addResource('a').addMethod('GET', integration, { apiKeyRequired: true });
api.root.addResource('b').addMethod('GET', integration, { apiKeyRequired: true });
const plan = api.addUsagePlan('Plan', { quota: { limit: 3, offset: 1, period: apigateway.Period.DAY } });
plan.addApiStage({ api, stage: api.deploymentStage, throttle: [{ method: a, throttle: { rateLimit: 1, burstLimit: 1 } }] });
const first = api.addApiKey('First', { value: 'first-key-value-0123456789' });
const second = api.addApiKey('Second', { value: 'second-key-value-0123456789' });
plan.addApiKey(first);
plan.addApiKey(second);
const id = (c: { node: { defaultChild?: unknown } }) => stack.resolve((c.node.defaultChild as CfnResource).logicalId) as string;

async function get(sim: Simulation, path: string, key: string): Promise<number> {
  const r: ApiResponse = await sim.request(api, { method: 'GET', path, headers: { 'x-api-key': key } });
  return r.status;
}

describe('usage plan method throttles and quota offset', () => {
  test('the method throttle holds per key; the first day allows the limit less the offset, later days the whole limit', async () => {
    const sim = Simulation.fromStack(stack);
    echo(sim, backend);
    const [k1, k2] = ['first-key-value-0123456789', 'second-key-value-0123456789'];
    // Day 1: GET /a twice at once (the second throttled, not counted), GET /b, then the quota (3 - 1) is used up
    expect([await get(sim, '/a', k1), await get(sim, '/a', k1), await get(sim, '/b', k1), await get(sim, '/b', k1)]).toEqual([200, 429, 200, 429]);
    // The other key has its own bucket and quota
    expect([await get(sim, '/a', k2), await get(sim, '/b', k2), await get(sim, '/b', k2)]).toEqual([200, 200, 429]);
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => [e.reason, e.detail?.responseType])).toEqual([
      [`the usage plan ${id(plan)} throttles the key ${id(first)}`, 'THROTTLED'],
      [`the key ${id(first)} used its quota of the usage plan ${id(plan)} (3 per DAY)`, 'QUOTA_EXCEEDED'],
      [`the key ${id(second)} used its quota of the usage plan ${id(plan)} (3 per DAY)`, 'QUOTA_EXCEEDED'],
    ]);
    // Day 2: the whole limit of 3, no offset
    await sim.advance(Duration.days(1));
    const day2: number[] = [];
    for (let i = 0; i < 4; i++) day2.push(await get(sim, '/b', k1));
    expect(day2).toEqual([200, 200, 200, 429]);
    // The method's bucket has refilled for the other key too
    expect(await get(sim, '/a', k2)).toBe(200);
  });
});
