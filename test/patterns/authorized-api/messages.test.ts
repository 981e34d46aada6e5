import { Duration, Lazy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AUTHORIZED_API_RULES as R, ApiEndpoint, AuthorizedApi, AuthorizedApiProps, MessageValue } from '../../../lib';
import { apiErrorOf, newFunction, newQueue, newStack, tokenApiProps, warningsOf } from './support';

// Every message of the pattern's rules, in full: a user reads the value, the rule and the fix, so each word is behaviour.

/** The problems of the error these props throw, without their path (always the API's). */
function problemsOf(props: Parameters<typeof apiErrorOf>[0]): object[] {
  const e = apiErrorOf(props);
  expect(e.problems.every((p) => p.path === 'Test/Api')).toBe(true);
  return e.problems.map(({ path: _path, ...p }) => p);
}

/** The warnings of an API built from these props that carry `code`. */
function warningsWith(code: string, props: (s: ReturnType<typeof newStack>) => AuthorizedApiProps): string[] {
  return warningsOf((s) => new AuthorizedApi(s, 'Api', props(s))).filter((w) => w.includes(code));
}

const iamRoute = (route: Record<string, unknown>) => (s: ReturnType<typeof newStack>): AuthorizedApiProps => ({
  authorizer: { type: 'iam' }, routes: { 'GET /a': { function: newFunction(s, 'F', Duration.seconds(1)), ...route } },
});

describe('AuthorizedApi messages: the authorizer', () => {
  test('fails if a TOKEN or a Cognito authorizer reads its token from anything but a header, naming the authorizer type', () => {
    const fix = 'Use method.request.header.<Name>, or a REQUEST authorizer (type: \'request\') for query strings, stage variables or context.';
    expect(problemsOf((s) => tokenApiProps(s, { authorizer: { type: 'token', function: newFunction(s, 'A'), identitySource: 'method.request.querystring.token' } }))).toEqual([{
      code: R.headerIdentitySource, prop: 'authorizer.identitySource', value: '\'method.request.querystring.token\'',
      rule: 'is not a request header: a TOKEN authorizer reads its token from one header (API Gateway API-model CreateAuthorizer)', fix,
    }]);
    expect(problemsOf((s) => tokenApiProps(s, { authorizer: { type: 'cognito', userPool: new cognito.UserPool(s, 'Pool'), identitySource: 'method.request.header.X Y' } }))).toEqual([{
      code: R.headerIdentitySource, prop: 'authorizer.identitySource', value: '\'method.request.header.X Y\'',
      rule: 'is not a request header: a Cognito authorizer reads its token from one header (API Gateway API-model CreateAuthorizer)', fix,
    }]);
  });

  test('fails if a validation regex does not compile, quoting the engine\'s reason', () => {
    const [problem] = problemsOf((s) => tokenApiProps(s, { authorizer: { type: 'token', function: newFunction(s, 'A'), validationRegex: '^Bearer (' } }));
    expect(problem).toEqual({
      code: R.validationRegex, prop: 'authorizer.validationRegex', value: '\'^Bearer (\'',
      rule: expect.stringMatching(/^is not a regular expression \(.+\)$/), fix: 'Fix the expression, or remove validationRegex.',
    });
  });

  test('fails if a REQUEST identity source is a path parameter, or no mapping expression, with a reason for each', () => {
    const fix = 'Use method.request.header.X, method.request.querystring.y, stageVariables.z or context.w.';
    expect(problemsOf((s) => tokenApiProps(s, {
      authorizer: { type: 'request', function: newFunction(s, 'A'), identitySources: ['method.request.path.id', 'Authorization', 'context.requestId'] },
    }))).toEqual([
      { code: R.requestIdentitySource, prop: 'authorizer.identitySources[0]', value: '\'method.request.path.id\'', fix,
        rule: 'is a path parameter, which API Gateway passes to the authorizer but does not accept as an identity source' },
      { code: R.requestIdentitySource, prop: 'authorizer.identitySources[1]', value: '\'Authorization\'', fix,
        rule: 'is not a header, query string, stage variable or context variable mapping expression (API Gateway API-model CreateAuthorizer)' },
    ]);
  });

  test('fails if a REQUEST authorizer caches for its given TTL with no identity source', () => {
    expect(problemsOf((s) => tokenApiProps(s, { authorizer: { type: 'request', function: newFunction(s, 'A'), resultsCacheTtl: Duration.seconds(60) } }))).toEqual([{
      code: R.cacheWithoutIdentitySource, prop: 'authorizer.identitySources', value: 'is empty',
      rule: 'while results are cached for 60s: the identity sources are the cache key, and API Gateway requires them when caching is on',
      fix: 'Give authorizer.identitySources (e.g. method.request.header.Authorization), or set authorizer.resultsCacheTtl to Duration.seconds(0).',
    }]);
  });

  test('fails if the authorizer function outlasts the integration timeout, naming both and the sources', () => {
    expect(problemsOf((s) => tokenApiProps(s, { authorizer: { type: 'token', function: newFunction(s, 'A', Duration.seconds(30)) } }))).toEqual([{
      code: R.functionTimeout, prop: 'authorizer.function', value: 'has a timeout of 30s',
      rule: expect.stringMatching(/^which exceeds the integration timeout of 29s for the authorizer: API Gateway answers 504 while the function goes on running, and is billed \(.+; API Gateway API-model Integration; developer guide, quotas\)$/),
      fix: 'Lower the function\'s timeout to at most 29s.',
    }]);
  });
});

describe('AuthorizedApi messages: timeouts and throttling', () => {
  test('fails if an integration timeout is not whole milliseconds, or below 50 ms', () => {
    expect(problemsOf(iamRoute({ integrationTimeout: Duration.millis(49) })).filter((p) => (p as { code: string }).code === R.integrationTimeout)).toEqual([{
      code: R.integrationTimeout, prop: 'routes[\'GET /a\'].integrationTimeout', value: '49 ms',
      rule: 'is outside timeoutInMillis\'s allowed range 50–29,000 milliseconds (API Gateway API-model Integration; developer guide, quotas)',
      fix: 'Set routes[\'GET /a\'].integrationTimeout to 50 ms–29 s.',
    }]);
    // AND a fraction of a millisecond is reported naming the prop, not thrown by aws-cdk-lib's conversion
    expect(problemsOf(iamRoute({ integrationTimeout: Duration.millis(100.5) }))).toEqual([{
      code: R.integrationTimeout, prop: 'routes[\'GET /a\'].integrationTimeout', value: '100.5 ms', rule: 'is not a whole number of milliseconds: AWS takes only integers here',
      fix: 'Set routes[\'GET /a\'].integrationTimeout to a whole number of milliseconds, such as 100 or 101.',
    }]);
  });

  test('fails on an edge-optimized API above 29 s, pointing to a Regional endpoint', () => {
    expect(problemsOf((s) => ({ ...iamRoute({ integrationTimeout: Duration.millis(29_001) })(s), endpoint: ApiEndpoint.edge() }))).toEqual([{
      code: R.integrationTimeout, prop: 'routes[\'GET /a\'].integrationTimeout', value: '29001 ms',
      rule: 'is outside timeoutInMillis\'s allowed range 50–29,000 milliseconds (API Gateway API-model Integration; developer guide, quotas)',
      fix: 'Set routes[\'GET /a\'].integrationTimeout to 50 ms–29 s (an edge-optimized API cannot go above 29 s; use ApiEndpoint.regional() for longer).',
    }]);
  });

  test('warns on a Regional API above 29 s with the quota to raise and the fix', () => {
    const warnings = warningsWith(R.integrationTimeoutQuota, iamRoute({ integrationTimeout: Duration.millis(29_001) }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('routes[\'GET /a\'].integrationTimeout 29.001s is above 29s, which a REGIONAL API allows only after a quota increase '
      + '(Service Quotas, "Maximum integration timeout"); without it the deploy fails (API Gateway API-model Integration; developer guide, quotas)');
    expect(warnings[0]).toContain('Request the increase before deploying and acknowledge this warning, or set routes[\'GET /a\'].integrationTimeout to at most 29s.');
  });

  test('warns above the account\'s rate and burst with the fix each allows: the rate can be raised, the burst cannot', () => {
    const warnings = warningsWith(R.throttlingAboveAccount, (s) => tokenApiProps(s, { throttling: { rateLimit: 10_001, burstLimit: 10_001 } }));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('throttling.rateLimit 10001 is above the account\'s default account throttle rate of 10,000, which API Gateway applies first, '
      + 'to every API of the account in the Region together (API Gateway developer guide, quotas)');
    expect(warnings[0]).toContain('Lower throttling.rateLimit to at most 10,000, or raise the account quota and acknowledge this warning.');
    expect(warnings[1]).toContain('throttling.burstLimit 10001 is above the account\'s default account throttle burst of 5,000');
    expect(warnings[1]).toContain('Lower throttling.burstLimit to at most 5,000 (the account burst cannot be raised) and acknowledge this warning.');
  });

  test('warns about a burst below the rate, with the rate to reach', () => {
    const warnings = warningsWith(R.burstBelowRate, (s) => tokenApiProps(s, { throttling: { rateLimit: 100, burstLimit: 99 } }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('throttling.burstLimit 99 is below rateLimit 100: the bucket holds less than one second of the rate, '
      + 'so traffic that arrives unevenly is answered 429 before the rate is reached');
    expect(warnings[0]).toContain('Set throttling.burstLimit to at least 100, or acknowledge this warning if the smaller bucket is meant.');
  });

  test('a rate known only at deploy is not compared: no account or burst warning for the other, known, value', () => {
    const rate = (s: ReturnType<typeof newStack>) => tokenApiProps(s, { throttling: { rateLimit: Lazy.number({ produce: () => 1 }), burstLimit: 6_000 } });
    const warnings = warningsOf((s) => new AuthorizedApi(s, 'Api', rate(s)));
    expect(warnings.filter((w) => w.includes(R.throttlingAboveAccount) || w.includes(R.burstBelowRate))).toEqual([]);
    // AND the known value alone past the limit does warn when the other is known too
    expect(warningsWith(R.throttlingAboveAccount, (s) => tokenApiProps(s, { throttling: { rateLimit: 1, burstLimit: 6_000 } }))).toHaveLength(1);
  });

  test('fails if a throttling value is negative, naming the prop to change', () => {
    expect(problemsOf((s) => tokenApiProps(s, { throttling: { rateLimit: 1, burstLimit: -1 } }))).toEqual([{
      code: R.throttling, prop: 'throttling.burstLimit', value: '-1',
      rule: 'is negative: a token bucket cannot hold or refill fewer than 0 requests', fix: 'Set throttling.burstLimit to a whole number ≥ 0.',
    }]);
  });
});

describe('AuthorizedApi messages: the API', () => {
  test('fails if a private endpoint has no VPC endpoint', () => {
    expect(problemsOf((s) => tokenApiProps(s, { endpoint: ApiEndpoint.private([]) }))).toEqual([{
      code: R.privateWithoutEndpoints, prop: 'endpoint', value: 'ApiEndpoint.private([])',
      rule: 'has no VPC endpoint: a private API is reachable only through the VPC endpoints its resource policy allows, and would allow none',
      fix: 'Pass the interface VPC endpoints for execute-api: ApiEndpoint.private([endpoint]).',
    }]);
  });

  test('fails if execution logging is OFF, and accepts INFO', () => {
    expect(problemsOf((s) => tokenApiProps(s, { executionLogLevel: apigateway.MethodLoggingLevel.OFF }))).toEqual([{
      code: R.executionLogLevel, prop: 'executionLogLevel', value: '\'OFF\'',
      rule: 'turns execution logging off: authorizer and integration failures would leave no trace (cdk-nag APIG6; Control Tower CT.APIGATEWAY.PR.1)',
      fix: 'Leave executionLogLevel out (ERROR), or use INFO.',
    }]);
    const stack = newStack();
    expect(() => new AuthorizedApi(stack, 'Api', tokenApiProps(stack, { executionLogLevel: apigateway.MethodLoggingLevel.INFO }))).not.toThrow();
  });

  test('fails if a stage name has characters it cannot have, listing each once', () => {
    expect(problemsOf((s) => tokenApiProps(s, { stageName: 'a b!c!' }))).toEqual([{
      code: R.stageName, prop: 'stageName', value: '\'a b!c!\'',
      rule: expect.stringMatching(/^has characters a stage name cannot have: ' ', '!' \(letters, digits, - and _ only; .+\)$/),
      fix: 'Use 1 to 128 letters, digits, hyphens and underscores, such as \'prod\'.',
    }]);
  });

  test('fails if grantInvoke names a route the API does not have, listing the routes it has', () => {
    const stack = newStack();
    const api = new AuthorizedApi(stack, 'Api', { authorizer: { type: 'iam' }, routes: { 'GET /a': { function: newFunction(stack, 'F') }, 'POST /b': { function: newFunction(stack, 'G') } } });
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    expect(() => api.grantInvoke(role, 'GET /c')).toThrow('Test/Api: grantInvoke(routeKey) \'GET /c\' is not a route of this API. Use one of: \'GET /a\', \'POST /b\'.');
  });
});

describe('AuthorizedApi messages: routes', () => {
  test('fails if a key has a method that is not one of the listed ones', () => {
    expect(problemsOf((s) => ({ authorizer: { type: 'iam' }, routes: { 'get /x': { function: newFunction(s, 'F') } } }))).toEqual([{
      code: R.routeKey, prop: 'routes', value: '\'get /x\'',
      rule: 'has the method \'get\', which is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY (upper case)',
      fix: 'Write the key as \'GET /orders/{id}\': an upper-case method, one space, then the path.',
    }]);
  });

  test('fails if a route requires an API key on an API without a usage plan', () => {
    expect(problemsOf(iamRoute({ apiKeyRequired: true }))).toEqual([{
      code: R.apiKeyWithoutUsagePlan, prop: 'routes[\'GET /a\'].apiKeyRequired', value: 'true',
      rule: 'but the API has no usage plan: no API key can be valid, and API Gateway refuses every call with 403',
      fix: 'Set usagePlan on the API and add keys with api.addApiKey, or remove apiKeyRequired.',
    }]);
  });

  test('fails if scopes are given to a route authorized by nothing', () => {
    expect(problemsOf(iamRoute({ authorization: 'none', scopes: ['orders/read'] }))).toEqual([{
      code: R.scopesWithoutCognito, prop: 'routes[\'GET /a\'].scopes', value: '["orders/read"]',
      rule: 'are given, but the route is authorized by nothing: API Gateway checks scopes only for Cognito authorizers and would ignore them',
      fix: 'Remove scopes, or authorize the API with type: \'cognito\'.',
    }]);
  });

  test('fails if an OPTIONS route is given while CORS is on', () => {
    expect(problemsOf((s) => ({ authorizer: { type: 'iam' }, cors: { allowOrigins: ['https://example.com'] }, routes: { 'OPTIONS /a': { function: newFunction(s, 'F') } } }))).toEqual([{
      code: R.corsPreflightRoute, prop: 'routes[\'OPTIONS /a\']', value: 'is an OPTIONS route',
      rule: 'while cors is on: the pattern already answers OPTIONS on every resource with the CORS preflight',
      fix: 'Remove the route, or turn cors off and answer preflights yourself.',
    }]);
  });

  test('fails if a route has no target, or two, naming what it has', () => {
    const rule = 'a route answers with a Lambda function, sends to an SQS queue or publishes to an SNS topic';
    const fix = 'Give the route exactly one of function, queue and topic.';
    expect(problemsOf((s) => ({ authorizer: { type: 'iam' }, routes: { 'GET /a': {}, 'POST /b': { function: newFunction(s, 'F'), queue: newQueue(s, 'Q') } } }))).toEqual([
      { code: R.exactlyOneTarget, prop: 'routes[\'GET /a\']', value: 'has none of function, queue and topic:', rule, fix },
      { code: R.exactlyOneTarget, prop: 'routes[\'POST /b\']', value: 'has function and queue:', rule, fix },
    ]);
  });

  test('fails if a function route has queue options, naming each', () => {
    expect(problemsOf(iamRoute({ messageAttributes: ['X-A'], messageGroupId: MessageValue.header('X-G') }))).toEqual([{
      code: R.routeOptionNotForTarget, prop: 'routes[\'GET /a\'].messageGroupId, routes[\'GET /a\'].messageAttributes', value: 'is given for a function route:',
      rule: 'these shape the message of a queue or topic route, and would be silently ignored', fix: 'Remove them, or route to a queue or topic.',
    }]);
  });

  test('fails if a required header or a header attribute is not a header name, naming its place in the list', () => {
    const problems = problemsOf((s) => ({ authorizer: { type: 'iam' }, routes: { 'POST /a': { queue: newQueue(s, 'Q'), requiredHeaders: ['Ok', 'X Y'], messageAttributes: ['A B'] } } }));
    expect(problems).toEqual([
      { code: R.messageAttributes, prop: 'routes[\'POST /a\'].requiredHeaders[1]', value: '\'X Y\'', rule: expect.any(String), fix: 'Use the header\'s name, such as X-Tenant-Id.' },
      { code: R.messageAttributes, prop: 'routes[\'POST /a\'].messageAttributes[0]', value: '\'A B\'', rule: expect.any(String), fix: 'Use the header\'s name, such as X-Tenant-Id.' },
    ]);
    expect((problems[0] as { rule: string }).rule.length).toBeGreaterThan(0);
  });

  test('fails if a message value needs a Lambda or a Cognito authorizer the route lacks, naming which', () => {
    const fix = 'Use MessageValue.header(...) or MessageValue.requestId(), or a value the route\'s authorizer sets.';
    expect(problemsOf((s) => ({
      authorizer: { type: 'iam' },
      routes: { 'POST /a': { queue: newQueue(s, 'Q', { fifo: true }), messageGroupId: MessageValue.principalId(), messageDeduplicationId: MessageValue.claim('sub') } },
    }))).toEqual([
      { code: R.messageValue, prop: 'routes[\'POST /a\'].messageGroupId', value: 'the authorizer\'s principalId', fix,
        rule: 'is set only by a Lambda authorizer, and this route is authorized by iam: every message would get an empty value' },
      { code: R.messageValue, prop: 'routes[\'POST /a\'].messageDeduplicationId', value: 'the token claim \'sub\'', fix,
        rule: 'is set only by a Cognito authorizer, and this route is authorized by iam: every message would get an empty value' },
    ]);
  });

  test('fails if a FIFO queue route has no group id, and if it maps more than 10 headers', () => {
    expect(problemsOf((s) => ({ authorizer: { type: 'iam' }, routes: { 'POST /a': { queue: newQueue(s, 'Q', { fifo: true }) } } }))).toEqual([{
      code: R.fifoWithoutGroupId, prop: 'routes[\'POST /a\'].messageGroupId', value: 'is missing',
      rule: 'for a FIFO queue: SQS rejects a message to a FIFO queue without a message group id, so every request would fail',
      fix: 'Set routes[\'POST /a\'].messageGroupId: MessageValue.header(\'X-Group-Id\'), MessageValue.principalId() or MessageValue.claim(\'sub\').',
    }]);
    expect(problemsOf((s) => ({ authorizer: { type: 'iam' }, routes: { 'POST /a': { queue: newQueue(s, 'Q'), messageAttributes: Array.from({ length: 11 }, (_, i) => `X-H${i}`) } } }))).toEqual([{
      code: R.messageAttributes, prop: 'routes[\'POST /a\'].messageAttributes', value: 'has 11 headers',
      rule: 'but an SQS message takes at most 10 attributes (SQS developer guide, message quotas)', fix: 'Map at most 10 headers.',
    }]);
  });
});

describe('AuthorizedApi messages: the key of a queue', () => {
  test('fails if two routes are the same method and path, keeping one', () => {
    expect(problemsOf((s) => ({ authorizer: { type: 'iam' }, routes: { 'GET /a': { function: newFunction(s, 'F') }, 'GET /a/': { function: newFunction(s, 'G') } } }))).toEqual([{
      code: R.routeCollision, prop: 'routes[\'GET /a/\']', value: '(and routes[\'GET /a\'])', rule: 'both are GET /a', fix: 'Keep one of the two routes.',
    }]);
  });

  test('fails if the queue is another account\'s with alias/aws/sqs', () => {
    expect(problemsOf((s) => {
      const other = new Stack(s.node.scope as Construct, 'Other', { env: { account: '222222222222', region: 'eu-west-1' } });
      return { authorizer: { type: 'iam' }, routes: { 'POST /a': { queue: new sqs.Queue(other, 'Q', { encryption: sqs.QueueEncryption.KMS_MANAGED }) } } };
    })).toEqual([{
      code: R.queueKeyNotUsable, prop: 'routes[\'POST /a\'].queue', value: '(account 222222222222)',
      rule: 'is encrypted with the AWS managed key alias/aws/sqs, whose policy cannot be edited and lets only principals of account 222222222222 use it; '
        + 'the integration role is in 111111111111, so every send would fail',
      fix: 'Encrypt the queue with a customer-managed key whose policy allows the integration role (or with SSE-SQS).',
    }]);
  });

  test('warns about an imported key naming it and the role to add, and about a queue imported without its key', () => {
    const imported = warningsWith(R.queueKeyImported, (s) => ({
      authorizer: { type: 'iam' },
      routes: { 'POST /a': { queue: new sqs.Queue(s, 'Q', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: kms.Key.fromKeyArn(s, 'K', 'arn:aws:kms:eu-west-1:111111111111:key/2') }) } },
    }));
    expect(imported).toHaveLength(1);
    expect(imported[0]).toContain('routes[\'POST /a\'].queue (key arn:aws:kms:eu-west-1:111111111111:key/2) has a key from outside this app: the integration role is granted '
      + 'kms:GenerateDataKey and kms:Decrypt in IAM, which works only if the key policy lets this account\'s IAM policies grant it.');
    expect(imported[0]).toContain('Check the key policy (add the integration role, api.queueRole(\'POST /a\')), then acknowledge this warning.');
    const unknown = warningsWith(R.queueEncryptionUnknown, (s) => ({
      authorizer: { type: 'iam' }, routes: { 'POST /a': { queue: sqs.Queue.fromQueueArn(s, 'Q', 'arn:aws:sqs:eu-west-1:111111111111:a') } },
    }));
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toContain('routes[\'POST /a\'].queue (imported without its key) may be encrypted with a customer-managed key the integration role is then not granted: '
      + 'every send would fail with a KMS error.');
    expect(unknown[0]).toContain('Import the queue with sqs.Queue.fromQueueAttributes({ queueArn, keyArn }), or acknowledge this warning if it uses SSE-SQS or alias/aws/sqs.');
  });
});

describe('MessageValue', () => {
  test('each value has its mapping template expression and the words messages use for it', () => {
    const values = [MessageValue.header('X-Id'), MessageValue.requestId(), MessageValue.principalId(), MessageValue.authorizerContext('tenant'),
      MessageValue.claim('sub'), MessageValue.claim('custom:tenant')];
    expect(values.map((v) => [v.expression, v.description, v.header, v.invalid])).toEqual([
      ['$input.params().header.get(\'X-Id\')', 'header \'X-Id\'', 'X-Id', undefined],
      ['$context.requestId', 'the request id', undefined, undefined],
      ['$context.authorizer.principalId', 'the authorizer\'s principalId', undefined, undefined],
      ['$context.authorizer.tenant', 'the authorizer context key \'tenant\'', undefined, undefined],
      ['$context.authorizer.claims.sub', 'the token claim \'sub\'', undefined, undefined],
      ['$context.authorizer.claims[\'custom:tenant\']', 'the token claim \'custom:tenant\'', undefined, undefined],
    ]);
  });
});
