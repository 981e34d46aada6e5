import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import {
  API_GATEWAY_LIMITS, API_GATEWAY_NAMES, Limit, describeRange, formatValue, isKnown, knownText, validateCustomerManagedKey,
} from '../../core';
import { AuthorizedApiProps } from './props';
import { AUTHORIZED_API_RULES as R } from './rules';
import type { Checks } from './checks';

/** A whole number of requests, or of seconds, that is 0 or more. */
const NON_NEGATIVE = (name: string, unit: Limit['unit'] = 'count'): Limit => ({ name, min: 0, max: Infinity, unit, source: 'API Gateway API-model UsagePlan, CorsOptions' });

/**
 * The props AuthorizedApi passes through to aws-cdk-lib, checked so that what aws-cdk-lib, CloudFormation or API
 * Gateway would refuse is refused naming the prop: the stage name, the cache size, CORS, the usage plan's numbers and
 * the key CloudWatch Logs must use for the log groups.
 */
export function checkPassedThrough(c: Checks, props: AuthorizedApiProps): void {
  checkStageName(c, props.stageName);
  const size = props.cache?.size;
  if (size !== undefined && isKnown(size) && !API_GATEWAY_NAMES.cacheClusterSizes.includes(size)) {
    c.error({
      code: R.stageCacheSize,
      prop: 'cache.size',
      value: formatValue(size),
      rule: `is not a cache cluster size API Gateway offers (${API_GATEWAY_NAMES.cacheClusterSizes.join(', ')} GB; ${API_GATEWAY_NAMES.source})`,
      fix: 'Set cache.size to one of the listed sizes, such as \'0.5\'.',
    });
  }
  checkCors(c, props.cors);
  const plan = props.usagePlan;
  c.collector.inRange(R.usagePlan, 'usagePlan.throttle.burstLimit', plan?.throttle?.burstLimit, NON_NEGATIVE('burstLimit'));
  const rate = plan?.throttle?.rateLimit;
  c.collector.expect(rate === undefined || !isKnown(rate) || rate >= 0, {
    code: R.usagePlan,
    prop: 'usagePlan.throttle.rateLimit',
    value: String(rate),
    rule: 'is negative: a usage plan cannot refill fewer than 0 requests a second',
    fix: 'Set usagePlan.throttle.rateLimit to 0 or more.',
  });
  c.collector.inRange(R.usagePlan, 'usagePlan.quota.limit', plan?.quota?.limit, NON_NEGATIVE('quota limit'));
  c.collector.inRange(R.usagePlan, 'usagePlan.quota.offset', plan?.quota?.offset, NON_NEGATIVE('quota offset'));
  validateCustomerManagedKey(c.collector, 'encryptionKey', props.encryptionKey, 'the encrypted access, execution and WAF log groups (CloudWatch Logs)');
}

function checkStageName(c: Checks, stageName: string | undefined): void {
  if (stageName === undefined) return;
  const text = knownText(stageName);
  const limit = API_GATEWAY_LIMITS.stageNameLength;
  const bad = [...new Set([...text.literal].filter((ch) => !API_GATEWAY_NAMES.stageName.test(ch)))];
  const length = text.literal.length;
  const tooLong = length > limit.max;
  c.collector.expect(bad.length === 0 && !tooLong && !(text.complete && length < limit.min), {
    code: R.stageName,
    prop: 'stageName',
    value: formatValue(stageName),
    rule: bad.length > 0
      ? `has characters a stage name cannot have: ${bad.map((ch) => `'${ch}'`).join(', ')} (letters, digits, - and _ only; ${limit.source})`
      : `is ${length} characters long; a stage name takes ${describeRange(limit)} (${limit.source})`,
    fix: 'Use 1 to 128 letters, digits, hyphens and underscores, such as \'prod\'.',
  });
}

/** What aws-cdk-lib refuses in CorsOptions (with its own error, naming no prop), and a maxAge that is not whole seconds. */
function checkCors(c: Checks, cors: apigateway.CorsOptions | undefined): void {
  if (!cors) return;
  const origins = cors.allowOrigins;
  const problem = (prop: string, value: string, rule: string, fix: string) => c.error({ code: R.cors, prop: `cors.${prop}`, value, rule, fix });
  if (origins.length === 0) problem('allowOrigins', '[]', 'names no origin, so no browser could call the API', 'Name the origins, such as [\'https://shop.example.com\'], or apigateway.Cors.ALL_ORIGINS.');
  if (origins.includes('*') && origins.length > 1) problem('allowOrigins', JSON.stringify(origins), 'mixes \'*\' with named origins: the Access-Control-Allow-Origin header takes one or the other', 'Keep \'*\' alone, or name the origins only.');
  const methods = cors.allowMethods ?? [];
  if (methods.includes('ANY') && methods.length > 1) problem('allowMethods', JSON.stringify(methods), 'mixes ANY with other methods', 'Keep ANY alone, or list the methods only.');
  if (cors.maxAge !== undefined && cors.disableCache) problem('maxAge', formatValue(cors.maxAge), 'is given with disableCache, which sets it to -1', 'Keep one of maxAge and disableCache.');
  c.collector.durationInRange(R.cors, 'cors.maxAge', cors.maxAge, NON_NEGATIVE('Access-Control-Max-Age', 'seconds'));
  c.collector.inRange(R.cors, 'cors.statusCode', cors.statusCode, { name: 'statusCode', min: 200, max: 599, unit: 'count', source: 'HTTP status codes of a preflight answer' });
}
