import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AUTHORIZED_API_ACKNOWLEDGEMENTS, AuthorizedApi, nagFindings } from '../../../lib';
import { acknowledgedOn, newFunction, newQueue, newStack } from './support';

// GIVEN an API with every default: a TOKEN authorizer, a function route, a queue route and a public route,
// synthesized once for the file
let stack: Stack;
let getOrder: lambda.Function;
let orders: sqs.Queue;
let authFn: lambda.Function;
let api: AuthorizedApi;
let template: Template;
let methods: Record<string, any>;
let post: any;
beforeAll(() => {
  stack = newStack();
  getOrder = newFunction(stack, 'GetOrder');
  orders = newQueue(stack, 'Orders');
  authFn = newFunction(stack, 'AuthFn');
  api = new AuthorizedApi(stack, 'Api', {
    authorizer: { type: 'token', function: authFn },
    routes: {
      'GET /orders/{id}': { function: getOrder },
      'POST /orders': { queue: orders, messageAttributes: ['X-Tenant-Id'] },
      'GET /health': { function: getOrder, authorization: 'none' },
    },
  });
  template = Template.fromStack(stack);
  methods = template.findResources('AWS::ApiGateway::Method');
  post = Object.values(methods).find((m) => m.Properties.HttpMethod === 'POST');
});

describe('AuthorizedApi defaults', () => {
  test('has a Regional endpoint', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
  });

  test('caches the TOKEN authorizer\'s result 300 s, keyed by the Authorization header, written out', () => {
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'TOKEN', IdentitySource: 'method.request.header.Authorization', AuthorizerResultTtlInSeconds: 300,
    });
  });

  test('authorizes every method by the authorizer, except the route that says none', () => {
    // THEN three methods: two CUSTOM with the authorizer, the public one NONE without it
    const types = Object.values(methods).map((m) => `${m.Properties.HttpMethod} ${m.Properties.AuthorizationType} ${m.Properties.AuthorizerId ? 'authorizer' : '-'}`).sort();
    expect(types).toEqual(['GET CUSTOM authorizer', 'GET NONE -', 'POST CUSTOM authorizer']);
    expect(api.authorizer).toBeDefined();
  });

  test('validates every method\'s parameters and body', () => {
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
    expect(Object.values(methods).every((m) => m.Properties.RequestValidatorId !== undefined)).toBe(true);
  });

  test('throttles every method of the stage, logs errors, no data trace, and traces with X-Ray', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      TracingEnabled: true,
      MethodSettings: [{
        HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'ERROR', DataTraceEnabled: false, MetricsEnabled: false,
        ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 2000,
      }],
    });
  });

  test('writes a JSON access log line with the request id, the caller and the authorizer\'s answer', () => {
    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0];
    const format = JSON.parse(stage.Properties.AccessLogSetting.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId', ip: '$context.identity.sourceIp', status: '$context.status',
      principalId: '$context.authorizer.principalId', authorizerError: '$context.authorizer.error', xrayTraceId: '$context.xrayTraceId',
    });
  });

  test('encrypts the access, execution and WAF log groups with a rotating key, and keeps them a year', () => {
    const made = api.node.findAll().filter((c) => c instanceof logs.CfnLogGroup).map((c) => stack.getLogicalId(c as logs.CfnLogGroup));
    const groups = template.findResources('AWS::Logs::LogGroup');
    expect(made).toHaveLength(3);
    expect(made.every((id) => groups[id].Properties.KmsKeyId !== undefined && groups[id].Properties.RetentionInDays === 365)).toBe(true);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    // AND the only other log groups are the test's own functions' (aws-cdk-lib makes one per function under
    // @aws-cdk/aws-lambda:useCdkManagedLogGroup): the pattern leaves them to the functions' owner
    const others = Object.entries(groups).filter(([id]) => !made.includes(id)).map(([, g]) => JSON.stringify(g.Properties.LogGroupName));
    expect(others.sort()).toEqual([getOrder, authFn].map((fn) => JSON.stringify({ 'Fn::Join': ['', ['/aws/lambda/', { Ref: stack.getLogicalId(fn.node.defaultChild as never) }]] })).sort());
  });

  test('makes the execution log group before the stage, so API Gateway never makes it unencrypted', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['API-Gateway-Execution-Logs_', { Ref: Match.anyValue() }, '/prod']] },
    });
    const [stage] = Object.values(template.findResources('AWS::ApiGateway::Stage'));
    expect(stage.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^ApiExecutionLogs/), expect.stringMatching(/^DecoupledApiGatewayCloudWatchRole/)]));
  });

  test('lets CloudWatch Logs use the key for its log groups only, and only AWS services create grants', () => {
    const key = template.findResources('AWS::KMS::Key')[stack.getLogicalId(api.node.findChild('Key').node.defaultChild as never)];
    const statements = key.Properties.KeyPolicy.Statement as { Effect: string; Action: unknown; Condition?: Record<string, unknown> }[];
    expect(statements.filter((s) => JSON.stringify(s.Condition ?? {}).includes('kms:EncryptionContext:aws:logs:arn'))).toHaveLength(3);
    expect(statements).toContainEqual(expect.objectContaining({
      Effect: 'Deny', Action: 'kms:CreateGrant',
      Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    }));
  });

  test('sets the Region\'s API Gateway CloudWatch Logs role with a customer-managed policy', () => {
    template.resourceCountIs('AWS::ApiGateway::Account', 1);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: Match.arrayWith(['logs:PutLogEvents']) })] },
      Roles: [{ Ref: Match.stringLikeRegexp('^DecoupledApiGatewayCloudWatchRole') }],
    });
  });

  test('puts an AWS WAF web ACL with AWS managed rule groups in front of the stage, logging without the token', () => {
    const [acl] = Object.values(template.findResources('AWS::WAFv2::WebACL'));
    expect(acl.Properties.Scope).toBe('REGIONAL');
    expect(acl.Properties.Rules.map((r: { Name: string }) => r.Name)).toEqual([
      'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList',
    ]);
    expect(acl.Properties.Rules[0].Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]);
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
    template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', { RedactedFields: [{ SingleHeader: { Name: 'authorization' } }] });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: Match.stringLikeRegexp('^aws-waf-logs-') });
  });

  test('sends a queue route\'s body to SQS, with the selected header as an attribute, JSON only', () => {
    expect(post?.Properties.RequestParameters).toEqual({ 'method.request.header.X-Tenant-Id': true });
    expect(post?.Properties.Integration).toMatchObject({
      Type: 'AWS',
      PassthroughBehavior: 'NEVER',
      RequestParameters: { 'integration.request.header.Content-Type': '\'application/x-www-form-urlencoded\'' },
      RequestTemplates: {
        'application/json': 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)'
          + '&MessageAttribute.1.Name=X-Tenant-Id&MessageAttribute.1.Value.DataType=String'
          + '&MessageAttribute.1.Value.StringValue=$util.urlEncode($input.params().header.get(\'X-Tenant-Id\'))',
      },
    });
    expect(JSON.stringify(post?.Properties.Integration.Uri)).toContain(':sqs:path/');
    expect(post?.Properties.Integration.IntegrationResponses.map((r: { StatusCode: string; SelectionPattern?: string }) => `${r.SelectionPattern ?? 'default'} ${r.StatusCode}`))
      .toEqual(['default 202', '4\\d{2} 500', '5\\d{2} 502']);
  });

  test('sends through a role that can send to that queue and use its key, nothing else', () => {
    const role = api.queueRole('POST /orders');
    expect(role).toBeDefined();
    const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(stack.getLogicalId(role!.node.defaultChild as never)));
    expect(policies).toHaveLength(1);
    expect(policies[0].Properties.PolicyDocument.Statement).toEqual([
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [stack.getLogicalId(orders.node.defaultChild as never), 'Arn'] } },
      { Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersKey') as never, 'Arn'] } },
    ].map((s) => expect.objectContaining({ ...s, Resource: expect.anything() })));
  });

  test('adds SourceAccount to every Lambda permission API Gateway gets', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission'));
    expect(permissions.length).toBe(3);
    expect(permissions.every((p) => p.Properties.Principal === 'apigateway.amazonaws.com' && p.Properties.SourceAccount === '111111111111')).toBe(true);
  });

  test('acknowledges, on the stage only, the cache and client certificate rules, with their reasons', () => {
    const acks = acknowledgedOn(api.stage);
    for (const a of [...AUTHORIZED_API_ACKNOWLEDGEMENTS.noStageCache, ...AUTHORIZED_API_ACKNOWLEDGEMENTS.noClientCertificate]) expect(acks[a.id]).toBe(a.reason);
    expect(Object.keys(acknowledgedOn(api.restApi))).toEqual([]);
  });

  test('acknowledges the open-method rule only on the route that says none, naming it', () => {
    expect(acknowledgedOn(api.method('GET /health') as apigateway.Method)['AwsSolutions-APIG4']).toContain('\'GET /health\' says authorization: \'none\'');
    expect(acknowledgedOn(api.method('GET /orders/{id}') as apigateway.Method)['AwsSolutions-APIG4']).toBeUndefined();
  });

  test('fails if any of the five cdk-nag packs reports an error or a warning on what the pattern made', () => {
    // The test's own functions and queue are bare on purpose; the example stack shows secure ones.
    const made = (path: string) => path.startsWith('Test/Api/') || path.startsWith('Test/DecoupledApiGatewayCloudWatchRole/');
    expect(nagFindings(stack).filter((f) => made(f.constructPath)).map((f) => `${f.severity} ${f.rule} at ${f.constructPath}`)).toEqual([]);
  });
});
