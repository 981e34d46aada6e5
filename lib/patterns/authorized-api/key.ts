import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';

/**
 * Adds to a key made by the pattern the statement AWS Control Tower's CT.KMS.PR.3 asks for: only AWS services may
 * create grants on it (for resources they manage). CloudWatch Logs and SQS use the key without grants.
 */
export function denyGrantsExceptForAwsServices(key: kms.Key): kms.Key {
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'DenyGrantsExceptForAwsServices',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  }));
  return key;
}
