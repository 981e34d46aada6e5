import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AUTHORIZED_API_RULES as R, AuthorizedApi, AuthorizedApiProps } from '../../../lib';
import { apiErrorOf, newStack, tokenApiProps } from './support';

/**
 * What AuthorizedApi passes through to aws-cdk-lib (the stage name, the cache size, CORS, the usage plan, the key):
 * refused naming the prop where aws-cdk-lib, CloudFormation or API Gateway would refuse it; accepted at each limit.
 */

const refused = (more: (stack: Stack) => Partial<AuthorizedApiProps>) =>
  apiErrorOf((stack) => tokenApiProps(stack, more(stack))).problems.map((p) => `${p.prop} [${p.code}]`);

function accepts(more: (stack: Stack) => Partial<AuthorizedApiProps>): Template {
  const stack = newStack();
  new AuthorizedApi(stack, 'Api', tokenApiProps(stack, more(stack)));
  return Template.fromStack(stack);
}

const cors = (options: Partial<apigateway.CorsOptions>): apigateway.CorsOptions => ({ allowOrigins: ['https://shop.example.com'], ...options });

describe('AuthorizedApi: what it passes through', () => {
  test.each([['prod v2'], ['stage.1'], ['s'.repeat(129)], ['']])('fails if stageName is %p', (stageName) => {
    expect(refused(() => ({ stageName }))).toEqual([`stageName [${R.stageName}]`]);
  });

  test('accepts a 128-character stage name of letters, digits, - and _', () => {
    const stageName = `${'a'.repeat(125)}-_1`;
    accepts(() => ({ stageName })).hasResourceProperties('AWS::ApiGateway::Stage', { StageName: stageName });
  });

  test('fails if cache.size is not a size API Gateway offers; accepts 237 GB', () => {
    expect(refused(() => ({ cache: { size: '1' } }))).toEqual([`cache.size [${R.stageCacheSize}]`]);
    accepts(() => ({ cache: { size: '237' } })).hasResourceProperties('AWS::ApiGateway::Stage', { CacheClusterSize: '237' });
  });

  test.each([
    ['no origin', cors({ allowOrigins: [] }), 'cors.allowOrigins'],
    ['\'*\' with a named origin', cors({ allowOrigins: ['*', 'https://a.example.com'] }), 'cors.allowOrigins'],
    ['ANY with another method', cors({ allowMethods: ['ANY', 'GET'] }), 'cors.allowMethods'],
    ['maxAge with disableCache', cors({ maxAge: Duration.seconds(10), disableCache: true }), 'cors.maxAge'],
    ['a maxAge of 1.5 s', cors({ maxAge: Duration.millis(1500) }), 'cors.maxAge'],
    ['statusCode 600', cors({ statusCode: 600 }), 'cors.statusCode'],
  ])('fails if cors has %s', (_what, options, prop) => {
    expect(refused(() => ({ cors: options }))).toEqual([`${prop} [${R.cors}]`]);
  });

  test('accepts cors with maxAge 0 s and statusCode 200', () => {
    accepts(() => ({ cors: cors({ maxAge: Duration.seconds(0), statusCode: 200 }) }));
  });

  test.each([
    ['throttle.burstLimit 2.5', { throttle: { burstLimit: 2.5 } }, 'usagePlan.throttle.burstLimit'],
    ['throttle.rateLimit -1', { throttle: { rateLimit: -1 } }, 'usagePlan.throttle.rateLimit'],
    ['quota.limit 1.5', { quota: { limit: 1.5, period: apigateway.Period.DAY } }, 'usagePlan.quota.limit'],
  ])('fails if usagePlan has %s', (_what, usagePlan, prop) => {
    expect(refused(() => ({ usagePlan }))).toEqual([`${prop} [${R.usagePlan}]`]);
  });

  test('accepts a usage plan at 0 (burst, rate and quota)', () => {
    accepts(() => ({ usagePlan: { throttle: { burstLimit: 0, rateLimit: 0 }, quota: { limit: 0, period: apigateway.Period.DAY } } }));
  });

  test('fails if encryptionKey is an AWS managed key, which CloudWatch Logs cannot use', () => {
    expect(refused((stack) => ({ encryptionKey: kms.Alias.fromAliasName(stack, 'Managed', 'alias/aws/logs') }))).toEqual([`encryptionKey [${R.awsManagedKey}]`]);
  });
});
