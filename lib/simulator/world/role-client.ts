import { AwsAction, AwsActions, CallResult, Caller, ServiceCalls } from './calls';

type InputOf<A extends AwsAction> = AwsActions[A] extends { input: infer I } ? I : never;
type OutputOf<A extends AwsAction> = AwsActions[A] extends { output: infer O } ? O : never;

/**
 * An error response to a call made by code (a handler, a worker): refused by a guard or the resource's policy
 * (`AccessDenied`), or failed in the service (`name` is then `ServiceError`, the reason in the message).
 */
export class AwsCallError extends Error {
  constructor(
    public readonly code: 'AccessDenied' | 'ServiceError',
    public readonly action: string,
    public readonly resource: string,
    reason: string,
  ) {
    super(`${action} on ${resource}: ${reason}`);
    this.name = code;
    Object.setPrototypeOf(this, AwsCallError.prototype);
  }
}

/** What the code's runtime does with each call's outcome: trace it, and decide what a call with no answer means. */
export interface RoleClientHooks {
  /** Every answered call (success or error response), for the trace. */
  answered(action: string, resource: string, result: CallResult<unknown>): void;
  /** A call that gets no answer: its Promise never settles, and the runtime ends the code (a Lambda timeout). */
  unanswered(action: string, resource: string, reason: string): void;
}

/**
 * How code that runs with a role calls AWS, as the SDK does: a Promise of the action's output, rejected with an
 * `AwsCallError`, or never settled when no network path reaches the service. The call is attributed to `caller`:
 * the guards check its identity policies and its network, then the service serves it. Lambda gives one to every
 * handler (`context.aws`); a worker or an API integration builds its own with its caller.
 */
export class RoleClient {
  constructor(
    private readonly calls: ServiceCalls,
    private readonly caller: Caller,
    private readonly hooks: RoleClientHooks,
  ) {}

  public call<A extends AwsAction>(action: A, resource: string, input: InputOf<A>): Promise<OutputOf<A>> {
    const bound = this.calls.bind(this.caller, action, resource);
    const result = bound.call(input);
    if (!result.ok && result.unanswered) {
      this.hooks.unanswered(action, resource, result.reason);
      return new Promise<OutputOf<A>>(() => undefined);
    }
    this.hooks.answered(action, resource, result);
    if (result.ok) return Promise.resolve(result.output);
    const refused = bound.found && bound.refusal !== undefined;
    return Promise.reject(new AwsCallError(refused ? 'AccessDenied' : 'ServiceError', action, resource, result.reason));
  }
}
