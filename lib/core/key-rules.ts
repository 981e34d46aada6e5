import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { PROP_RULES } from './prop-rules';
import { ProblemCollector } from './validation';

/**
 * An AWS managed key, by its alias or inside its alias ARN (`kms.Alias.fromAliasName(scope, id, 'alias/aws/sqs')`
 * resolves to a join of pseudo parameters around `alias/aws/sqs`). Alias names under `alias/aws/` are reserved for
 * AWS managed keys (KMS API-model CreateAlias), whose policies cannot be edited.
 */
const AWS_MANAGED_ALIAS = /alias\/aws\/[\w/-]+/;

/** The AWS managed key's alias a key handle stands for (`alias/aws/sqs`), if it is one; undefined when it is not or cannot be told. */
export function awsManagedAlias(key: kms.IKey): string | undefined {
  const alias = (key as Partial<kms.IAlias>).aliasName;
  const texts = [alias, key.keyArn, key.keyId].map((t) => (t === undefined ? '' : JSON.stringify(Stack.of(key).resolve(t))));
  for (const text of texts) {
    const found = AWS_MANAGED_ALIAS.exec(text)?.[0];
    if (found) return found;
  }
  return undefined;
}

/**
 * A key a pattern gives to AWS services (SNS delivering to its queues, CloudWatch publishing to its alarm topic,
 * CloudWatch Logs writing its log groups): an AWS managed key cannot be one, since its policy admits no service
 * principal and cannot be edited (SQS developer guide, key management; AWS-FACTS §1.8, §2.6). Every use would fail.
 *
 * @param users what would fail, for the message (`SNS deliveries to the queues and CloudWatch alarm notifications`)
 */
export function validateCustomerManagedKey(problems: ProblemCollector, prop: string, key: kms.IKey | undefined, users: string): void {
  if (key === undefined) return;
  const alias = awsManagedAlias(key);
  problems.expect(alias === undefined, {
    code: PROP_RULES.awsManagedKey,
    prop,
    value: `'${alias}'`,
    rule: `is an AWS managed key: its policy admits no service principal and cannot be edited, so ${users} would fail`,
    fix: `Leave ${prop} out to let the pattern make a customer-managed key, or pass a kms.Key of yours.`,
  });
}
