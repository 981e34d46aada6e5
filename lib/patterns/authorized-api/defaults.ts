import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { API_GATEWAY_LIMITS, DefaultDefinition, SECURE_DEFAULTS } from '../../core';
import { DEFAULT_RESULTS_CACHE_TTL, DEFAULT_TOKEN_SOURCE } from './authorizer';
import { DEFAULT_MANAGED_RULE_GROUPS } from './firewall';
import { ThrottlingOptions } from './props';

/** The defaults of an AuthorizedApi that are choices of this library (AWS's own live in lib/core/limits.ts). */
export const AUTHORIZED_API_DEFAULTS = {
  stageName: 'prod',
  /**
   * Per method: a tenth of the account's default 10,000 rps, so one busy route cannot take the whole Region's
   * budget, which every API of the account shares; the bucket holds two seconds of it.
   */
  throttling: { rateLimit: 1_000, burstLimit: 2_000 } satisfies ThrottlingOptions,
  executionLogLevel: apigateway.MethodLoggingLevel.ERROR,
  logRetention: SECURE_DEFAULTS.logRetention as logs.RetentionDays,
} as const;

/** Every default, with why: the catalog and the docs render this list. */
export const AUTHORIZED_API_DEFAULT_DEFINITIONS: readonly DefaultDefinition[] = [
  { prop: 'endpoint', value: 'ApiEndpoint.regional()', why: 'Clients reach the API in its Region without a CloudFront distribution AWS manages for it (EDGE is the service default); the integration timeout can be raised above 29 s only for Regional and private APIs.', source: 'API Gateway API-model EndpointConfiguration; developer guide, quotas' },
  { prop: 'routes[...].authorization', value: 'the API\'s authorizer', why: 'Every method is authorized unless its route says authorization: \'none\'. No default method option is used: aws-cdk-lib would put the default authorizer on the CORS preflight too (aws-cdk #8615, #21419).' },
  { prop: 'authorizer.resultsCacheTtl', value: `${DEFAULT_RESULTS_CACHE_TTL.toSeconds()}s`, why: 'API Gateway\'s own default, written out in the template for every authorizer type (aws-cdk-lib leaves it out for Cognito). While cached, a policy is reused for every method of the API: see the cache pitfall.', source: API_GATEWAY_LIMITS.authorizerResultTtl.source },
  { prop: 'authorizer.identitySource', value: DEFAULT_TOKEN_SOURCE, why: 'The header a bearer token travels in; TOKEN and Cognito authorizers read one header. REQUEST authorizers have no default: their identity sources are the cache key and must be chosen.' },
  { prop: 'throttling', value: AUTHORIZED_API_DEFAULTS.throttling, why: 'A stage limit on every method (cdk-nag Serverless-APIGWDefaultThrottling): a tenth of the account\'s default 10,000 rps, which every API of the account in the Region shares, with a bucket of two seconds.', source: API_GATEWAY_LIMITS.accountRate.source },
  { prop: 'accessLogGroup', value: 'JSON, encrypted, kept a year', why: 'One JSON line per request with the request id, caller, status, latencies and the authorizer\'s principal and error: what an incident review needs (cdk-nag APIG1, Serverless-APIGWStructuredLogging).' },
  { prop: 'executionLogLevel', value: AUTHORIZED_API_DEFAULTS.executionLogLevel, why: 'Authorizer and integration failures are logged (cdk-nag APIG6, Control Tower CT.APIGATEWAY.PR.1) without INFO\'s per-request volume. The execution log group is made by the pattern, encrypted and kept a year, instead of by API Gateway without either. Data trace stays off: it logs bodies.' },
  { prop: 'tracing', value: true, why: 'X-Ray traces across API Gateway, the authorizer and the integration (cdk-nag Serverless-APIGWXrayEnabled, Control Tower CT.APIGATEWAY.PR.2).' },
  { prop: 'webAcl', value: `WebAclOption.create(): ${DEFAULT_MANAGED_RULE_GROUPS.join(', ')}`, why: 'A public API meets scanners and known-bad inputs first (cdk-nag NIST/PCI APIGWAssociatedWithWAF). The common rule set\'s 8 KB body limit only counts, since API bodies are often larger. WAF logs go to an encrypted log group with the Authorization header redacted.' },
  { prop: 'routes[...].requestValidator', value: 'body and parameters', why: 'Required headers and query strings and a request schema are checked by API Gateway before any integration runs (cdk-nag APIG2).' },
  { prop: 'routes[...].queue', value: 'SQS SendMessage through a role for that queue only', why: 'No function between API and queue: nothing to run, scale or pay for. The role can send to that queue and use its key, nothing else; the body is the message, selected headers its attributes; JSON only (415 otherwise); 202 with the message id.' },
  { prop: 'encryptionKey', value: 'the key of the pattern behind its routes, else a new customer-managed key, yearly rotation', why: 'Log groups are encrypted with a key the account controls (cdk-nag CloudWatchLogGroupEncrypted, Control Tower CT.CLOUDWATCH.PR.3); a composition (an API in front of a fan-out) has one key.' },
  { prop: 'alarms', value: 'server errors: any 5XX within a minute', why: 'A 5XX is a request the API could not serve: a function, queue or topic behind a route failed, the authorizer failed, or an integration timed out; for a message route, a message not sent. Client errors (401, 403, 429) are the callers\' and are not alarmed.' },
  { prop: 'alarmTopic', value: 'the alarm topic of the pattern the routes send to, else a new encrypted topic', why: 'One alarm topic per composition: an API in front of a fan-out notifies the fan-out\'s (cdk-nag CloudWatchAlarmAction: no silent alarm).' },
  { prop: 'logRetention', value: 'ONE_YEAR', why: 'Long enough for an incident review, bounded cost (Control Tower CT.CLOUDWATCH.PR.2 asks for at least 365 days).' },
  { prop: 'cache', value: 'none', why: 'A stage cache is keyed by path and parameters, not by caller, and is billed by the hour; acknowledged for the NIST, HIPAA and PCI packs with that reason.' },
  { prop: 'setAccountCloudWatchRole', value: true, why: 'Execution and access logging fail to deploy until the Region\'s API Gateway account has a CloudWatch Logs role; the pattern sets one per stack, with a customer-managed policy limited to logs.' },
];
