import { Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AUTHORIZED_API_RULES as R, AUTHORIZED_API_RULE_DEFINITIONS, ApiEndpoint, AuthorizedApi, MessageValue } from '../../../lib';
import { apiErrorOf, newFunction, newQueue, newStack, tokenApiProps, warningsOf } from './support';

/** Builds an API from props; true when it does not throw. */
function builds(props: Parameters<typeof apiErrorOf>[0]): boolean {
  const stack = newStack();
  new AuthorizedApi(stack, 'Api', props(stack));
  return true;
}

describe('AuthorizedApi rules: the authorizer', () => {
  test('accepts a cache TTL of 0 s and of 3,600 s', () => {
    expect(builds((s) => tokenApiProps(s, { authorizer: { type: 'token', function: newFunction(s, 'A'), resultsCacheTtl: Duration.seconds(0) } }))).toBe(true);
    expect(builds((s) => tokenApiProps(s, { authorizer: { type: 'token', function: newFunction(s, 'A'), resultsCacheTtl: Duration.seconds(3600) } }))).toBe(true);
  });

  test('fails if the cache TTL is 3,601 s', () => {
    const e = apiErrorOf((s) => tokenApiProps(s, { authorizer: { type: 'token', function: newFunction(s, 'A'), resultsCacheTtl: Duration.seconds(3601) } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.cacheTtl]);
    expect(e.message).toContain('Test/Api: authorizer.resultsCacheTtl 3601s is outside authorizerResultTtlInSeconds\'s allowed range 0–3,600 seconds');
    expect(e.message).toContain('Set authorizer.resultsCacheTtl to whole seconds in 0–3,600 (0 turns caching off).');
  });

  test('fails if the cache TTL is not whole seconds', () => {
    const e = apiErrorOf((s) => tokenApiProps(s, { authorizer: { type: 'cognito', userPool: new cognito.UserPool(s, 'Pool'), resultsCacheTtl: Duration.millis(1500) } }));
    expect(e.message).toContain('authorizer.resultsCacheTtl 1.5s is not a whole number of seconds');
  });

  test('fails if a REQUEST authorizer caches with no identity source, and accepts none with caching off', () => {
    const e = apiErrorOf((s) => tokenApiProps(s, { authorizer: { type: 'request', function: newFunction(s, 'A') } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.cacheWithoutIdentitySource]);
    expect(e.message).toContain('authorizer.identitySources is empty while results are cached for 300s');
    expect(builds((s) => tokenApiProps(s, { authorizer: { type: 'request', function: newFunction(s, 'A'), resultsCacheTtl: Duration.seconds(0) } }))).toBe(true);
  });

  test('fails if a TOKEN authorizer\'s identity source is not a header', () => {
    const e = apiErrorOf((s) => tokenApiProps(s, { authorizer: { type: 'token', function: newFunction(s, 'A'), identitySource: 'method.request.querystring.token' } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.headerIdentitySource]);
    expect(e.message).toContain('authorizer.identitySource \'method.request.querystring.token\' is not a request header');
    expect(builds((s) => tokenApiProps(s, { authorizer: { type: 'token', function: newFunction(s, 'A'), identitySource: 'method.request.header.X-Token' } }))).toBe(true);
  });

  test('fails if a REQUEST identity source is a path parameter or not a mapping expression', () => {
    const e = apiErrorOf((s) => tokenApiProps(s, {
      authorizer: { type: 'request', function: newFunction(s, 'A'), identitySources: ['method.request.header.Auth', 'method.request.path.id', 'Authorization'] },
    }));
    expect(e.problems.map((p) => p.prop)).toEqual(['authorizer.identitySources[1]', 'authorizer.identitySources[2]']);
    expect(e.message).toContain('is a path parameter');
  });

  test('fails if the validation regex does not compile', () => {
    const e = apiErrorOf((s) => tokenApiProps(s, { authorizer: { type: 'token', function: newFunction(s, 'A'), validationRegex: '^Bearer (' } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.validationRegex]);
  });

  test('accepts an authorizer function of 29 s and fails at 30 s', () => {
    expect(builds((s) => tokenApiProps(s, { authorizer: { type: 'token', function: newFunction(s, 'A', Duration.seconds(29)) } }))).toBe(true);
    const e = apiErrorOf((s) => tokenApiProps(s, { authorizer: { type: 'token', function: newFunction(s, 'A', Duration.seconds(30)) } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.functionTimeout]);
    expect(e.message).toContain('authorizer.function has a timeout of 30s which exceeds the integration timeout of 29s for the authorizer');
  });
});

describe('AuthorizedApi rules: routes', () => {
  test('fails if a key is malformed, naming the key and the reason', () => {
    const e = apiErrorOf((s) => ({ authorizer: { type: 'iam' }, routes: { 'get /x': { function: newFunction(s, 'F') } } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.routeKey]);
    expect(e.message).toContain('routes \'get /x\' has the method \'get\'');
  });

  test('fails if two routes collide, and names both', () => {
    const e = apiErrorOf((s) => ({
      authorizer: { type: 'iam' },
      routes: { 'GET /orders/{id}': { function: newFunction(s, 'F') }, 'DELETE /orders/{orderId}': { function: newFunction(s, 'G') } },
    }));
    expect(e.problems.map((p) => p.code)).toEqual([R.routeCollision]);
    expect(e.message).toContain('routes[\'DELETE /orders/{orderId}\'] (and routes[\'GET /orders/{id}\'])');
    expect(e.message).toContain('Use the same variable name at that level of both paths.');
  });

  test('warns if a greedy route is shadowed by a more specific resource', () => {
    const warnings = warningsOf((s) => new AuthorizedApi(s, 'Api', {
      authorizer: { type: 'iam' },
      routes: { 'GET /files/{path+}': { function: newFunction(s, 'F') }, 'POST /files/upload': { function: newFunction(s, 'G') } },
    }));
    expect(warnings.filter((w) => w.includes(R.greedyShadow))).toHaveLength(1);
  });

  test('fails if a route has neither or both of function and queue', () => {
    const e = apiErrorOf((s) => ({
      authorizer: { type: 'iam' },
      routes: { 'GET /a': {}, 'POST /b': { function: newFunction(s, 'F'), queue: newQueue(s, 'Q') } },
    }));
    expect(e.problems.map((p) => `${p.code} ${p.prop}`)).toEqual([`${R.exactlyOneTarget} routes['GET /a']`, `${R.exactlyOneTarget} routes['POST /b']`]);
  });

  test('fails if a function route has a queue option', () => {
    const e = apiErrorOf((s) => ({ authorizer: { type: 'iam' }, routes: { 'GET /a': { function: newFunction(s, 'F'), messageAttributes: ['X-A'] } } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.routeOptionNotForTarget]);
  });

  test('fails if an OPTIONS route is given while CORS is on', () => {
    const e = apiErrorOf((s) => ({
      authorizer: { type: 'iam' }, cors: { allowOrigins: ['https://example.com'] },
      routes: { 'OPTIONS /a': { function: newFunction(s, 'F') } },
    }));
    expect(e.problems.map((p) => p.code)).toEqual([R.corsPreflightRoute]);
  });

  test('fails if scopes are given to a route not authorized by Cognito', () => {
    const e = apiErrorOf((s) => tokenApiProps(s, { routes: { 'GET /a': { function: newFunction(s, 'F'), scopes: ['orders/read'] } } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.scopesWithoutCognito]);
    expect(e.message).toContain('authorized by token: API Gateway checks scopes only for Cognito authorizers');
  });

  test('accepts an integration function of 29 s and fails at 30 s; a route\'s own integration timeout raises the bar', () => {
    expect(builds((s) => ({ authorizer: { type: 'iam' }, routes: { 'GET /a': { function: newFunction(s, 'F', Duration.seconds(29)) } } }))).toBe(true);
    const e = apiErrorOf((s) => ({ authorizer: { type: 'iam' }, routes: { 'GET /a': { function: newFunction(s, 'F', Duration.seconds(30)) } } }));
    expect(e.message).toContain('routes[\'GET /a\'].function has a timeout of 30s which exceeds the integration timeout of 29s for the route GET /a');
    const e2 = apiErrorOf((s) => ({ authorizer: { type: 'iam' }, routes: { 'GET /a': { function: newFunction(s, 'F', Duration.seconds(10)), integrationTimeout: Duration.seconds(9) } } }));
    expect(e2.problems.map((p) => p.code)).toEqual([R.functionTimeout]);
  });

  test('checks an imported function\'s timeout only when given', () => {
    const imported = (s: Stack) => lambda.Function.fromFunctionArn(s, 'Imported', 'arn:aws:lambda:eu-west-1:111111111111:function:orders');
    expect(builds((s) => ({ authorizer: { type: 'iam' }, routes: { 'GET /a': { function: imported(s) } } }))).toBe(true);
    const e = apiErrorOf((s) => ({ authorizer: { type: 'iam' }, routes: { 'GET /a': { function: imported(s), functionTimeout: Duration.seconds(30) } } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.functionTimeout]);
  });

  test('accepts integration timeouts of 50 ms and 29 s, fails at 49 ms, and on an edge API above 29 s', () => {
    const fn = (s: Stack) => lambda.Function.fromFunctionArn(s, 'Imported', 'arn:aws:lambda:eu-west-1:111111111111:function:orders');
    const withTimeout = (ms: number, endpoint?: ApiEndpoint) => (s: Stack) => ({
      authorizer: { type: 'iam' as const }, endpoint, routes: { 'GET /a': { function: fn(s), integrationTimeout: Duration.millis(ms) } },
    });
    expect(builds(withTimeout(50))).toBe(true);
    expect(builds(withTimeout(29_000, ApiEndpoint.edge()))).toBe(true);
    const e = apiErrorOf(withTimeout(49));
    expect(e.message).toContain('routes[\'GET /a\'].integrationTimeout 49 ms is outside timeoutInMillis\'s allowed range 50–29,000 milliseconds');
    const edge = apiErrorOf(withTimeout(29_001, ApiEndpoint.edge()));
    expect(edge.message).toContain('an edge-optimized API cannot go above 29 s');
  });

  test('warns on a Regional API above 29 s, which needs a quota increase', () => {
    const warnings = warningsOf((s) => new AuthorizedApi(s, 'Api', {
      authorizer: { type: 'iam' }, routes: { 'GET /a': { function: newFunction(s, 'F', Duration.seconds(40)), integrationTimeout: Duration.seconds(45) } },
    }));
    expect(warnings.filter((w) => w.includes(R.integrationTimeoutQuota))).toHaveLength(1);
  });
});

describe('AuthorizedApi rules: throttling', () => {
  test('accepts burst equal to rate without a warning, and warns one below', () => {
    expect(warningsOf((s) => new AuthorizedApi(s, 'Api', tokenApiProps(s, { throttling: { rateLimit: 100, burstLimit: 100 } })))
      .filter((w) => w.includes(R.burstBelowRate))).toEqual([]);
    const warnings = warningsOf((s) => new AuthorizedApi(s, 'Api', tokenApiProps(s, { throttling: { rateLimit: 100, burstLimit: 99 } })));
    expect(warnings.filter((w) => w.includes(R.burstBelowRate))).toEqual([expect.stringContaining('throttling.burstLimit 99 is below rateLimit 100')]);
  });

  test('fails if a rate is not a whole number or negative, per route too', () => {
    const e = apiErrorOf((s) => tokenApiProps(s, {
      throttling: { rateLimit: 10.5, burstLimit: -1 },
      routes: { 'GET /a': { function: newFunction(s, 'F'), throttling: { rateLimit: 1, burstLimit: 0.5 } } },
    }));
    expect(e.problems.map((p) => p.prop)).toEqual(['throttling.rateLimit', 'throttling.burstLimit', 'routes[\'GET /a\'].throttling.burstLimit']);
    expect(e.message).toContain('throttling.rateLimit 10.5 is not a whole number');
    expect(e.message).toContain('throttling.burstLimit -1 is negative');
  });

  test('accepts the account defaults 10,000 and 5,000, and warns one above', () => {
    expect(warningsOf((s) => new AuthorizedApi(s, 'Api', tokenApiProps(s, { throttling: { rateLimit: 5000, burstLimit: 5000 } })))
      .filter((w) => w.includes(R.throttlingAboveAccount))).toEqual([]);
    const warnings = warningsOf((s) => new AuthorizedApi(s, 'Api', tokenApiProps(s, { throttling: { rateLimit: 10_001, burstLimit: 5_001 } })));
    expect(warnings.filter((w) => w.includes(R.throttlingAboveAccount))).toHaveLength(2);
  });
});

describe('AuthorizedApi rules: queues', () => {
  test('fails if a route to a FIFO queue has no message group id', () => {
    const e = apiErrorOf((s) => ({ authorizer: { type: 'iam' }, routes: { 'POST /jobs': { queue: newQueue(s, 'Q', { fifo: true }) } } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.fifoWithoutGroupId]);
    expect(e.message).toContain('routes[\'POST /jobs\'].messageGroupId is missing for a FIFO queue');
    expect(builds((s) => ({ authorizer: { type: 'iam' }, routes: { 'POST /jobs': { queue: newQueue(s, 'Q', { fifo: true }), messageGroupId: MessageValue.header('X-Group') } } }))).toBe(true);
  });

  test('fails if a message value needs an authorizer the route does not have, or is malformed', () => {
    const e = apiErrorOf((s) => ({
      authorizer: { type: 'iam' },
      routes: { 'POST /jobs': { queue: newQueue(s, 'Q', { fifo: true }), messageGroupId: MessageValue.claim('sub'), messageDeduplicationId: MessageValue.header('X Id') } },
    }));
    expect(e.problems.map((p) => `${p.code} ${p.prop}`)).toEqual([
      `${R.messageValue} routes['POST /jobs'].messageGroupId`,
      `${R.messageValue} routes['POST /jobs'].messageDeduplicationId`,
    ]);
  });

  test('accepts 10 header attributes and fails at 11', () => {
    const headers = (n: number) => Array.from({ length: n }, (_, i) => `X-H${i}`);
    expect(builds((s) => ({ authorizer: { type: 'iam' }, routes: { 'POST /a': { queue: newQueue(s, 'Q'), messageAttributes: headers(10) } } }))).toBe(true);
    const e = apiErrorOf((s) => ({ authorizer: { type: 'iam' }, routes: { 'POST /a': { queue: newQueue(s, 'Q'), messageAttributes: headers(11) } } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.messageAttributes]);
  });

  test('fails if the queue uses alias/aws/sqs of another account', () => {
    const e = apiErrorOf((s) => {
      const other = new Stack(s.node.scope as Construct, 'Other', { env: { account: '222222222222', region: 'eu-west-1' } });
      return { authorizer: { type: 'iam' }, routes: { 'POST /a': { queue: new sqs.Queue(other, 'Q', { encryption: sqs.QueueEncryption.KMS_MANAGED }) } } };
    });
    expect(e.problems.map((p) => p.code)).toEqual([R.queueKeyNotUsable]);
    expect(e.message).toContain('lets only principals of account 222222222222 use it; the integration role is in 111111111111');
  });

  test('accepts alias/aws/sqs in the same account without a key grant', () => {
    expect(builds((s) => ({ authorizer: { type: 'iam' }, routes: { 'POST /a': { queue: new sqs.Queue(s, 'Q', { encryption: sqs.QueueEncryption.KMS_MANAGED }) } } }))).toBe(true);
  });

  test('warns if the queue\'s key is imported, or an imported queue comes without its key', () => {
    const warnings = warningsOf((s) => new AuthorizedApi(s, 'Api', {
      authorizer: { type: 'iam' },
      routes: {
        'POST /a': { queue: sqs.Queue.fromQueueAttributes(s, 'A', { queueArn: 'arn:aws:sqs:eu-west-1:111111111111:a', keyArn: 'arn:aws:kms:eu-west-1:111111111111:key/1' }) },
        'POST /b': { queue: sqs.Queue.fromQueueArn(s, 'B', 'arn:aws:sqs:eu-west-1:111111111111:b') },
        'POST /c': { queue: new sqs.Queue(s, 'C', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: kms.Key.fromKeyArn(s, 'K', 'arn:aws:kms:eu-west-1:111111111111:key/2') }) },
      },
    }));
    expect(warnings.filter((w) => w.includes(R.queueKeyImported))).toHaveLength(2);
    expect(warnings.filter((w) => w.includes(R.queueEncryptionUnknown))).toHaveLength(1);
  });
});

describe('AuthorizedApi rules: the API', () => {
  test('fails if a route requires an API key and there is no usage plan', () => {
    const e = apiErrorOf((s) => tokenApiProps(s, { routes: { 'GET /a': { function: newFunction(s, 'F'), apiKeyRequired: true } } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.apiKeyWithoutUsagePlan]);
  });

  test('fails if a private endpoint has no VPC endpoint', () => {
    const e = apiErrorOf((s) => tokenApiProps(s, { endpoint: ApiEndpoint.private([]) }));
    expect(e.problems.map((p) => p.code)).toEqual([R.privateWithoutEndpoints]);
  });

  test('fails if execution logging is OFF', () => {
    const e = apiErrorOf((s) => tokenApiProps(s, { executionLogLevel: apigateway.MethodLoggingLevel.OFF }));
    expect(e.problems.map((p) => p.code)).toEqual([R.executionLogLevel]);
  });

  test('accepts a stage cache TTL of 3,600 s and fails at 3,601 s', () => {
    expect(builds((s) => tokenApiProps(s, { cache: { ttl: Duration.seconds(3600) } }))).toBe(true);
    const e = apiErrorOf((s) => tokenApiProps(s, { cache: { ttl: Duration.seconds(3601) } }));
    expect(e.problems.map((p) => p.code)).toEqual([R.stageCacheTtl]);
  });

  test('reports every problem at once', () => {
    const e = apiErrorOf((s) => ({
      authorizer: { type: 'token', function: newFunction(s, 'A', Duration.seconds(60)), resultsCacheTtl: Duration.hours(2) },
      throttling: { rateLimit: 1.5, burstLimit: 10 },
      routes: { 'BAD': { function: newFunction(s, 'F') }, 'POST /jobs': { queue: newQueue(s, 'Q', { fifo: true }) } },
    }));
    expect(e.problems.map((p) => p.code).sort()).toEqual([R.cacheTtl, R.fifoWithoutGroupId, R.functionTimeout, R.routeKey, R.throttling].sort());
  });

  test('every rule code the pattern raises is described for the catalog', () => {
    const described = new Set(AUTHORIZED_API_RULE_DEFINITIONS.map((d) => d.code));
    expect(Object.values(R).filter((c) => !described.has(c))).toEqual([]);
  });
});
