import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { ValidationError, VpcFunction, VpcFunctionFunctionProps, VpcFunctionProps } from '../../../lib';
import { validationErrorOf } from '../../support/errors';

export { validationErrorOf } from '../../support/errors';

/** A function for the pattern to make: inline code. */
export const FUNCTION_PROPS: VpcFunctionFunctionProps = {
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async () => ({});'),
};

/** A fresh environment-agnostic stack in a fresh app (stacks synthesize offline, without AZ lookups). */
export function newStack(id = 'Test'): Stack {
  return new Stack(new App(), id);
}

/** A VPC with isolated subnets only, in 2 AZs. */
export function isolatedVpc(scope: IConstruct, id = 'Vpc'): ec2.Vpc {
  return new ec2.Vpc(scope as Stack, id, { natGateways: 0, maxAzs: 2, restrictDefaultSecurityGroup: false, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
}

/** A VPC with public subnets, one NAT gateway and private subnets with egress, in 2 AZs. */
export function natVpc(scope: IConstruct, id = 'Vpc'): ec2.Vpc {
  return new ec2.Vpc(scope as Stack, id, { natGateways: 1, maxAzs: 2, restrictDefaultSecurityGroup: false });
}

/** Makes a VpcFunction and returns the ValidationError its constructor throws. */
export function constructionErrorOf(props: VpcFunctionProps, stack = newStack()): ValidationError {
  return validationErrorOf(() => new VpcFunction(stack, 'Reports', props));
}

/** Synthesizes the stack and returns the ValidationError the synth-time rules throw. */
export function synthErrorOf(stack: Stack): ValidationError {
  return validationErrorOf(() => Template.fromStack(stack));
}

/**
 * Synthesizes the stack and returns the message of the error that fails it; fails the test if it synthesizes. Under
 * @aws-cdk/core:annotationsInValidationReport (cdk.json) an error annotation fails the synth, as in `cdk synth`.
 */
export function synthFailureOf(stack: Stack): string {
  try {
    Template.fromStack(stack);
  } catch (e) {
    return String(e);
  }
  throw new Error(`expected the synth of ${stack.node.path} to fail, it did not`);
}

/** The error annotations in a stack's tree (after a synth, so Aspects have run), with their construct paths. */
export function errorAnnotationsIn(stack: Stack): { path: string; message: string }[] {
  return stack.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === 'aws:cdk:error')
    .map((m) => ({ path: c.node.path, message: String(m.data) })));
}

/** The warnings of a synthesized stack, as `code: message` strings. */
export function warningsOf(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
}

export { endpointsIn } from '../../support/endpoints';
