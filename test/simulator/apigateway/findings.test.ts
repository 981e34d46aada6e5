import { App, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { CloudFormationTemplate, Simulation } from '../../../lib/simulator';
import { testFunction } from './support';

// The API Gateway findings, whole: code, severity, resources, message and fix. GIVEN, synthesized once: a
// function (timeout 10 s) behind GET /items/{id} (29 s integration timeout), POST /items (2 s) and ANY /any
// (10 s, at the limit), with a TOKEN authorizer on GET.
const stack = new Stack(new App(), 'ApiFindings');
const backend = testFunction(stack, 'Backend');
const authFn = testFunction(stack, 'AuthFn');
const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { stageName: 'v1' } });
const authorizer = new apigateway.TokenAuthorizer(stack, 'Token', { handler: authFn });
const items = api.root.addResource('items');
items.addResource('{id}').addMethod('GET', new apigateway.LambdaIntegration(backend), { authorizer });
items.addMethod('POST', new apigateway.LambdaIntegration(backend, { timeout: Duration.seconds(2) }));
api.root.addResource('any').addMethod('ANY', new apigateway.LambdaIntegration(backend, { timeout: Duration.seconds(10) }));

// In a hook, so a simulator that throws fails the tests rather than the file.
let original: Simulation;
let ids: { backend: string; authFn: string; api: string };
let restApi: ReturnType<Simulation['apiGateway']['restApi']>;
let authorizerId: string;
beforeAll(() => {
  original = Simulation.fromStack(stack);
  ids = {
    backend: original.lambdaFunction(backend).logicalId,
    authFn: original.lambdaFunction(authFn).logicalId,
    api: original.apiGateway.restApi(api).logicalId,
  };
  restApi = original.apiGateway.restApi(api);
  authorizerId = Object.entries(original.template.template.Resources ?? {}).find(([, r]) => r.Type === 'AWS::ApiGateway::Authorizer')![0];
});
const methodId = (routeKey: string) => restApi.methods.find((m) => m.routeKey === routeKey)!.logicalId;

/** The template without any AWS::Lambda::Permission: API Gateway may invoke no function. */
function withoutPermissions(): Simulation {
  const json = JSON.parse(JSON.stringify(original.template.template)) as CloudFormationTemplate & { Resources: Record<string, { Type: string }> };
  for (const [id, r] of Object.entries(json.Resources)) if (r.Type === 'AWS::Lambda::Permission') delete json.Resources[id];
  return Simulation.fromTemplate(json, { stackName: 'ApiFindings' });
}

describe('API Gateway findings', () => {
  test('a function that may run longer than the integration waits is a warning; at the limit it is not', () => {
    expect(original.findings()).toEqual([{
      code: 'decoupled-sim:api-function-outlasts-integration', severity: 'warning', resources: [ids.backend, methodId('POST /items')],
      message: `${ids.backend} may run 10 s, but POST /items waits 2 s: a slow request is answered 504 while the function runs on`,
      fix: 'Lower the function timeout to the integration timeout (29 s by default) or less.',
    }]);
  });

  test('fails if API Gateway may not invoke the functions: one finding per method and per authorizer, naming the permission to add', () => {
    const sim = withoutPermissions();
    const findings = sim.findings().filter((f) => f.code !== 'decoupled-sim:api-function-outlasts-integration');
    const prefix = sim.apiGateway.restApi(ids.api).executeArnPrefix;
    const authorizerArn = `${prefix}authorizers/${[...sim.apiGateway.restApi(ids.api).authorizers.values()][0].id}`;
    const refusal = (fn: string, from: string) => `no AWS::Lambda::Permission lets apigateway.amazonaws.com invoke ${fn} from ${from}`;
    expect(findings).toEqual([
      {
        code: 'decoupled-sim:api-integration-not-invokable', severity: 'error', resources: [ids.backend, methodId('GET /items/{id}')],
        message: `API Gateway cannot invoke ${ids.backend} for GET /items/{id} in stage v1: ${refusal(ids.backend, `${prefix}v1/GET/items/x`)}; every request gets 500`,
        fix: `Add an AWS::Lambda::Permission for apigateway.amazonaws.com with SourceArn ${prefix}v1/GET/items/* (LambdaIntegration adds it).`,
      },
      {
        code: 'decoupled-sim:api-integration-not-invokable', severity: 'error', resources: [ids.backend, methodId('POST /items')],
        message: `API Gateway cannot invoke ${ids.backend} for POST /items in stage v1: ${refusal(ids.backend, `${prefix}v1/POST/items`)}; every request gets 500`,
        fix: `Add an AWS::Lambda::Permission for apigateway.amazonaws.com with SourceArn ${prefix}v1/POST/items (LambdaIntegration adds it).`,
      },
      {
        code: 'decoupled-sim:api-integration-not-invokable', severity: 'error', resources: [ids.backend, methodId('ANY /any')],
        message: `API Gateway cannot invoke ${ids.backend} for ANY /any in stage v1: ${refusal(ids.backend, `${prefix}v1/GET/any`)}; every request gets 500`,
        fix: `Add an AWS::Lambda::Permission for apigateway.amazonaws.com with SourceArn ${prefix}v1/*/any (LambdaIntegration adds it).`,
      },
      {
        code: 'decoupled-sim:api-authorizer-not-invokable', severity: 'error', resources: [ids.authFn, authorizerId],
        message: `API Gateway cannot invoke the authorizer function ${ids.authFn} of ${authorizerId}: ${refusal(ids.authFn, authorizerArn)}; every request it authorizes gets 500`,
        fix: `Add an AWS::Lambda::Permission for apigateway.amazonaws.com with SourceArn ${authorizerArn} (TokenAuthorizer and RequestAuthorizer add it).`,
      },
    ]);
  });
});
