import { ArnFormat, Names, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { SECURE_DEFAULTS } from './defaults';
import { KeyStatementContext, addKeyStatementOrWarn } from './key-policy';

/** A log group's ARN as services other than CloudWatch Logs name it: without the trailing `:*`. */
export function logGroupArn(scope: IConstruct, logGroupName: string): string {
  return Stack.of(scope).formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}

/**
 * The name of a log group a pattern makes: `/decoupled/<the construct's unique name>`, and `/<suffix>` when the
 * construct makes several. Fixed, so the key policy can name it before the log group exists.
 */
export function patternLogGroupName(scope: IConstruct, suffix?: string): string {
  const unique = Names.uniqueResourceName(scope, { maxLength: suffix === undefined ? 200 : 180, separator: '-' });
  return suffix === undefined ? `/decoupled/${unique}` : `/decoupled/${unique}/${suffix}`;
}

/** Props of {@link createEncryptedLogGroup}. */
export interface EncryptedLogGroupProps {
  /** The log group's name: the key policy names it, so it is fixed. */
  readonly logGroupName: string;
  /** The customer-managed key that encrypts it. */
  readonly key: kms.IKey;
  /**
   * How long events are kept.
   * @default SECURE_DEFAULTS.logRetention - a year
   */
  readonly retention?: logs.RetentionDays;
  /** The warning, with the statement to add, when the key's policy cannot be edited here (an imported key). */
  readonly keyPolicy: KeyStatementContext;
  /**
   * The id of the key policy statement.
   * @default - `AllowLogsFor` followed by the scope's unique id and the log group's construct id
   */
  readonly statementId?: string;
}

/**
 * A log group encrypted with a customer-managed key (Control Tower CT.CLOUDWATCH.PR.2 and .PR.3). CloudWatch Logs may
 * use the key for this log group only: the key policy statement names it in the encryption context. An imported key's
 * policy cannot take that statement, and the log group would fail to create at deploy: the user is warned with the
 * statement to add.
 */
export function createEncryptedLogGroup(scope: Construct, id: string, props: EncryptedLogGroupProps): logs.LogGroup {
  addKeyStatementOrWarn(scope, props.key, new iam.PolicyStatement({
    sid: (props.statementId ?? `AllowLogsFor${Names.uniqueId(scope)}${id}`).slice(0, 100),
    principals: [new iam.ServicePrincipal(`logs.${Stack.of(scope).region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn(scope, props.logGroupName) } },
  }), props.keyPolicy);
  return new logs.LogGroup(scope, id, {
    logGroupName: props.logGroupName,
    retention: props.retention ?? SECURE_DEFAULTS.logRetention,
    encryptionKey: props.key,
  });
}
