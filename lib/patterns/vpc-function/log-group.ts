import { ArnFormat, Names, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SECURE_DEFAULTS, addKeyStatementOrWarn } from '../../core';
import { VPC_FUNCTION_RULES } from './rules';

/**
 * A log group kept a year and encrypted with the pattern's key (Control Tower CT.CLOUDWATCH.PR.2 and .PR.3).
 * Its name is fixed so the key policy can let CloudWatch Logs use the key for this log group only (the
 * encryption context names it); an imported key is warned about with the statement to add.
 */
export function encryptedLogGroup(scope: Construct, id: string, key: kms.IKey, what: string): logs.LogGroup {
  const stack = Stack.of(scope);
  const logGroupName = `/decoupled/${Names.uniqueResourceName(scope, { maxLength: 180, separator: '-' })}/${id}`;
  addKeyStatementOrWarn(scope, key, new iam.PolicyStatement({
    sid: `AllowLogsFor${Names.uniqueId(scope)}${id}`.slice(0, 100),
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: {
      ArnEquals: {
        'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
          service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    },
  }), {
    code: VPC_FUNCTION_RULES.keyPolicyNotEditable.code,
    prop: 'encryptionKey',
    consequence: `without this statement CloudWatch Logs cannot use the key for ${what} (${logGroupName}), and the log group fails to create at deploy`,
  });
  return new logs.LogGroup(scope, id, { logGroupName, retention: SECURE_DEFAULTS.logRetention, encryptionKey: key });
}
