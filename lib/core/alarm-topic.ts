import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { addKeyStatementOrWarn } from './key-policy';

/**
 * The topic a pattern's alarms notify when the user names none: encrypted with the pattern's key and
 * TLS-only, so it passes the nag packs, and ready for the user to subscribe an email or a pager to.
 *
 * CloudWatch publishes to an encrypted topic only if the key policy lets `cloudwatch.amazonaws.com`
 * use the key; the grant is limited to this account's alarms (`aws:SourceArn`).
 */
export function createAlarmTopic(scope: Construct, id: string, key: kms.IKey): sns.Topic {
  const topic = new sns.Topic(scope, id, { masterKey: key, enforceSSL: true });
  const stack = Stack.of(scope);
  const alarms = stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  addKeyStatementOrWarn(scope, key, new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
    conditions: { ArnLike: { 'aws:SourceArn': alarms } },
  }), {
    code: 'decoupled:key-policy-not-editable',
    prop: 'encryptionKey',
    consequence: 'without this statement CloudWatch cannot publish to the encrypted alarm topic, and no alarm notifies anyone',
  });
  topic.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsToPublish',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['sns:Publish'],
    resources: [topic.topicArn],
    conditions: { ArnLike: { 'aws:SourceArn': alarms } },
  }));
  return topic;
}
