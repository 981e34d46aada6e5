import { LAMBDA_LIMITS } from '../../../core/limits';
import { Clock, Timer } from '../../clock';
import { SimulationRuntime } from '../../runtime';
import { Invocation, InvocationCaller, LambdaFunction } from './function';
import { AwsAction, RoleCaller } from '../../world/calls';
import { SimulationWorld } from '../../world/world';

/** AWS::Lambda::EventInvokeConfig, with Lambda's defaults: 2 retries, 6 hours (AWS-FACTS §3.3). */
export interface AsyncInvokeConfig {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeMs: number;
  readonly onSuccess: string | undefined;
  readonly onFailure: string | undefined;
}

export const DEFAULT_ASYNC_CONFIG: AsyncInvokeConfig = {
  maximumRetryAttempts: LAMBDA_LIMITS.asyncRetryAttempts.default!,
  maximumEventAgeMs: LAMBDA_LIMITS.asyncMaxEventAge.default! * 1000,
  onSuccess: undefined,
  onFailure: undefined,
};

const RETRY_DELAYS_MS = [LAMBDA_LIMITS.asyncFirstRetryDelay.min * 1000, LAMBDA_LIMITS.asyncSecondRetryDelay.min * 1000];
const THROTTLE_BACKOFF_MIN_MS = LAMBDA_LIMITS.asyncThrottleBackoff.min * 1000;
const THROTTLE_BACKOFF_MAX_MS = LAMBDA_LIMITS.asyncThrottleBackoff.max * 1000;

/** An event in the function's internal queue: waiting for an attempt, running, or waiting for a retry. */
class AsyncEvent implements Timer {
  public time = 0;
  public priority = 0;
  public seq = 0;
  public heapIndex = -1;
  /** Attempts that ran the function (throttles do not count). */
  public attempts = 0;
  public backoffMs = 0;
  constructor(
    public readonly queue: AsyncInvoker,
    public readonly requestId: string,
    public readonly payload: unknown,
    public readonly enqueuedAt: number,
  ) {}
  public fire(_clock: Clock): void {
    this.queue.attempt(this);
  }
}

/** What a destination or DLQ can be, in the order its ARN is looked up (EventBridge and S3 are not simulated). */
const DESTINATION_ACTIONS: readonly AwsAction[] = ['sqs:SendMessage', 'sns:Publish', 'lambda:InvokeFunction'];

/** Why an event left the queue without success, as Lambda names it in the invocation record. */
type FailureCondition = 'RetriesExhausted' | 'EventAgeExceeded';

/**
 * Asynchronous invocation of one function (AWS-FACTS §3.3): Lambda queues the event, then runs it; a function
 * error (or timeout) is retried up to MaximumRetryAttempts (0–2), about 1 minute and then 2 more minutes
 * later; a throttle is retried with a backoff from 1 s to 5 min for as long as the event is younger than
 * MaximumEventAgeInSeconds. With reserved concurrency 0 every event is throttled and goes straight to the
 * failure destination without retries. An event that fails for good goes to the on-failure destination
 * (an invocation record) and to the function's DLQ (the original event), when configured; otherwise it is
 * dropped, and the trace says so.
 */
export class AsyncInvoker implements InvocationCaller {
  public config: AsyncInvokeConfig = DEFAULT_ASYNC_CONFIG;

  constructor(
    private readonly runtime: SimulationRuntime,
    private readonly world: SimulationWorld,
    public readonly fn: LambdaFunction,
  ) {}

  /** Invoke with InvocationType Event: accepted now (202) or refused for size; the run follows on the clock. */
  public invoke(payload: unknown): { readonly ok: true; readonly requestId: string } | { readonly ok: false; readonly reason: string } {
    const size = Buffer.byteLength(JSON.stringify(payload) ?? '', 'utf8');
    if (size > LAMBDA_LIMITS.asyncPayload.max) {
      const reason = `the payload is ${size} bytes; an asynchronous invocation takes at most ${LAMBDA_LIMITS.asyncPayload.max}`;
      this.runtime.record('lambda.asyncRejected', this.fn.logicalId, undefined, reason);
      return { ok: false, reason };
    }
    const ev = new AsyncEvent(this, this.runtime.nextId(), payload, this.runtime.clock.now);
    this.runtime.record('lambda.asyncQueued', this.fn.logicalId, undefined, undefined, { requestId: ev.requestId });
    this.runtime.clock.schedule(ev, this.runtime.clock.now);
    return { ok: true, requestId: ev.requestId };
  }

  public attempt(ev: AsyncEvent): void {
    const now = this.runtime.clock.now;
    if (now - ev.enqueuedAt > this.config.maximumEventAgeMs) return this.fail(ev, 'EventAgeExceeded', undefined);
    const started = this.fn.invoke(ev.payload, this, ev);
    if (typeof started !== 'string') {
      ev.attempts++;
      return;
    }
    if (this.fn.reservedConcurrency === 0) return this.fail(ev, 'RetriesExhausted', { errorType: 'TooManyRequestsException', errorMessage: `${started}: reserved concurrency is 0` });
    ev.backoffMs = Math.min(THROTTLE_BACKOFF_MAX_MS, ev.backoffMs === 0 ? THROTTLE_BACKOFF_MIN_MS : ev.backoffMs * 2);
    if (now + ev.backoffMs - ev.enqueuedAt > this.config.maximumEventAgeMs) {
      return this.fail(ev, 'EventAgeExceeded', { errorType: 'TooManyRequestsException', errorMessage: started });
    }
    this.runtime.clock.schedule(ev, now + ev.backoffMs);
  }

  public onInvocationComplete(inv: Invocation): void {
    const ev = inv.tag as AsyncEvent;
    if (inv.outcome === 'success') {
      this.runtime.record('lambda.asyncSucceeded', this.fn.logicalId, undefined, undefined, { requestId: ev.requestId, attempts: ev.attempts });
      if (this.config.onSuccess) this.sendTo(this.config.onSuccess, this.record(ev, 'Success', inv.response, undefined), ev, 'on-success destination');
      return;
    }
    const retries = ev.attempts - 1;
    if (retries >= this.config.maximumRetryAttempts) return this.fail(ev, 'RetriesExhausted', inv.error);
    const retryAt = this.runtime.clock.now + RETRY_DELAYS_MS[Math.min(retries, RETRY_DELAYS_MS.length - 1)];
    if (retryAt - ev.enqueuedAt > this.config.maximumEventAgeMs) return this.fail(ev, 'EventAgeExceeded', inv.error);
    this.runtime.record('lambda.asyncRetryScheduled', this.fn.logicalId, undefined, inv.error?.errorMessage, { requestId: ev.requestId, attempt: ev.attempts, retryAt });
    this.runtime.clock.schedule(ev, retryAt);
  }

  private fail(ev: AsyncEvent, condition: FailureCondition, error: { errorType: string; errorMessage: string } | undefined): void {
    const destination = this.config.onFailure;
    const dlq = this.fn.settings.deadLetterTargetArn;
    this.runtime.record('lambda.asyncFailed', this.fn.logicalId, undefined, `${condition}${error ? `: ${error.errorMessage}` : ''}`, {
      requestId: ev.requestId, attempts: ev.attempts, destination, deadLetterQueue: dlq,
    });
    if (destination) this.sendTo(destination, this.record(ev, condition, error, error), ev, 'on-failure destination');
    if (dlq) {
      this.sendTo(dlq, ev.payload, ev, 'dead-letter queue', {
        RequestID: { DataType: 'String', StringValue: ev.requestId },
        ErrorCode: { DataType: 'Number', StringValue: '200' },
        ErrorMessage: { DataType: 'String', StringValue: error?.errorMessage ?? condition },
      });
    }
    if (!destination && !dlq) this.runtime.record('lambda.asyncDropped', this.fn.logicalId, undefined, `${condition}, and the function has neither an on-failure destination nor a dead-letter queue`, { requestId: ev.requestId });
  }

  /** The invocation record Lambda sends to a destination. */
  private record(ev: AsyncEvent, condition: string, response: unknown, error: unknown): object {
    return {
      version: '1.0',
      timestamp: new Date(this.runtime.epoch(this.runtime.clock.now)).toISOString(),
      requestContext: { requestId: ev.requestId, functionArn: `${this.fn.arn}:$LATEST`, condition, approximateInvokeCount: ev.attempts },
      requestPayload: ev.payload,
      responseContext: { statusCode: 200, executedVersion: '$LATEST', ...(error ? { functionError: 'Unhandled' } : {}) },
      responsePayload: response,
    };
  }

  /**
   * Delivers to an SQS queue, SNS topic or function of the template, calling its service as the function's
   * execution role (the IAM guard checks the role's policies); else records why not.
   */
  private sendTo(arn: string, body: unknown, ev: AsyncEvent, what: string, attributes?: Record<string, { DataType: string; StringValue: string }>): void {
    const lost = (reason: string) => this.runtime.record('lambda.destinationFailed', this.fn.logicalId, undefined, `${what} ${arn}: ${reason}`, { requestId: ev.requestId });
    // Lambda delivers from its own network, not the function's VPC (CALLED_OUTSIDE_THE_VPC.eventSourcesAndDestinations
    // in lib/patterns/vpc-function): no runsIn, so no route applies.
    const caller: RoleCaller = { kind: 'role', roleArn: this.fn.settings.roleArn, roleKind: 'execution role' };
    const calls = this.world.calls;
    const action = DESTINATION_ACTIONS.find((a) => calls.bind(caller, a, arn).found);
    if (!action) return lost('not an SQS queue, SNS topic or function of the template (EventBridge and S3 destinations are not simulated)');
    const message = JSON.stringify(body);
    const result = action === 'sqs:SendMessage' ? calls.call(caller, action, arn, { body: message, attributes })
      : action === 'sns:Publish' ? calls.call(caller, action, arn, { message })
        : calls.call(caller, 'lambda:InvokeFunction', arn, { invocationType: 'Event', payload: body });
    if (!result.ok) return lost(result.reason);
    this.runtime.record('lambda.destinationDelivered', this.fn.logicalId, undefined, undefined, { requestId: ev.requestId, destination: arn, kind: what });
  }
}

const invokers = new WeakMap<LambdaFunction, AsyncInvoker>();

/** The asynchronous invocation queue of a function, made on first use. */
export function asyncInvoker(world: SimulationWorld, fn: LambdaFunction): AsyncInvoker {
  let q = invokers.get(fn);
  if (!q) {
    q = new AsyncInvoker(world.runtime, world, fn);
    invokers.set(fn, q);
  }
  return q;
}
