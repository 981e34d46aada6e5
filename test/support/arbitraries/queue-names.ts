import { Aws } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { SQS_QUEUE_NAME } from '../../../lib/core';
import { Generated, constant } from './generated';

const ALLOWED = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'];
const { max } = SQS_QUEUE_NAME.length;
const SUFFIX = SQS_QUEUE_NAME.fifoSuffix;

function allowed(minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...ALLOWED), minLength, maxLength });
}

/**
 * Queue names for a queue of the given type: valid ones (80 characters with the suffix, a token with valid literal
 * text), and each way SQS refuses one: 81 characters, the `.fifo` suffix on a standard queue or missing on a FIFO
 * queue, characters outside [A-Za-z0-9_-], non-ASCII letters, the empty name.
 */
export function queueNames(fifo: boolean): fc.Arbitrary<Generated<string>> {
  const suffix = fifo ? SUFFIX : '';
  const named = (verdict: 'valid' | 'invalid') => (name: string) => constant(verdict, JSON.stringify(name), name);
  return fc.oneof(
    allowed(1, max - suffix.length).map((base) => `${base}${suffix}`).map(named('valid')),
    allowed(max - suffix.length, max - suffix.length).map((base) => `${base}${suffix}`).map(named('valid')),
    allowed(max + 1 - suffix.length, max + 1 - suffix.length).map((base) => `${base}${suffix}`).map(named('invalid')),
    allowed(1, 40).map((base) => `${base}${fifo ? '' : SUFFIX}`).map(named('invalid')),
    fc.constantFrom('bad name!', 'orders.v2', 'a/b').map((base) => `${base}${suffix}`).map(named('invalid')),
    fc.constantFrom('ünï', 'заказы', '注文').map((base) => `${base}${suffix}`).map(named('invalid')),
    fc.constant(named('invalid')('')),
    allowed(1, 30).map((base) => constant('valid', `\${AWS::StackName}-${base}${suffix}`, `${Aws.STACK_NAME}-${base}${suffix}`)),
  );
}
