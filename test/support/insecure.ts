import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';

/**
 * Makes every resource under `scope` deliberately insecure, as a user could with escape hatches: the settings the
 * patterns choose for the nag packs are taken off the L1 resources (cdk-nag reads the L1 properties, not raw
 * overrides). A pattern so weakened must fail each pack: the proof that its "zero findings" test can fail.
 */
export function weaken(scope: IConstruct): void {
  for (const c of scope.node.findAll()) {
    if (c instanceof kms.CfnKey) c.enableKeyRotation = false;
    if (c instanceof sns.CfnTopic) c.kmsMasterKeyId = undefined;
    if (c instanceof sqs.CfnQueue) {
      c.kmsMasterKeyId = undefined;
      c.sqsManagedSseEnabled = false;
      c.redrivePolicy = undefined;
    }
    if (c instanceof logs.CfnLogGroup) {
      c.retentionInDays = undefined;
      c.kmsKeyId = undefined;
    }
    if (c instanceof lambda.CfnFunction) {
      c.vpcConfig = undefined;
      c.tracingConfig = undefined;
      c.reservedConcurrentExecutions = undefined;
      c.memorySize = undefined;
      c.timeout = undefined;
    }
    if (c instanceof cloudwatch.CfnAlarm) c.alarmActions = undefined;
    if (c instanceof apigateway.CfnStage) {
      c.accessLogSetting = undefined;
      c.methodSettings = undefined;
      c.tracingEnabled = false;
    }
  }
}
