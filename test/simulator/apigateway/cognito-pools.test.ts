import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Simulation } from '../../../lib/simulator';
import { echo, testFunction } from './support';

// Which user pools a Cognito authorizer verifies with, and its refusals with their whole reasons. GIVEN,
// synthesized once: GET /mixed behind an authorizer of a pool of the template and a pool of another account;
// GET /foreign behind an authorizer of the foreign pool only; GET /scoped needing the scope orders/read.
const stack = new Stack(new App(), 'CognitoPools');
const pool = new cognito.UserPool(stack, 'Pool');
pool.addClient('Web');
const foreign = cognito.UserPool.fromUserPoolArn(stack, 'Foreign', 'arn:aws:cognito-idp:us-east-1:999999999999:userpool/us-east-1_Foreign1');
const backend = testFunction(stack, 'Backend');
const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { stageName: 'prod' } });
const integration = new apigateway.LambdaIntegration(backend);
const mixed = new apigateway.CognitoUserPoolsAuthorizer(stack, 'Mixed', { cognitoUserPools: [foreign, pool] });
const foreignOnly = new apigateway.CognitoUserPoolsAuthorizer(stack, 'ForeignOnly', { cognitoUserPools: [foreign] });
api.root.addResource('mixed').addMethod('GET', integration, { authorizer: mixed, authorizationType: apigateway.AuthorizationType.COGNITO });
api.root.addResource('foreign').addMethod('GET', integration, { authorizer: foreignOnly, authorizationType: apigateway.AuthorizationType.COGNITO });
api.root.addResource('scoped').addMethod('GET', integration, { authorizer: mixed, authorizationType: apigateway.AuthorizationType.COGNITO, authorizationScopes: ['orders/read'] });

function simulation(): Simulation {
  const sim = Simulation.fromStack(stack);
  echo(sim, backend);
  return sim;
}

describe('the user pools of a Cognito authorizer', () => {
  test('GIVEN a pool outside the template among the ProviderARNs THEN tokens of the template\'s pool still pass', async () => {
    const sim = simulation();
    const { idToken } = await sim.cognito.signIn(pool, { username: 'alice' });
    const r = await sim.request(api, { method: 'GET', path: '/mixed', headers: { Authorization: idToken } });
    expect(r.status).toBe(200);
    expect(sim.events({ type: 'apigateway.rejected' })).toEqual([]);
  });

  test('fails with 401 when none of the authorizer\'s pools is in the template, naming them', async () => {
    const sim = simulation();
    const { idToken } = await sim.cognito.signIn(pool, { username: 'alice' });
    const r = await sim.request(api, { method: 'GET', path: '/foreign', headers: { Authorization: idToken } });
    expect(r.status).toBe(401);
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => [e.reason, e.detail?.responseType])).toEqual([
      ['none of the authorizer\'s user pools (arn:aws:cognito-idp:us-east-1:999999999999:userpool/us-east-1_Foreign1) is in the template', 'UNAUTHORIZED'],
    ]);
  });

  test('fails with 401 for a missing header, or an ID token where a scope is needed, with the whole reason', async () => {
    const sim = simulation();
    const { idToken } = await sim.cognito.signIn(pool, { username: 'alice' });
    await sim.request(api, { method: 'GET', path: '/mixed' });
    await sim.request(api, { method: 'GET', path: '/scoped', headers: { Authorization: idToken } });
    const reasons = sim.events({ type: 'apigateway.rejected' }).map((e) => e.reason);
    expect(reasons[0]).toBe('the identity source method.request.header.Authorization is missing or empty');
    expect(reasons[1]).toMatch(/^GET \/scoped requires an access token with one of the scopes orders\/read: ./);
    expect(reasons).toHaveLength(2);
  });
});
