import { ResourceNaming, ResourceTypeInfo, Unresolved } from '../../template';
import { ServiceModule } from '../../world/world';
import { API_GATEWAY_CHECKS } from './checks';
import { ApiGatewayFacade } from './facade';
import { apiGatewayId, apiKeyValue } from './ids';
import { RestApi } from './rest-api';
import './trace-events';
import { ApiKey, UsagePlan } from './usage-plan';

/** A type whose Ref is an id of `length` characters, and whose GetAtt `idAttribute` gives the same. */
function idType(type: string, length: 6 | 10, idAttribute?: string): ResourceTypeInfo {
  return {
    type,
    ref: (r) => apiGatewayId(r, length),
    getAtt: (r, a) => (a === idAttribute ? apiGatewayId(r, length) : new Unresolved(`${r.logicalId}.${a}`)),
  };
}

const REST_API: ResourceTypeInfo = {
  type: 'AWS::ApiGateway::RestApi',
  ref: (r) => apiGatewayId(r, 10),
  getAtt: (r, a) => ({ RootResourceId: apiGatewayId(r, 10, '/root'), RestApiId: apiGatewayId(r, 10) })[a] ?? new Unresolved(`${r.logicalId}.${a}`),
};

// Ref of a stage is its name.
const STAGE: ResourceTypeInfo = { type: 'AWS::ApiGateway::Stage', ref: (r: ResourceNaming) => r.prop('StageName') };

const API_KEY: ResourceTypeInfo = idType('AWS::ApiGateway::ApiKey', 10, 'APIKeyId');

/**
 * API Gateway REST APIs: routing through the resource tree, Lambda (TOKEN, REQUEST), Cognito and IAM
 * authorization with the authorizer cache, API keys and usage plans, stage and account throttling on the virtual
 * clock, Lambda proxy, SQS and mock integrations, API Gateway's own answers. Requests come from the facade
 * (`sim.request`); functions are invoked and queues sent to through `world.calls`.
 */
export const API_GATEWAY_SERVICE: ServiceModule<ApiGatewayFacade> = {
  name: 'apigateway',
  resourceTypes: [
    REST_API, STAGE, API_KEY,
    idType('AWS::ApiGateway::Resource', 6, 'ResourceId'),
    idType('AWS::ApiGateway::Authorizer', 6, 'AuthorizerId'),
    idType('AWS::ApiGateway::Deployment', 6, 'DeploymentId'),
    idType('AWS::ApiGateway::UsagePlan', 6, 'Id'),
    idType('AWS::ApiGateway::RequestValidator', 6, 'RequestValidatorId'),
    idType('AWS::ApiGateway::Method', 6),
  ],
  models: [
    { type: 'AWS::ApiGateway::RestApi', create: (r) => RestApi.fromTemplate(r) },
    {
      type: 'AWS::ApiGateway::ApiKey',
      create: (r, world) => new ApiKey(r.logicalId, String(r.ref), r.stringProp('Value') ?? apiKeyValue({ stackName: world.template.stackName, logicalId: r.logicalId }), r.booleanProp('Enabled') ?? false),
    },
    {
      type: 'AWS::ApiGateway::UsagePlan',
      create: (r) => UsagePlan.fromTemplate(r),
      // A key joins a plan through an AWS::ApiGateway::UsagePlanKey, which may come before either in the template.
      link(world) {
        for (const r of world.template.ofType('AWS::ApiGateway::UsagePlanKey')) {
          const plan = world.all(UsagePlan).find((p) => p.id === r.stringProp('UsagePlanId'));
          const key = world.all(ApiKey).find((k) => k.id === r.stringProp('KeyId'));
          if (plan && key) plan.keys.push(key);
        }
      },
    },
  ],
  checks: API_GATEWAY_CHECKS,
  facade: (context) => new ApiGatewayFacade(context),
};
