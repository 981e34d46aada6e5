import { API_GATEWAY_LIMITS } from '../../../core/limits';
import { SimulationWorld } from '../../world/world';
import { ApiResponse, IncomingRequest } from './api-request';
import { Answer, gatewayAnswer } from './gateway-answer';
import { GatewayResponseType } from './gateway-responses';
import { authorizeIam, resourcePolicyRefusal } from './iam-authorization';
import { mockAnswer } from './integration-responses';
import { invokeProxy, ProxyOutcome } from './lambda-proxy';
import { Authorization, RequestScope, ScopeApi, SignedCaller } from './request-scope';
import type { RestApi } from './rest-api';
import { sendToQueue } from './sqs-integration';
import { ApiGatewayState, apiGatewayState } from './state';
import type { ApiStage } from './stage';

/** API Gateway's own answer, with why (for the trace). */
interface Rejection {
  readonly type: GatewayResponseType;
  readonly reason: string;
  readonly message?: string;
}

/**
 * One request through a REST API, in API Gateway's order: route (403 Missing Authentication Token when no method
 * matches), resource policy, authorization (IAM, Lambda authorizer, Cognito), API key and usage plan, the stage's
 * throttle for the method, the account's throttle, required parameters, then the integration. Synchronous unless
 * an async Lambda handler has to answer (then a Promise). The clock does not move: the request is made at the
 * current virtual time, and its latency is what the authorizer and the integration took.
 */
export function handleRequest(world: SimulationWorld, api: RestApi, stage: ApiStage, request: IncomingRequest, caller: SignedCaller | undefined): ApiResponse | Promise<ApiResponse> {
  const runtime = world.runtime;
  const state = apiGatewayState(world);
  const now = runtime.clock.now;
  const requestId = runtime.nextId();
  const match = api.route(request.path);
  const method = match?.resource.method(request.httpMethod);
  if (!match || !method) {
    const reason = `no method ${request.httpMethod} on ${request.path} in ${api.logicalId}${match ? ` (${match.resource.path} has ${[...match.resource.methods.keys()].join(', ') || 'no methods'})` : ''}`;
    const answer = gatewayAnswer(api, 'MISSING_AUTHENTICATION_TOKEN', request, { requestId, stage: stage.name });
    return finish(world, state, api, stage, api.logicalId, request, requestId, now, answer, 0, undefined, { type: 'MISSING_AUTHENTICATION_TOKEN', reason });
  }
  const scope = new RequestScope(world, api, stage, request, method, match.pathParameters, requestId, `${api.executeArnPrefix}${stage.name}/${request.httpMethod}${request.path}`, now);
  scope.caller = caller;
  if (request.body !== null && request.body.length * 3 > API_GATEWAY_LIMITS.payloadSize.max && Buffer.byteLength(request.body, 'utf8') > API_GATEWAY_LIMITS.payloadSize.max) {
    return reject(scope, state, { type: 'REQUEST_TOO_LARGE', reason: `the body is over ${API_GATEWAY_LIMITS.payloadSize.max} bytes` });
  }
  const authorization = authorize(scope, state);
  return authorization instanceof Promise ? authorization.then((a) => afterAuthorization(scope, state, a)) : afterAuthorization(scope, state, authorization);
}

function authorize(scope: RequestScope, state: ApiGatewayState): Authorization | Promise<Authorization> {
  const method = scope.method;
  if (method.authorizationType === 'AWS_IAM') return authorizeIam(scope, state);
  const refused = resourcePolicyRefusal(scope);
  if (refused) return refused;
  if (method.authorizationType === 'NONE') return { ok: true, context: undefined };
  const authorizer = method.authorizerId === undefined ? undefined : scope.api.authorizers.get(method.authorizerId);
  if (!authorizer) return { ok: false, type: 'API_CONFIGURATION_ERROR', reason: `${method.logicalId} is ${method.authorizationType} but names no authorizer of the API (${method.authorizerId ?? 'none'})` };
  return authorizer.authorize(scope);
}

function afterAuthorization(scope: RequestScope, state: ApiGatewayState, a: Authorization): ApiResponse | Promise<ApiResponse> {
  if (!a.ok) return reject(scope, state, a);
  scope.authorizerContext = a.context;
  const limited = admit(scope, state, a.usageIdentifierKey);
  if (limited) return reject(scope, state, limited);
  const missing = missingParameters(scope);
  if (missing) return reject(scope, state, missing);
  return integrate(scope, state);
}

/** API key and usage plan, then the stage's bucket for the method, then the account's (AWS-FACTS §5.2). */
function admit(scope: RequestScope, state: ApiGatewayState, usageIdentifierKey: string | undefined): Rejection | undefined {
  const { method, api, stage, now } = scope;
  if (method.apiKeyRequired) {
    const value = api.apiKeySource === 'AUTHORIZER' ? usageIdentifierKey : scope.request.header('x-api-key');
    const key = value === undefined ? undefined : state.apiKey(value);
    if (!key || !key.enabled) return { type: 'INVALID_API_KEY', reason: value === undefined ? `${method.routeKey} requires an API key and the request has none (${api.apiKeySource === 'AUTHORIZER' ? 'the authorizer returned no usageIdentifierKey' : 'x-api-key header'})` : `the API key ${key ? `${key.logicalId} is disabled` : 'is not one of the template'}` };
    const plan = state.planFor(key, api.id, stage.name);
    if (!plan) return { type: 'INVALID_API_KEY', reason: `the API key ${key.logicalId} is in no usage plan of ${api.logicalId}'s stage ${stage.name}` };
    scope.apiKeyId = key.id;
    scope.apiKeyValue = key.value;
    const verdict = plan.admit(key, api.id, stage.name, method, now, scope.epochMs);
    if (verdict === 'throttled') return { type: 'THROTTLED', reason: `the usage plan ${plan.logicalId} throttles the key ${key.logicalId}` };
    if (verdict === 'quota') return { type: 'QUOTA_EXCEEDED', reason: `the key ${key.logicalId} used its quota of the usage plan ${plan.logicalId} (${plan.quota!.limit} per ${plan.quota!.period})` };
  }
  const bucket = stage.bucketFor(method, state.accountLimits);
  if (bucket && !bucket.take(now)) return { type: 'THROTTLED', reason: `the stage ${stage.name} throttles ${method.routeKey} at ${bucket.rate} requests per second, burst ${bucket.burst}` };
  if (!state.account.take(now)) return { type: 'THROTTLED', reason: `the account's API Gateway throttle (${state.account.rate} requests per second, burst ${state.account.burst}) is used up` };
  return undefined;
}

/** A method with a validator of parameters answers 400 when a required header, query string or path value is missing. */
function missingParameters(scope: RequestScope): Rejection | undefined {
  const { method, request } = scope;
  if (method.requiredParameters.length === 0 || method.validatorId === undefined || !scope.api.validators.get(method.validatorId)?.parameters) return undefined;
  const missing = method.requiredParameters.filter((p) => {
    const v = p.location === 'header' ? request.header(p.name) : p.location === 'querystring' ? request.queryValue(p.name) : scope.pathParameters?.[p.name];
    return v === undefined || v === '';
  }).map((p) => p.name);
  if (missing.length === 0) return undefined;
  const message = `Missing required request parameters: [${missing.join(', ')}]`;
  return { type: 'BAD_REQUEST_PARAMETERS', reason: message, message };
}

function integrate(scope: RequestScope, state: ApiGatewayState): ApiResponse | Promise<ApiResponse> {
  const integration = scope.method.integration;
  switch (integration.kind) {
    case 'lambda-proxy': {
      const outcome = invokeProxy(scope, integration);
      return outcome instanceof Promise ? outcome.then((o) => proxied(scope, state, o)) : proxied(scope, state, outcome);
    }
    case 'sqs': {
      const sent = sendToQueue(scope, integration);
      return 'type' in sent ? reject(scope, state, sent) : answered(scope, state, sent, 0, sent.messageId);
    }
    case 'mock': {
      const mocked = mockAnswer(scope, integration.template, integration.responses);
      return 'type' in mocked ? reject(scope, state, mocked) : answered(scope, state, mocked, 0, undefined);
    }
    default:
      throw new Error(`${scope.method.logicalId} (${scope.method.routeKey}) has ${integration.description}, which the simulator does not run: it simulates Lambda proxy, SQS and mock integrations`);
  }
}

function proxied(scope: RequestScope, state: ApiGatewayState, o: ProxyOutcome): ApiResponse {
  if (!o.ok) return reject(scope, state, o, o.latencyMs);
  return answered(scope, state, o.answer, o.latencyMs, undefined);
}

function answered(scope: RequestScope, state: ApiGatewayState, answer: Answer, integrationLatencyMs: number, messageId: string | undefined): ApiResponse {
  return finish(scope.world, state, scope.api, scope.stage, scope.method.logicalId, scope.request, scope.requestId, scope.now, answer, scope.authorizerLatencyMs + integrationLatencyMs, integrationLatencyMs, undefined, messageId);
}

function reject(scope: RequestScope, state: ApiGatewayState, r: Rejection, integrationLatencyMs?: number): ApiResponse {
  const answer = gatewayAnswer(scope.api, r.type, scope.request, scope.context(), r.message);
  return finish(scope.world, state, scope.api, scope.stage, scope.method.logicalId, scope.request, scope.requestId, scope.now, answer, scope.authorizerLatencyMs + (integrationLatencyMs ?? 0), integrationLatencyMs, r);
}

/** The response as the client gets it, with API Gateway's headers; counted in the stage's metrics and traced. */
function finish(world: SimulationWorld, state: ApiGatewayState, api: ScopeApi, stage: ApiStage, resource: string, request: IncomingRequest, requestId: string, now: number,
  answer: Answer, latencyMs: number, integrationLatencyMs: number | undefined, rejection?: Rejection, messageId?: string): ApiResponse {
  const headers: Record<string, string> = { ...answer.headers, 'x-amzn-RequestId': requestId, 'x-amz-apigw-id': requestId };
  if (!hasContentType(answer.headers)) headers['Content-Type'] = 'application/json';
  state.stageMetrics(api, stage).record(now, answer.status, latencyMs, integrationLatencyMs);
  const trace = world.runtime.trace;
  const type = rejection ? 'apigateway.rejected' : 'apigateway.answered';
  if (trace.full) {
    world.runtime.record(type, resource, messageId, rejection?.reason, {
      requestId, method: request.httpMethod, path: request.path, status: answer.status, latencyMs, ...(rejection ? { responseType: rejection.type } : {}),
    });
  } else {
    state.count(type);
  }
  return { status: answer.status, headers, body: answer.body, requestId, latencyMs };
}

function hasContentType(headers: Record<string, string>): boolean {
  for (const k in headers) if (k.length === 12 && k.toLowerCase() === 'content-type') return true;
  return false;
}
