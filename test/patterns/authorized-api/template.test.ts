import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AUTHORIZED_API_RULES as R, ApiEndpoint, AuthorizedApi, AuthorizedApiProps, MessageValue, TopicFanOut } from '../../../lib';
import { DEFAULT_MANAGED_RULE_GROUPS } from '../../../lib/patterns/authorized-api';
import { acknowledgedOn, newFunction, newQueue, newStack, warningsOf } from './support';

// Each test builds its own stack, so every line of the pattern it reaches is checked by the test that reaches it.

/** Builds an API in a fresh stack and returns the stack, the API and its template. */
function build(props: (s: Stack) => AuthorizedApiProps, id = 'Api') {
  const stack = newStack();
  const api = new AuthorizedApi(stack, id, props(stack));
  return { stack, api, template: Template.fromStack(stack) };
}

/** The properties of the one method with this HTTP method. */
function methodProps(template: Template, httpMethod: string): Record<string, any> {
  const found = Object.values(template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: httpMethod } }));
  expect(found).toHaveLength(1);
  return found[0].Properties;
}

/** The customer-managed policy attached to `role`. */
function policyOf(template: Template, stack: Stack, role: iam.IRole | undefined): Record<string, any> {
  const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [stack.resolve(role!.roleName)] } }));
  expect(policies).toHaveLength(1);
  return policies[0].Properties;
}

describe('AuthorizedApi template: function routes and authorization', () => {
  test('a function route is a Lambda proxy integration with the 29 s timeout, requiring its headers and query strings', () => {
    const { template } = build((s) => ({
      authorizer: { type: 'iam' },
      routes: { 'GET /a': { function: newFunction(s, 'F'), requiredHeaders: ['X-Tenant'], requiredQueryStrings: ['page', 'size'] } },
    }));
    const get = methodProps(template, 'GET');
    expect(get.Integration).toMatchObject({ Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', TimeoutInMillis: 29_000 });
    expect(JSON.stringify(get.Integration.Uri)).toContain(':lambda:path/2015-03-31/functions/');
    expect(get.RequestParameters).toEqual({
      'method.request.header.X-Tenant': true, 'method.request.querystring.page': true, 'method.request.querystring.size': true,
    });
  });

  test('a route that says none is open on an API with a TOKEN authorizer; the others use the authorizer', () => {
    const { template } = build((s) => ({
      authorizer: { type: 'token', function: newFunction(s, 'A') },
      routes: { 'GET /a': { function: newFunction(s, 'F'), authorization: 'none' }, 'POST /a': { function: newFunction(s, 'G') } },
    }));
    const open = methodProps(template, 'GET');
    expect(open.AuthorizationType).toBe('NONE');
    expect(open.AuthorizerId).toBeUndefined();
    expect(methodProps(template, 'POST').AuthorizationType).toBe('CUSTOM');
  });

  test('a REQUEST authorizer is keyed by its identity sources only, unless cachePerRoute adds the method and resource', () => {
    const source = (cachePerRoute: boolean) => {
      const { template } = build((s) => ({
        authorizer: { type: 'request', function: newFunction(s, 'A'), identitySources: ['method.request.header.Auth'], cachePerRoute },
        routes: { 'GET /a': { function: newFunction(s, 'F') } },
      }));
      return Object.values(template.findResources('AWS::ApiGateway::Authorizer'))[0].Properties.IdentitySource;
    };
    expect(source(false)).toBe('method.request.header.Auth');
    expect(source(true)).toBe('method.request.header.Auth,context.httpMethod,context.resourcePath');
  });

  test('every Lambda permission API Gateway gets, the integration\'s and the authorizer\'s, names the source account', () => {
    const { template } = build((s) => ({ authorizer: { type: 'token', function: newFunction(s, 'A') }, routes: { 'GET /a': { function: newFunction(s, 'F') } } }));
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).map((p) => `${p.Properties.Principal} ${p.Properties.SourceAccount}`);
    expect(permissions).toEqual(['apigateway.amazonaws.com 111111111111', 'apigateway.amazonaws.com 111111111111']);
  });
});

describe('AuthorizedApi template: queue and topic routes', () => {
  test('a queue route sends form-encoded through a role described by its route, with its key granted', () => {
    const { stack, api, template } = build((s) => ({ authorizer: { type: 'iam' }, routes: { 'POST /jobs': { queue: newQueue(s, 'Q') } } }));
    const post = methodProps(template, 'POST');
    expect(post.Integration.RequestParameters).toEqual({ 'integration.request.header.Content-Type': '\'application/x-www-form-urlencoded\'' });
    expect(post.Integration.PassthroughBehavior).toBe('NEVER');
    template.hasResourceProperties('AWS::IAM::Role', { Description: 'Lets API Gateway send the requests of POST /jobs to the queue' });
    const policy = policyOf(template, stack, api.queueRole('POST /jobs'));
    expect(policy.Description).toBe('Send to the queue of POST /jobs, and nothing else');
    expect(policy.PolicyDocument.Statement.map((st: { Action: unknown }) => st.Action)).toEqual(['sqs:SendMessage', ['kms:Decrypt', 'kms:GenerateDataKey']]);
  });

  test('a queue with the AWS managed key or with SSE-SQS: only sqs:SendMessage is granted', () => {
    for (const encryption of [sqs.QueueEncryption.KMS_MANAGED, sqs.QueueEncryption.SQS_MANAGED]) {
      const { stack, api, template } = build((s) => ({ authorizer: { type: 'iam' }, routes: { 'POST /jobs': { queue: new sqs.Queue(s, 'Q', { encryption }) } } }));
      expect(policyOf(template, stack, api.queueRole('POST /jobs')).PolicyDocument.Statement.map((st: { Action: unknown }) => st.Action)).toEqual(['sqs:SendMessage']);
    }
  });

  test('an imported FIFO queue: the request id is the deduplication id, since SQS is not known to derive one', () => {
    const { template } = build((s) => ({
      authorizer: { type: 'iam' },
      routes: { 'POST /jobs': { queue: sqs.Queue.fromQueueAttributes(s, 'Q', { queueArn: 'arn:aws:sqs:eu-west-1:111111111111:jobs.fifo', fifo: true }), messageGroupId: MessageValue.header('X-Group') } },
    }));
    expect(methodProps(template, 'POST').Integration.RequestTemplates['application/json']).toContain('MessageDeduplicationId=$util.urlEncode($context.requestId)');
  });

  test('a topic route publishes through a role described by its route; its app key is granted, the AWS managed one is not', () => {
    const statementsFor = (masterKey: (s: Stack) => kms.IKey | undefined) => {
      const { stack, api, template } = build((s) => ({ authorizer: { type: 'iam' }, routes: { 'POST /events': { topic: new sns.Topic(s, 'T', { masterKey: masterKey(s) }) } } }));
      template.hasResourceProperties('AWS::IAM::Role', { Description: 'Lets API Gateway publish the requests of POST /events to the topic' });
      const policy = policyOf(template, stack, api.topicRole('POST /events'));
      expect(policy.Description).toBe('Publish to the topic of POST /events, and nothing else');
      return policy.PolicyDocument.Statement.map((st: { Action: unknown }) => st.Action);
    };
    expect(statementsFor((s) => new kms.Key(s, 'K'))).toEqual(['sns:Publish', ['kms:Decrypt', 'kms:GenerateDataKey*']]);
    expect(statementsFor((s) => kms.Alias.fromAliasName(s, 'K', 'alias/aws/sns'))).toEqual(['sns:Publish']);
    expect(statementsFor(() => undefined)).toEqual(['sns:Publish']);
  });

  test('a route to a fan-out\'s queue shares the fan-out\'s key: the API makes no key of its own', () => {
    const stack = newStack();
    const orders = new TopicFanOut(stack, 'Orders', { subscribers: { intake: {} } });
    new AuthorizedApi(stack, 'Api', { authorizer: { type: 'iam' }, routes: { 'POST /orders': { queue: orders.queue('intake') } } });
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 1);
  });
});

describe('AuthorizedApi template: the stage and what watches it', () => {
  test('the access log line has exactly these fields', () => {
    const { template } = build((s) => ({ authorizer: { type: 'iam' }, routes: { 'GET /a': { function: newFunction(s, 'F') } } }));
    const [stage] = Object.values(template.findResources('AWS::ApiGateway::Stage'));
    expect(JSON.parse(stage.Properties.AccessLogSetting.Format)).toEqual({
      requestId: '$context.requestId', extendedRequestId: '$context.extendedRequestId', requestTime: '$context.requestTimeEpoch',
      ip: '$context.identity.sourceIp', userAgent: '$context.identity.userAgent', caller: '$context.identity.caller',
      user: '$context.identity.user', apiKeyId: '$context.identity.apiKeyId', httpMethod: '$context.httpMethod',
      resourcePath: '$context.resourcePath', path: '$context.path', protocol: '$context.protocol', status: '$context.status',
      responseLength: '$context.responseLength', responseLatency: '$context.responseLatency',
      integrationStatus: '$context.integration.status', integrationLatency: '$context.integrationLatency',
      integrationError: '$context.integration.error', principalId: '$context.authorizer.principalId',
      authorizerError: '$context.authorizer.error', authorizerLatency: '$context.authorizer.latency',
      errorMessage: '$context.error.message', errorType: '$context.error.responseType', wafStatus: '$context.waf.status',
      xrayTraceId: '$context.xrayTraceId',
    });
  });

  test('the server-errors alarm says what failed and where to look', () => {
    const { template } = build((s) => ({ authorizer: { type: 'iam' }, routes: { 'GET /a': { function: newFunction(s, 'F') } } }));
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: 'Test/Api answered a request with a server error (5XX): a function, queue or topic behind a route failed, '
        + 'the authorizer failed, or an integration timed out. The access log has each request\'s status; the execution log group has the details.',
    });
  });

  test('the account logs role\'s policy acknowledges its wildcard with the reason', () => {
    const { stack } = build((s) => ({ authorizer: { type: 'iam' }, routes: { 'GET /a': { function: newFunction(s, 'F') } } }));
    const policy = stack.node.findChild('DecoupledApiGatewayCloudWatchRole').node.findChild('Policy');
    const reasons = Object.values(acknowledgedOn(policy));
    expect(reasons.length).toBeGreaterThan(0);
    expect(new Set(reasons)).toEqual(new Set(['This is the account-wide role API Gateway uses to write the execution and access logs of every REST API '
      + 'in this account and Region (AWS::ApiGateway::Account). Execution log groups are named by API Gateway '
      + '(API-Gateway-Execution-Logs_{apiId}/{stage}) and other APIs choose their own, so the role is limited to log '
      + 'groups of this account and Region, and to the logging actions of AWS\'s own policy for it.']));
  });

  test('a private API\'s resource policy allows anyone through its VPC endpoints and denies every other source', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const endpoint = vpc.addInterfaceEndpoint('ExecuteApi', { service: ec2.InterfaceVpcEndpointAwsService.APIGATEWAY });
    new AuthorizedApi(stack, 'Api', { authorizer: { type: 'iam' }, endpoint: ApiEndpoint.private([endpoint]), routes: { 'GET /a': { function: newFunction(stack, 'F') } } });
    const [restApi] = Object.values(Template.fromStack(stack).findResources('AWS::ApiGateway::RestApi'));
    const ids = [stack.resolve(endpoint.vpcEndpointId)];
    expect(restApi.Properties.Policy.Statement).toEqual([
      { Sid: 'InvokeThroughVpcEndpoints', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'execute-api:Invoke', Resource: 'execute-api:/*', Condition: { StringEquals: { 'aws:SourceVpce': ids } } },
      { Sid: 'DenyOtherSources', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'execute-api:Invoke', Resource: 'execute-api:/*', Condition: { StringNotEquals: { 'aws:SourceVpce': ids } } },
    ]);
  });

  test('the web ACL counts large bodies, and names each rule\'s metric after the ACL\'s within WAF\'s 128 characters', () => {
    const { template } = build((s) => ({ authorizer: { type: 'iam' }, routes: { 'GET /a': { function: newFunction(s, 'F') } } }), `Api${'x'.repeat(120)}`);
    const [acl] = Object.values(template.findResources('AWS::WAFv2::WebACL'));
    const aclName: string = acl.Properties.VisibilityConfig.MetricName;
    expect(acl.Properties.Rules.map((r: any) => r.VisibilityConfig.MetricName))
      .toEqual(DEFAULT_MANAGED_RULE_GROUPS.map((group) => `${aclName}-${group}`.slice(0, 128)));
    expect(acl.Properties.Rules.every((r: any) => r.VisibilityConfig.MetricName.length <= 128)).toBe(true);
    expect(acl.Properties.Rules[0].Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]);
  });
});

describe('AuthorizedApi addRoute', () => {
  test('a later route does not repeat the warnings of the routes before it', () => {
    const warnings = warningsOf((s) => {
      const api = new AuthorizedApi(s, 'Api', {
        authorizer: { type: 'iam' },
        routes: { 'GET /files/{path+}': { function: newFunction(s, 'F') }, 'POST /files/upload': { function: newFunction(s, 'G') } },
      });
      api.addRoute('GET /other', { function: newFunction(s, 'H') });
    });
    expect(warnings.filter((w) => w.includes(R.greedyShadow))).toHaveLength(1);
  });
});
