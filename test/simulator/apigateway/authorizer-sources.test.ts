import { Duration } from 'aws-cdk-lib';
import { Simulation } from '../../../lib/simulator';
import { Resource, apiTemplate, method, mock, ofApi, resource, stage } from './hand-template';
import { policy } from './support';

const ACCOUNT = '123456789012';
const fnArn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const uri = (name: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fnArn(name)}/invocations`;
const fn = (name: string): Resource => ({ Type: 'AWS::Lambda::Function', Properties: { FunctionName: name, Handler: 'index.handler', Code: { ZipFile: '' }, Timeout: 10 } });
const trustLambda = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const OK = mock({}, [{ StatusCode: '200', ResponseTemplates: { 'application/json': 'principal=$context.authorizer.principalId' } }]);
const custom = (authorizer: string) => ({ ...OK, AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizer } });

/**
 * GIVEN a REST API whose methods are answered by MOCK integrations behind Lambda authorizers: Plain (TOKEN, no
 * IdentitySource: the Authorization header), Sources (REQUEST on a stage variable, the source IP and a query
 * string), ByRole (TOKEN invoked with AuthorizerCredentials that may invoke), Refused (TOKEN with a role that may
 * not), Direct (TOKEN whose AuthorizerUri is the function ARN itself). API Gateway may invoke `auth`.
 */
function template(extra: Record<string, Resource> = {}) {
  return apiTemplate({
    Auth: fn('auth'),
    AuthPermission: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: fnArn('auth'), Principal: 'apigateway.amazonaws.com' } },
    Private: fn('private'),
    Invoker: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trustLambda, Policies: [{ PolicyName: 'invoke', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: fnArn('private') }] } }] } },
    Idle: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trustLambda } },
    Plain: ofApi('AWS::ApiGateway::Authorizer', { Type: 'TOKEN', Name: 'plain', AuthorizerUri: uri('auth') }),
    Sources: ofApi('AWS::ApiGateway::Authorizer', { Type: 'REQUEST', Name: 'sources', AuthorizerUri: uri('auth'), IdentitySource: 'stageVariables.tenant, context.identity.sourceIp,,method.request.querystring.q' }),
    ByRole: ofApi('AWS::ApiGateway::Authorizer', { Type: 'TOKEN', Name: 'role', AuthorizerUri: uri('private'), AuthorizerCredentials: { 'Fn::GetAtt': ['Invoker', 'Arn'] }, IdentitySource: 'method.request.header.X-Token' }),
    Refused: ofApi('AWS::ApiGateway::Authorizer', { Type: 'TOKEN', Name: 'refused', AuthorizerUri: uri('private'), AuthorizerCredentials: { 'Fn::GetAtt': ['Idle', 'Arn'] } }),
    Direct: ofApi('AWS::ApiGateway::Authorizer', { Type: 'TOKEN', Name: 'direct', AuthorizerUri: fnArn('auth') }),
    PlainR: resource('plain'), SourcesR: resource('sources'), RoleR: resource('role'), RefusedR: resource('refused'), DirectR: resource('direct'),
    GetPlain: method('GET', custom('Plain'), 'PlainR'),
    GetSources: method('GET', custom('Sources'), 'SourcesR'),
    GetRole: method('GET', custom('ByRole'), 'RoleR'),
    GetRefused: method('GET', custom('Refused'), 'RefusedR'),
    GetDirect: method('GET', custom('Direct'), 'DirectR'),
    Prod: stage('prod', { Variables: { tenant: 'acme' } }),
    Beta: stage('beta'),
    ...extra,
  });
}

const allowAll = (principal: string) => (e: { methodArn: string }) => policy(principal, 'Allow', `${e.methodArn.split('/')[0]}/*`);
const reasons = (sim: Simulation) => sim.events({ type: 'apigateway.rejected' }).map((e) => [e.resource, e.reason, e.detail?.responseType, e.detail?.status]);

describe('Lambda authorizers read from a hand-written template', () => {
  test('a TOKEN authorizer without IdentitySource reads the Authorization header, and says so when it is missing', async () => {
    // GIVEN the API and an authorizer function allowing every method
    const sim = Simulation.fromTemplate(template());
    const tokens: unknown[] = [];
    sim.onInvoke('Auth', (e: { authorizationToken: string; methodArn: string }) => {
      tokens.push(e.authorizationToken);
      return allowAll('alice')(e);
    });
    // WHEN requests come without and with the header
    const missing = await sim.request('Api', { method: 'GET', path: '/plain', stage: 'prod' });
    const given = await sim.request('Api', { method: 'GET', path: '/plain', stage: 'prod', headers: { authorization: 'tok' } });
    // THEN the first is 401 naming the default source, the second reaches the integration
    expect([missing.status, missing.body, given.status, given.body, tokens]).toEqual([401, '{"message":"Unauthorized"}', 200, 'principal=alice', ['tok']]);
    expect(reasons(sim)).toEqual([['GetPlain', 'the identity source method.request.header.Authorization is missing or empty', 'UNAUTHORIZED', 401]]);
  });

  test('a REQUEST authorizer reads stage variables and the request context; each missing source is named', async () => {
    // GIVEN the API and an authorizer function recording what it is asked
    const sim = Simulation.fromTemplate(template());
    let invocations = 0;
    sim.onInvoke('Auth', (e: { methodArn: string }) => {
      invocations++;
      return allowAll('bob')(e);
    });
    // WHEN requests come on prod with and without the query string, on beta (no tenant variable), and from another address
    const ok = await sim.request('Api', { method: 'GET', path: '/sources', stage: 'prod', query: { q: '1' } });
    const again = await sim.request('Api', { method: 'GET', path: '/sources', stage: 'prod', query: { q: '1' } });
    const noQuery = await sim.request('Api', { method: 'GET', path: '/sources', stage: 'prod' });
    const noVariable = await sim.request('Api', { method: 'GET', path: '/sources', stage: 'beta', query: { q: '1' } });
    const elsewhere = await sim.request('Api', { method: 'GET', path: '/sources', stage: 'prod', query: { q: '1' }, sourceIp: '203.0.113.9' });
    // THEN the cache key is every source together: the same values are cached, another address invokes again
    expect([ok.status, again.status, noQuery.status, noVariable.status, elsewhere.status, invocations]).toEqual([200, 200, 401, 401, 200, 2]);
    expect(reasons(sim)).toEqual([
      ['GetSources', 'the identity source method.request.querystring.q is missing or empty', 'UNAUTHORIZED', 401],
      ['GetSources', 'the identity source stageVariables.tenant is missing or empty', 'UNAUTHORIZED', 401],
    ]);
    expect(sim.apiGateway.restApi('Api').authorizers.get(sim.template.resource('Sources')!.ref as string)).toMatchObject({
      type: 'REQUEST', ttlMs: 300_000, identitySources: ['stageVariables.tenant', 'context.identity.sourceIp', 'method.request.querystring.q'], validationRegex: undefined,
    });
  });

  test('an authorizer with AuthorizerCredentials is invoked as that role: allowed by its policy, or 500 naming the refusal', async () => {
    // GIVEN the API and the private function (no resource policy) answering Allow
    const sim = Simulation.fromTemplate(template());
    sim.onInvoke('Private', allowAll('carol'));
    // WHEN the method behind the invoking role and the one behind the idle role are called
    const byRole = await sim.request('Api', { method: 'GET', path: '/role', stage: 'prod', headers: { 'X-Token': 't' } });
    const refused = await sim.request('Api', { method: 'GET', path: '/refused', stage: 'prod', headers: { Authorization: 't' } });
    // THEN the first passes; the second is 500 AuthorizerConfigurationException, the reason from IAM
    expect([byRole.status, byRole.body]).toEqual([200, 'principal=carol']);
    expect([refused.status, refused.body, refused.headers['x-amzn-ErrorType']]).toEqual([500, '{"message":null}', 'AuthorizerConfigurationException']);
    const [rejected] = sim.events({ type: 'apigateway.rejected' });
    expect([rejected.resource, rejected.detail?.responseType]).toEqual(['GetRefused', 'AUTHORIZER_CONFIGURATION_ERROR']);
    expect(rejected.reason).toBe('API Gateway cannot invoke the authorizer function: the authorizer credentials role may not lambda:InvokeFunction: no policy of Idle allows lambda:InvokeFunction on arn:aws:lambda:us-east-1:123456789012:function:private (Idle has no policies)');
  });

  test('an AuthorizerUri that is the function ARN itself names the function', async () => {
    // GIVEN the API WHEN the Direct authorizer's method is called
    const sim = Simulation.fromTemplate(template());
    sim.onInvoke('Auth', allowAll('dan'));
    const r = await sim.request('Api', { method: 'GET', path: '/direct', stage: 'prod', headers: { Authorization: 't' } });
    // THEN the function answered
    expect([r.status, r.body]).toEqual([200, 'principal=dan']);
  });

  test('a summary trace counts each cache hit, without records', async () => {
    // GIVEN the API in a summary trace WHEN the same token comes three times
    const sim = Simulation.fromTemplate(template(), { trace: 'summary' });
    sim.onInvoke('Auth', allowAll('erin'));
    for (let i = 0; i < 3; i++) await sim.request('Api', { method: 'GET', path: '/plain', stage: 'prod', headers: { Authorization: 't' } });
    // THEN one invocation, two hits
    expect([sim.trace.count('apigateway.authorizerInvoked'), sim.trace.count('apigateway.authorizerCacheHit'), sim.trace.count('apigateway.answered'), sim.trace.events.length]).toEqual([1, 2, 3, 0]);
  });

  test('fails with 500 when the authorizer function is throttled, naming it', async () => {
    // GIVEN the API, one concurrent execution in the account, an authorizer taking a second
    const sim = Simulation.fromTemplate(template());
    sim.lambda.configure({ accountConcurrency: 1 });
    sim.onInvoke('Auth', allowAll('fay'), { duration: Duration.seconds(1) });
    // WHEN two requests with different tokens come at once
    const [first, second] = await Promise.all([
      sim.request('Api', { method: 'GET', path: '/plain', stage: 'prod', headers: { Authorization: 'a' } }),
      sim.request('Api', { method: 'GET', path: '/plain', stage: 'prod', headers: { Authorization: 'b' } }),
    ]);
    // THEN the second is API Gateway's 500 AuthorizerFailure
    expect([first.status, second.status, second.headers['x-amzn-ErrorType']]).toEqual([200, 500, 'AuthorizerFailureException']);
    expect(reasons(sim)).toEqual([['GetPlain', 'the authorizer function was throttled (ConcurrentInvocationLimitExceeded)', 'AUTHORIZER_FAILURE', 500]]);
  });

  test('an answer of 8,192 bytes is read; one byte more is 500, not cached', async () => {
    // GIVEN the API and an authorizer whose answer is padded to a size set by the token
    const sim = Simulation.fromTemplate(template());
    const answer = (pad: number) => ({ ...policy('gus', 'Allow', '*'), context: { pad: 'x'.repeat(pad) } });
    const base = Buffer.byteLength(JSON.stringify(answer(0)));
    sim.onInvoke('Auth', (e: { authorizationToken: string }) => answer(Number(e.authorizationToken) - base));
    // WHEN answers of 8192 and 8193 bytes come
    const at = await sim.request('Api', { method: 'GET', path: '/plain', stage: 'prod', headers: { Authorization: '8192' } });
    const over = await sim.request('Api', { method: 'GET', path: '/plain', stage: 'prod', headers: { Authorization: '8193' } });
    const overAgain = await sim.request('Api', { method: 'GET', path: '/plain', stage: 'prod', headers: { Authorization: '8193' } });
    // THEN the first passes, the others are 500 with the size
    expect([at.status, over.status, overAgain.status]).toEqual([200, 500, 500]);
    expect(reasons(sim)).toEqual([
      ['GetPlain', 'the authorizer\'s answer is malformed (not cached): the answer is 8193 bytes; API Gateway reads at most 8192', 'AUTHORIZER_CONFIGURATION_ERROR', 500],
      ['GetPlain', 'the authorizer\'s answer is malformed (not cached): the answer is 8193 bytes; API Gateway reads at most 8192', 'AUTHORIZER_CONFIGURATION_ERROR', 500],
    ]);
    expect(sim.trace.count('apigateway.authorizerInvoked')).toBe(3);
  });

  test('fails with 401 when a context source steps into a value that is not there', async () => {
    // GIVEN a REQUEST authorizer on $context.authorizer.principalId (no authorizer has run yet) and $context.stage.length
    const sim = Simulation.fromTemplate(template({
      Deep: ofApi('AWS::ApiGateway::Authorizer', { Type: 'REQUEST', AuthorizerUri: uri('auth'), IdentitySource: 'context.stage, context.authorizer.principalId' }),
      Shallow: ofApi('AWS::ApiGateway::Authorizer', { Type: 'REQUEST', AuthorizerUri: uri('auth'), IdentitySource: 'context.stage.length' }),
      DeepR: resource('deep'), ShallowR: resource('shallow'),
      GetDeep: method('GET', custom('Deep'), 'DeepR'), GetShallow: method('GET', custom('Shallow'), 'ShallowR'),
    }));
    sim.onInvoke('Auth', allowAll('hal'));
    // WHEN both are called
    const deep = await sim.request('Api', { method: 'GET', path: '/deep', stage: 'prod' });
    const shallow = await sim.request('Api', { method: 'GET', path: '/shallow', stage: 'prod' });
    // THEN both are 401 without an invocation, naming the source
    expect([deep.status, shallow.status, sim.trace.count('apigateway.authorizerInvoked')]).toEqual([401, 401, 0]);
    expect(reasons(sim)).toEqual([
      ['GetDeep', 'the identity source context.authorizer.principalId is missing or empty', 'UNAUTHORIZED', 401],
      ['GetShallow', 'the identity source context.stage.length is missing or empty', 'UNAUTHORIZED', 401],
    ]);
  });

  test('fails at load when IdentityValidationExpression is not a regular expression, naming where', () => {
    // GIVEN an authorizer with a broken expression WHEN the template is loaded THEN the error names it
    const broken = template({ Bad: ofApi('AWS::ApiGateway::Authorizer', { Type: 'TOKEN', AuthorizerUri: uri('auth'), IdentityValidationExpression: '[a' }) });
    expect(() => Simulation.fromTemplate(broken)).toThrow('Bad.Properties.IdentityValidationExpression: "[a" is not a regular expression');
  });

  test('findings: an authorizer API Gateway may not invoke is an error; one invoked with credentials is not checked', () => {
    // GIVEN the template and an authorizer on the private function without credentials
    const sim = Simulation.fromTemplate(template({ NoRole: ofApi('AWS::ApiGateway::Authorizer', { Type: 'TOKEN', AuthorizerUri: uri('private') }) }));
    const api = sim.apiGateway.restApi('Api');
    const arn = `${api.executeArnPrefix}authorizers/${String(sim.template.resource('NoRole')!.ref)}`;
    // WHEN the findings are listed THEN only NoRole is named (Refused's role cannot invoke either, but its role is not checked here)
    expect(sim.findings()).toEqual([{
      code: 'decoupled-sim:api-authorizer-not-invokable', severity: 'error', resources: ['Private', 'NoRole'],
      message: `API Gateway cannot invoke the authorizer function Private of NoRole: no AWS::Lambda::Permission lets apigateway.amazonaws.com invoke Private from ${arn}; every request it authorizes gets 500`,
      fix: `Add an AWS::Lambda::Permission for apigateway.amazonaws.com with SourceArn ${arn} (TokenAuthorizer and RequestAuthorizer add it).`,
    }]);
  });

  test('fails with 500 for each malformed answer, with its whole reason; none is cached', async () => {
    // GIVEN the API and an authorizer answering by the token's number
    const sim = Simulation.fromTemplate(template());
    const statement = { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' };
    const answers: unknown[] = [
      [statement],
      { policyDocument: { Statement: [statement] } },
      { principalId: true, policyDocument: { Statement: [statement] } },
      { principalId: 'a', policyDocument: 'text' },
      { principalId: 'a', policyDocument: {} },
      { principalId: 'a', policyDocument: { Statement: [statement, null] } },
      { principalId: 'a', policyDocument: { Statement: [statement, { Effect: 'Deny', Action: 'x' }] } },
      { principalId: 'a', policyDocument: { Statement: [{ Effect: 'Allow', Resource: '*' }] } },
      { principalId: 'a', policyDocument: { Statement: statement }, context: { ok: 1, list: [1] } },
      { principalId: 'a', policyDocument: { Statement: statement }, context: { gone: null } },
    ];
    sim.onInvoke('Auth', (e: { authorizationToken: string }) => answers[Number(e.authorizationToken)]);
    // WHEN each is asked for twice
    const statuses = [];
    for (let n = 0; n < answers.length; n++) {
      for (let twice = 0; twice < 2; twice++) statuses.push((await sim.request('Api', { method: 'GET', path: '/plain', stage: 'prod', headers: { Authorization: String(n) } })).status);
    }
    // THEN every one is 500, invoked both times, with the reason
    expect(statuses).toEqual(Array(answers.length * 2).fill(500));
    expect(sim.trace.count('apigateway.authorizerInvoked')).toBe(answers.length * 2);
    const malformed = (why: string) => `the authorizer's answer is malformed (not cached): ${why}`;
    expect(sim.events({ type: 'apigateway.rejected' }).filter((_, i) => i % 2 === 0).map((e) => e.reason)).toEqual([
      malformed('expected an object with principalId and policyDocument, got [{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]'),
      malformed('principalId is missing'),
      malformed('principalId is missing'),
      malformed('policyDocument has no Statement'),
      malformed('policyDocument has no Statement'),
      malformed('statement 1 needs Effect (Allow or Deny), Action and Resource: null'),
      malformed('statement 1 needs Effect (Allow or Deny), Action and Resource: {"Effect":"Deny","Action":"x"}'),
      malformed('statement 0 needs Effect (Allow or Deny), Action and Resource: {"Effect":"Allow","Resource":"*"}'),
      malformed('context.list is [1]: context values must be strings, numbers or booleans'),
      malformed('context.gone is null: context values must be strings, numbers or booleans'),
    ]);
  });

  test('a numeric principalId, a Statement object, a null context and a usageIdentifierKey that is not text are read', async () => {
    // GIVEN an authorizer answering so
    const sim = Simulation.fromTemplate(template());
    sim.onInvoke('Auth', () => ({ principalId: 42, policyDocument: { Statement: { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' } }, context: null, usageIdentifierKey: 7 }));
    // WHEN a request passes THEN the integration sees the principal as text
    const r = await sim.request('Api', { method: 'GET', path: '/plain', stage: 'prod', headers: { Authorization: 't' } });
    expect([r.status, r.body]).toEqual([200, 'principal=42']);
  });
});
