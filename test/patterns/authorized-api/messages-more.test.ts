import { Duration } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AuthorizedApi, TopicFanOut } from '../../../lib';
import { apiErrorOf, newFunction, newStack, tokenApiProps, validationErrorOf, warningsOf } from './support';

// The messages messages.test.ts does not cover yet, in full: the value, the rule with its source, the fix and the path.

const TOPIC_ARN = 'arn:aws:sns:eu-west-1:111111111111:t';

describe('AuthorizedApi messages: caches, CORS, usage plans, keys and open methods', () => {
  test('fails if the authorizer caches 3,601 s, one past API Gateway\'s limit', () => {
    expect(apiErrorOf((s) => tokenApiProps(s, { authorizer: { type: 'token', function: newFunction(s, 'A'), resultsCacheTtl: Duration.seconds(3601) } })).problems).toEqual([
      {
        code: 'decoupled:authorized-api/cache-ttl',
        prop: 'authorizer.resultsCacheTtl',
        value: '3601s',
        rule: 'is outside authorizerResultTtlInSeconds\'s allowed range 0–3,600 seconds (API Gateway API-model CreateAuthorizer)',
        fix: 'Set authorizer.resultsCacheTtl to whole seconds in 0–3,600 (0 turns caching off).',
        path: 'Test/Api',
      },
    ]);
  });

  test('fails if cors names no origin', () => {
    expect(apiErrorOf((s) => tokenApiProps(s, { cors: { allowOrigins: [] } })).problems).toEqual([
      {
        code: 'decoupled:authorized-api/cors',
        prop: 'cors.allowOrigins',
        value: '[]',
        rule: 'names no origin, so no browser could call the API',
        fix: 'Name the origins, such as [\'https://shop.example.com\'], or apigateway.Cors.ALL_ORIGINS.',
        path: 'Test/Api',
      },
    ]);
  });

  test('fails if the stage cache size is not one API Gateway offers', () => {
    expect(apiErrorOf((s) => tokenApiProps(s, { cache: { size: '0.4' } })).problems).toEqual([
      {
        code: 'decoupled:authorized-api/stage-cache-size',
        prop: 'cache.size',
        value: '\'0.4\'',
        rule: 'is not a cache cluster size API Gateway offers (0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237 GB; API Gateway API reference, CreateStage (stage names, cacheClusterSize))',
        fix: 'Set cache.size to one of the listed sizes, such as \'0.5\'.',
        path: 'Test/Api',
      },
    ]);
  });

  test('fails if the stage cache TTL is 3,601 s', () => {
    expect(apiErrorOf((s) => tokenApiProps(s, { cache: { ttl: Duration.seconds(3601) } })).problems).toEqual([
      {
        code: 'decoupled:authorized-api/stage-cache-ttl',
        prop: 'cache.ttl',
        value: '3601s',
        rule: 'is outside cacheTtlInSeconds\'s allowed range 0–3,600 seconds (API Gateway developer guide, quotas)',
        fix: 'Set cache.ttl to a value in 0–3,600 seconds.',
        path: 'Test/Api',
      },
    ]);
  });

  test('fails if the usage plan\'s burst limit is not whole', () => {
    expect(apiErrorOf((s) => tokenApiProps(s, { usagePlan: { throttle: { burstLimit: 2.5 } } })).problems).toEqual([
      {
        code: 'decoupled:authorized-api/usage-plan',
        prop: 'usagePlan.throttle.burstLimit',
        value: '2.5',
        rule: 'is not a whole number: AWS takes only integers here',
        fix: 'Set usagePlan.throttle.burstLimit to a whole number, such as 2 or 3.',
        path: 'Test/Api',
      },
    ]);
  });

  test('fails if the encryption key is an AWS managed key', () => {
    expect(apiErrorOf((s) => tokenApiProps(s, { encryptionKey: kms.Alias.fromAliasName(s, 'K', 'alias/aws/sqs') as unknown as kms.IKey })).problems).toEqual([
      {
        code: 'decoupled:aws-managed-key',
        prop: 'encryptionKey',
        value: '\'alias/aws/sqs\'',
        rule: 'is an AWS managed key: its policy admits no service principal and cannot be edited, so the encrypted access, execution and WAF log groups (CloudWatch Logs) would fail',
        fix: 'Leave encryptionKey out to let the pattern make a customer-managed key, or pass a kms.Key of yours.',
        path: 'Test/Api',
      },
    ]);
  });

  test('fails at synth if a method added to restApi has no authorization, naming it and the fixes', () => {
    // GIVEN an API, and a method added to its restApi directly, without authorization
    const s = newStack();
    const api = new AuthorizedApi(s, 'Api', tokenApiProps(s));
    api.restApi.root.addResource('open').addMethod('GET');
    // WHEN it is synthesized, THEN it fails with this problem
    expect(validationErrorOf(() => Template.fromStack(s), s).problems).toEqual([
      {
        code: 'decoupled:authorized-api/open-method',
        prop: 'restApi',
        value: 'has the method GET /open (Test/Api/Api/Default/open/GET)',
        rule: 'with no authorization, and no route of this API says authorization: \'none\' for it: it would be open to anyone',
        fix: 'Add it with api.addRoute(\'GET /open\', {...}) so it gets the API\'s authorizer, or give it authorizationType and authorizer, or make it public on purpose: api.addRoute(..., { authorization: \'none\' }).',
        path: 'Test/Api',
      },
    ]);
  });

  test('fails if another account\'s topic uses alias/aws/sns', () => {
    expect(apiErrorOf((s) => ({
      authorizer: { type: 'iam' },
      routes: { 'POST /e': { topic: sns.Topic.fromTopicAttributes(s, 'T', { topicArn: 'arn:aws:sns:eu-west-1:222222222222:t', keyArn: 'arn:aws:kms:eu-west-1:222222222222:alias/aws/sns' }) } },
    })).problems).toEqual([
      {
        code: 'decoupled:authorized-api/topic-key-not-usable',
        prop: 'routes[\'POST /e\'].topic',
        value: '(account 222222222222)',
        rule: 'is encrypted with the AWS managed key alias/aws/sns, whose policy cannot be edited and lets only principals of account 222222222222 use it; the integration role is in 111111111111, so every publish would fail',
        fix: 'Encrypt the topic with a customer-managed key whose policy allows the integration role.',
        path: 'Test/Api',
      },
    ]);
  });
});

describe('AuthorizedApi messages: topics', () => {
  test('warns about a topic imported without its key', () => {
    expect(warningsOf((s) => new AuthorizedApi(s, 'Api', { authorizer: { type: 'iam' }, routes: { 'POST /e': { topic: sns.Topic.fromTopicArn(s, 'T', TOPIC_ARN) } } }))).toEqual([
      'routes[\'POST /e\'].topic (imported without its key) may be encrypted with a customer-managed key the integration role is then not granted: every publish would fail with a KMS error. Import the topic with sns.Topic.fromTopicAttributes({ topicArn, keyArn }), or acknowledge this warning if it is not encrypted or uses alias/aws/sns. [ack: decoupled:authorized-api/topic-encryption-unknown]',
    ]);
  });

  test('warns about a topic\'s key from outside the app, naming the role to allow', () => {
    expect(warningsOf((s) => new AuthorizedApi(s, 'Api', {
      authorizer: { type: 'iam' },
      routes: { 'POST /e': { topic: sns.Topic.fromTopicAttributes(s, 'T', { topicArn: TOPIC_ARN, keyArn: 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' }) } },
    }))).toEqual([
      'routes[\'POST /e\'].topic (key arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab) has a key from outside this app: the integration role is granted kms:GenerateDataKey* and kms:Decrypt in IAM, which works only if the key policy lets this account\'s IAM policies grant it. Check the key policy (add the integration role, api.topicRole(\'POST /e\')), then acknowledge this warning. [ack: decoupled:authorized-api/topic-key-imported]',
    ]);
  });

  test('warns if no subscriber of a fan-out receives what a route publishes without attributes', () => {
    // GIVEN a fan-out whose one subscriber filters on eventType, and a route publishing without attributes
    const s = newStack('Shop');
    const orders = new TopicFanOut(s, 'Orders', { subscribers: { billing: { filter: { eventType: ['order_placed'] } } } });
    new AuthorizedApi(s, 'Api', { authorizer: { type: 'iam' }, routes: { 'POST /events': { topic: orders.topic } } });
    Template.fromStack(s);
    // THEN the warning names the route's prop, the filter, and both fixes
    expect(Annotations.fromStack(s).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data))).toEqual([
      'routes[\'POST /events\'].messageAttributes (none) reach no subscriber of Shop/Orders: each filters on a message attribute the route never sets (Shop/Orders subscribers.billing.filter), so SNS accepts every message and delivers it to no one. Add the header each filter matches to routes[\'POST /events\'].messageAttributes (a header becomes the attribute of the same name), or change the filters; acknowledge this warning if subscriptions made outside Shop/Orders receive these messages. [ack: decoupled:authorized-api/no-subscriber-receives]',
    ]);
  });
});
