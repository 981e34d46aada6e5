import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';

/**
 * The key as given, except that every statement its policy does not take is also pushed to `dropped`.
 * The statements are added by code outside the pattern too (the shared alarm topic), and this is how the
 * pattern learns all of them, to list them in one warning.
 */
export function recordingDroppedStatements(key: kms.IKey, dropped: iam.PolicyStatement[]): kms.IKey {
  return new Proxy(key, {
    get(target, property, receiver) {
      if (property !== 'addToResourcePolicy') return Reflect.get(target, property, receiver);
      return (statement: iam.PolicyStatement, allowNoOp?: boolean): iam.AddToResourcePolicyResult => {
        const result = target.addToResourcePolicy(statement, allowNoOp);
        if (!result.statementAdded) dropped.push(statement);
        return result;
      };
    },
  });
}
