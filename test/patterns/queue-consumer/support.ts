import { App, Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { QueueConsumer, QueueConsumerFunctionProps, QueueConsumerProps, ValidationError } from '../../../lib';

/** A function for the pattern to make: inline code, a real partial-batch handler. */
export const FUNCTION_PROPS: QueueConsumerFunctionProps = {
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'),
};

/** A fresh stack in a fresh app, with a fixed account and Region so account checks can run. */
export function newStack(id = 'Test'): Stack {
  return new Stack(new App(), id, { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** Makes a consumer and returns the ValidationError it throws; fails the test if none is thrown. */
export function validationErrorOf(props: QueueConsumerProps, stack = newStack()): ValidationError {
  try {
    new QueueConsumer(stack, 'Consumer', props);
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError, none was thrown');
}

/** The rule ids acknowledged on exactly this construct (not its ancestors), with their reasons. */
export function acknowledgedOn(construct: IConstruct): Record<string, string> {
  const acks: Record<string, string> = {};
  for (const entry of construct.node.metadata) {
    if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
    for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) acks[id.replace(/^annotation::/i, '')] = reason;
  }
  return acks;
}
