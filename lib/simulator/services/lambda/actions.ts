/** The Lambda actions other services call through `world.calls` (SNS, destinations; later API Gateway). */
declare module '../../world/calls' {
  interface AwsActions {
    /**
     * Invoke a function named by name or ARN. `Event` (asynchronous: queued, retried, sent to destinations) is the
     * invocation type simulated so far; the output is the request id Lambda returns with its 202.
     */
    'lambda:InvokeFunction': {
      input: { readonly invocationType: 'Event'; readonly payload: unknown };
      output: { readonly requestId: string };
    };
  }
}

export {};
