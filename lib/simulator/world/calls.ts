/**
 * How one service calls another without importing it: the callee registers the AWS actions it serves
 * (`sqs:SendMessage`, `sns:Publish`, `lambda:InvokeFunction`), the caller names the action, the resource and who
 * it is (`Caller`), and the world routes the call. Every call passes the guards first (network routes, then
 * identity policies), then the callee's own resource policy check, then its handler.
 *
 * An action's input and output types are declared by the service that serves it, by adding an entry to
 * `AwsActions` (module augmentation, see services/sqs/actions.ts), so a caller is type-checked against the
 * callee's declaration without importing its code.
 */

/** Who makes a call, as IAM (and a network model) sees it. */
export type Caller = ServiceCaller | RoleCaller;

/** An AWS service acting for one of its resources (SNS delivering for a topic): resource policies name it with `aws:SourceArn`. */
export interface ServiceCaller {
  readonly kind: 'service';
  /** The service principal, `sns.amazonaws.com`. */
  readonly principal: string;
  /** The resource the service acts for (the topic's ARN). */
  readonly sourceArn: string;
  readonly sourceAccount: string;
}

/** Code that runs with a role: a Lambda function's execution role, later an ECS task role or an instance profile. */
export interface RoleCaller {
  readonly kind: 'role';
  /** The role's ARN; undefined when the code runs with no role the template names. */
  readonly roleArn: string | undefined;
  /** What the role is to the code, for reasons: `execution role`, `task role`. */
  readonly roleKind: string;
  /**
   * The logical id of the resource the code runs in (the function): where a network model looks for its routes.
   * Undefined when an AWS service makes the call with the role from its own network (Lambda delivering to a
   * destination, an event source mapping's poller): no VPC route applies.
   */
  readonly runsIn?: string;
}

/**
 * The actions services serve each other: action name → `{ input; output }`. Empty here; each service adds its
 * own entries with `declare module '…/world/calls' { interface AwsActions { … } }`.
 */
export interface AwsActions {}

export type AwsAction = keyof AwsActions & string;
type InputOf<A extends AwsAction> = AwsActions[A] extends { input: infer I } ? I : never;
type OutputOf<A extends AwsAction> = AwsActions[A] extends { output: infer O } ? O : never;

/**
 * A call's outcome. A failure with `unanswered` got no answer at all (no network path to the service): the caller
 * hears nothing and waits until its own timeout, as an SDK call from a VPC function without a route does.
 */
export type CallResult<T> = { readonly ok: true; readonly output: T } | { readonly ok: false; readonly reason: string; readonly unanswered?: boolean };

/** What a guard returns for a call that never reaches the service: no route, so no answer (not an error response). */
export interface NoAnswer {
  readonly noAnswer: true;
  readonly reason: string;
}

/** How a service serves one action on its resources. `T` is its model of the resource (a queue, a topic). */
export interface ActionHandler<A extends AwsAction, T> {
  /** The resource a caller names (an ARN, a name), or undefined when it is not one of this service's. */
  find(resource: string): T | undefined;
  /** The logical id of a resource, for traces and reasons. */
  logicalIdOf(target: T): string;
  /**
   * The resource's ARN, which identity policies name, when callers may name it otherwise (a queue by its URL).
   * @default - the resource as the caller named it
   */
  arnOf?(target: T): string;
  /** Why the resource's own policy refuses this caller (a queue policy, a Lambda permission); undefined when it allows. */
  authorize?(caller: Caller, target: T): string | undefined;
  /** Performs the action; the guards and `authorize` have allowed it. */
  handle(caller: Caller, target: T, input: InputOf<A>): CallResult<OutputOf<A>>;
}

/**
 * A check every call passes before the callee sees it: why `caller` may not perform `action` on `resource` (an
 * error the caller receives), a `NoAnswer` (the call never arrives), or undefined. The IAM service registers the
 * identity-policy guard; the VPC service the route guard. A `NoAnswer` wins over any refusal: a call that cannot
 * reach the service is never evaluated by it.
 */
export type CallGuard = (caller: Caller, action: string, resource: string) => string | NoAnswer | undefined;

/**
 * A call decided once and made many times: the resource found, the guards and the resource policy evaluated
 * when bound (policies in a template do not change during a run), so a fan-out pays only the handler per message.
 */
export interface BoundCall<A extends AwsAction> {
  /** Whether some service serves the action for this resource. */
  readonly found: boolean;
  /** The logical id of the resource, when found. */
  readonly logicalId: string | undefined;
  /** Why the call is refused (guards, then the resource's policy), when found and refused. */
  readonly refusal: string | undefined;
  /** The refusal is a `NoAnswer`: the caller hears nothing. */
  readonly unanswered: boolean;
  call(input: InputOf<A>): CallResult<OutputOf<A>>;
}

/** A handler as the registry keeps it: the action's types are checked where it is served and where it is called. */
interface StoredHandler {
  find(resource: string): unknown;
  logicalIdOf(target: unknown): string;
  arnOf?(target: unknown): string;
  authorize?(caller: Caller, target: unknown): string | undefined;
  handle(caller: Caller, target: unknown, input: unknown): CallResult<unknown>;
}

/** The actions of every service of one simulation, and the guards every call passes. */
export class ServiceCalls {
  private readonly handlers = new Map<string, StoredHandler[]>();
  private readonly guards: CallGuard[] = [];

  /** Serves `action`; several services may serve one action name for different resources. */
  public serve<A extends AwsAction, T>(action: A, handler: ActionHandler<A, T>): void {
    const list = this.handlers.get(action) ?? [];
    list.push(handler as unknown as StoredHandler);
    this.handlers.set(action, list);
  }

  public guard(guard: CallGuard): void {
    this.guards.push(guard);
  }

  /** Resolves and authorizes a call once; `call` on the result performs it. */
  public bind<A extends AwsAction>(caller: Caller, action: A, resource: string): BoundCall<A> {
    for (const handler of this.handlers.get(action) ?? []) {
      const target = handler.find(resource);
      if (target === undefined) continue;
      const refused = this.refusal(caller, action, handler.arnOf?.(target) ?? resource, handler, target);
      const refusal = typeof refused === 'object' ? refused.reason : refused;
      const unanswered = typeof refused === 'object';
      return {
        found: true,
        logicalId: handler.logicalIdOf(target),
        refusal,
        unanswered,
        call: refusal === undefined
          ? (input) => handler.handle(caller, target, input) as CallResult<OutputOf<A>>
          : () => (unanswered ? { ok: false, reason: refusal, unanswered } : { ok: false, reason: refusal }),
      };
    }
    const reason = `no ${action} target ${resource} in the template`;
    return { found: false, logicalId: undefined, refusal: undefined, unanswered: false, call: () => ({ ok: false, reason }) };
  }

  /** Makes one call (a destination, an integration): bound and performed at once. */
  public call<A extends AwsAction>(caller: Caller, action: A, resource: string, input: InputOf<A>): CallResult<OutputOf<A>> {
    return this.bind(caller, action, resource).call(input);
  }

  private refusal(caller: Caller, action: string, resource: string, handler: StoredHandler, target: unknown): string | NoAnswer | undefined {
    let first: string | undefined;
    for (const guard of this.guards) {
      const refused = guard(caller, action, resource);
      if (typeof refused === 'object') return refused;
      first ??= refused;
    }
    return first ?? handler.authorize?.(caller, target);
  }
}
