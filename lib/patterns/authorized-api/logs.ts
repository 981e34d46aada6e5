import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge, createEncryptedLogGroup } from '../../core';
import { accountLogsRoleAcknowledgements } from './acknowledgements';
import { AUTHORIZED_API_RULES } from './rules';

/** What an API log group is for, and how long it keeps events. */
export interface ApiLogGroupProps {
  readonly logGroupName: string;
  readonly key: kms.IKey;
  readonly retention: logs.RetentionDays;
  /** What writes to it, for the warning when the key's policy cannot be edited. */
  readonly purpose: string;
}

/** A log group of the API encrypted with the pattern's key; an imported key is warned about under the pattern's code. */
export function createApiLogGroup(scope: Construct, id: string, props: ApiLogGroupProps): logs.LogGroup {
  return createEncryptedLogGroup(scope, id, {
    logGroupName: props.logGroupName,
    key: props.key,
    retention: props.retention,
    keyPolicy: {
      code: AUTHORIZED_API_RULES.keyPolicyNotEditable,
      prop: 'encryptionKey',
      consequence: `without this statement CloudWatch Logs cannot use the key for the ${props.purpose} log group, which fails to create at deploy`,
    },
  });
}

/** The JSON access log line: `$context.requestId` (required by API Gateway) and what an incident review needs. */
export function accessLogFormat(): apigateway.AccessLogFormat {
  return apigateway.AccessLogFormat.custom(JSON.stringify({
    requestId: '$context.requestId',
    extendedRequestId: '$context.extendedRequestId',
    requestTime: '$context.requestTimeEpoch',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    caller: '$context.identity.caller',
    user: '$context.identity.user',
    apiKeyId: '$context.identity.apiKeyId',
    httpMethod: '$context.httpMethod',
    resourcePath: '$context.resourcePath',
    path: '$context.path',
    protocol: '$context.protocol',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationStatus: '$context.integration.status',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integration.error',
    principalId: '$context.authorizer.principalId',
    authorizerError: '$context.authorizer.error',
    authorizerLatency: '$context.authorizer.latency',
    errorMessage: '$context.error.message',
    errorType: '$context.error.responseType',
    wafStatus: '$context.waf.status',
    xrayTraceId: '$context.xrayTraceId',
  }));
}

const ACCOUNT_ROLE_ID = 'DecoupledApiGatewayCloudWatchRole';

/**
 * The Region's API Gateway CloudWatch Logs role (AWS::ApiGateway::Account), once per stack. Execution and access
 * logging fail to deploy without it. Its policy is customer-managed (no AWS managed policy: cdk-nag IAM4) and
 * limited to log groups of this account and Region; the role serves every REST API there, so it cannot be narrower.
 */
export function accountCloudWatchRole(scope: Construct): apigateway.CfnAccount {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(ACCOUNT_ROLE_ID);
  if (existing) return existing.node.defaultChild as apigateway.CfnAccount;
  const holder = new Construct(stack, ACCOUNT_ROLE_ID);
  const role = new iam.Role(holder, 'Role', {
    assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
    description: 'Lets API Gateway write the execution and access logs of the REST APIs in this account and Region',
  });
  const logging = new iam.PolicyStatement({
    actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams',
      'logs:PutLogEvents', 'logs:GetLogEvents', 'logs:FilterLogEvents'],
    resources: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
  });
  const policy = new iam.ManagedPolicy(holder, 'Policy', {
    description: 'What API Gateway needs to write REST API execution and access logs',
    roles: [role],
    statements: [logging],
  });
  acknowledge(policy, ...accountLogsRoleAcknowledgements(policy, logging));
  const account = new apigateway.CfnAccount(holder, 'Resource', { cloudWatchRoleArn: role.roleArn });
  account.node.addDependency(policy);
  return account;
}
