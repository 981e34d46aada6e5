import { TemplateResource } from '../../template';

/**
 * API Gateway's own answers (gateway responses), by response type: the status, the body and the
 * `x-amzn-ErrorType` header a client gets when API Gateway answers instead of the integration. Bodies are the
 * default ones AWS sends, `message` or (for authorization denials) `Message`.
 */
export interface GatewayAnswer {
  readonly status: number;
  /** The `x-amzn-ErrorType` header. */
  readonly errorType: string;
  /** `$context.error.message`: what the default body says. */
  readonly message: string | null;
  /** The body's key: `Message` for access denials, `message` otherwise. */
  readonly key: 'message' | 'Message';
}

export type GatewayResponseType =
  | 'MISSING_AUTHENTICATION_TOKEN' | 'UNAUTHORIZED' | 'ACCESS_DENIED' | 'AUTHORIZER_CONFIGURATION_ERROR' | 'AUTHORIZER_FAILURE'
  | 'INVALID_API_KEY' | 'THROTTLED' | 'QUOTA_EXCEEDED' | 'BAD_REQUEST_PARAMETERS' | 'UNSUPPORTED_MEDIA_TYPE' | 'REQUEST_TOO_LARGE'
  | 'INTEGRATION_TIMEOUT' | 'INTEGRATION_FAILURE' | 'API_CONFIGURATION_ERROR' | 'DEFAULT_5XX' | 'EXPIRED_TOKEN';

const answer = (status: number, errorType: string, message: string | null, key: 'message' | 'Message' = 'message'): GatewayAnswer => ({ status, errorType, message, key });

/**
 * The defaults of each type (API Gateway developer guide, "Gateway response types"; bodies as API Gateway sends
 * them). A Lambda proxy response API Gateway cannot read, and a function error, are 502 "Internal server error"
 * (DEFAULT_5XX); a Lambda throttle or a refused invocation 500.
 */
export const GATEWAY_RESPONSES: Readonly<Record<GatewayResponseType, GatewayAnswer>> = {
  MISSING_AUTHENTICATION_TOKEN: answer(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token'),
  UNAUTHORIZED: answer(401, 'UnauthorizedException', 'Unauthorized'),
  ACCESS_DENIED: answer(403, 'AccessDeniedException', 'User is not authorized to access this resource', 'Message'),
  AUTHORIZER_CONFIGURATION_ERROR: answer(500, 'AuthorizerConfigurationException', null),
  AUTHORIZER_FAILURE: answer(500, 'AuthorizerFailureException', null),
  INVALID_API_KEY: answer(403, 'ForbiddenException', 'Forbidden'),
  THROTTLED: answer(429, 'TooManyRequestsException', 'Too Many Requests'),
  QUOTA_EXCEEDED: answer(429, 'LimitExceededException', 'Limit Exceeded'),
  BAD_REQUEST_PARAMETERS: answer(400, 'BadRequestException', 'Missing required request parameters'),
  UNSUPPORTED_MEDIA_TYPE: answer(415, 'UnsupportedMediaTypeException', 'Unsupported Media Type'),
  REQUEST_TOO_LARGE: answer(413, 'RequestTooLargeException', 'Request Too Long'),
  INTEGRATION_TIMEOUT: answer(504, 'InternalServerErrorException', 'Endpoint request timed out'),
  INTEGRATION_FAILURE: answer(502, 'InternalServerErrorException', 'Internal server error'),
  API_CONFIGURATION_ERROR: answer(500, 'InternalServerErrorException', 'Internal server error'),
  DEFAULT_5XX: answer(500, 'InternalServerErrorException', 'Internal server error'),
  EXPIRED_TOKEN: answer(403, 'ExpiredTokenException', 'The security token included in the request is expired'),
};

/** An AWS::ApiGateway::GatewayResponse: what the API changes in one type's answer (or DEFAULT_4XX / DEFAULT_5XX's). */
export class GatewayResponseSetting {
  constructor(
    public readonly logicalId: string,
    public readonly restApiId: string,
    public readonly responseType: string,
    public readonly statusCode: number | undefined,
    /** `gatewayresponse.header.<Name>` → a static `'value'` or `method.request.header|querystring|path.<name>`. */
    public readonly parameters: Readonly<Record<string, string>>,
    /** Body templates by content type. */
    public readonly templates: Readonly<Record<string, string>>,
  ) {}

  public static fromTemplate(r: TemplateResource): GatewayResponseSetting {
    const record = (name: string) => (r.prop(name) ?? {}) as Record<string, string>;
    return new GatewayResponseSetting(r.logicalId, r.stringProp('RestApiId') ?? '', r.stringProp('ResponseType') ?? '', r.numberProp('StatusCode'), record('ResponseParameters'), record('ResponseTemplates'));
  }
}
