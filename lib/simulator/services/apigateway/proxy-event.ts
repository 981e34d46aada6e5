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
  const variables = scope.stage.variables;
  return {
    resource: scope.resourcePath,
    path: req.path,
    httpMethod: req.httpMethod,
    headers: single(req.headers),
    multiValueHeaders: multi(req.headers),
    queryStringParameters: single(req.query),
    multiValueQueryStringParameters: multi(req.query),
    pathParameters: scope.pathParameters,
    stageVariables: Object.keys(variables).length === 0 ? null : { ...variables },
    requestContext: requestContext(scope),
  };
}

function requestContext(scope: RequestScope): ProxyRequestContext {
  const c = scope.context() as Record<string, unknown> & { identity: Record<string, string | undefined> };
  const id = c.identity;
  const context: ProxyRequestContext = {
    resourceId: c.resourceId as string | undefined,
    resourcePath: scope.resourcePath,
    httpMethod: scope.request.httpMethod,
    extendedRequestId: scope.requestId,
    requestTime: c.requestTime as string,
    path: c.path as string,
    accountId: c.accountId as string,
    protocol: 'HTTP/1.1',
    stage: scope.stage.name,
    domainPrefix: scope.api.id,
    requestTimeEpoch: scope.epochMs,
    requestId: scope.requestId,
    identity: {
      cognitoIdentityPoolId: null, accountId: id.accountId ?? null, cognitoIdentityId: null, caller: id.caller ?? null,
      sourceIp: id.sourceIp ?? null, principalOrgId: null, accessKey: null, cognitoAuthenticationType: null,
      cognitoAuthenticationProvider: null, userArn: id.userArn ?? null, userAgent: id.userAgent ?? null, user: id.caller ?? null,
      ...(id.apiKey !== undefined ? { apiKey: id.apiKey, apiKeyId: id.apiKeyId ?? null } : {}),
    },
    domainName: c.domainName as string,
    apiId: scope.api.id,
  };
  return scope.authorizerContext === undefined ? context : { ...context, authorizer: scope.authorizerContext };
}

/** The Lambda proxy integration's event. */
export function proxyEvent(scope: RequestScope): ProxyEvent {
  return { ...requestFields(scope), body: scope.request.body, isBase64Encoded: false };
}
