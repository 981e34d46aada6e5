import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AuthorizedApi, AuthorizedApiProps, ValidationError } from '../../../lib';
import { validationErrorOf as errorOf } from '../../support/errors';
import { newStack } from '../../support/stacks';

export { acknowledgedOn } from '../../support/acknowledgements';
export { newStack } from '../../support/stacks';

/** A function with inline code and the given timeout. */
export function newFunction(stack: Stack, id: string, timeout = Duration.seconds(10)): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "{}" });'),
    timeout,
  });
}

/** A queue encrypted with a key made in the app. */
export function newQueue(stack: Stack, id: string, props: sqs.QueueProps = {}): sqs.Queue {
  return new sqs.Queue(stack, id, { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: new kms.Key(stack, `${id}Key`), ...props });
}

/** The props most tests start from: a TOKEN authorizer and one function route. */
export function tokenApiProps(stack: Stack, more: Partial<AuthorizedApiProps> = {}): AuthorizedApiProps {
  return {
    authorizer: { type: 'token', function: newFunction(stack, 'AuthFn') },
    routes: { 'GET /orders/{id}': { function: newFunction(stack, 'GetOrder') } },
    ...more,
  };
}

/** Runs `build` and returns the ValidationError it throws; fails the test if none is thrown. */
export function validationErrorOf(build: (stack: Stack) => void, stack = newStack()): ValidationError {
  return errorOf(() => build(stack));
}

/** Builds an API with these props and returns its ValidationError. */
export function apiErrorOf(props: (stack: Stack) => AuthorizedApiProps): ValidationError {
  return validationErrorOf((stack) => new AuthorizedApi(stack, 'Api', props(stack)));
}

/** The warnings shown on the stack after `build`, as their messages. */
export function warningsOf(build: (stack: Stack) => void): string[] {
  const stack = newStack();
  build(stack);
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
}
