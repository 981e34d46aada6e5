import { Simulation } from '../../../lib/simulator';
import { Resource, apiTemplate, method, mock, resource, stage } from './hand-template';

const OK = [{ StatusCode: '200', ResponseTemplates: { 'application/json': 'stage=$context.stage color=$stageVariables.color' } }];
const answer = mock({}, OK);
const role: Resource = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } };

describe('the REST API model read from a template', () => {
  test('fails if the API has no stage, naming how to give it one; a named stage that does not exist lists none', async () => {
    // GIVEN an API with a method, a Deployment without StageName and no stage
    const sim = Simulation.fromTemplate(apiTemplate({ Get: method('GET', answer), Deployment: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'Api' } } } }));
    // WHEN it is called without and with a stage THEN both fail with what is wrong
    await expect(sim.request('Api', { method: 'GET', path: '/' })).rejects.toThrow('Api has no stage in the template (no AWS::ApiGateway::Stage, no Deployment with a StageName): it cannot be called');
    await expect(sim.request('Api', { method: 'GET', path: '/', stage: 'beta' })).rejects.toThrow('Api has no stage beta (it has none)');
  });

  test('a Deployment\'s StageName is a stage too; with several, the request must name one', async () => {
    // GIVEN a Stage prod with variables, a Deployment naming prod again and one naming dev
    const sim = Simulation.fromTemplate(apiTemplate({
      Get: method('GET', answer),
      Prod: stage('prod', { Variables: { color: 'blue' } }),
      DeployProd: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'Api' }, StageName: 'prod' } },
      DeployDev: { Type: 'AWS::ApiGateway::Deployment', Properties: { RestApiId: { Ref: 'Api' }, StageName: 'dev' } },
    }));
    // WHEN it is called without a stage THEN it fails naming both
    await expect(sim.request('Api', { method: 'GET', path: '/' })).rejects.toThrow('Api has the stages prod, dev: name one with { stage }');
    // AND the Stage keeps its variables; the Deployment's stage has none
    expect((await sim.request('Api', { method: 'GET', path: '/', stage: 'prod' })).body).toBe('stage=prod color=blue');
    expect((await sim.request('Api', { method: 'GET', path: '/', stage: 'dev' })).body).toBe('stage=dev color=');
    expect(sim.apiGateway.restApi('Api').stages.get('dev')).toMatchObject({ logicalId: 'DeployDev', name: 'dev', variables: {}, settings: [] });
  });

  test('fails if a method\'s integration is not one the simulator runs, naming it', async () => {
    // GIVEN methods with an HTTP proxy integration, no integration, and a non-proxy Lambda integration
    const sim = Simulation.fromTemplate(apiTemplate({
      Http: resource('http'), Bare: resource('bare'), Plain: resource('plain'),
      GetHttp: method('GET', { Integration: { Type: 'http_proxy', Uri: 'https://example.com/x' } }, 'Http'),
      GetBare: method('GET', {}, 'Bare'),
      GetPlain: method('GET', { Integration: { Type: 'AWS', Uri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:f/invocations' } }, 'Plain'),
      Prod: stage('prod'),
    }));
    const tail = 'which the simulator does not run: it simulates Lambda proxy, SQS and mock integrations';
    // WHEN each is called THEN the request fails naming the method, the route and the integration
    await expect(sim.request('Api', { method: 'GET', path: '/http' })).rejects.toThrow(`GetHttp (GET /http) has a HTTP_PROXY integration to https://example.com/x, ${tail}`);
    await expect(sim.request('Api', { method: 'GET', path: '/bare' })).rejects.toThrow(`GetBare (GET /bare) has a missing integration, ${tail}`);
    await expect(sim.request('Api', { method: 'GET', path: '/plain' })).rejects.toThrow(`GetPlain (GET /plain) has a AWS integration to arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:f/invocations, ${tail}`);
  });

  test('fails with 500 when a CUSTOM or Cognito method names no authorizer of the API', async () => {
    // GIVEN a custom method without AuthorizerId and a Cognito one naming an unknown authorizer (types in lower case)
    const sim = Simulation.fromTemplate(apiTemplate({
      A: resource('a'), B: resource('b'),
      GetA: method('GET', { ...answer, AuthorizationType: 'custom' }, 'A'),
      GetB: method('GET', { ...answer, AuthorizationType: 'cognito_user_pools', AuthorizerId: 'abc123' }, 'B'),
      Prod: stage('prod'),
    }));
    // WHEN both are called
    const a = await sim.request('Api', { method: 'GET', path: '/a' });
    const b = await sim.request('Api', { method: 'GET', path: '/b' });
    // THEN API Gateway answers 500 and the trace says which authorizer is missing
    expect([a.status, a.body, b.status]).toEqual([500, '{"message":"Internal server error"}', 500]);
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => [e.resource, e.reason, e.detail?.responseType])).toEqual([
      ['GetA', 'GetA is CUSTOM but names no authorizer of the API (none)', 'API_CONFIGURATION_ERROR'],
      ['GetB', 'GetB is COGNITO_USER_POOLS but names no authorizer of the API (abc123)', 'API_CONFIGURATION_ERROR'],
    ]);
  });

  test('a method reads its defaults: ANY without HttpMethod, NONE for an unknown authorization type, no scopes, no key', () => {
    // GIVEN a method with neither HttpMethod nor a known AuthorizationType, and one with everything set
    const sim = Simulation.fromTemplate(apiTemplate({
      Loose: { Type: 'AWS::ApiGateway::Method', Properties: { RestApiId: { Ref: 'Api' }, ResourceId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, AuthorizationType: 'weird', ...answer } },
      Items: resource('items'),
      Full: method('post', { AuthorizationType: 'aws_iam', AuthorizationScopes: ['a/b', 'c'], ApiKeyRequired: true, ...answer }, 'Items'),
      Prod: stage('prod'),
    }));
    // WHEN the model is read THEN the defaults and the values are as API Gateway reads them
    const [loose, full] = sim.apiGateway.restApi('Api').methods;
    expect([loose.httpMethod, loose.authorizationType, loose.scopes, loose.apiKeyRequired, loose.routeKey, loose.authorizerId, loose.validatorId]).toEqual(['ANY', 'NONE', [], false, 'ANY /', undefined, undefined]);
    expect([full.httpMethod, full.authorizationType, full.scopes, full.apiKeyRequired, full.routeKey]).toEqual(['POST', 'AWS_IAM', ['a/b', 'c'], true, 'POST /items']);
  });

  test('resources are linked parents first whatever the template order; one whose parent is missing is unreachable', async () => {
    // GIVEN a child listed before its parent, and a resource under a parent the template lacks
    const sim = Simulation.fromTemplate(apiTemplate({
      Leaf: resource('{id}', 'Mid'),
      GetLeaf: method('GET', answer, 'Leaf'),
      Mid: resource('mid'),
      Orphan: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: 'nowhere', PathPart: 'orphan' } },
      GetOrphan: method('GET', answer, 'Orphan'),
      Prod: stage('prod'),
    }));
    // WHEN both are called
    const leaf = await sim.request('Api', { method: 'GET', path: '/mid/9' });
    const orphan = await sim.request('Api', { method: 'GET', path: '/orphan' });
    // THEN the leaf answers, the orphan is not routed to
    expect([leaf.status, orphan.status]).toEqual([200, 403]);
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => e.reason)).toEqual(['no method GET on /orphan in Api']);
    expect(sim.apiGateway.restApi('Api').methods.map((m) => m.routeKey)).toEqual(['GET /mid/{id}', 'GET /']);
  });

  test('a route found for a resource without the method names its methods, or says it has none', async () => {
    // GIVEN a resource with GET and PUT and one with none
    const sim = Simulation.fromTemplate(apiTemplate({
      Items: resource('items'), Empty: resource('empty'),
      GetItems: method('GET', answer, 'Items'), PutItems: method('PUT', answer, 'Items'), Prod: stage('prod'),
    }));
    // WHEN methods they lack are called
    await sim.request('Api', { method: 'DELETE', path: '/items' });
    await sim.request('Api', { method: 'GET', path: '/empty' });
    // THEN the reasons name what is there
    expect(sim.events({ type: 'apigateway.rejected' }).map((e) => [e.resource, e.reason])).toEqual([
      ['Api', 'no method DELETE on /items in Api (/items has GET, PUT)'],
      ['Api', 'no method GET on /empty in Api (/empty has no methods)'],
    ]);
  });

  test('the API is found by the path of a construct holding it; fails if that construct holds several', async () => {
    // GIVEN two APIs under Both/ and one of them also under Orders/
    const meta = (path: string) => ({ 'aws:cdk:path': path });
    const sim = Simulation.fromTemplate({
      Resources: {
        One: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'one' }, Metadata: meta('Stack/Both/Orders/Api/Resource') },
        Two: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'two' }, Metadata: meta('Stack/Both/Other/Resource') },
        Three: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'three' }, Metadata: meta('Stack/Solo/Resource') },
      },
    });
    // WHEN they are looked up by construct paths
    // THEN a path holding one finds it, at the start or in the middle of the construct path
    expect(sim.apiGateway.restApi('Orders').logicalId).toBe('One');
    expect(sim.apiGateway.restApi('Stack/Solo').logicalId).toBe('Three');
    expect(sim.apiGateway.restApi({ restApi: 'Two' }).logicalId).toBe('Two');
    expect(() => sim.apiGateway.restApi('Both')).toThrow('\'Both\' holds several REST APIs (One, Two): name one');
  });

  test('fails if a request is made as something that is not an IAM role of the template', async () => {
    // GIVEN an API and a role
    const sim = Simulation.fromTemplate(apiTemplate({ Get: method('GET', answer), Prod: stage('prod'), Role: role }));
    // WHEN requests are made as the API, as nothing, and as the role
    await expect(sim.request('Api', { method: 'GET', path: '/', as: 'Api' })).rejects.toThrow('{ as } takes an IAM role of the template (AWS::IAM::Role); Api is an AWS::ApiGateway::RestApi');
    await expect(sim.request('Api', { method: 'GET', path: '/', as: 'Nope' })).rejects.toThrow('{ as } takes an IAM role of the template (AWS::IAM::Role); no resource Nope');
    // THEN a role is accepted
    expect((await sim.request('Api', { method: 'GET', path: '/', as: 'Role' })).status).toBe(200);
  });

  test('the metrics of an API without a Name are published under its logical id', async () => {
    // GIVEN an API without a Name WHEN it answers once
    const t = apiTemplate({ Get: method('GET', answer), Prod: stage('prod') });
    delete (t.Resources!.Api as { Properties: Record<string, unknown> }).Properties.Name;
    const sim = Simulation.fromTemplate(t);
    await sim.request('Api', { method: 'GET', path: '/' });
    // THEN its Count is under ApiName Api
    expect(sim.metrics.find({ namespace: 'AWS/ApiGateway', metricName: 'Count', dimensions: { ApiName: 'Api', Stage: 'prod' } })!.datapoints(0, 60_000, 60_000)[0].sum).toBe(1);
  });

  test('two APIs in one template each see only their own resources, methods, stages and authorizers', async () => {
    // GIVEN APIs One and Two, each with GET /x answering its name, a stage of its own and (for Two) an authorizer
    const other = { Ref: 'Two' };
    const root2 = { 'Fn::GetAtt': ['Two', 'RootResourceId'] };
    const named = (name: string) => mock({}, [{ StatusCode: '200', ResponseTemplates: { 'application/json': name } }]);
    const sim = Simulation.fromTemplate({
      Resources: {
        One: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'one' } },
        Two: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'two', ApiKeySourceType: 'AUTHORIZER', EndpointConfiguration: { Types: ['PRIVATE'] } } },
        X1: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'One' }, ParentId: { 'Fn::GetAtt': ['One', 'RootResourceId'] }, PathPart: 'x' } },
        X2: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: other, ParentId: root2, PathPart: 'x' } },
        Get1: { Type: 'AWS::ApiGateway::Method', Properties: { RestApiId: { Ref: 'One' }, ResourceId: { Ref: 'X1' }, HttpMethod: 'GET', AuthorizationType: 'NONE', ...named('one') } },
        Get2: { Type: 'AWS::ApiGateway::Method', Properties: { RestApiId: other, ResourceId: { Ref: 'X2' }, HttpMethod: 'GET', AuthorizationType: 'NONE', ...named('two') } },
        Stage1: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'One' }, StageName: 'v1' } },
        Stage2: { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: other, StageName: 'v2' } },
        Auth2: { Type: 'AWS::ApiGateway::Authorizer', Properties: { RestApiId: other, Type: 'TOKEN' } },
      },
    });
    // WHEN each is called, alternating
    const bodies = [];
    for (const api of ['One', 'Two', 'One', 'Two']) bodies.push((await sim.request(api, { method: 'GET', path: '/x' })).body);
    // THEN each answers with its own method, and the model holds only what is its own
    expect(bodies).toEqual(['one', 'two', 'one', 'two']);
    const [one, two] = [sim.apiGateway.restApi('One'), sim.apiGateway.restApi('Two')];
    expect([one.methods.map((m) => m.logicalId), [...one.stages.keys()], one.authorizers.size, one.apiKeySource, one.endpointType]).toEqual([['Get1'], ['v1'], 0, 'HEADER', 'EDGE']);
    expect([two.methods.map((m) => m.logicalId), [...two.stages.keys()], two.authorizers.size, two.apiKeySource, two.endpointType, two.name]).toEqual([['Get2'], ['v2'], 1, 'AUTHORIZER', 'PRIVATE', 'two']);
  });

  test('a method on a resource the template lacks is unreachable, named GET ?, and its finding speaks of the root path', () => {
    // GIVEN a Lambda proxy method whose ResourceId names nothing, and a function no permission lets API Gateway invoke
    const fnArn = 'arn:aws:lambda:us-east-1:123456789012:function:lost';
    const sim = Simulation.fromTemplate(apiTemplate({
      Lost: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'lost', Handler: 'index.handler', Code: { ZipFile: '' } } },
      Stray: { Type: 'AWS::ApiGateway::Method', Properties: {
        RestApiId: { Ref: 'Api' }, ResourceId: 'nowhere', HttpMethod: 'GET', AuthorizationType: 'NONE',
        Integration: { Type: 'AWS_PROXY', Uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fnArn}/invocations` },
      } },
      Prod: stage('prod'),
    }));
    // WHEN the model and the findings are read
    const api = sim.apiGateway.restApi('Api');
    // THEN the method is known by GET ?, and the finding names the root path
    expect([api.methods.map((m) => [m.routeKey, m.resource]), api.root.methods.size]).toEqual([[['GET ?', undefined]], 0]);
    expect(sim.findings().map((f) => [f.message, f.fix])).toEqual([[
      `API Gateway cannot invoke Lost for GET ? in stage prod: no AWS::Lambda::Permission lets apigateway.amazonaws.com invoke Lost from ${api.executeArnPrefix}prod/GET/; every request gets 500`,
      `Add an AWS::Lambda::Permission for apigateway.amazonaws.com with SourceArn ${api.executeArnPrefix}prod/GET/ (LambdaIntegration adds it).`,
    ]]);
  });

  test('a resource without ParentId is not attached (its path stays /); one without PathPart is an empty literal no path reaches', async () => {
    // GIVEN a resource without a parent, one without a path part under the root, each with a method
    const sim = Simulation.fromTemplate(apiTemplate({
      Floating: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, PathPart: 'floating' } },
      Blank: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] } } },
      GetFloating: method('GET', answer, 'Floating'),
      GetBlank: method('GET', answer, 'Blank'),
      Prod: stage('prod'),
    }));
    // WHEN the model is read THEN both methods read /, and no request reaches either
    expect(sim.apiGateway.restApi('Api').methods.map((m) => m.routeKey)).toEqual(['GET /', 'GET /']);
    expect([(await sim.request('Api', { method: 'GET', path: '/floating' })).status, (await sim.request('Api', { method: 'GET', path: '/' })).status]).toEqual([403, 403]);
  });

  test('fails if an API or an API key is named by something else or nothing, saying what was expected', () => {
    // GIVEN an API and a role
    const sim = Simulation.fromTemplate(apiTemplate({ Get: method('GET', answer), Prod: stage('prod'), Role: role }));
    // WHEN the role is taken for an API, the API for a key, and a missing name for an API THEN
    expect(() => sim.apiGateway.restApi('Role')).toThrow('Role is an AWS::IAM::Role, not a REST API (AWS::ApiGateway::RestApi)');
    expect(() => sim.apiGateway.apiKey('Api')).toThrow('Api is an AWS::ApiGateway::RestApi, not an API key (AWS::ApiGateway::ApiKey)');
    expect(() => sim.apiGateway.restApi('Nope')).toThrow('No resource Nope in stack SimulatedStack (expected a REST API (AWS::ApiGateway::RestApi))');
  });
});
