import * as path from 'path';
import { Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { VpcFunction } from '../../lib';
import { acknowledge } from '../../lib/core';

/**
 * A report function in an isolated VPC: it reads a threshold from Parameter Store and publishes to a topic.
 * Both grants are made after the function's construct; the endpoints they need are derived at synth.
 */
export class ReportsVpcStack extends Stack {
  public readonly reports: VpcFunction;
  public readonly topic: sns.Topic;
  public readonly threshold: ssm.StringParameter;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    // README: vpc-function
    // An isolated VPC (2 AZs, flow logs, no NAT) and a function in it whose only way out is to what it is granted.
    this.reports = new VpcFunction(this, 'Reports', {
      functionProps: {
        code: lambda.Code.fromAsset(path.join(__dirname, 'handler')),
        handler: 'index.handler',
        description: 'Builds the daily report',
      },
    });

    // Grants made after the construct still get their routes: SNS and SSM interface endpoints, HTTPS to them only.
    this.topic = new sns.Topic(this, 'ReportsReady', { masterKey: this.reports.encryptionKey, enforceSSL: true });
    this.threshold = new ssm.StringParameter(this, 'Threshold', { stringValue: '1000', description: 'Report total that needs a review' });
    this.topic.grantPublish(this.reports.function);
    this.threshold.grantRead(this.reports.function);
    this.reports.function.addEnvironment('REPORTS_TOPIC_ARN', this.topic.topicArn);
    this.reports.function.addEnvironment('THRESHOLD_PARAMETER', this.threshold.parameterName);
    // README: end
    // The one wildcard in the function's policy comes from SNS's own grant for an encrypted topic.
    acknowledge(this.reports.policy as iam.ManagedPolicy, {
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason: 'Publishing to a KMS-encrypted SNS topic needs kms:GenerateDataKey* (SNS developer guide, encryption at rest: '
        + 'AWS KMS permissions); the statement names the topic\'s one key, and SNS makes the KMS call, not the function.',
    });
  }
}
