import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ApiEndpoint } from './endpoint';
import { WebAclOption } from './firewall';
import { MessageValue } from './message-value';

/** What every Lambda authorizer shares. */
interface LambdaAuthorizerBase {
  /** The authorizer function. API Gateway invokes it synchronously; it must answer within the integration timeout. */
  readonly function: lambda.IFunction;
  /**
   * How long API Gateway keeps the authorizer's policy for one identity (0–3,600 s; 0 turns caching off).
   * While cached, the policy is reused for EVERY method of the API called with that identity: return a policy
   * that covers every method the caller may use, not only `event.methodArn` (docs/patterns/authorized-api.md).
   * @default Duration.seconds(300)
   */
  readonly resultsCacheTtl?: Duration;
  /**
   * The timeout of an imported `function`, which the pattern cannot read: checked against the integration timeout.
   * @default - read from the function; unchecked for an imported function
   */
  readonly functionTimeout?: Duration;
}

/** A Lambda TOKEN authorizer: the function receives one header's value (a bearer token). */
export interface TokenAuthorizerOptions extends LambdaAuthorizerBase {
  readonly type: 'token';
  /**
   * Where the token is: a request header, `method.request.header.<Name>`. It is also the cache key.
   * @default 'method.request.header.Authorization'
   */
  readonly identitySource?: string;
  /**
   * A regular expression the token must match; API Gateway answers 401 without invoking the function otherwise.
   * @default - every token reaches the function
   */
  readonly validationRegex?: string;
}

/** A Lambda REQUEST authorizer: the function receives headers, query string, path, stage variables and context. */
export interface RequestAuthorizerOptions extends LambdaAuthorizerBase {
  readonly type: 'request';
  /**
   * The request values that identify a caller (`method.request.header.X`, `method.request.querystring.y`,
   * `stageVariables.z`, `context.w`). A request missing any of them is answered 401 without invoking the
   * function. Together they are the cache key, so they are required while caching is on.
   * @default - none; then resultsCacheTtl must be 0
   */
  readonly identitySources?: string[];
  /**
   * Adds the method and the resource path to the cache key (`context.httpMethod`, `context.resourcePath`), so a
   * cached policy is only reused for the route it was returned for. Costs one invocation per identity per route.
   * The method ARN carries the path, not the resource: for a route with a path variable the policy must name the
   * resource with a wildcard (`…/GET/orders/*`), not `event.methodArn`.
   * @default false - the cache key is the identity sources, and the policy must cover every route
   */
  readonly cachePerRoute?: boolean;
}

/** An Amazon Cognito user pool authorizer: API Gateway verifies the token itself. */
export interface CognitoAuthorizerOptions {
  readonly type: 'cognito';
  /** The user pool whose tokens are accepted. */
  readonly userPool: cognito.IUserPool;
  /**
   * More user pools whose tokens are also accepted.
   * @default - only userPool
   */
  readonly additionalUserPools?: cognito.IUserPool[];
  /**
   * OAuth scopes a method requires (one of them) unless a route gives its own. A method with scopes accepts access
   * tokens carrying one of them; a method without accepts ID tokens.
   * @default - no scopes: ID tokens
   */
  readonly scopes?: string[];
  /**
   * The header that carries the token, `method.request.header.<Name>`.
   * @default 'method.request.header.Authorization'
   */
  readonly identitySource?: string;
  /**
   * How long API Gateway keeps a token's verification (0–3,600 s), written out in the template.
   * @default Duration.seconds(300)
   */
  readonly resultsCacheTtl?: Duration;
}

/** IAM authorization: callers sign requests with SigV4 and need `execute-api:Invoke` (`api.grantInvoke`). */
export interface IamAuthorizerOptions {
  readonly type: 'iam';
}

/** How the API authorizes every method that does not say otherwise. */
export type AuthorizedApiAuthorizer = TokenAuthorizerOptions | RequestAuthorizerOptions | CognitoAuthorizerOptions | IamAuthorizerOptions;

/** A request-rate limit: a token bucket of `burstLimit` requests refilled at `rateLimit` per second. */
export interface ThrottlingOptions {
  /** Requests per second, steady. A whole number. */
  readonly rateLimit: number;
  /** The most requests at once (the bucket). A whole number, at least rateLimit. */
  readonly burstLimit: number;
}

/**
 * One route: `'METHOD /path'` to a Lambda function (proxy integration), to an SQS queue or to an SNS topic (service
 * integrations). Exactly one of `function`, `queue` and `topic`.
 */
export interface ApiRoute {
  /**
   * The function that answers (Lambda proxy integration).
   * @default - queue or topic is used
   */
  readonly function?: lambda.IFunction;
  /**
   * The queue the request body is sent to, without a function in between (202 with the message id). A queue another
   * pattern made (`fanOut.queue(name)`) is sent to with that pattern's key.
   * @default - function or topic is used
   */
  readonly queue?: sqs.IQueue;
  /**
   * The topic the request body is published to, without a function in between (202 with the message id): a
   * TopicFanOut's `topic` delivers it to every subscriber whose filter matches the headers in `messageAttributes`.
   * @default - function or queue is used
   */
  readonly topic?: sns.ITopic;
  /**
   * How this route is authorized when it is not by the API's authorizer: `'none'` makes it public, the only way
   * to get a method without authorization; `'iam'` requires SigV4-signed requests.
   * @default - the API's authorizer
   */
  readonly authorization?: 'none' | 'iam';
  /**
   * The OAuth scopes this route requires (Cognito authorizer only).
   * @default - the authorizer's scopes
   */
  readonly scopes?: string[];
  /**
   * Whether callers must send an API key of the API's usage plan (`X-API-Key` header).
   * @default false
   */
  readonly apiKeyRequired?: boolean;
  /**
   * A rate limit for this route, instead of the API's.
   * @default - the API's throttling
   */
  readonly throttling?: ThrottlingOptions;
  /**
   * A JSON schema the request body must match (`application/json`); API Gateway answers 400 otherwise.
   * @default - the body is not validated
   */
  readonly requestSchema?: apigateway.JsonSchema;
  /**
   * Request headers that must be present; API Gateway answers 400 otherwise.
   * @default - none (headers mapped to the message are added)
   */
  readonly requiredHeaders?: string[];
  /**
   * Query string parameters that must be present; API Gateway answers 400 otherwise.
   * @default - none
   */
  readonly requiredQueryStrings?: string[];
  /**
   * How long API Gateway waits for the integration: 50 ms to 29 s (above 29 s only for Regional and private
   * APIs, after a quota increase).
   * @default Duration.seconds(29)
   */
  readonly integrationTimeout?: Duration;
  /**
   * The timeout of an imported `function`, which the pattern cannot read: checked against the integration timeout.
   * @default - read from the function; unchecked for an imported function
   */
  readonly functionTimeout?: Duration;
  /**
   * The message group id (FIFO queues and topics only, and required for them).
   * @default - none
   */
  readonly messageGroupId?: MessageValue;
  /**
   * The deduplication id (FIFO queues and topics only).
   * @default - none with content-based deduplication, else the request id (every request is its own message)
   */
  readonly messageDeduplicationId?: MessageValue;
  /**
   * Request headers copied to the message as String attributes of the same name (at most 10). Each becomes a
   * required header. On a topic route they are what subscription filter policies match.
   * @default - none
   */
  readonly messageAttributes?: string[];
}

/** A usage plan for the API's stage, for API keys and per-client limits. */
export interface UsagePlanOptions {
  /**
   * Per-client rate limit (best effort: not a security or cost control).
   * @default - the stage's limits only
   */
  readonly throttle?: apigateway.ThrottleSettings;
  /**
   * Requests per client per day, week or month.
   * @default - no quota
   */
  readonly quota?: apigateway.QuotaSettings;
  /**
   * Where the API key is read: the `X-API-Key` header, or the Lambda authorizer's `usageIdentifierKey`.
   * @default apigateway.ApiKeySourceType.HEADER
   */
  readonly apiKeySource?: apigateway.ApiKeySourceType;
}

/** A stage cache: a cost per hour, and a risk for authorized APIs (see docs). */
export interface StageCacheOptions {
  /**
   * The cache cluster size in GB (`0.5`, `1.6`, `6.1`, `13.5`, `28.4`, `58.2`, `118`, `237`).
   * @default '0.5'
   */
  readonly size?: string;
  /**
   * How long responses are cached (0–3,600 s).
   * @default Duration.seconds(300)
   */
  readonly ttl?: Duration;
}

/** Props of {@link AuthorizedApi}. */
export interface AuthorizedApiProps {
  /** How every method is authorized unless its route says `authorization: 'none'` or `'iam'`. */
  readonly authorizer: AuthorizedApiAuthorizer;
  /**
   * The routes, by `'METHOD /path'` key. More can be added with `api.addRoute`.
   * @default - none
   */
  readonly routes?: Record<string, ApiRoute>;
  /**
   * The rate limit of each method of the stage.
   * @default { rateLimit: 1000, burstLimit: 2000 }
   */
  readonly throttling?: ThrottlingOptions;
  /**
   * The API's name.
   * @default - the construct path
   */
  readonly restApiName?: string;
  /**
   * The stage's name, the first part of every path.
   * @default 'prod'
   */
  readonly stageName?: string;
  /**
   * Regional, edge-optimized, or private (reachable only through interface VPC endpoints).
   * @default ApiEndpoint.regional()
   */
  readonly endpoint?: ApiEndpoint;
  /**
   * More statements for the API's resource policy (a private endpoint adds its own).
   * @default - no resource policy for Regional and edge APIs
   */
  readonly policy?: iam.PolicyDocument;
  /**
   * Cross-origin requests: adds a public OPTIONS preflight method to every resource, and CORS headers to
   * API Gateway's own 4XX and 5XX answers so browsers can read a 401.
   * @default - no CORS
   */
  readonly cors?: apigateway.CorsOptions;
  /**
   * The AWS WAF web ACL in front of the stage.
   * @default WebAclOption.create() - a web ACL with AWS managed rule groups, logging to an encrypted log group
   */
  readonly webAcl?: WebAclOption;
  /**
   * A usage plan for the stage (API keys, per-client throttling and quotas).
   * @default - no usage plan
   */
  readonly usagePlan?: UsagePlanOptions;
  /**
   * A custom domain for the API.
   * @default - only the execute-api URL
   */
  readonly domainName?: apigateway.DomainNameOptions;
  /**
   * Whether the default execute-api URL is turned off (with a custom domain).
   * @default false
   */
  readonly disableExecuteApiEndpoint?: boolean;
  /**
   * A stage cache cluster (encrypted).
   * @default - no cache
   */
  readonly cache?: StageCacheOptions;
  /**
   * The key that encrypts the access, execution and WAF log groups the pattern makes.
   * @default - the key of the pattern that made the queues of `routes` (a TopicFanOut's, a QueueConsumer's), when they
   * share one the app can edit in this stack, so the composition has one key; else a new customer-managed key with yearly rotation
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * Whether to alarm on server errors: any 5XX answer of the stage within a minute (a function, queue or topic behind
   * a route failing, the authorizer failing, an integration timing out). `false` to make your own from
   * `api.metricServerError()`.
   * @default true
   */
  readonly alarms?: boolean;
  /**
   * The topic the alarm notifies.
   * @default - the alarm topic of the pattern the routes send to (a TopicFanOut's, a QueueConsumer's), when they all
   * send to one, so the composition has one alarm topic; else a new topic encrypted with encryptionKey
   */
  readonly alarmTopic?: sns.ITopic;
  /**
   * Where the JSON access log goes.
   * @default - a new log group encrypted with encryptionKey, kept a year
   */
  readonly accessLogGroup?: logs.ILogGroup;
  /**
   * How long the log groups the pattern makes keep their events.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Execution logging: ERROR or INFO (INFO logs every request's processing; verbose and costly).
   * @default apigateway.MethodLoggingLevel.ERROR
   */
  readonly executionLogLevel?: apigateway.MethodLoggingLevel;
  /**
   * Whether the pattern sets the Region's API Gateway CloudWatch Logs role (an account-wide setting that execution
   * and access logging need). Turn off when the account already has one.
   * @default true
   */
  readonly setAccountCloudWatchRole?: boolean;
}
