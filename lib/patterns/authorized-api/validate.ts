import { Duration } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { API_GATEWAY_LIMITS, LAMBDA_LIMITS, describeRange, formatValue, isKnown, withinLimit, exactMillis } from '../../core';
import { Checks } from './checks';
import { ApiEndpoint } from './endpoint';
import { AuthorizedApiAuthorizer, AuthorizedApiProps, ThrottlingOptions } from './props';
import { checkPassedThrough } from './passed-through';
import { AUTHORIZED_API_RULES as R } from './rules';

/** The integration timeout every route gets unless it gives its own. */
export const DEFAULT_INTEGRATION_TIMEOUT = Duration.millis(API_GATEWAY_LIMITS.integrationTimeout.default ?? 29_000);

const HEADER_SOURCE = /^method\.request\.header\.[A-Za-z0-9-_]+$/;
const REQUEST_SOURCE = /^(method\.request\.(header|multivalueheader|querystring|multivaluequerystring)\.[^.\s]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+)$/;

/** The authorizer's own props: cache TTL, identity sources, validation expression, function timeout. */
export function checkAuthorizer(c: Checks, authorizer: AuthorizedApiAuthorizer, functionTimeout: Duration | undefined): void {
  if (authorizer.type === 'iam') return;
  const ttl = authorizer.resultsCacheTtl;
  c.collector.durationInRange(R.cacheTtl, 'authorizer.resultsCacheTtl', ttl, API_GATEWAY_LIMITS.authorizerResultTtl,
    'Set authorizer.resultsCacheTtl to whole seconds in 0–3,600 (0 turns caching off).');
  if (authorizer.type === 'token' || authorizer.type === 'cognito') {
    const source = authorizer.identitySource;
    if (source !== undefined && isKnown(source) && !HEADER_SOURCE.test(source)) {
      c.error({
        code: R.headerIdentitySource,
        prop: 'authorizer.identitySource',
        value: formatValue(source),
        rule: `is not a request header: a ${authorizer.type === 'token' ? 'TOKEN' : 'Cognito'} authorizer reads its token from one header (API Gateway API-model CreateAuthorizer)`,
        fix: 'Use method.request.header.<Name>, or a REQUEST authorizer (type: \'request\') for query strings, stage variables or context.',
      });
    }
  }
  if (authorizer.type === 'token' && authorizer.validationRegex !== undefined && isKnown(authorizer.validationRegex)) {
    try {
      new RegExp(authorizer.validationRegex);
    } catch (e) {
      c.error({
        code: R.validationRegex,
        prop: 'authorizer.validationRegex',
        value: formatValue(authorizer.validationRegex),
        rule: `is not a regular expression (${(e as Error).message})`,
        fix: 'Fix the expression, or remove validationRegex.',
      });
    }
  }
  if (authorizer.type === 'request') {
    const sources = authorizer.identitySources ?? [];
    sources.forEach((source, i) => {
      if (!isKnown(source) || REQUEST_SOURCE.test(source)) return;
      const path = source.startsWith('method.request.path.');
      c.error({
        code: R.requestIdentitySource,
        prop: `authorizer.identitySources[${i}]`,
        value: formatValue(source),
        rule: path
          ? 'is a path parameter, which API Gateway passes to the authorizer but does not accept as an identity source'
          : 'is not a header, query string, stage variable or context variable mapping expression (API Gateway API-model CreateAuthorizer)',
        fix: 'Use method.request.header.X, method.request.querystring.y, stageVariables.z or context.w.',
      });
    });
    const seconds = ttl !== undefined && isKnown(ttl) ? exactMillis(ttl) / 1000 : API_GATEWAY_LIMITS.authorizerResultTtl.default;
    if (sources.length === 0 && seconds !== 0) {
      c.error({
        code: R.cacheWithoutIdentitySource,
        prop: 'authorizer.identitySources',
        value: 'is empty',
        rule: `while results are cached for ${seconds}s: the identity sources are the cache key, and API Gateway requires them when caching is on`,
        fix: 'Give authorizer.identitySources (e.g. method.request.header.Authorization), or set authorizer.resultsCacheTtl to Duration.seconds(0).',
      });
    }
  }
  checkFunctionTimeout(c, 'authorizer.function', functionTimeout, DEFAULT_INTEGRATION_TIMEOUT, 'the authorizer');
}

/** A function's timeout against the integration timeout it answers within. */
export function checkFunctionTimeout(c: Checks, prop: string, timeout: Duration | undefined, integrationTimeout: Duration, what: string): void {
  if (timeout === undefined || !isKnown(timeout) || !isKnown(integrationTimeout)) return;
  // An integration timeout of a fraction of a millisecond is reported by checkIntegrationTimeout; aws-cdk-lib would throw here.
  if (!Number.isInteger(exactMillis(integrationTimeout))) return;
  if (exactMillis(timeout) <= exactMillis(integrationTimeout)) return;
  c.error({
    code: R.functionTimeout,
    prop,
    value: `has a timeout of ${formatValue(timeout)}`,
    rule: `which exceeds the integration timeout of ${formatValue(integrationTimeout)} for ${what}: API Gateway answers 504 while the function goes on running, and is billed (${LAMBDA_LIMITS.timeout.source}; ${API_GATEWAY_LIMITS.integrationTimeout.source})`,
    fix: `Lower the function's timeout to at most ${formatValue(integrationTimeout)}.`,
  });
}

/** An integration timeout: whole milliseconds in 50 ms–29 s; above 29 s only on Regional and private APIs, after a quota increase. */
export function checkIntegrationTimeout(c: Checks, prop: string, timeout: Duration | undefined, endpoint: ApiEndpoint): void {
  if (timeout === undefined || !isKnown(timeout)) return;
  const ms = exactMillis(timeout);
  const range = API_GATEWAY_LIMITS.integrationTimeout;
  if (!c.collector.wholeNumber(R.integrationTimeout, prop, ms, `${ms} ms`, ' milliseconds')) return;
  if (ms > range.max && endpoint.timeoutRaisable) {
    c.warning({
      code: R.integrationTimeoutQuota,
      prop,
      value: formatValue(timeout),
      rule: `is above ${range.max / 1000}s, which a ${endpoint.type} API allows only after a quota increase (Service Quotas, "Maximum integration timeout"); without it the deploy fails (${range.source})`,
      fix: `Request the increase before deploying and acknowledge this warning, or set ${prop} to at most ${range.max / 1000}s.`,
    });
    return;
  }
  c.collector.expect(withinLimit(ms, range), {
    code: R.integrationTimeout,
    prop,
    value: `${ms} ms`,
    rule: `is outside ${range.name}'s allowed range ${describeRange(range)} (${range.source})`,
    fix: `Set ${prop} to ${range.min} ms–${range.max / 1000} s${endpoint.timeoutRaisable ? '' : ' (an edge-optimized API cannot go above 29 s; use ApiEndpoint.regional() for longer)'}.`,
  });
}

/** A rate limit: whole numbers ≥ 0, within the account's defaults, burst at least the rate. */
export function checkThrottling(c: Checks, prop: string, t: ThrottlingOptions | undefined): void {
  if (!t) return;
  let valid = isKnown(t.rateLimit) && isKnown(t.burstLimit);
  for (const [name, value] of [['rateLimit', t.rateLimit], ['burstLimit', t.burstLimit]] as const) {
    if (!isKnown(value)) continue;
    if (!c.collector.wholeNumber(R.throttling, `${prop}.${name}`, value, String(value), '')) {
      valid = false;
    } else if (value < 0) {
      valid = false;
      c.error({
        code: R.throttling,
        prop: `${prop}.${name}`,
        value: String(value),
        rule: 'is negative: a token bucket cannot hold or refill fewer than 0 requests',
        fix: `Set ${prop}.${name} to a whole number ≥ 0.`,
      });
    }
  }
  if (!valid) return;
  for (const [name, value, limit] of [['rateLimit', t.rateLimit, API_GATEWAY_LIMITS.accountRate], ['burstLimit', t.burstLimit, API_GATEWAY_LIMITS.accountBurst]] as const) {
    if (value <= limit.max) continue;
    c.warning({
      code: R.throttlingAboveAccount,
      prop: `${prop}.${name}`,
      value: String(value),
      rule: `is above the account's default ${limit.name} of ${limit.max.toLocaleString('en-US')}, which API Gateway applies first, to every API of the account in the Region together (${limit.source})`,
      fix: `Lower ${prop}.${name} to at most ${limit.max.toLocaleString('en-US')}${name === 'rateLimit' ? ', or raise the account quota' : ' (the account burst cannot be raised)'} and acknowledge this warning.`,
    });
  }
  if (t.burstLimit < t.rateLimit) {
    c.warning({
      code: R.burstBelowRate,
      prop: `${prop}.burstLimit`,
      value: String(t.burstLimit),
      rule: `is below rateLimit ${t.rateLimit}: the bucket holds less than one second of the rate, so traffic that arrives unevenly is answered 429 before the rate is reached`,
      fix: `Set ${prop}.burstLimit to at least ${t.rateLimit}, or acknowledge this warning if the smaller bucket is meant.`,
    });
  }
}

/** The API-wide props: endpoint, logging, cache, usage plan. */
export function checkApi(c: Checks, props: AuthorizedApiProps, endpoint: ApiEndpoint): void {
  checkThrottling(c, 'throttling', props.throttling);
  if (endpoint.type === apigateway.EndpointType.PRIVATE && endpoint.vpcEndpoints.length === 0) {
    c.error({
      code: R.privateWithoutEndpoints,
      prop: 'endpoint',
      value: 'ApiEndpoint.private([])',
      rule: 'has no VPC endpoint: a private API is reachable only through the VPC endpoints its resource policy allows, and would allow none',
      fix: 'Pass the interface VPC endpoints for execute-api: ApiEndpoint.private([endpoint]).',
    });
  }
  if (props.executionLogLevel === apigateway.MethodLoggingLevel.OFF) {
    c.error({
      code: R.executionLogLevel,
      prop: 'executionLogLevel',
      value: '\'OFF\'',
      rule: 'turns execution logging off: authorizer and integration failures would leave no trace (cdk-nag APIG6; Control Tower CT.APIGATEWAY.PR.1)',
      fix: 'Leave executionLogLevel out (ERROR), or use INFO.',
    });
  }
  c.collector.durationInRange(R.stageCacheTtl, 'cache.ttl', props.cache?.ttl, API_GATEWAY_LIMITS.cacheTtl);
  checkPassedThrough(c, props);
}
