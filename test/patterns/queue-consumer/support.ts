import * as lambda from 'aws-cdk-lib/aws-lambda';
import { QueueConsumer, QueueConsumerFunctionProps, QueueConsumerProps, ValidationError } from '../../../lib';
import { validationErrorOf as errorOf } from '../../support/errors';
import { newStack } from '../../support/stacks';

export { acknowledgedOn } from '../../support/acknowledgements';
export { newStack } from '../../support/stacks';

/** A function for the pattern to make: inline code, a real partial-batch handler. */
export const FUNCTION_PROPS: QueueConsumerFunctionProps = {
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'),
};

/** Makes a consumer and returns the ValidationError it throws; fails the test if none is thrown. */
export function validationErrorOf(props: QueueConsumerProps, stack = newStack()): ValidationError {
  return errorOf(() => new QueueConsumer(stack, 'Consumer', props));
}
