/**
 * What the API Gateway model records in the trace: `resource` is the method's logical id once the request is
 * routed (the API's before), `detail` has `requestId`, `method`, `path` and `status`.
 */
declare module '../../trace' {
  interface TraceEventTypes {
    /** The integration answered (a Lambda proxy response, an SQS send, a mock): `detail.status`, `detail.latencyMs`. */
    'apigateway.answered': true;
    /**
     * API Gateway answered itself (`detail.responseType`: MISSING_AUTHENTICATION_TOKEN, UNAUTHORIZED, ACCESS_DENIED,
     * AUTHORIZER_CONFIGURATION_ERROR, THROTTLED, QUOTA_EXCEEDED, INVALID_API_KEY, BAD_REQUEST_PARAMETERS,
     * INTEGRATION_TIMEOUT…), with the reason.
     */
    'apigateway.rejected': true;
    /** A Lambda authorizer was invoked (`resource` is the authorizer): the cache had no answer for the identity. */
    'apigateway.authorizerInvoked': true;
    /** An authorizer's cached answer (a Lambda authorizer's policy, a verified Cognito token) was used. */
    'apigateway.authorizerCacheHit': true;
  }
}

export {};
