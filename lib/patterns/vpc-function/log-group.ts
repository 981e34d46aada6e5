import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { createEncryptedLogGroup, patternLogGroupName } from '../../core';
import { VPC_FUNCTION_RULES } from './rules';

/**
 * A log group of the pattern (`/decoupled/<path>/<id>`), kept a year and encrypted with the pattern's key; an
 * imported key is warned about under the pattern's code, with the statement to add.
 */
export function encryptedLogGroup(scope: Construct, id: string, key: kms.IKey, what: string): logs.LogGroup {
  const logGroupName = patternLogGroupName(scope, id);
  return createEncryptedLogGroup(scope, id, {
    logGroupName,
    key,
    keyPolicy: {
      code: VPC_FUNCTION_RULES.keyPolicyNotEditable.code,
      prop: 'encryptionKey',
      consequence: `without this statement CloudWatch Logs cannot use the key for ${what} (${logGroupName}), and the log group fails to create at deploy`,
    },
  });
}
