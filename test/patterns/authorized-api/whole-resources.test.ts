import { Stack } from 'aws-cdk-lib';
import { AuthorizedApi, MessageValue, TopicFanOut } from '../../../lib';
import { PathedResource, resourcesUnder } from '../../support/resources-by-path';
import { newFunction, newQueue, newStack } from './support';

// Every resource the pattern makes, compared whole: each name, description, template and statement is behaviour a
// user deploys. Each test builds its stack itself (about half a second), so what it asserts is checked against the
// construct code it ran.

/** GIVEN the API most users start from: a TOKEN authorizer, a function route, a public route and a FIFO queue route. */
function ordersApi(): { stack: Stack; r: Record<string, PathedResource>; name: string } {
  const stack = newStack();
  new AuthorizedApi(stack, 'Api', {
    authorizer: { type: 'token', function: newFunction(stack, 'AuthFn') },
    routes: {
      'GET /orders/{id}': { function: newFunction(stack, 'GetOrder') },
      'POST /orders': { queue: newQueue(stack, 'Orders', { fifo: true }), messageGroupId: MessageValue.header('X-Customer'), messageAttributes: ['X-Tenant-Id'] },
      'GET /health': { function: newFunction(stack, 'Health'), authorization: 'none' },
    },
  });
  const r = resourcesUnder(stack, 'Test');
  const name = r['Api/Api/Resource'].Properties!.Name;
  return { stack, r, name };
}

const ASSUMED_BY_API_GATEWAY = {
  Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' } }],
  Version: '2012-10-17',
};
const RETAINED = { UpdateReplacePolicy: 'Retain', DeletionPolicy: 'Retain' };

describe('AuthorizedApi, resource by resource', () => {
  test('the REST API: named after its path (unique, with a hash), described, Regional', () => {
    const { r, name } = ordersApi();
    expect(name).toMatch(/^Test-Api-[0-9A-F]{8}$/);
    expect(r['Api/Api/Resource']).toEqual({
      Type: 'AWS::ApiGateway::RestApi',
      Properties: { Description: 'Test/Api: every method authorized (AuthorizedApi)', EndpointConfiguration: { Types: ['REGIONAL'] }, Name: name },
    });
    expect(r['Api/Api/RequestValidator/Resource']).toEqual({
      Type: 'AWS::ApiGateway::RequestValidator',
      Properties: { RestApiId: { Ref: 'Test/Api/Api/Resource' }, ValidateRequestBody: true, ValidateRequestParameters: true },
    });
  });

  test('the stage: prod, traced, JSON access log of every field, stage-wide throttling and ERROR logs, after its log group and the account role', () => {
    const { r } = ordersApi();
    const stage = r['Api/Api/DeploymentStage.prod/Resource'];
    expect(JSON.parse(stage.Properties!.AccessLogSetting.Format)).toEqual({
      requestId: '$context.requestId', extendedRequestId: '$context.extendedRequestId', requestTime: '$context.requestTimeEpoch',
      ip: '$context.identity.sourceIp', userAgent: '$context.identity.userAgent', caller: '$context.identity.caller',
      user: '$context.identity.user', apiKeyId: '$context.identity.apiKeyId', httpMethod: '$context.httpMethod',
      resourcePath: '$context.resourcePath', path: '$context.path', protocol: '$context.protocol', status: '$context.status',
      responseLength: '$context.responseLength', responseLatency: '$context.responseLatency', integrationStatus: '$context.integration.status',
      integrationLatency: '$context.integrationLatency', integrationError: '$context.integration.error',
      principalId: '$context.authorizer.principalId', authorizerError: '$context.authorizer.error', authorizerLatency: '$context.authorizer.latency',
      errorMessage: '$context.error.message', errorType: '$context.error.responseType', wafStatus: '$context.waf.status', xrayTraceId: '$context.xrayTraceId',
    });
    expect(stage).toEqual({
      Type: 'AWS::ApiGateway::Stage',
      Properties: {
        AccessLogSetting: {
          DestinationArn: { 'Fn::Join': ['', ['arn:aws:logs:eu-west-1:111111111111:log-group:', { Ref: 'Test/Api/AccessLogs/Resource' }]] },
          Format: stage.Properties!.AccessLogSetting.Format,
        },
        DeploymentId: { Ref: 'Test/Api/Api/Deployment/Resource' },
        MethodSettings: [{
          DataTraceEnabled: false, HttpMethod: '*', LoggingLevel: 'ERROR', MetricsEnabled: false, ResourcePath: '/*',
          ThrottlingBurstLimit: 2000, ThrottlingRateLimit: 1000,
        }],
        RestApiId: { Ref: 'Test/Api/Api/Resource' },
        StageName: 'prod',
        TracingEnabled: true,
      },
      DependsOn: ['Test/Api/ExecutionLogs/Resource', 'Test/DecoupledApiGatewayCloudWatchRole/Resource'],
    });
  });

  test('a function route: a Lambda proxy integration behind the authorizer, and a permission for that method from this account only', () => {
    const { r } = ordersApi();
    expect(r['Api/Api/Default/orders/{id}/GET/Resource']).toEqual({
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        AuthorizationType: 'CUSTOM',
        AuthorizerId: { Ref: 'Test/Api/Authorizer/Resource' },
        HttpMethod: 'GET',
        Integration: {
          IntegrationHttpMethod: 'POST', TimeoutInMillis: 29000, Type: 'AWS_PROXY',
          Uri: { 'Fn::Join': ['', ['arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': ['Test/GetOrder/Resource', 'Arn'] }, '/invocations']] },
        },
        RequestValidatorId: { Ref: 'Test/Api/Api/RequestValidator/Resource' },
        ResourceId: { Ref: 'Test/Api/Api/Default/orders/{id}/Resource' },
        RestApiId: { Ref: 'Test/Api/Api/Resource' },
      },
    });
    const permissions = Object.entries(r).filter(([path, res]) => path.startsWith('Api/Api/Default/orders/{id}/GET/') && res.Type === 'AWS::Lambda::Permission');
    expect(permissions.map(([, p]) => p)).toEqual([{
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': ['Test/GetOrder/Resource', 'Arn'] },
        Principal: 'apigateway.amazonaws.com',
        SourceAccount: '111111111111',
        SourceArn: { 'Fn::Join': ['', ['arn:aws:execute-api:eu-west-1:111111111111:', { Ref: 'Test/Api/Api/Resource' }, '/', { Ref: 'Test/Api/Api/DeploymentStage.prod/Resource' }, '/GET/orders/*']] },
      },
    }]);
  });

  test('a public route: no authorization type and no authorizer, nothing else changed', () => {
    const { r } = ordersApi();
    expect(r['Api/Api/Default/health/GET/Resource']).toEqual({
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        AuthorizationType: 'NONE',
        HttpMethod: 'GET',
        Integration: {
          IntegrationHttpMethod: 'POST', TimeoutInMillis: 29000, Type: 'AWS_PROXY',
          Uri: { 'Fn::Join': ['', ['arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': ['Test/Health/Resource', 'Arn'] }, '/invocations']] },
        },
        RequestValidatorId: { Ref: 'Test/Api/Api/RequestValidator/Resource' },
        ResourceId: { Ref: 'Test/Api/Api/Default/health/Resource' },
        RestApiId: { Ref: 'Test/Api/Api/Resource' },
      },
    });
  });

  test('a FIFO queue route: SendMessage with the group id, the request id for deduplication and the header attribute; 202/500/502; after its policy', () => {
    const { r } = ordersApi();
    expect(r['Api/Api/Default/orders/POST/Resource']).toEqual({
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        AuthorizationType: 'CUSTOM',
        AuthorizerId: { Ref: 'Test/Api/Authorizer/Resource' },
        HttpMethod: 'POST',
        Integration: {
          Credentials: { 'Fn::GetAtt': ['Test/Api/Routes/POST --orders/Role/Resource', 'Arn'] },
          IntegrationHttpMethod: 'POST',
          IntegrationResponses: [
            { ResponseTemplates: { 'application/json': '{"messageId":"$input.path(\'$.SendMessageResponse.SendMessageResult.MessageId\')"}' }, StatusCode: '202' },
            { ResponseTemplates: { 'application/json': '{"message":"The queue did not accept the message","requestId":"$context.requestId"}' }, SelectionPattern: '4\\d{2}', StatusCode: '500' },
            { ResponseTemplates: { 'application/json': '{"message":"The queue could not be reached","requestId":"$context.requestId"}' }, SelectionPattern: '5\\d{2}', StatusCode: '502' },
          ],
          PassthroughBehavior: 'NEVER',
          RequestParameters: { 'integration.request.header.Content-Type': '\'application/x-www-form-urlencoded\'' },
          RequestTemplates: {
            'application/json': 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)'
              + '&MessageGroupId=$util.urlEncode($input.params().header.get(\'X-Customer\'))'
              + '&MessageDeduplicationId=$util.urlEncode($context.requestId)'
              + '&MessageAttribute.1.Name=X-Tenant-Id&MessageAttribute.1.Value.DataType=String'
              + '&MessageAttribute.1.Value.StringValue=$util.urlEncode($input.params().header.get(\'X-Tenant-Id\'))',
          },
          TimeoutInMillis: 29000,
          Type: 'AWS',
          Uri: { 'Fn::Join': ['', ['arn:aws:apigateway:eu-west-1:sqs:path/111111111111/', { 'Fn::GetAtt': ['Test/Orders/Resource', 'QueueName'] }]] },
        },
        MethodResponses: [{ StatusCode: '202' }, { StatusCode: '500' }, { StatusCode: '502' }],
        RequestParameters: { 'method.request.header.X-Customer': true, 'method.request.header.X-Tenant-Id': true },
        RequestValidatorId: { Ref: 'Test/Api/Api/RequestValidator/Resource' },
        ResourceId: { Ref: 'Test/Api/Api/Default/orders/Resource' },
        RestApiId: { Ref: 'Test/Api/Api/Resource' },
      },
      DependsOn: ['Test/Api/Routes/POST --orders/Policy/Resource'],
    });
  });

  test('a queue route\'s role: assumed by API Gateway, described by its route; its policy sends to that queue and uses its key only', () => {
    const { r } = ordersApi();
    expect(r['Api/Routes/POST --orders/Role/Resource']).toEqual({
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: ASSUMED_BY_API_GATEWAY, Description: 'Lets API Gateway send the requests of POST /orders to the queue' },
    });
    expect(r['Api/Routes/POST --orders/Policy/Resource']).toEqual({
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        Description: 'Send to the queue of POST /orders, and nothing else',
        Path: '/',
        PolicyDocument: {
          Statement: [
            { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Test/Orders/Resource', 'Arn'] } },
            { Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Test/OrdersKey/Resource', 'Arn'] } },
          ],
          Version: '2012-10-17',
        },
        Roles: [{ Ref: 'Test/Api/Routes/POST --orders/Role/Resource' }],
      },
    });
  });

  test('the TOKEN authorizer: the Authorization header, cached 300 s, and a permission for this API\'s authorizers from this account', () => {
    const { r } = ordersApi();
    const authorizer = r['Api/Authorizer/Resource'];
    expect(authorizer.Properties!.Name).toMatch(/^TestApiAuthorizer[0-9A-F]{8}$/);
    const fnArn = { 'Fn::GetAtt': ['Test/AuthFn/Resource', 'Arn'] };
    expect(authorizer).toEqual({
      Type: 'AWS::ApiGateway::Authorizer',
      Properties: {
        AuthorizerResultTtlInSeconds: 300,
        AuthorizerUri: { 'Fn::Join': ['', ['arn:', { 'Fn::Select': [1, { 'Fn::Split': [':', fnArn] }] }, ':apigateway:', { 'Fn::Select': [3, { 'Fn::Split': [':', fnArn] }] }, ':lambda:path/2015-03-31/functions/', fnArn, '/invocations']] },
        IdentitySource: 'method.request.header.Authorization',
        Name: authorizer.Properties!.Name,
        RestApiId: { Ref: 'Test/Api/Api/Resource' },
        Type: 'TOKEN',
      },
    });
    const permissions = Object.entries(r).filter(([path, res]) => path.startsWith('AuthFn/') && res.Type === 'AWS::Lambda::Permission');
    expect(permissions.map(([, p]) => p)).toEqual([{
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction', FunctionName: fnArn, Principal: 'apigateway.amazonaws.com', SourceAccount: '111111111111',
        SourceArn: { 'Fn::Join': ['', ['arn:aws:execute-api:eu-west-1:111111111111:', { Ref: 'Test/Api/Api/Resource' }, '/authorizers/', { Ref: 'Test/Api/Authorizer/Resource' }]] },
      },
    }]);
  });

  test('the log groups: access, execution and WAF, named for the API, encrypted with its key, kept a year and retained', () => {
    const { r, name } = ordersApi();
    const group = (LogGroupName: unknown) => ({
      Type: 'AWS::Logs::LogGroup',
      Properties: { KmsKeyId: { 'Fn::GetAtt': ['Test/Api/Key/Resource', 'Arn'] }, LogGroupName, RetentionInDays: 365 },
      ...RETAINED,
    });
    expect(r['Api/AccessLogs/Resource']).toEqual(group(`/decoupled/apigateway/${name}/access`));
    expect(r['Api/ExecutionLogs/Resource']).toEqual(group({ 'Fn::Join': ['', ['API-Gateway-Execution-Logs_', { Ref: 'Test/Api/Api/Resource' }, '/prod']] }));
    expect(r['Api/WebAclLogs/Resource']).toEqual(group(`aws-waf-logs-${name}`));
    expect(r['Api/Key/Resource'].Properties!.Description).toBe('Encrypts the log groups of the API Test/Api');
    expect(r['Api/Key/Resource'].Properties!.EnableKeyRotation).toBe(true);
  });

  test('the web ACL: three AWS managed rule groups in order, the body size rule counted only, metrics named for the API; logging without the token', () => {
    const { r, name } = ordersApi();
    const visibility = (MetricName: string) => ({ CloudWatchMetricsEnabled: true, MetricName, SampledRequestsEnabled: true });
    const managed = (Name: string, Priority: number, more: object = {}) => ({
      Name, OverrideAction: { None: {} }, Priority,
      Statement: { ManagedRuleGroupStatement: { Name, ...more, VendorName: 'AWS' } },
      VisibilityConfig: visibility(`${name}-${Name}`),
    });
    expect(r['Api/WebAcl']).toEqual({
      Type: 'AWS::WAFv2::WebACL',
      Properties: {
        DefaultAction: { Allow: {} },
        Rules: [
          managed('AWSManagedRulesCommonRuleSet', 0, { RuleActionOverrides: [{ ActionToUse: { Count: {} }, Name: 'SizeRestrictions_BODY' }] }),
          managed('AWSManagedRulesKnownBadInputsRuleSet', 1),
          managed('AWSManagedRulesAmazonIpReputationList', 2),
        ],
        Scope: 'REGIONAL',
        VisibilityConfig: visibility(name),
      },
    });
    expect(r['Api/WebAclLogging']).toEqual({
      Type: 'AWS::WAFv2::LoggingConfiguration',
      Properties: {
        LogDestinationConfigs: [`arn:aws:logs:eu-west-1:111111111111:log-group:aws-waf-logs-${name}`],
        RedactedFields: [{ SingleHeader: { Name: 'authorization' } }],
        ResourceArn: { 'Fn::GetAtt': ['Test/Api/WebAcl', 'Arn'] },
      },
      DependsOn: ['Test/Api/WebAclLogs/Resource'],
    });
    expect(r['Api/WebAclAssociation']).toEqual({
      Type: 'AWS::WAFv2::WebACLAssociation',
      Properties: {
        ResourceArn: { 'Fn::Join': ['', ['arn:aws:apigateway:eu-west-1::/restapis/', { Ref: 'Test/Api/Api/Resource' }, '/stages/', { Ref: 'Test/Api/Api/DeploymentStage.prod/Resource' }]] },
        WebACLArn: { 'Fn::GetAtt': ['Test/Api/WebAcl', 'Arn'] },
      },
    });
  });

  test('the server-errors alarm: any 5XX of the stage in a minute, described for the one paged, to a topic encrypted with the API\'s key', () => {
    const { r, name } = ordersApi();
    expect(r['Api/ServerErrorsAlarm/Resource']).toEqual({
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmActions: [{ Ref: 'Test/Api/AlarmTopic/Resource' }],
        AlarmDescription: 'Test/Api answered a request with a server error (5XX): a function, queue or topic behind a route failed, the authorizer failed, '
          + 'or an integration timed out. The access log has each request\'s status; the execution log group has the details.',
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Dimensions: [{ Name: 'ApiName', Value: name }, { Name: 'Stage', Value: { Ref: 'Test/Api/Api/DeploymentStage.prod/Resource' } }],
        EvaluationPeriods: 1, MetricName: '5XXError', Namespace: 'AWS/ApiGateway', Period: 60, Statistic: 'Sum', Threshold: 1, TreatMissingData: 'notBreaching',
      },
    });
    expect(r['Api/AlarmTopic/Resource']).toEqual({ Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: { 'Fn::GetAtt': ['Test/Api/Key/Resource', 'Arn'] } } });
  });

  test('the account\'s API Gateway logs role: once per stack, a customer-managed policy on the account\'s log groups, set after its policy', () => {
    const { r } = ordersApi();
    expect(r['DecoupledApiGatewayCloudWatchRole/Role/Resource']).toEqual({
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: ASSUMED_BY_API_GATEWAY, Description: 'Lets API Gateway write the execution and access logs of the REST APIs in this account and Region' },
    });
    expect(r['DecoupledApiGatewayCloudWatchRole/Policy/Resource']).toEqual({
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        Description: 'What API Gateway needs to write REST API execution and access logs',
        Path: '/',
        PolicyDocument: {
          Statement: [{
            Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:FilterLogEvents', 'logs:GetLogEvents', 'logs:PutLogEvents'],
            Effect: 'Allow', Resource: 'arn:aws:logs:eu-west-1:111111111111:log-group:*',
          }],
          Version: '2012-10-17',
        },
        Roles: [{ Ref: 'Test/DecoupledApiGatewayCloudWatchRole/Role/Resource' }],
      },
    });
    expect(r['DecoupledApiGatewayCloudWatchRole/Resource']).toEqual({
      Type: 'AWS::ApiGateway::Account',
      Properties: { CloudWatchRoleArn: { 'Fn::GetAtt': ['Test/DecoupledApiGatewayCloudWatchRole/Role/Resource', 'Arn'] } },
      DependsOn: ['Test/DecoupledApiGatewayCloudWatchRole/Policy/Resource'],
    });
  });

  test('a topic route under IAM authorization: Publish to the topic with the header attribute, through a role that may publish there and use its key', () => {
    // GIVEN a fan-out, and an API whose POST /events publishes to its topic
    const stack = newStack('Shop');
    const orders = new TopicFanOut(stack, 'Orders', { subscribers: { intake: {} } });
    new AuthorizedApi(stack, 'Api', { authorizer: { type: 'iam' }, routes: { 'POST /events': { topic: orders.topic, messageAttributes: ['eventType'] } } });
    // WHEN it is synthesized
    const r = resourcesUnder(stack, 'Shop/Api');
    // THEN the method, the role and its policy are exactly these
    expect(r['Api/Default/events/POST/Resource']).toEqual({
      Type: 'AWS::ApiGateway::Method',
      Properties: {
        AuthorizationType: 'AWS_IAM',
        HttpMethod: 'POST',
        Integration: {
          Credentials: { 'Fn::GetAtt': ['Shop/Api/Routes/POST --events/Role/Resource', 'Arn'] },
          IntegrationHttpMethod: 'POST',
          IntegrationResponses: [
            { ResponseTemplates: { 'application/json': '{"messageId":"$input.path(\'$.PublishResponse.PublishResult.MessageId\')"}' }, StatusCode: '202' },
            { ResponseTemplates: { 'application/json': '{"message":"The topic did not accept the message","requestId":"$context.requestId"}' }, SelectionPattern: '4\\d{2}', StatusCode: '500' },
            { ResponseTemplates: { 'application/json': '{"message":"The topic could not be reached","requestId":"$context.requestId"}' }, SelectionPattern: '5\\d{2}', StatusCode: '502' },
          ],
          PassthroughBehavior: 'NEVER',
          RequestParameters: { 'integration.request.header.Content-Type': '\'application/x-www-form-urlencoded\'' },
          RequestTemplates: {
            'application/json': {
              'Fn::Join': ['', [
                'Action=Publish&TopicArn=$util.urlEncode(\'', { Ref: 'Shop/Orders/Topic/Resource' },
                '\')&Message=$util.urlEncode($input.body)&MessageAttributes.entry.1.Name=eventType&MessageAttributes.entry.1.Value.DataType=String'
                + '&MessageAttributes.entry.1.Value.StringValue=$util.urlEncode($input.params().header.get(\'eventType\'))',
              ]],
            },
          },
          TimeoutInMillis: 29000,
          Type: 'AWS',
          Uri: 'arn:aws:apigateway:eu-west-1:sns:action/Publish',
        },
        MethodResponses: [{ StatusCode: '202' }, { StatusCode: '500' }, { StatusCode: '502' }],
        RequestParameters: { 'method.request.header.eventType': true },
        RequestValidatorId: { Ref: 'Shop/Api/Api/RequestValidator/Resource' },
        ResourceId: { Ref: 'Shop/Api/Api/Default/events/Resource' },
        RestApiId: { Ref: 'Shop/Api/Api/Resource' },
      },
      DependsOn: ['Shop/Api/Routes/POST --events/Policy/Resource'],
    });
    expect(r['Routes/POST --events/Role/Resource']).toEqual({
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: ASSUMED_BY_API_GATEWAY, Description: 'Lets API Gateway publish the requests of POST /events to the topic' },
    });
    expect(r['Routes/POST --events/Policy/Resource']).toEqual({
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        Description: 'Publish to the topic of POST /events, and nothing else',
        Path: '/',
        PolicyDocument: {
          Statement: [
            { Action: 'sns:Publish', Effect: 'Allow', Resource: { Ref: 'Shop/Orders/Topic/Resource' } },
            { Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Shop/Orders/Key/Resource', 'Arn'] } },
          ],
          Version: '2012-10-17',
        },
        Roles: [{ Ref: 'Shop/Api/Routes/POST --events/Role/Resource' }],
      },
    });
  });
});
