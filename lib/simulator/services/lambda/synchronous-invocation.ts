import { LAMBDA_LIMITS } from '../../../core/limits';
import { Invocation, InvocationCaller, LambdaFunction } from './function';
import { FunctionError } from './handler';

/**
 * What a synchronous invocation (InvocationType RequestResponse) answers, as Lambda's Invoke API does: the
 * function's JSON response, its error (the `X-Amz-Function-Error` case: a thrown error, a timeout, a response
 * Lambda cannot return), or a throttle (HTTP 429, TooManyRequestsException) when no concurrency is left.
 */
export type InvokeResponse =
  | {
    readonly kind: 'returned';
    /** The handler's return value as the caller receives it: serialized to JSON and parsed (`undefined` is `null`). */
    readonly payload: unknown;
    /** How long the invocation runs on the virtual clock. */
    readonly durationMs: number;
  }
  | { readonly kind: 'failed'; readonly error: FunctionError; readonly timedOut: boolean; readonly durationMs: number }
  | { readonly kind: 'throttled'; readonly reason: string };

/** A synchronous invocation as it started: its request id, and the response (later, for a handler returning a Promise). */
export interface SynchronousInvocation {
  readonly requestId: string | undefined;
  readonly response: InvokeResponse | Promise<InvokeResponse>;
}

// The caller reads the response when the handler has answered; the invocation ends on the clock by itself
// (concurrency released, metrics written), and no one needs telling.
const NO_ONE_WAITS: InvocationCaller = { onInvocationComplete: () => undefined };

/**
 * Invokes `fn` with InvocationType RequestResponse at the current virtual time. The handler runs now (as every
 * handler does); the invocation holds its concurrency until its declared duration ends on the clock. The caller
 * gets the response when the handler has answered, with the duration it took: it decides what the wait means
 * (API Gateway compares it with its integration timeout).
 */
export function invokeSynchronously(fn: LambdaFunction, payload: unknown): SynchronousInvocation {
  const started = fn.invoke(payload, NO_ONE_WAITS, undefined);
  if (typeof started === 'string') return { requestId: undefined, response: { kind: 'throttled', reason: started } };
  if (started.settled === undefined) return { requestId: started.requestId, response: responseOf(fn, started) };
  return { requestId: started.requestId, response: started.settled.then(() => responseOf(fn, started)) };
}

function responseOf(fn: LambdaFunction, inv: Invocation): InvokeResponse {
  const durationMs = inv.durationMs;
  if (inv.outcome === 'timeout') {
    const seconds = (fn.settings.timeoutMs / 1000).toFixed(2);
    return { kind: 'failed', timedOut: true, durationMs, error: { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${inv.requestId} Error: Task timed out after ${seconds} seconds` } };
  }
  if (inv.error) return { kind: 'failed', timedOut: false, durationMs, error: inv.error };
  // Lambda serializes the response to JSON; what cannot be serialized, or exceeds 6 MB, is an error to the caller.
  let json: string;
  try {
    json = JSON.stringify(inv.response === undefined ? null : inv.response);
  } catch (e) {
    return { kind: 'failed', timedOut: false, durationMs, error: { errorType: 'Runtime.MarshalError', errorMessage: `Unable to marshal response: ${(e as Error).message}` } };
  }
  if (json.length * 3 > LAMBDA_LIMITS.syncPayload.max && Buffer.byteLength(json, 'utf8') > LAMBDA_LIMITS.syncPayload.max) {
    return { kind: 'failed', timedOut: false, durationMs, error: { errorType: 'Function.ResponseSizeTooLarge', errorMessage: `Response payload size exceeded maximum allowed payload size (${LAMBDA_LIMITS.syncPayload.max} bytes).` } };
  }
  return { kind: 'returned', durationMs, payload: JSON.parse(json) };
}
