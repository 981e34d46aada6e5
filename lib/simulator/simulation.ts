import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, Duration, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeShorthand, snsAttributes, sqsAttributes } from './attributes';
import { Finding, runChecks } from './checks';
import { checkReceive } from './requests';
import { ResourceRef, identify } from './resource-ref';
import { SimulatedEnvironment, SimulationRuntime, StandardQueueBehaviour, TEST_ENVIRONMENT } from './runtime';
import { LinkableModel, SimulationWorld } from './services';
// The models every call looks up, imported from their modules: no re-export getter on the hot path.
import { SnsTopic } from './services/sns/topic';
import { SqsQueue, SqsReceivedMessage } from './services/sqs/queue';
import { drive } from './handler-promises';
import { LambdaFunction } from './services/lambda/function';
import { LambdaHandler, OnInvokeOptions } from './services/lambda/handler';
import { FunctionMetricsView } from './services/lambda/metrics';
import { lambdaService } from './services/lambda/state';
import { OWN_CODE, findMapping, invokeAsync, registerHandler } from './services/lambda/facade';
import { MappingView } from './services/event-source-mapping/sqs-mapping';
import { CloudFormationTemplate, TemplateModel } from './template';
import { Trace, TraceEvent, TraceEventType, TraceMode } from './trace';

// What the last-named queue and topic start as: equal to no reference a caller can pass.
const NOTHING = Symbol('nothing named yet');

export interface SimulationOptions {
  /** Seeds every random choice (standard-queue duplicates and order). @default 1 */
  readonly seed?: number;
  /** `'full'` keeps every event; `'summary'` only counts per type; `false` nothing. @default 'full' */
  readonly trace?: TraceMode;
  /** Nondeterminism AWS allows for standard queues. @default - no duplicates, send order */
  readonly standardQueues?: Partial<StandardQueueBehaviour>;
  /** Values for template parameters. @default - each parameter's Default */
  readonly parameters?: Record<string, unknown>;
  /** The instant virtual time 0 stands for, in timestamps AWS reports. @default 2026-01-01T00:00:00Z */
  readonly startTime?: Date;
  /** The account, region and partition of ARNs and URLs. @default account 123456789012, us-east-1, aws */
  readonly environment?: SimulatedEnvironment;
  /** The Region's Lambda concurrency quota. @default 1000 */
  readonly accountConcurrency?: number;
  /** The cloud assembly folder holding function assets, for `onInvoke(fn, 'inline')`. @default - known for fromStack and fromAssembly */
  readonly assetDirectory?: string;
}

export interface PublishOptions {
  readonly message: string;
  readonly subject?: string;
  /** `{ eventType: 'order_placed', total: 120, tags: ['a'] }` or the typed `{ Type, Value }` form. */
  readonly attributes?: Readonly<Record<string, AttributeShorthand>>;
  readonly groupId?: string;
  readonly deduplicationId?: string;
}

export interface SendOptions {
  readonly body: string;
  /** Per-message delay (standard queues). @default - the queue's DelaySeconds */
  readonly delay?: Duration;
  readonly attributes?: Readonly<Record<string, AttributeShorthand>>;
  readonly groupId?: string;
  readonly deduplicationId?: string;
}

export interface ReceiveOptions {
  /** 1–10. @default 1 */
  readonly maxMessages?: number;
  /** @default - the queue's VisibilityTimeout */
  readonly visibilityTimeout?: Duration;
  /** Long polling: when nothing is visible, virtual time runs until a message is, or the wait ends. @default - the queue's ReceiveMessageWaitTimeSeconds */
  readonly waitTime?: Duration;
}

/** What to select in the trace; `resource` may be a construct, a path or a logical id. */
export interface EventQuery {
  readonly type?: TraceEventType | readonly TraceEventType[];
  readonly resource?: ResourceRef;
  readonly messageId?: string;
}

/**
 * Plays messages through a synthesized template on a virtual clock: the one entry point of the simulator.
 * Every call runs the events due at the current virtual time before it returns, so what a call causes is visible
 * to the next one; time moves only through `advance`, `runUntilIdle` and long-polling receives.
 */
export class Simulation {
  public static fromStack(stack: Stack, options: SimulationOptions = {}): Simulation {
    const json = Template.fromStack(stack).toJSON() as CloudFormationTemplate;
    const paths: Record<string, string> = {};
    for (const c of stack.node.findAll()) {
      if (c instanceof CfnResource && Stack.of(c) === stack) paths[stack.resolve(c.logicalId) as string] = c.node.path;
    }
    return new Simulation(json, stack.stackName, { assetDirectory: Stage.of(stack)?.outdir, ...options }, paths);
  }

  public static fromTemplate(template: CloudFormationTemplate | string, options: SimulationOptions & { readonly stackName?: string } = {}): Simulation {
    const json = typeof template === 'string' ? (JSON.parse(template) as CloudFormationTemplate) : template;
    return new Simulation(json, options.stackName ?? 'SimulatedStack', options);
  }

  /** Reads `<dir>/<stackName>.template.json` from a cloud assembly (`cdk.out`). */
  public static fromAssembly(dir: string, stackName: string, options: SimulationOptions = {}): Simulation {
    const file = path.join(dir, `${stackName}.template.json`);
    if (!fs.existsSync(file)) throw new Error(`No template for stack ${stackName} in ${dir} (looked for ${file})`);
    return new Simulation(JSON.parse(fs.readFileSync(file, 'utf8')) as CloudFormationTemplate, stackName, { assetDirectory: dir, ...options });
  }

  public readonly runtime: SimulationRuntime;
  public readonly template: TemplateModel;
  public readonly world: SimulationWorld;
  private readonly models = new Map<ResourceRef, LinkableModel>();
  // The queue and topic named last: a test's loop names the same one call after call, and one comparison is
  // cheaper than the Map lookup and instanceof of `model`. Cached as `models` is, for the Simulation's life.
  private lastQueueRef: unknown = NOTHING;
  private lastQueue: SqsQueue | undefined = undefined;
  private lastTopicRef: unknown = NOTHING;
  private lastTopic: SnsTopic | undefined = undefined;

  private constructor(json: CloudFormationTemplate, stackName: string, options: SimulationOptions, constructPaths?: Record<string, string>) {
    const environment = options.environment ?? TEST_ENVIRONMENT;
    this.runtime = new SimulationRuntime(options.seed ?? 1, new Trace(options.trace ?? 'full'), environment,
      { duplicateRate: options.standardQueues?.duplicateRate ?? 0, reorder: options.standardQueues?.reorder ?? false },
      (options.startTime ?? new Date(Date.UTC(2026, 0, 1))).getTime());
    this.template = new TemplateModel(json, { stackName, environment, parameters: options.parameters, constructPaths });
    this.world = new SimulationWorld(this.runtime, this.template);
    this.world.build();
    const lambda = lambdaService(this.world);
    lambda.assetDirectory = options.assetDirectory;
    if (options.accountConcurrency !== undefined) lambda.account.limit = options.accountConcurrency;
  }

  /** Virtual milliseconds since the simulation started. */
  public get now(): number {
    return this.runtime.clock.now;
  }

  public get trace(): Trace {
    return this.runtime.trace;
  }

  /** Trace events, with resources named any way a test names them. */
  public events(query: EventQuery = {}): TraceEvent[] {
    return this.trace.filter({ ...query, resource: query.resource === undefined ? undefined : identify(query.resource, this.template) });
  }

  public publish(topic: ResourceRef, options: PublishOptions): { messageId: string; sequenceNumber?: string } {
    const { messageId, sequenceNumber } = this.topic(topic).publish({
      message: options.message, subject: options.subject, attributes: snsAttributes(options.attributes), groupId: options.groupId, deduplicationId: options.deduplicationId,
    });
    this.settle();
    return { messageId, sequenceNumber };
  }

  public send(queue: ResourceRef, options: SendOptions): { messageId: string; sequenceNumber?: string } {
    const q = this.queue(queue);
    const result = q.send({ body: options.body, attributes: sqsAttributes(options.attributes), delayMs: options.delay?.toMilliseconds(), groupId: options.groupId, deduplicationId: options.deduplicationId });
    if (!result.ok) throw new Error(`SendMessage to ${q.logicalId} failed (${result.code}): ${result.reason}`);
    this.settle();
    return result;
  }

  public receive(queue: ResourceRef, options: ReceiveOptions = {}): SqsReceivedMessage[] {
    const q = this.queue(queue);
    const request = { maxMessages: options.maxMessages, visibilityTimeoutMs: options.visibilityTimeout?.toMilliseconds() };
    const waitOption = options.waitTime?.toMilliseconds();
    checkReceive(request.maxMessages, waitOption, request.visibilityTimeoutMs);
    let got = q.receive(request);
    const waitMs = waitOption ?? q.settings.receiveWaitTimeMs;
    if (got.length === 0 && waitMs > 0) {
      const deadline = this.now + waitMs;
      const clock = this.runtime.clock;
      const pending = lambdaService(this.world).pending;
      while (got.length === 0 && clock.nextTime !== undefined && clock.nextTime <= deadline) {
        // A synchronous receive cannot await a handler's Promise: stop before a timer would read it unsettled.
        if (pending.count > 0) {
          throw new Error(`receive with a wait time would move virtual time while ${pending.count} async Lambda handler${pending.count === 1 ? ' is' : 's are'} still running: \`await sim.advance(…)\` or \`await sim.runUntilIdle()\` first, or receive without waitTime`);
        }
        clock.step();
        if (q.counts.visible > 0) got = q.receive(request);
      }
      if (got.length === 0) clock.run(deadline);
    }
    this.settle();
    return got;
  }

  public delete(queue: ResourceRef, receiptHandle: string): void {
    const q = this.queue(queue);
    const result = q.delete(receiptHandle);
    if (!result.ok) throw new Error(`DeleteMessage on ${q.logicalId} failed (${result.code}): ${result.reason}`);
    this.settle();
  }

  public changeVisibility(queue: ResourceRef, receiptHandle: string, timeout: Duration): void {
    const q = this.queue(queue);
    const result = q.changeVisibility(receiptHandle, timeout.toMilliseconds());
    if (!result.ok) throw new Error(`ChangeMessageVisibility on ${q.logicalId} failed (${result.code}): ${result.reason}`);
    this.settle();
  }

  /**
   * Runs every event due in the next `duration` of virtual time. Returns a Promise only when a Lambda handler
   * returned one (await it then); with synchronous handlers everything has run when the call returns.
   */
  public advance(duration: Duration): Promise<void> | void {
    return drive(this.runtime.clock, lambdaService(this.world).pending, this.now + duration.toMilliseconds());
  }

  /** Runs events until none is left (retention expiry included: this may move time by days). Await it when handlers are async. */
  public runUntilIdle(): Promise<void> | void {
    return drive(this.runtime.clock, lambdaService(this.world).pending, undefined);
  }

  /**
   * Registers the code of a Lambda function: a handler (sync or async) that gets the event AWS would send and a
   * context on the virtual clock, or `'inline'` to run the function's own inline code or local asset in this
   * process. `duration` is how long each invocation takes on the virtual clock (longer than the timeout: a timeout).
   */
  public onInvoke(fn: ResourceRef, handler: LambdaHandler | typeof OWN_CODE, options: OnInvokeOptions = {}): this {
    registerHandler(this.world, this.lambdaFunction(fn), handler, options);
    return this;
  }

  /** Invokes a function asynchronously (InvocationType Event), as SNS or EventBridge would; returns the request id. */
  public invokeAsync(fn: ResourceRef, payload: unknown): string {
    const requestId = invokeAsync(this.world, this.lambdaFunction(fn), payload);
    this.settle();
    return requestId;
  }

  public lambdaFunction(ref: ResourceRef): LambdaFunction {
    return this.model(ref, LambdaFunction, 'a Lambda function');
  }

  /** Invocations, errors, throttles, durations and concurrency of a function, as time series on the virtual clock. */
  public functionMetrics(fn: ResourceRef): FunctionMetricsView {
    return this.lambdaFunction(fn).metrics.view();
  }

  /** An SQS event source mapping (by the mapping, or its queue or function): settings, concurrency ramp, batches. */
  public mapping(ref: ResourceRef): MappingView {
    return findMapping(this.world, identify(ref, this.template)).view();
  }

  /** The queue model: `visible`, `inFlight`, `delayed` (arrays of messages), `counts`, `settings`. */
  public queue(ref: ResourceRef): SqsQueue {
    if (ref === this.lastQueueRef) return this.lastQueue!;
    const q = this.model(ref, SqsQueue, 'an SQS queue');
    this.lastQueueRef = ref;
    this.lastQueue = q;
    return q;
  }

  public topic(ref: ResourceRef): SnsTopic {
    if (ref === this.lastTopicRef) return this.lastTopic!;
    const t = this.model(ref, SnsTopic, 'an SNS topic');
    this.lastTopicRef = ref;
    this.lastTopic = t;
    return t;
  }

  /** The model of any resource, by kind (part 2: functions and mappings). */
  public model<T extends LinkableModel>(ref: ResourceRef, kind: abstract new (...args: never[]) => T, what = kind.name): T {
    // Naming a resource by construct resolves CDK tokens: done once per reference, not on every call of a test's loop.
    const known = this.models.get(ref);
    if (known instanceof kind) return known;
    const id = identify(ref, this.template);
    const m = this.world.modelOf(id, kind) ?? this.world.byArnOf(id, kind);
    if (m) {
      this.models.set(ref, m);
      return m;
    }
    const r = this.template.resource(id);
    throw new Error(r ? `${id} is a ${r.type}, not ${what}` : `No resource ${typeof ref === 'string' ? ref : id} in stack ${this.template.stackName} (expected ${what})`);
  }

  /** Problems the template would have in production, found without running any scenario. */
  public findings(): Finding[] {
    return runChecks(this.world);
  }

  private settle(): void {
    this.runtime.clock.run(this.now);
  }
}
