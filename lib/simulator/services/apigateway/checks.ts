import { Finding } from '../../checks/finding';
import { Caller } from '../../world/calls';
import { Check, SimulationWorld } from '../../world/world';
import { functionByName } from '../lambda/function';
import { LambdaAuthorizer } from './lambda-authorizer';
import { ApiMethod } from './method';
import { RestApi } from './rest-api';

/** A method ARN a request to `method` in `stage` would have: path variables stand for `x`. */
function sampleMethodArn(api: RestApi, stage: string, method: ApiMethod): string {
  const path = (method.resource?.path ?? '/').replace(/\{[^}]+\}/g, 'x');
  return `${api.executeArnPrefix}${stage}/${method.httpMethod === 'ANY' ? 'GET' : method.httpMethod}${path}`;
}

function apiGateway(sourceArn: string, world: SimulationWorld): Caller {
  return { kind: 'service', principal: 'apigateway.amazonaws.com', sourceArn, sourceAccount: world.runtime.environment.account };
}

/** A Lambda proxy method whose function does not let API Gateway invoke it from this method: every request 500. */
export const integrationNotInvokable: Check = (world) => world.all(RestApi).flatMap((api) => api.methods.flatMap((method): Finding[] => {
  const integration = method.integration;
  if (integration.kind !== 'lambda-proxy') return [];
  for (const stage of api.stages.keys()) {
    const call = world.calls.bind(apiGateway(sampleMethodArn(api, stage, method), world), 'lambda:InvokeFunction', integration.functionArn);
    if (call.found && call.refusal !== undefined) {
      return [{
        code: 'decoupled-sim:api-integration-not-invokable', severity: 'error', resources: [call.logicalId!, method.logicalId],
        message: `API Gateway cannot invoke ${call.logicalId} for ${method.routeKey} in stage ${stage}: ${call.refusal}; every request gets 500`,
        fix: `Add an AWS::Lambda::Permission for apigateway.amazonaws.com with SourceArn ${api.executeArnPrefix}${stage}/${method.httpMethod === 'ANY' ? '*' : method.httpMethod}${(method.resource?.path ?? '/').replace(/\{[^}]+\}/g, '*')} (LambdaIntegration adds it).`,
      }];
    }
  }
  return [];
}));

/** A Lambda authorizer whose function API Gateway may not invoke: every request it authorizes 500. */
export const authorizerNotInvokable: Check = (world) => world.all(RestApi).flatMap((api) => [...api.authorizers.values()].flatMap((a): Finding[] => {
  if (!(a instanceof LambdaAuthorizer) || a.credentials !== undefined) return [];
  const call = world.calls.bind(apiGateway(`${api.executeArnPrefix}authorizers/${a.id}`, world), 'lambda:InvokeFunction', a.functionArn);
  if (!call.found || call.refusal === undefined) return [];
  return [{
    code: 'decoupled-sim:api-authorizer-not-invokable', severity: 'error', resources: [call.logicalId!, a.logicalId],
    message: `API Gateway cannot invoke the authorizer function ${call.logicalId} of ${a.logicalId}: ${call.refusal}; every request it authorizes gets 500`,
    fix: `Add an AWS::Lambda::Permission for apigateway.amazonaws.com with SourceArn ${api.executeArnPrefix}authorizers/${a.id} (TokenAuthorizer and RequestAuthorizer add it).`,
  }];
}));

/** An SQS route whose role may not send to the queue (its policies, the queue policy, the queue's key): every request 5XX. */
export const queueRouteRefused: Check = (world) => world.all(RestApi).flatMap((api) => api.methods.flatMap((method): Finding[] => {
  const integration = method.integration;
  if (integration.kind !== 'sqs') return [];
  if (integration.credentials === undefined) {
    return [{ code: 'decoupled-sim:api-queue-route-refused', severity: 'error', resources: [method.logicalId], message: `${method.routeKey} sends to ${integration.queueArn} without Credentials: API Gateway has no role to call SQS with`, fix: 'Give the integration a role (credentialsRole) that may sqs:SendMessage to the queue.' }];
  }
  const call = world.calls.bind({ kind: 'role', roleArn: integration.credentials, roleKind: 'integration role', runsIn: api.logicalId }, 'sqs:SendMessage', integration.queueArn);
  if (!call.found || call.refusal === undefined) return [];
  return [{
    code: 'decoupled-sim:api-queue-route-refused', severity: 'error', resources: [method.logicalId, call.logicalId!],
    message: `${method.routeKey} cannot send to ${call.logicalId}: ${call.refusal}; every request gets the integration's answer to SQS's 4XX`,
    fix: 'Let the integration role send to the queue (sqs:SendMessage) and use its key (kms:GenerateDataKey, kms:Decrypt), in its policies and the key policy.',
  }];
}));

/** A proxy integration whose function may run longer than the integration waits: 504 while the function runs on, billed. */
export const functionOutlastsIntegration: Check = (world) => world.all(RestApi).flatMap((api) => api.methods.flatMap((method): Finding[] => {
  const integration = method.integration;
  if (integration.kind !== 'lambda-proxy') return [];
  const fn = functionByName(world, integration.functionArn);
  if (!fn || fn.settings.timeoutMs <= integration.timeoutMs) return [];
  return [{
    code: 'decoupled-sim:api-function-outlasts-integration', severity: 'warning', resources: [fn.logicalId, method.logicalId],
    message: `${fn.logicalId} may run ${fn.settings.timeoutMs / 1000} s, but ${method.routeKey} waits ${integration.timeoutMs / 1000} s: a slow request is answered 504 while the function runs on`,
    fix: 'Lower the function timeout to the integration timeout (29 s by default) or less.',
  }];
}));

export const API_GATEWAY_CHECKS: readonly Check[] = [integrationNotInvokable, authorizerNotInvokable, queueRouteRefused, functionOutlastsIntegration];
