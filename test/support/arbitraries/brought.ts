import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as fc from 'fast-check';
import { Generated, invalid, valid } from './generated';

/**
 * Resources a user brings instead of letting a pattern make them, in the forms aws-cdk-lib offers. Each is made under
 * its own id in the case's stack; a pattern's generator gives each the verdict its own rules call for.
 */

const ACCOUNT = '111111111111';
let ids = 0;
const id = (kind: string) => `Brought${kind}${++ids}`;

/** A queue imported by ARN, of the given type (a FIFO queue's name ends in `.fifo`), named `name`. */
export function importedQueues(fifo: boolean, name = 'brought'): fc.Arbitrary<Generated<sqs.IQueue>> {
  return fc.constantFrom('us-east-1', 'eu-west-1').map((region) => {
    const arn = `arn:aws:sqs:${region}:${ACCOUNT}:${name}${fifo ? '.fifo' : ''}`;
    return valid(`Queue.fromQueueArn(${arn})`, (scope) => sqs.Queue.fromQueueArn(scope, id('Queue'), arn));
  });
}

/** A KMS key imported by ARN, or by its alias, including the AWS managed `alias/aws/sqs` no service principal can use. */
export function importedKeys(): fc.Arbitrary<Generated<kms.IKey>> {
  const keyArn = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  return fc.constantFrom(
    valid(`Key.fromKeyArn(${keyArn})`, (scope) => kms.Key.fromKeyArn(scope, id('Key'), keyArn)),
    valid('Alias.fromAliasName(alias/orders)', (scope) => kms.Alias.fromAliasName(scope, id('Alias'), 'alias/orders')),
    valid('Alias.fromAliasName(alias/aws/sqs)', (scope) => kms.Alias.fromAliasName(scope, id('Alias'), 'alias/aws/sqs')),
  );
}

/**
 * A function imported by ARN, or by attributes with a role and `sameEnvironment: true` (the form whose role
 * policy crashed a pattern in a stack without `env`, the CDK default).
 */
export function importedFunctions(): fc.Arbitrary<Generated<lambda.IFunction>> {
  const functionArn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:brought`;
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/brought`;
  return fc.constantFrom(
    valid(`Function.fromFunctionArn(${functionArn})`, (scope) => lambda.Function.fromFunctionArn(scope, id('Function'), functionArn)),
    valid('Function.fromFunctionAttributes({ role, sameEnvironment: true })', (scope) => lambda.Function.fromFunctionAttributes(scope, id('Function'), {
      functionArn,
      role: iam.Role.fromRoleArn(scope, id('Role'), roleArn),
      sameEnvironment: true,
    })),
  );
}

/**
 * The key a pattern is given for what it makes (`encryptionKey`): a key of the stack, an imported one, an alias of a
 * customer-managed key, and AWS managed keys, which no service principal can use (refused).
 */
export function patternKeys(): fc.Arbitrary<Generated<kms.IKey>> {
  return fc.oneof(
    fc.constant(valid('a kms.Key of the stack', (scope) => new kms.Key(scope, id('Key'), { enableKeyRotation: true }))),
    importedKeys().map((k) => (k.label.includes('alias/aws/') ? { ...k, verdict: 'invalid' as const } : k)),
    fc.constantFrom('alias/aws/sns', 'alias/aws/lambda').map((alias) => invalid(`Alias.fromAliasName(${alias})`, (scope) => kms.Alias.fromAliasName(scope, id('Alias'), alias))),
  );
}
