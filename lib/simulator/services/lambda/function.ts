import { LAMBDA_LIMITS } from '../../../core/limits';
import { Clock, Timer } from '../../clock';
import { SimulationRuntime } from '../../runtime';
import { TraceCounter } from '../../trace';
import { TemplateResource, containsUnresolved, isUnresolved } from '../../template';
import { ConcurrencyHolder, LambdaAccount } from './account';
import { FunctionError, LambdaContext, RegisteredHandler, functionError, isThenable } from './handler';
import { FunctionAws, functionAws } from './handler-aws';
import { FunctionMetrics, METRIC_BUCKET_MS } from './metrics';
import { LambdaService } from './state';
import { SimulationWorld } from '../../world/world';

/** Where the function's code is, as the template says. */
export type FunctionCode =
  | { readonly kind: 'inline'; readonly source: string }
  | { readonly kind: 'asset'; readonly s3Key: string | undefined; readonly assetPath: string | undefined }
  | { readonly kind: 'other'; readonly description: string };

/** What the simulator reads from AWS::Lambda::Function, with Lambda's defaults (AWS-FACTS §10). */
export interface LambdaFunctionSettings {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  readonly reservedConcurrency: number | undefined;
  readonly roleArn: string | undefined;
  /** `index.handler`: the module file and the export. */
  readonly handler: string | undefined;
  readonly runtime: string | undefined;
  readonly environment: Readonly<Record<string, string>>;
  /**
   * Environment variables whose value is only known at deploy time (an import, an attribute of an unmodelled
   * resource), by name, with what they stand for: left out of `environment`, so a handler sees them undefined.
   */
  readonly unresolvedEnvironment: Readonly<Record<string, string>>;
  readonly code: FunctionCode;
  /** DeadLetterConfig.TargetArn: the function DLQ, for asynchronous invocations only. */
  readonly deadLetterTargetArn: string | undefined;
}

/** Who waits for a synchronous invocation (an event source mapping, the async queue): told once it ends. */
export interface InvocationCaller {
  onInvocationComplete(invocation: Invocation): void;
}

export type InvocationOutcome = 'success' | 'error' | 'timeout';

/**
 * One run of the handler. It is its own clock timer, due when the declared duration (or the timeout) ends,
 * so an invocation costs one object and one heap entry.
 */
export class Invocation implements Timer {
  public time = 0;
  public priority = 0;
  public seq = 0;
  public heapIndex = -1;

  public outcome: InvocationOutcome = 'success';
  public response: unknown = undefined;
  public error: FunctionError | undefined = undefined;
  /** The handler returned a Promise that has not settled yet. */
  public pending = false;
  /** Settles once the handler's Promise has (undefined for a handler that answered at once). */
  public settled: Promise<void> | undefined = undefined;
  public durationMs = 0;
  /** A call of the handler got no answer (the reason): the invocation ends at its timeout, whatever the handler does. */
  public unansweredCall: string | undefined = undefined;
  /** Stops the clock driver waiting for the handler's Promise (set for async handlers). */
  public release: (() => void) | undefined = undefined;
  /** Puts back process.env (the function's own code), when its handler will never settle. */
  public restoreEnvironment: (() => void) | undefined = undefined;

  constructor(
    public readonly fn: LambdaFunction,
    public readonly requestId: string,
    public readonly event: unknown,
    public readonly startedAt: number,
    public readonly caller: InvocationCaller,
    /** The caller's own state for this invocation (the batch, the async event). */
    public readonly tag: unknown,
  ) {}

  public fire(_clock: Clock): void {
    this.fn.complete(this);
  }
}

/** The context a handler gets; its remaining time counts down on the virtual clock. */
class InvocationContext implements LambdaContext {
  public readonly functionVersion = '$LATEST';
  public readonly callbackWaitsForEmptyEventLoop = true;
  public readonly memoryLimitInMB: string;
  public readonly logGroupName: string;
  public readonly logStreamName: string;
  public readonly functionName: string;
  public readonly invokedFunctionArn: string;

  private client: FunctionAws | undefined = undefined;

  constructor(
    private readonly fn: LambdaFunction,
    private readonly inv: Invocation,
    private readonly deadline: number,
  ) {
    this.awsRequestId = inv.requestId;
    this.functionName = fn.name;
    this.invokedFunctionArn = fn.arn;
    this.memoryLimitInMB = String(fn.settings.memoryMb);
    this.logGroupName = `/aws/lambda/${fn.name}`;
    this.logStreamName = `2026/01/01/[$LATEST]${this.awsRequestId.replace(/-/g, '')}`;
  }

  public readonly awsRequestId: string;

  /** Made on first use: most handlers never call AWS. */
  public get aws(): FunctionAws {
    const fn = this.fn;
    const inv = this.inv;
    this.client ??= functionAws(fn.world, { functionLogicalId: fn.logicalId, roleArn: fn.settings.roleArn, requestId: inv.requestId, hang: (reason) => fn.hang(inv, reason) });
    return this.client;
  }

  public getRemainingTimeInMillis(): number {
    return Math.max(0, this.deadline - this.fn.clock.now);
  }
}

/**
 * A Lambda function: its configuration from the template, the code a test registered, its concurrency and
 * its metrics. `invoke` is a synchronous invocation (what an event source mapping does); asynchronous
 * invocation (lambda-async.ts) is built on it.
 */
export class LambdaFunction implements ConcurrencyHolder {
  public running = 0;
  public readonly metrics = new FunctionMetrics();
  public code: RegisteredHandler | undefined = undefined;
  public readonly clock: Clock;
  public readonly world: SimulationWorld;
  private readonly account: LambdaAccount;
  /** Count cells of the trace, for a summary trace that only counts (no lookup per event). */
  private readonly counts: Record<'invoked' | 'throttled' | InvocationOutcome, TraceCounter>;

  constructor(
    private readonly runtime: SimulationRuntime,
    service: LambdaService,
    public readonly settings: LambdaFunctionSettings,
  ) {
    this.clock = runtime.clock;
    this.world = service.world;
    this.account = service.account;
    this.account.reserve(this);
    const t = runtime.trace;
    this.counts = { invoked: t.counter('lambda.invoked'), throttled: t.counter('lambda.throttled'), success: t.counter('lambda.succeeded'), error: t.counter('lambda.failed'), timeout: t.counter('lambda.timedOut') };
  }

  public get logicalId(): string {
    return this.settings.logicalId;
  }
  public get name(): string {
    return this.settings.name;
  }
  public get arn(): string {
    return this.settings.arn;
  }
  public get reservedConcurrency(): number | undefined {
    return this.settings.reservedConcurrency;
  }

  /**
   * Starts a synchronous invocation, or returns the throttle error code when no concurrency is left.
   * The caller hears of the end through `onInvocationComplete`.
   */
  public invoke(event: unknown, caller: InvocationCaller, tag: unknown): Invocation | string {
    const now = this.clock.now;
    // Details are built only when the trace keeps records; a summary trace just counts.
    const trace = this.runtime.trace;
    const throttled = this.account.acquire(this);
    if (throttled !== undefined) {
      this.metrics.throttles.count(now, METRIC_BUCKET_MS);
      if (trace.full) this.runtime.record('lambda.throttled', this.logicalId, undefined, throttled);
      else this.counts.throttled.n++;
      return throttled;
    }
    const code = this.code;
    if (!code) {
      this.account.release(this);
      throw new Error(`${this.logicalId} was invoked but has no handler: call sim.onInvoke(fn, handler) (or sim.onInvoke(fn, 'inline') to run its own code)`);
    }
    const requestId = this.runtime.nextId();
    const timeout = this.settings.timeoutMs;
    const inv = new Invocation(this, requestId, event, now, caller, tag);
    this.metrics.invocations.count(now, METRIC_BUCKET_MS);
    this.metrics.concurrency.level(now, this.running);
    if (trace.full) this.runtime.record('lambda.invoked', this.logicalId, undefined, undefined, { requestId, concurrency: this.running });
    else this.counts.invoked.n++;
    this.run(code, inv, new InvocationContext(this, inv, now + timeout));
    if (inv.unansweredCall === undefined) {
      // At least 1 ms (Lambda's billing granularity): an invocation never ends at the instant it starts.
      const declared = Math.max(1, typeof code.durationMs === 'number' ? code.durationMs : code.durationMs(event));
      if (declared > timeout) {
        inv.outcome = 'timeout';
        inv.durationMs = timeout;
      } else {
        inv.durationMs = declared;
      }
    }
    this.clock.schedule(inv, now + inv.durationMs);
    return inv;
  }

  /** Called by the invocation's timer: the declared duration (or the timeout) has passed. */
  /**
   * A call of the handler got no answer (no route from the function's VPC): as an SDK call that waits, the
   * invocation runs into its timeout; its handler's Promise is no longer awaited.
   */
  public hang(inv: Invocation, reason: string): void {
    // Once hung, or once ended (off the clock with its duration set), a call changes nothing.
    if (inv.unansweredCall !== undefined || (inv.heapIndex < 0 && inv.durationMs > 0)) return;
    inv.unansweredCall = reason;
    inv.outcome = 'timeout';
    inv.durationMs = this.settings.timeoutMs;
    if (inv.heapIndex >= 0) this.clock.schedule(inv, inv.startedAt + inv.durationMs);
    inv.restoreEnvironment?.();
    inv.restoreEnvironment = undefined;
    inv.release?.();
  }

  public complete(inv: Invocation): void {
    if (inv.pending && inv.unansweredCall === undefined) {
      throw new Error(`The handler of ${this.logicalId} returned a Promise that had not settled when its invocation ended: drive the simulation with \`await sim.advance(…)\` / \`await sim.runUntilIdle()\``);
    }
    const now = this.clock.now;
    this.account.release(this);
    this.metrics.concurrency.level(now, this.running);
    this.metrics.durations.add(now, inv.durationMs);
    if (inv.outcome === 'timeout') {
      inv.error = { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${inv.requestId} Error: Task timed out after ${(this.settings.timeoutMs / 1000).toFixed(2)} seconds` };
    } else if (inv.error) {
      inv.outcome = 'error';
    }
    if (inv.outcome !== 'success') this.metrics.errors.count(now, METRIC_BUCKET_MS);
    const type = inv.outcome === 'success' ? 'lambda.succeeded' : inv.outcome === 'timeout' ? 'lambda.timedOut' : 'lambda.failed';
    if (this.runtime.trace.full) {
      const detail = inv.unansweredCall === undefined ? { requestId: inv.requestId, durationMs: inv.durationMs } : { requestId: inv.requestId, durationMs: inv.durationMs, unansweredCall: inv.unansweredCall };
      this.runtime.record(type, this.logicalId, undefined, inv.error?.errorMessage, detail);
    }
    else this.counts[inv.outcome].n++;
    inv.caller.onInvocationComplete(inv);
  }

  /** Calls the handler now; a Promise it returns is awaited by the clock driver before the invocation ends. */
  private run(code: RegisteredHandler, inv: Invocation, context: LambdaContext): void {
    const restore = code.environment ? applyEnvironment(code.environment) : undefined;
    let result: unknown;
    try {
      result = code.handler(inv.event, context);
    } catch (e) {
      inv.error = functionError(e);
      restore?.();
      return;
    }
    if (!isThenable(result)) {
      inv.response = result;
      restore?.();
      return;
    }
    inv.pending = true;
    if (inv.unansweredCall !== undefined) {
      // Hung before its first await: the Promise never settles, nothing to wait for.
      restore?.();
      return;
    }
    inv.restoreEnvironment = restore;
    const settled = Promise.resolve(result).then(
      (v) => {
        inv.response = v;
      },
      (e) => {
        inv.error = functionError(e);
      },
    ).finally(() => {
      inv.pending = false;
      inv.restoreEnvironment?.();
      inv.restoreEnvironment = undefined;
    });
    // A handler waiting on a call that gets no answer never settles: `hang` releases the clock driver, and a
    // synchronous caller, instead.
    inv.settled = Promise.race([settled, new Promise<void>((r) => (inv.release = r))]);
    this.runtime.pending.track(inv.settled);
  }
}

/** Sets variables in process.env; returns how to put the previous values back. */
function applyEnvironment(vars: Readonly<Record<string, string>>): () => void {
  const previous: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(vars)) {
    previous[k] = process.env[k];
    process.env[k] = v;
  }
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/** Reads AWS::Lambda::Function into settings; AWS's defaults fill the rest (timeout 3 s, 128 MB). */
export function functionSettingsFromTemplate(r: TemplateResource, world: SimulationWorld): LambdaFunctionSettings {
  const env = r.prop('Environment') as { Variables?: Record<string, unknown> } | undefined;
  const environment: Record<string, string> = {};
  const unresolvedEnvironment: Record<string, string> = {};
  for (const [k, v] of Object.entries(env?.Variables ?? {})) {
    if (containsUnresolved(v)) unresolvedEnvironment[k] = isUnresolved(v) ? v.description : String(v);
    else environment[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  const deadLetter = r.prop('DeadLetterConfig') as { TargetArn?: unknown } | undefined;
  const role = r.prop('Role');
  return {
    logicalId: r.logicalId,
    name: String(r.ref),
    arn: String(r.getAtt('Arn')),
    timeoutMs: (r.numberProp('Timeout') ?? LAMBDA_LIMITS.timeout.default!) * 1000,
    memoryMb: r.numberProp('MemorySize') ?? LAMBDA_LIMITS.memorySize.default!,
    reservedConcurrency: r.numberProp('ReservedConcurrentExecutions'),
    roleArn: typeof role === 'string' ? role : undefined,
    handler: r.stringProp('Handler'),
    runtime: r.stringProp('Runtime'),
    environment,
    unresolvedEnvironment,
    code: functionCode(r, world),
    deadLetterTargetArn: typeof deadLetter?.TargetArn === 'string' ? deadLetter.TargetArn : undefined,
  };
}

function functionCode(r: TemplateResource, world: SimulationWorld): FunctionCode {
  const code = (r.rawProperties.Code ?? {}) as Record<string, unknown>;
  if (typeof code.ZipFile === 'string') return { kind: 'inline', source: code.ZipFile };
  const metadata = world.template.template.Resources?.[r.logicalId]?.Metadata;
  const assetPath = typeof metadata?.['aws:asset:path'] === 'string' ? (metadata['aws:asset:path'] as string) : undefined;
  if (assetPath !== undefined || code.S3Key !== undefined) {
    return { kind: 'asset', s3Key: typeof code.S3Key === 'string' ? code.S3Key : undefined, assetPath };
  }
  return { kind: 'other', description: code.ImageUri !== undefined ? 'a container image' : 'code the template does not locate' };
}

/** Finds a function by what a template uses to name it: its name, ARN, or ARN with a qualifier. */
export function functionByName(world: SimulationWorld, nameOrArn: string): LambdaFunction | undefined {
  const unqualified = nameOrArn.replace(/^(arn:[^:]+:lambda:[^:]+:[^:]+:function:[^:]+):.*$/, '$1');
  return world.all(LambdaFunction).find((f) => f.name === nameOrArn || f.arn === unqualified || f.name === unqualified);
}
