import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as fc from 'fast-check';
import { VpcFunction, VpcFunctionProps } from '../../../lib';
import { LAMBDA_VPC_LIMITS } from '../../../lib/core';
import {
  Generated, constant, counts, functionSettings, given, judged, materializePaths, optional, patternKeys, valid,
} from '../../support/arbitraries';
import { checkPropsProperty, propertySettings } from '../../support/property';

/**
 * VpcFunction's props, at random, in the VPC it makes: either the pattern refuses them with problems naming every bad
 * prop (and only props that were given), or the stack synthesizes with zero cdk-nag errors on the pattern's resources
 * and zero cfn-lint errors (one cfn-lint call for all).
 */
const settings = propertySettings(40);

type Fields = Record<string, Generated<unknown>>;

const CODE = lambda.Code.fromInline('exports.handler = async () => ({});');

function vpcFunctionCasesAt(scale: number) {
  const opt = <T>(arb: fc.Arbitrary<T>, skip = 3) => optional(arb, skip * scale);
  return fc.record({
    fn: functionSettings(3 * scale),
    // A VPC it makes has no NAT gateway: egress 'nat' has no route to use.
    egress: opt(fc.constantFrom(constant('valid', 'endpoints', 'endpoints'), constant('invalid', 'nat', 'nat')), 4),
    // A number known only at deploy is refused: the subnets are made per AZ at synth.
    availabilityZones: opt(counts(LAMBDA_VPC_LIMITS.subnets).filter((g) => g.verdict !== 'valid' || (g.make(undefined as never) as number) <= 3)
      .map((g) => (g.verdict === 'token' ? judged(g, 'invalid') : g))),
    encryptionKey: opt(patternKeys(), 4),
  }).map((c): Fields => {
    const fields = given({
      'functionProps.code': valid('inline code', () => CODE),
      'functionProps.handler': valid('index.handler', () => 'index.handler'),
      ...Object.fromEntries(Object.entries(c.fn).map(([k, g]) => [`functionProps.${k}`, g])),
      egress: c.egress,
      availabilityZones: c.availabilityZones,
      encryptionKey: c.encryptionKey,
    });
    // Reserved concurrency 0 stops the function: refused.
    const reserved = fields['functionProps.reservedConcurrentExecutions'];
    if (reserved?.verdict === 'valid' && reserved.make(undefined as never) === 0) fields['functionProps.reservedConcurrentExecutions'] = judged(reserved, 'invalid');
    return fields;
  });
}

const vpcFunctionCases = fc.oneof({ weight: 1, arbitrary: vpcFunctionCasesAt(1) }, { weight: 2, arbitrary: vpcFunctionCasesAt(4) });

describe('VpcFunction props, at random', () => {
  test('refused naming each bad prop, or synthesized with zero cdk-nag and zero cfn-lint errors', () => {
    const lint = checkPropsProperty(vpcFunctionCases, (fields) => ({
      fields,
      build: (stack) => {
        new VpcFunction(stack, 'Reports', materializePaths<VpcFunctionProps>(fields, stack));
      },
    }), settings, { nag: 'Reports' });
    // Not vacuous: a good share of the cases made a function, and every template made lints without error.
    expect(lint.size).toBeGreaterThanOrEqual(Math.max(1, Math.floor(settings.numRuns / 5)));
    expect(lint.findings()).toEqual([]);
  }, settings.timeout);
});
