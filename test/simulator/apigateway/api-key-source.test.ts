import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Simulation } from '../../../lib/simulator';
import { echo, policy, testFunction } from './support';

// An API whose API keys come from the authorizer (ApiKeySourceType AUTHORIZER): the key is the authorizer's
// usageIdentifierKey, and the x-api-key header counts for nothing. GIVEN, synthesized once: GET /keyed requires
// a key of a usage plan, behind a TOKEN authorizer without cache.
const stack = new Stack(new App(), 'KeySource');
const backend = testFunction(stack, 'Backend');
const authFn = testFunction(stack, 'Auth');
const api = new apigateway.RestApi(stack, 'Api', { apiKeySourceType: apigateway.ApiKeySourceType.AUTHORIZER, deployOptions: { stageName: 'prod' } });
const authorizer = new apigateway.TokenAuthorizer(stack, 'Token', { handler: authFn, resultsCacheTtl: undefined });
api.root.addResource('keyed').addMethod('GET', new apigateway.LambdaIntegration(backend), { authorizer, apiKeyRequired: true });
const plan = api.addUsagePlan('Plan', { apiStages: [{ api, stage: api.deploymentStage }] });
const key = api.addApiKey('Key', { value: 'partner-key-value-0123456789' });
plan.addApiKey(key);

/** A simulation whose authorizer answers `usageIdentifierKey` (or none). */
function simulation(usageIdentifierKey?: string): Simulation {
  const sim = Simulation.fromStack(stack);
  echo(sim, backend);
  sim.onInvoke(authFn, (e: { methodArn: string }) => ({ ...policy('alice', 'Allow', e.methodArn), ...(usageIdentifierKey ? { usageIdentifierKey } : {}) }));
  return sim;
}

describe('API keys from the authorizer', () => {
  test('GIVEN the authorizer returns a key of the plan THEN the request passes, without an x-api-key header', async () => {
    const sim = simulation('partner-key-value-0123456789');
    const r = await sim.request(api, { method: 'GET', path: '/keyed', headers: { Authorization: 'token' } });
    expect(r.status).toBe(200);
    expect(sim.events({ type: 'apigateway.rejected' })).toEqual([]);
  });

  test('fails with 403 when the authorizer returns no key, even with a valid x-api-key header', async () => {
    const sim = simulation();
    const r = await sim.request(api, { method: 'GET', path: '/keyed', headers: { Authorization: 'token', 'x-api-key': 'partner-key-value-0123456789' } });
    expect(r.status).toBe(403);
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => [e.reason, e.detail?.responseType])).toEqual([
      ['GET /keyed requires an API key and the request has none (the authorizer returned no usageIdentifierKey)', 'INVALID_API_KEY'],
    ]);
  });

  test('fails with 403 when the authorizer returns a key of no template', async () => {
    const sim = simulation('unknown-key-value-0123456789');
    const r = await sim.request(api, { method: 'GET', path: '/keyed', headers: { Authorization: 'token' } });
    expect(r.status).toBe(403);
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => e.reason)).toEqual(['the API key is not one of the template']);
  });
});
