import { Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ApiResponse, Simulation } from '../../../lib/simulator';

/** A function whose code the test registers (`sim.onInvoke`): the inline code never runs. */
export function testFunction(scope: Construct, id: string, timeout = Duration.seconds(10)): lambda.Function {
  return new lambda.Function(scope, id, { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'), timeout });
}

/** The proxy event a handler got, as the echo handler below answers it. */
export interface Echo {
  readonly resource: string;
  readonly path: string;
  readonly httpMethod: string;
  readonly pathParameters: Record<string, string> | null;
  readonly event: Record<string, any>;
}

/** Registers a handler that answers 200 with what it received. */
export function echo(sim: Simulation, fn: lambda.IFunction | string, duration?: Duration): void {
  sim.onInvoke(fn, (event: Record<string, any>) => ({
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ resource: event.resource, path: event.path, httpMethod: event.httpMethod, pathParameters: event.pathParameters, event }),
  }), { duration });
}

/** The echo handler's answer. */
export function echoed(response: ApiResponse): Echo {
  return JSON.parse(response.body) as Echo;
}

/** The body of API Gateway's own answer. */
export function message(response: ApiResponse): unknown {
  return JSON.parse(response.body);
}

/** A TOKEN authorizer's policy statement for `resource`. */
export function policy(principalId: string, effect: 'Allow' | 'Deny', resource: string | string[], context?: Record<string, unknown>) {
  return {
    principalId,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
    ...(context ? { context } : {}),
  };
}

export { Stack };
