import { CfnParameter, Duration, Lazy, Size, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { Generated, token } from './generated';

let parameters = 0;

/**
 * Numbers the props cannot know: a number parameter of the stack (its value chosen at deploy, its default `value`),
 * or `Token.asNumber` of a lazy value that becomes `value` when the template is written. `value` is one AWS accepts
 * where the token is used: the token stands for a deploy-time value, not for a bad one.
 */
export function numberTokens(value: number): fc.Arbitrary<Generated<number>> {
  return fc.constantFrom(
    token('CfnParameter.valueAsNumber', (scope) =>
      new CfnParameter(Stack.of(scope), `Generated${++parameters}`, { type: 'Number', default: value }).valueAsNumber),
    token('Token.asNumber(Lazy.number)', () => Token.asNumber(Lazy.number({ produce: () => value }))),
  );
}

/** Durations known only at deploy: `Duration.seconds` of a number token worth `seconds`. */
export function durationTokens(seconds: number): fc.Arbitrary<Generated<Duration>> {
  return numberTokens(seconds).map((n) => token(`Duration.seconds(${n.label})`, (scope) => Duration.seconds(n.make(scope))));
}

/** Sizes known only at deploy: `Size.mebibytes` of a number token worth `mebibytes`. */
export function sizeTokens(mebibytes: number): fc.Arbitrary<Generated<Size>> {
  return numberTokens(mebibytes).map((n) => token(`Size.mebibytes(${n.label})`, (scope) => Size.mebibytes(n.make(scope))));
}

/** Strings known only at deploy: a string parameter's value. */
export function stringToken(scope: Construct): string {
  return new CfnParameter(Stack.of(scope), `Generated${++parameters}`, { type: 'String', default: 'x' }).valueAsString;
}
