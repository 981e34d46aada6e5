import { Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LAMBDA_LIMITS } from './limits';

/**
 * What can be read at synth time from a function: a function made in this app (also behind an alias or a
 * version) is read from its CloudFormation resource; an imported one tells nothing.
 */
export interface KnownFunctionSettings {
  readonly ownedByApp: boolean;
  readonly timeout?: Duration;
  readonly reservedConcurrency?: number;
}

function underlyingFunction(fn: lambda.IFunction): lambda.IFunction {
  if (fn instanceof lambda.Alias) return underlyingFunction(fn.version);
  if (fn instanceof lambda.Version) return fn.lambda;
  return fn;
}

/** Reads a function's timeout and reserved concurrency, when they are knowable. */
export function functionSettings(fn: lambda.IFunction): KnownFunctionSettings {
  const cfn = underlyingFunction(fn).node.defaultChild;
  if (!(cfn instanceof lambda.CfnFunction)) return { ownedByApp: false };
  const stack = Stack.of(cfn);
  const timeout: unknown = stack.resolve(cfn.timeout);
  const reserved: unknown = stack.resolve(cfn.reservedConcurrentExecutions);
  return {
    ownedByApp: true,
    // A timeout left out is Lambda's default (Lambda API-model, CreateFunction).
    timeout: timeout === undefined ? Duration.seconds(LAMBDA_LIMITS.timeout.default ?? 3)
      : typeof timeout === 'number' ? Duration.seconds(timeout) : undefined,
    reservedConcurrency: typeof reserved === 'number' ? reserved : undefined,
  };
}
