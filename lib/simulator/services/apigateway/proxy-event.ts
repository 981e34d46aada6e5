import { RequestScope } from './request-scope';

/**
 * The request as API Gateway hands it to Lambda (payload format 1.0): the proxy integration's event, and the
 * fields a REQUEST authorizer's event shares with it. Headers keep the names the client sent; single-value maps
 * hold the last value; absent maps are `null`, as AWS sends them.
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html)
 */
export interface ProxyEvent {
  readonly resource: string;
  readonly path: string;
  readonly httpMethod: string;
  readonly headers: Record<string, string> | null;
  readonly multiValueHeaders: Record<string, string[]> | null;
  readonly queryStringParameters: Record<string, string> | null;
  readonly multiValueQueryStringParameters: Record<string, string[]> | null;
  readonly pathParameters: Record<string, string> | null;
  readonly stageVariables: Record<string, string> | null;
  readonly requestContext: ProxyRequestContext;
  readonly body: string | null;
  readonly isBase64Encoded: boolean;
}

export interface ProxyRequestContext {
  readonly resourceId: string | undefined;
  readonly resourcePath: string;
  readonly httpMethod: string;
  readonly extendedRequestId: string;
  readonly requestTime: string;
  readonly path: string;
  readonly accountId: string;
  readonly protocol: string;
  readonly stage: string;
  readonly domainPrefix: string;
  readonly requestTimeEpoch: number;
  readonly requestId: string;
  readonly identity: Record<string, string | null>;
  readonly domainName: string;
  readonly apiId: string;
  /** The authorizer's `principalId` and context (strings), or Cognito's `claims`; absent without an authorizer. */
  readonly authorizer?: Record<string, unknown>;
}

function single(values: Record<string, string[]>): Record<string, string> | null {
  let out: Record<string, string> | null = null;
  for (const k in values) (out ??= {})[k] = values[k][values[k].length - 1];
  return out;
}

function multi(values: Record<string, string[]>): Record<string, string[]> | null {
  let out: Record<string, string[]> | null = null;
  for (const k in values) (out ??= {})[k] = values[k];
  return out;
}

/** The fields of the request both events carry. */
export function requestFields(scope: RequestScope): Omit<ProxyEvent, 'body' | 'isBase64Encoded'> {
  const req = scope.request;
  return {
    resource: scope.resourcePath,
    path: req.path,
    httpMethod: req.httpMethod,
    headers: single(req.headers),
    multiValueHeaders: multi(req.headers),
    queryStringParameters: single(req.query),
    multiValueQueryStringParameters: multi(req.query),
    pathParameters: scope.pathParameters,
    stageVariables: stageVariables(scope),
    requestContext: requestContext(scope),
  };
}

function stageVariables(scope: RequestScope): Record<string, string> | null {
  const variables = scope.stage.variables;
  for (const _ in variables) return { ...variables };
  return null;
}

// Built field by field rather than copied from scope.context(): the event is made for every request, and
// spreads and intermediate objects were a fifth of a cached request's time.
function requestContext(scope: RequestScope): ProxyRequestContext {
  const env = scope.world.runtime.environment;
  const caller = scope.caller;
  const identity: Record<string, string | null> = {
    cognitoIdentityPoolId: null, accountId: caller ? env.account : null, cognitoIdentityId: null, caller: caller?.callerId ?? null,
    sourceIp: scope.request.sourceIp, principalOrgId: null, accessKey: null, cognitoAuthenticationType: null,
    cognitoAuthenticationProvider: null, userArn: caller?.userArn ?? null, userAgent: scope.request.header('user-agent') ?? null, user: caller?.callerId ?? null,
  };
  if (scope.apiKeyValue !== undefined) {
    identity.apiKey = scope.apiKeyValue;
    identity.apiKeyId = scope.apiKeyId ?? null;
  }
  const context: { -readonly [K in keyof ProxyRequestContext]: ProxyRequestContext[K] } = {
    resourceId: scope.method.resource?.id,
    resourcePath: scope.resourcePath,
    httpMethod: scope.request.httpMethod,
    extendedRequestId: scope.requestId,
    requestTime: scope.requestTime,
    path: scope.stagePath,
    accountId: env.account,
    protocol: 'HTTP/1.1',
    stage: scope.stage.name,
    domainPrefix: scope.api.id,
    requestTimeEpoch: scope.epochMs,
    requestId: scope.requestId,
    identity,
    domainName: scope.api.domainName(env),
    apiId: scope.api.id,
  };
  if (scope.authorizerContext !== undefined) context.authorizer = scope.authorizerContext;
  return context;
}

/** The Lambda proxy integration's event: the request's fields, then the body (added, not spread: see above). */
export function proxyEvent(scope: RequestScope): ProxyEvent {
  const event = requestFields(scope) as { -readonly [K in keyof ProxyEvent]: ProxyEvent[K] };
  event.body = scope.request.body;
  event.isBase64Encoded = false;
  return event;
}
