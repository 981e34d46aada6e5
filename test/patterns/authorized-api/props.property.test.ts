import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import { AuthorizedApi, AuthorizedApiProps } from '../../../lib';
import { API_GATEWAY_LIMITS, API_GATEWAY_NAMES } from '../../../lib/core';
import {
  Generated, constant, durations, given, materializePaths, numberTokens, optional, patternKeys, valid,
} from '../../support/arbitraries';
import { checkPropsProperty, propertySettings } from '../../support/property';
import { newFunction } from './support';

/**
 * AuthorizedApi's props, at random, for a TOKEN authorizer and one function route: either the pattern refuses them
 * with problems naming every bad prop (and only props that were given), or the stack synthesizes with zero cdk-nag
 * errors on the API's resources and zero cfn-lint errors (one cfn-lint call for all).
 */
const settings = propertySettings(40);

type Fields = Record<string, Generated<unknown>>;

/** Whole numbers ≥ 0 (a token bucket's rate and burst); fractions and negatives are refused. */
const bucketNumbers = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 5_000 }).map((n) => constant('valid', String(n), n)) },
  fc.constantFrom(constant('invalid', '-1', -1), constant('invalid', '2.5', 2.5)),
  numberTokens(100),
);

const STAGE_NAME = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'];
const stageNames = fc.oneof(
  fc.string({ unit: fc.constantFrom(...STAGE_NAME), minLength: 1, maxLength: API_GATEWAY_LIMITS.stageNameLength.max }).map((n) => constant('valid', JSON.stringify(n), n)),
  fc.constantFrom('prod v2', 'stage.1', '', 's'.repeat(129)).map((n) => constant('invalid', n.length > 40 ? `${n.length} characters` : JSON.stringify(n), n)),
);

const cacheSizes = fc.oneof(
  fc.constantFrom(...API_GATEWAY_NAMES.cacheClusterSizes).map((s) => constant('valid', s, s)),
  fc.constantFrom('1', '0.25', '500').map((s) => constant('invalid', s, s)),
);

/** Log levels: ERROR and INFO log failures; OFF is refused (cdk-nag APIG6 and Control Tower need execution logs). */
const logLevels = fc.constantFrom(
  constant('valid', 'ERROR', apigateway.MethodLoggingLevel.ERROR),
  constant('valid', 'INFO', apigateway.MethodLoggingLevel.INFO),
  constant('invalid', 'OFF', apigateway.MethodLoggingLevel.OFF),
);

const retentions = fc.constantFrom(logs.RetentionDays.ONE_WEEK, logs.RetentionDays.ONE_YEAR, logs.RetentionDays.TEN_YEARS)
  .map((r) => constant('valid', `RetentionDays ${r}`, r));

function apiCasesAt(scale: number) {
  const opt = <T>(arb: fc.Arbitrary<T>, skip = 3) => optional(arb, skip * scale);
  return fc.record({
    resultsCacheTtl: opt(durations(API_GATEWAY_LIMITS.authorizerResultTtl)),
    throttlingRate: opt(bucketNumbers),
    throttlingBurst: bucketNumbers,
    stageName: opt(stageNames),
    cacheSize: opt(cacheSizes),
    cacheTtl: opt(durations(API_GATEWAY_LIMITS.cacheTtl)),
    usagePlanBurst: opt(bucketNumbers),
    quotaLimit: opt(bucketNumbers),
    executionLogLevel: opt(logLevels, 4),
    logRetention: opt(retentions),
    encryptionKey: opt(patternKeys()),
    routeThrottlingRate: opt(bucketNumbers, 4),
  }).map((c): Fields => given({
    'authorizer.type': valid('token', () => 'token'),
    'authorizer.function': valid('a function', (scope) => newFunction(Stack.of(scope), 'AuthFn')),
    'authorizer.resultsCacheTtl': c.resultsCacheTtl,
    'routes.GET /orders/{id}.function': valid('a function', (scope) => newFunction(Stack.of(scope), 'GetOrder')),
    'routes.GET /orders/{id}.throttling.rateLimit': c.routeThrottlingRate,
    'routes.GET /orders/{id}.throttling.burstLimit': c.routeThrottlingRate && valid('5000', () => 5_000),
    'throttling.rateLimit': c.throttlingRate,
    'throttling.burstLimit': c.throttlingRate && c.throttlingBurst,
    stageName: c.stageName,
    'cache.size': c.cacheSize,
    'cache.ttl': c.cacheTtl,
    'usagePlan.throttle.burstLimit': c.usagePlanBurst,
    'usagePlan.quota.limit': c.quotaLimit,
    'usagePlan.quota.period': c.quotaLimit && valid('DAY', () => apigateway.Period.DAY),
    executionLogLevel: c.executionLogLevel,
    logRetention: c.logRetention,
    encryptionKey: c.encryptionKey,
  }));
}

const apiCases = fc.oneof({ weight: 1, arbitrary: apiCasesAt(1) }, { weight: 2, arbitrary: apiCasesAt(4) });

describe('AuthorizedApi props, at random', () => {
  test('refused naming each bad prop, or synthesized with zero cdk-nag and zero cfn-lint errors', () => {
    const lint = checkPropsProperty(apiCases, (fields) => ({
      fields,
      build: (stack) => {
        new AuthorizedApi(stack, 'Api', materializePaths<AuthorizedApiProps>(fields, stack));
      },
    }), settings, { nag: 'Api' });
    // Not vacuous: a good share of the cases made an API, and every template made lints without error.
    expect(lint.size).toBeGreaterThanOrEqual(Math.max(1, Math.floor(settings.numRuns / 5)));
    expect(lint.findings()).toEqual([]);
  }, settings.timeout);
});
