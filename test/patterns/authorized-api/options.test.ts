import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  AUTHORIZED_API_ACKNOWLEDGEMENTS, AUTHORIZED_API_RULES as R, ApiEndpoint, AuthorizedApi, MessageValue, ValidationError, WebAclOption,
} from '../../../lib';
import { acknowledgedOn, newFunction, newQueue, newStack, tokenApiProps, validationErrorOf } from './support';

const methodsOf = (t: Template) => Object.values(t.findResources('AWS::ApiGateway::Method')).map((m) => m.Properties);

describe('AuthorizedApi authorizer types', () => {
  test('Cognito: verifies tokens of the user pool, writes the 300 s TTL, and asks routes for their scopes', () => {
    // GIVEN
    const stack = newStack();
    const userPool = new cognito.UserPool(stack, 'Users');
    // WHEN
    new AuthorizedApi(stack, 'Api', {
      authorizer: { type: 'cognito', userPool, scopes: ['orders/read'] },
      routes: {
        'GET /orders': { function: newFunction(stack, 'List') },
        'POST /orders': { function: newFunction(stack, 'Create'), scopes: ['orders/write'] },
      },
    });
    // THEN
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS', AuthorizerResultTtlInSeconds: 300, IdentitySource: 'method.request.header.Authorization',
    });
    expect(methodsOf(t).map((m) => `${m.HttpMethod} ${m.AuthorizationType} ${m.AuthorizationScopes}`).sort())
      .toEqual(['GET COGNITO_USER_POOLS orders/read', 'POST COGNITO_USER_POOLS orders/write']);
  });

  test('REQUEST: the identity sources are the cache key, and cachePerRoute adds the method and resource to it', () => {
    const stack = newStack();
    new AuthorizedApi(stack, 'Api', tokenApiProps(stack, {
      authorizer: { type: 'request', function: newFunction(stack, 'A'), identitySources: ['method.request.header.X-Api-Token'], cachePerRoute: true },
    }));
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST', AuthorizerResultTtlInSeconds: 300,
      IdentitySource: 'method.request.header.X-Api-Token,context.httpMethod,context.resourcePath',
    });
  });

  test('IAM: every method requires SigV4, there is no authorizer, and grantInvoke allows one route or all', () => {
    const stack = newStack();
    const api = new AuthorizedApi(stack, 'Api', { authorizer: { type: 'iam' }, routes: { 'GET /orders/{id}': { function: newFunction(stack, 'F') } } });
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    api.grantInvoke(role, 'GET /orders/{id}');
    const t = Template.fromStack(stack);
    expect(api.authorizer).toBeUndefined();
    t.resourceCountIs('AWS::ApiGateway::Authorizer', 0);
    expect(methodsOf(t).map((m) => m.AuthorizationType)).toEqual(['AWS_IAM']);
    const policy = JSON.stringify(t.findResources('AWS::IAM::Policy'));
    expect(policy).toContain('execute-api:Invoke');
    expect(policy).toContain('/GET/orders/*"');
    expect(() => api.grantInvoke(role, 'GET /nope')).toThrow(/grantInvoke\(routeKey\) 'GET \/nope' is not a route of this API/);
  });

  test('a route may ask for IAM on an API with a Lambda authorizer', () => {
    const stack = newStack();
    new AuthorizedApi(stack, 'Api', tokenApiProps(stack, { routes: { 'POST /admin': { function: newFunction(stack, 'F'), authorization: 'iam' } } }));
    expect(methodsOf(Template.fromStack(stack)).map((m) => `${m.AuthorizationType} ${m.AuthorizerId === undefined}`)).toEqual(['AWS_IAM true']);
  });
});

describe('AuthorizedApi: the only open method is one a route says is', () => {
  test('fails the synth if a method is added to restApi without authorization', () => {
    // GIVEN
    const stack = newStack();
    const api = new AuthorizedApi(stack, 'Api', tokenApiProps(stack));
    // WHEN
    api.restApi.root.addResource('debug').addMethod('GET', new apigateway.MockIntegration());
    // THEN
    const e = validationErrorOf(() => Template.fromStack(stack), stack);
    expect(e.problems.map((p) => p.code)).toEqual([R.openMethod]);
    expect(e.message).toContain('restApi has the method GET /debug (Test/Api/Api/Default/debug/GET) with no authorization');
    expect(e.message).toContain('api.addRoute(\'GET /debug\', {...})');
  });

  test('accepts a method added to restApi with its own authorization', () => {
    const stack = newStack();
    const api = new AuthorizedApi(stack, 'Api', tokenApiProps(stack));
    api.restApi.root.addResource('debug').addMethod('GET', new apigateway.MockIntegration(), { authorizationType: apigateway.AuthorizationType.IAM });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('addRoute authorizes a later route, and fails if it collides with an earlier one', () => {
    const stack = newStack();
    const api = new AuthorizedApi(stack, 'Api', tokenApiProps(stack));
    const method = api.addRoute('DELETE /orders/{id}', { function: newFunction(stack, 'Delete') });
    expect((method.node.defaultChild as apigateway.CfnMethod).authorizationType).toBe('CUSTOM');
    const e = validationErrorOf(() => api.addRoute('GET /orders/{orderId}', { function: newFunction(stack, 'Get2') }), stack);
    expect(e.problems.map((p) => `${p.code} ${p.value}`)).toEqual([
      `${R.routeCollision} (and routes['GET /orders/{id}'])`, `${R.routeCollision} (and routes['DELETE /orders/{id}'])`,
    ]);
  });

  test('CORS: the preflight is public and carries no authorizer, and API Gateway\'s own errors get the CORS header', () => {
    const stack = newStack();
    new AuthorizedApi(stack, 'Api', tokenApiProps(stack, { cors: { allowOrigins: ['https://shop.example.com'] } }));
    const t = Template.fromStack(stack);
    const options = methodsOf(t).filter((m) => m.HttpMethod === 'OPTIONS');
    expect(options.length).toBeGreaterThan(0);
    expect(options.every((m) => m.AuthorizationType === 'NONE' && m.AuthorizerId === undefined)).toBe(true);
    t.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_4XX', ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': '\'https://shop.example.com\'' },
    });
  });
});

describe('AuthorizedApi options users of RestApi expect', () => {
  test('a usage plan on the stage, API keys added to it, and routes that require one', () => {
    const stack = newStack();
    const api = new AuthorizedApi(stack, 'Api', tokenApiProps(stack, {
      usagePlan: { throttle: { rateLimit: 10, burstLimit: 20 }, quota: { limit: 1000, period: apigateway.Period.DAY } },
      routes: { 'GET /reports': { function: newFunction(stack, 'F'), apiKeyRequired: true } },
    }));
    api.addApiKey('Partner');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::UsagePlan', { Throttle: { RateLimit: 10, BurstLimit: 20 }, Quota: { Limit: 1000, Period: 'DAY' } });
    t.resourceCountIs('AWS::ApiGateway::UsagePlanKey', 1);
    expect(methodsOf(t)[0].ApiKeyRequired).toBe(true);
  });

  test('fails if an API key is added without a usage plan', () => {
    const stack = newStack();
    const api = new AuthorizedApi(stack, 'Api', tokenApiProps(stack));
    expect(() => api.addApiKey('Partner')).toThrow(ValidationError);
  });

  test('a private endpoint answers only through its VPC endpoints', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const endpoint = vpc.addInterfaceEndpoint('ExecuteApi', { service: ec2.InterfaceVpcEndpointAwsService.APIGATEWAY });
    new AuthorizedApi(stack, 'Api', tokenApiProps(stack, { endpoint: ApiEndpoint.private([endpoint]) }));
    const t = Template.fromStack(stack);
    const [restApi] = Object.values(t.findResources('AWS::ApiGateway::RestApi'));
    expect(restApi.Properties.EndpointConfiguration.Types).toEqual(['PRIVATE']);
    const statements = restApi.Properties.Policy.Statement;
    expect(statements.map((s: { Effect: string }) => s.Effect)).toEqual(['Allow', 'Deny']);
    expect(JSON.stringify(statements)).toContain('aws:SourceVpce');
  });

  test('a stage cache is encrypted, and then the cache rule is not acknowledged', () => {
    const stack = newStack();
    const api = new AuthorizedApi(stack, 'Api', tokenApiProps(stack, { cache: { ttl: Duration.seconds(60) } }));
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      CacheClusterEnabled: true, CacheClusterSize: '0.5',
      MethodSettings: [Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', CachingEnabled: true, CacheDataEncrypted: true, CacheTtlInSeconds: 60 })],
    });
    const acks = acknowledgedOn(api.stage);
    expect(AUTHORIZED_API_ACKNOWLEDGEMENTS.noStageCache.filter((a) => acks[a.id] !== undefined)).toEqual([]);
  });

  test('a route\'s own throttling is a method setting of its own', () => {
    const stack = newStack();
    new AuthorizedApi(stack, 'Api', tokenApiProps(stack, {
      routes: { 'POST /orders/{id}/refunds': { function: newFunction(stack, 'F'), throttling: { rateLimit: 5, burstLimit: 10 } } },
    }));
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([Match.objectLike({ HttpMethod: 'POST', ResourcePath: '/~1orders~1{id}~1refunds', ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 })]),
    });
  });

  test('a custom domain requires TLS 1.2', () => {
    const stack = newStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc');
    new AuthorizedApi(stack, 'Api', tokenApiProps(stack, { domainName: { domainName: 'api.example.com', certificate } }));
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::DomainName', { SecurityPolicy: 'TLS_1_2', EndpointConfiguration: { Types: ['REGIONAL'] } });
  });

  test('a web ACL you bring is associated; none makes none', () => {
    const stack = newStack();
    new AuthorizedApi(stack, 'Shared', tokenApiProps(stack, { webAcl: WebAclOption.fromArn('arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/shared/1') }));
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::WAFv2::WebACL', 0);
    t.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: 'arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/shared/1' });
    const bare = newStack();
    new AuthorizedApi(bare, 'Api', tokenApiProps(bare, { webAcl: WebAclOption.none() }));
    Template.fromStack(bare).resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
  });

  test('two APIs in one stack share one account CloudWatch role; it can be left to the account', () => {
    const stack = newStack();
    new AuthorizedApi(stack, 'One', tokenApiProps(stack));
    new AuthorizedApi(stack, 'Two', { authorizer: { type: 'iam' }, setAccountCloudWatchRole: false, routes: { 'GET /a': { function: newFunction(stack, 'F') } } });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::Account', 1);
  });

  test('an imported encryption key is used, with a warning and the statement the logs need', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:111111111111:key/abc');
    new AuthorizedApi(stack, 'Api', tokenApiProps(stack, { encryptionKey: key, webAcl: WebAclOption.none() }));
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(R.keyPolicyNotEditable));
    expect(warnings).toHaveLength(2);
    expect(String(warnings[0].entry.data)).toContain('kms:EncryptionContext:aws:logs:arn');
  });

  test('metrics are the stage\'s', () => {
    const stack = newStack();
    const api = new AuthorizedApi(stack, 'Api', tokenApiProps(stack));
    const metric = api.metricServerError();
    expect(metric.namespace).toBe('AWS/ApiGateway');
    expect(metric.metricName).toBe('5XXError');
    expect(Object.keys(metric.dimensions ?? {}).sort()).toEqual(['ApiName', 'Stage']);
    expect(api.url).toContain('execute-api');
  });
});

describe('AuthorizedApi queue routes', () => {
  test('a FIFO queue gets the group id, and the request id as deduplication id unless SQS derives one', () => {
    const stack = newStack();
    const api = new AuthorizedApi(stack, 'Api', tokenApiProps(stack, {
      routes: {
        'POST /jobs': { queue: newQueue(stack, 'Jobs', { fifo: true }), messageGroupId: MessageValue.principalId() },
        'POST /tasks': { queue: newQueue(stack, 'Tasks', { fifo: true, contentBasedDeduplication: true }), messageGroupId: MessageValue.header('X-Group') },
      },
    }));
    const template = (key: string) => {
      const method = api.method(key)?.node.defaultChild as apigateway.CfnMethod;
      return (stack.resolve(method.integration) as { requestTemplates: Record<string, string> }).requestTemplates['application/json'];
    };
    expect(template('POST /jobs')).toContain('&MessageGroupId=$util.urlEncode($context.authorizer.principalId)&MessageDeduplicationId=$util.urlEncode($context.requestId)');
    expect(template('POST /tasks')).toContain('&MessageGroupId=$util.urlEncode($input.params().header.get(\'X-Group\'))');
    expect(template('POST /tasks')).not.toContain('MessageDeduplicationId');
    expect(stack.resolve((api.method('POST /tasks')?.node.defaultChild as apigateway.CfnMethod).requestParameters))
      .toEqual({ 'method.request.header.X-Group': true });
  });

  test('a queue route\'s method waits for its role\'s policy', () => {
    const stack = newStack();
    const api = new AuthorizedApi(stack, 'Api', { authorizer: { type: 'iam' }, routes: { 'POST /a': { queue: newQueue(stack, 'Q') } } });
    const t = Template.fromStack(stack);
    const logicalId = stack.getLogicalId(api.method('POST /a')?.node.defaultChild as apigateway.CfnMethod);
    expect(t.toJSON().Resources[logicalId].DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^ApiRoutesPOSTaPolicy/)]));
  });
});

describe('AuthorizedApi across stacks', () => {
  test('a function from another stack of the app is routed to', () => {
    const app = new App();
    const env = { account: '111111111111', region: 'eu-west-1' };
    const fns = new Stack(app, 'Functions', { env });
    const fn = new lambda.Function(fns, 'F', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>({})') });
    const stack = new Stack(app, 'ApiStack', { env });
    new AuthorizedApi(stack, 'Api', { authorizer: { type: 'iam' }, routes: { 'GET /a': { function: fn } } });
    expect(() => app.synth()).not.toThrow();
  });
});
