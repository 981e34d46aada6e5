import { Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';
import { isKnown } from '../../core';
import { KeyFacts, Sourced } from './rules';

/** What is knowable about the key of the consumed queue. */
export function keyFacts(scope: IConstruct, key: kms.IKey, prop: string): KeyFacts {
  const stackAccount = Stack.of(scope).account;
  return {
    prop,
    ownedByApp: key instanceof kms.Key,
    arn: isKnown(key.keyArn) ? key.keyArn : '(unresolved key ARN)',
    account: isKnown(key.env.account) ? key.env.account : undefined,
    stackAccount: isKnown(stackAccount) ? stackAccount : undefined,
  };
}

/** A duration with the prop it came from, or nothing when the duration is unknown. */
export function sourced<T>(value: T | undefined, prop: string): Sourced<T> | undefined {
  return value === undefined ? undefined : { value, prop };
}

