import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { API_GATEWAY_LIMITS } from '../../core';
import { StageCacheOptions, ThrottlingOptions } from './props';
import { RouteKey } from './route-key';

/** The stage-wide method setting and the per-route ones, as CloudFormation's `MethodSettings`. */
export interface StageSettingsInput {
  readonly loggingLevel: apigateway.MethodLoggingLevel;
  readonly throttling: ThrottlingOptions;
  readonly cache?: StageCacheOptions;
  readonly routes: readonly { readonly route: RouteKey; readonly throttling: ThrottlingOptions }[];
}

/** `/orders/{id}` as a method setting's resource path: slashes escaped as `~1`. */
export function methodSettingPath(path: string): string {
  return `/${path.replace(/\//g, '~1')}`;
}

/**
 * The stage's method settings: one for every method (`*` on `/*`: logging, throttling, cache), which the nag
 * packs and Control Tower's controls read, then one per route with its own throttling.
 */
export function methodSettings(input: StageSettingsInput): apigateway.CfnStage.MethodSettingProperty[] {
  const cacheTtl = input.cache?.ttl?.toSeconds() ?? API_GATEWAY_LIMITS.cacheTtl.default;
  const all: apigateway.CfnStage.MethodSettingProperty = {
    httpMethod: '*',
    resourcePath: '/*',
    loggingLevel: input.loggingLevel,
    dataTraceEnabled: false,
    metricsEnabled: false,
    throttlingRateLimit: input.throttling.rateLimit,
    throttlingBurstLimit: input.throttling.burstLimit,
    ...(input.cache ? { cachingEnabled: true, cacheDataEncrypted: true, cacheTtlInSeconds: cacheTtl } : {}),
  };
  return [all, ...input.routes.map(({ route, throttling }) => ({
    httpMethod: route.method === 'ANY' ? '*' : route.method,
    resourcePath: methodSettingPath(route.path),
    loggingLevel: input.loggingLevel,
    dataTraceEnabled: false,
    throttlingRateLimit: throttling.rateLimit,
    throttlingBurstLimit: throttling.burstLimit,
  }))];
}
