import { Duration } from 'aws-cdk-lib';
import type { FunctionAws } from './handler-aws';

/** The context object Lambda passes to a Node.js handler, with the remaining time on the virtual clock. */
export interface LambdaContext {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly callbackWaitsForEmptyEventLoop: boolean;
  /** Milliseconds until the function times out, on the virtual clock (the full timeout when the handler starts). */
  getRemainingTimeInMillis(): number;
  /**
   * AWS as the function calls it, in the simulation (not part of Lambda's context): `await context.aws.sqs.sendMessage({
   * QueueUrl, MessageBody })`, `context.aws.sns.publish(…)`, `context.aws.call(action, resource, input)`. Each call
   * is checked against the execution role's policies and, in a VPC, the function's routes; a call with no route
   * gets no answer and the invocation times out.
   */
  readonly aws: FunctionAws;
}

/** A handler registered from a test: sync or async, as a Node.js Lambda handler is written. */
export type LambdaHandler<E = any, R = unknown> = (event: E, context: LambdaContext) => R | Promise<R>;

/** How long an invocation takes on the virtual clock: fixed, or decided from the event. */
export type HandlerDuration = Duration | ((event: any) => Duration);

export interface OnInvokeOptions {
  /**
   * The handler's duration on the virtual clock. Longer than the function's timeout is a timeout error.
   * @default 1 ms (Lambda's billing granularity): declare the real figure when concurrency or timing matters
   */
  readonly duration?: HandlerDuration;
  /**
   * For `'inline'`: the cdk.out folder holding the function's asset, when the simulation was built from a
   * template JSON (`fromStack` and `fromAssembly` know it).
   */
  readonly assetDirectory?: string;
}

/** The registered code of a function, with its declared duration. */
export interface RegisteredHandler {
  readonly handler: LambdaHandler;
  readonly durationMs: number | ((event: unknown) => number);
  /** Variables put in `process.env` while the handler runs (the function's own code only). */
  readonly environment?: Readonly<Record<string, string>>;
}

export const DEFAULT_DURATION_MS = 1;

export function durationOf(d: HandlerDuration | undefined): number | ((event: unknown) => number) {
  if (d === undefined) return DEFAULT_DURATION_MS;
  if (typeof d === 'function') return (event) => d(event).toMilliseconds();
  return d.toMilliseconds();
}

/** A function error as Lambda reports it in a response (`errorType`, `errorMessage`). */
export interface FunctionError {
  readonly errorType: string;
  readonly errorMessage: string;
}

export function functionError(e: unknown): FunctionError {
  // Duck-typed: an error thrown by code compiled in another realm (inline code under Jest) is no `instanceof Error` here.
  if (e !== null && typeof e === 'object' && typeof (e as Error).message === 'string') {
    return { errorType: (e as Error).name || 'Error', errorMessage: (e as Error).message };
  }
  return { errorType: 'Error', errorMessage: typeof e === 'string' ? e : JSON.stringify(e) ?? String(e) };
}

export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
}
