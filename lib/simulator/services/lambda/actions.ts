import type { InvokeResponse } from './synchronous-invocation';

/** The Lambda actions other services call through `world.calls` (SNS, destinations, API Gateway). */
declare module '../../world/calls' {
  interface AwsActions {
    /**
     * Invoke a function named by name or ARN. `Event` (asynchronous: queued, retried, sent to destinations)
     * answers with the request id of Lambda's 202; `RequestResponse` (synchronous: API Gateway's integrations
     * and authorizers) also with the response, once the handler has answered (a Promise while an async handler
     * runs). A throttle is a response (`kind: 'throttled'`), as Lambda answers it with HTTP 429.
     */
    'lambda:InvokeFunction': {
      input: { readonly invocationType: 'Event' | 'RequestResponse'; readonly payload: unknown };
      output: { readonly requestId: string | undefined; readonly response?: InvokeResponse | Promise<InvokeResponse> };
    };
  }
}

export {};
