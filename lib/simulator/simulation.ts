import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, Duration, Stack, Stage, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { assemblyEnvironment } from './assembly-environment';
import { Finding } from './checks/finding';
import { runChecks } from './checks/run-checks';
import { drive } from './handler-promises';
import { ResourceRef, identify, unknownResourceError } from './resource-ref';
import { deploymentEnvironment, SimulatedEnvironment, SimulationRuntime, StandardQueueBehaviour, TEST_ENVIRONMENT } from './runtime';
import { SERVICES } from './services/all';
import { AutoScalingFacade } from './services/autoscaling/facade';
import { AUTOSCALING_SERVICE } from './services/autoscaling/service';
import { CloudWatchFacade } from './services/cloudwatch/facade';
import { CLOUDWATCH_SERVICE } from './services/cloudwatch/service';
import { cloudWatch } from './services/cloudwatch/state';
import { Ec2Facade } from './services/ec2/facade';
import { EC2_SERVICE } from './services/ec2/service';
import { EcsFacade } from './services/ecs/facade';
import { ECS_SERVICE } from './services/ecs/service';
import { EVENT_SOURCE_MAPPING_SERVICE } from './services/event-source-mapping/service';
import { EventSourceMappingFacade } from './services/event-source-mapping/facade';
import { MappingView } from './services/event-source-mapping/sqs-mapping';
import { LambdaFacade, OWN_CODE } from './services/lambda/facade';
import { LambdaFunction } from './services/lambda/function';
import { LambdaHandler, OnInvokeOptions } from './services/lambda/handler';
import { FunctionMetricsView } from './services/lambda/metrics';
import { LAMBDA_SERVICE } from './services/lambda/service';
import { PublishOptions, SnsFacade } from './services/sns/facade';
import { SNS_SERVICE } from './services/sns/service';
import { SnsTopic } from './services/sns/topic';
import { ReceiveOptions, SendOptions, SqsFacade } from './services/sqs/facade';
import { SqsQueue } from './services/sqs/queue';
import { SqsReceivedMessage } from './services/sqs/received-message';
import { SQS_SERVICE } from './services/sqs/service';
import { ApiRequestOptions, ApiResponse } from './services/apigateway/api-request';
import { ApiGatewayFacade } from './services/apigateway/facade';
import { API_GATEWAY_SERVICE } from './services/apigateway/service';
import { CognitoFacade } from './services/cognito/facade';
import { COGNITO_SERVICE } from './services/cognito/service';
import { SqsOptions } from './services/sqs/options';
import { VpcFacade } from './services/vpc/facade';
import { FunctionReachability } from './services/vpc/function-reachability';
import { VPC_SERVICE } from './services/vpc/service';
import { CloudFormationTemplate, TemplateModel, aResourceOfType } from './template';
import { Trace, TraceEvent, TraceEventType, TraceMode } from './trace';
import { WorkloadFacade } from './workload/facade';
import { MetricRegistry } from './world/metrics';
import { FacadeContext, LinkableModel, ServiceModule, SimulationWorld } from './world/world';

export type { PublishOptions, ReceiveOptions, SendOptions };

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
  /**
   * The account, region and partition of ARNs and URLs.
   * @default - account 123456789012, us-east-1, aws; `fromStack` takes those the stack's `env` sets (its ARNs are written with them)
   */
  readonly environment?: SimulatedEnvironment;
  /** The Region's Lambda concurrency quota. @default 1000 */
  readonly accountConcurrency?: number;
  /** The cloud assembly folder holding function assets, for `onInvoke(fn, 'inline')`. @default - known for fromStack and fromAssembly */
  readonly assetDirectory?: string;
  /** What AWS leaves open about SQS, settled: purges, move task rates, redrive of messages without a source. @default - the cases a test must survive */
  readonly sqs?: SqsOptions;
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
    return new Simulation(json, stack.stackName, { assetDirectory: Stage.of(stack)?.outdir, environment: stackEnvironment(stack), ...options }, paths);
  }

  public static fromTemplate(template: CloudFormationTemplate | string, options: SimulationOptions & { readonly stackName?: string } = {}): Simulation {
    const json = typeof template === 'string' ? (JSON.parse(template) as CloudFormationTemplate) : template;
    return new Simulation(json, options.stackName ?? 'SimulatedStack', options);
  }

  /** Reads `<dir>/<stackName>.template.json` from a cloud assembly (`cdk.out`). */
  public static fromAssembly(dir: string, stackName: string, options: SimulationOptions = {}): Simulation {
    const file = path.join(dir, `${stackName}.template.json`);
    if (!fs.existsSync(file)) throw new Error(`No template for stack ${stackName} in ${dir} (looked for ${file})`);
    return new Simulation(JSON.parse(fs.readFileSync(file, 'utf8')) as CloudFormationTemplate, stackName, { assetDirectory: dir, environment: assemblyEnvironment(dir, stackName), ...options });
  }

  public readonly runtime: SimulationRuntime;
  public readonly template: TemplateModel;
  public readonly world: SimulationWorld;
  /** SQS as a test calls it: `send`, `receive`, `delete`, `changeVisibility`, `queue`. */
  public readonly sqs: SqsFacade;
  /** SNS: `publish`, `topic`. */
  public readonly sns: SnsFacade;
  /** Lambda: `onInvoke`, `invokeAsync`, `functionMetrics`, `lambdaFunction`. */
  public readonly lambda: LambdaFacade;
  /** Event source mappings: `mapping`. */
  public readonly eventSourceMappings: EventSourceMappingFacade;
  /** Cognito user pools: `signIn` (ID and access tokens), `jwks`, `userPool`. */
  public readonly cognito: CognitoFacade;
  /** API Gateway REST APIs: `request`, `restApi`, `apiKey`, `setAccountThrottle`. */
  public readonly apiGateway: ApiGatewayFacade;
  /** CloudWatch: `alarm`, `alarms`, `history`, `metricData`, `configure`. */
  public readonly cloudwatch: CloudWatchFacade;
  /** Application and EC2 Auto Scaling: `activities`, `target`, `policy`, `configure`. */
  public readonly autoscaling: AutoScalingFacade;
  /** ECS services as fleets of tasks: `service`. */
  public readonly ecs: EcsFacade;
  /** Auto Scaling groups as fleets of instances: `group`. */
  public readonly ec2: Ec2Facade;
  /** Load on the clock and the workers' code: `play`, `workers`, `record`. */
  public readonly workload: WorkloadFacade;
  private readonly context: EntryPointContext;
  private readonly facades = new Map<ServiceModule, unknown>();

  private constructor(json: CloudFormationTemplate, stackName: string, options: SimulationOptions, constructPaths?: Record<string, string>) {
    const environment = options.environment ?? TEST_ENVIRONMENT;
    this.runtime = new SimulationRuntime(options.seed ?? 1, new Trace(options.trace ?? 'full'), environment,
      { duplicateRate: options.standardQueues?.duplicateRate ?? 0, reorder: options.standardQueues?.reorder ?? false },
      (options.startTime ?? new Date(Date.UTC(2026, 0, 1))).getTime());
    const resourceTypes = SERVICES.flatMap((s) => s.resourceTypes ?? []);
    this.template = new TemplateModel(json, { stackName, environment, parameters: options.parameters, constructPaths, resourceTypes });
    this.world = new SimulationWorld(this.runtime, this.template, SERVICES);
    this.world.build();
    this.context = new EntryPointContext(this.world);
    this.sqs = this.facade(SQS_SERVICE);
    this.sns = this.facade(SNS_SERVICE);
    this.lambda = this.facade(LAMBDA_SERVICE);
    this.eventSourceMappings = this.facade(EVENT_SOURCE_MAPPING_SERVICE);
    this.cognito = this.facade(COGNITO_SERVICE);
    this.apiGateway = this.facade(API_GATEWAY_SERVICE);
    this.cloudwatch = this.facade(CLOUDWATCH_SERVICE);
    this.autoscaling = this.facade(AUTOSCALING_SERVICE);
    this.ecs = this.facade(ECS_SERVICE);
    this.ec2 = this.facade(EC2_SERVICE);
    this.workload = new WorkloadFacade(this.context);
    this.lambda.configure({ assetDirectory: options.assetDirectory, accountConcurrency: options.accountConcurrency });
    this.sqs.configure(options.sqs ?? {});
  }

  /** The entry points of a service (made once): how a service without a property here is reached. */
  public facade<F>(service: ServiceModule<F>): F {
    if (!this.facades.has(service)) {
      if (!service.facade) throw new Error(`the ${service.name} service has no entry points`);
      this.facades.set(service, service.facade(this.context));
    }
    return this.facades.get(service) as F;
  }

  /** Virtual milliseconds since the simulation started. */
  public get now(): number {
    return this.runtime.clock.now;
  }

  public get trace(): Trace {
    return this.runtime.trace;
  }

  /** Every metric the services publish (AWS/SQS, AWS/Lambda…), by CloudWatch identity: `find`, `list`, `datapoints`. */
  public get metrics(): MetricRegistry {
    return this.world.metrics;
  }

  /** Trace events, with resources named any way a test names them. */
  public events(query: EventQuery = {}): TraceEvent[] {
    return this.trace.filter({ ...query, resource: query.resource === undefined ? undefined : identify(query.resource, this.template) });
  }

  public publish(topic: ResourceRef, options: PublishOptions): { messageId: string; sequenceNumber?: string } {
    return this.sns.publish(topic, options);
  }

  public send(queue: ResourceRef, options: SendOptions): { messageId: string; sequenceNumber?: string } {
    return this.sqs.send(queue, options);
  }

  public receive(queue: ResourceRef, options: ReceiveOptions = {}): SqsReceivedMessage[] {
    return this.sqs.receive(queue, options);
  }

  public delete(queue: ResourceRef, receiptHandle: string): void {
    this.sqs.delete(queue, receiptHandle);
  }

  public changeVisibility(queue: ResourceRef, receiptHandle: string, timeout: Duration): void {
    this.sqs.changeVisibility(queue, receiptHandle, timeout);
  }

  /**
   * Runs every event due in the next `duration` of virtual time. Returns a Promise only when a Lambda handler
   * returned one (await it then); with synchronous handlers everything has run when the call returns.
   */
  public advance(duration: Duration): Promise<void> | void {
    this.resumeMinuteClock();
    return drive(this.runtime.clock, this.runtime.pending, this.now + duration.toMilliseconds());
  }

  /** Runs events until none is left (retention expiry included: this may move time by days). Await it when handlers are async. */
  public runUntilIdle(): Promise<void> | void {
    this.resumeMinuteClock();
    return drive(this.runtime.clock, this.runtime.pending, undefined);
  }

  /**
   * Registers the code of a Lambda function: a handler (sync or async) that gets the event AWS would send and a
   * context on the virtual clock, or `'inline'` to run the function's own inline code or local asset in this
   * process. `duration` is how long each invocation takes on the virtual clock (longer than the timeout: a timeout).
   */
  public onInvoke(fn: ResourceRef, handler: LambdaHandler | typeof OWN_CODE, options: OnInvokeOptions = {}): this {
    this.lambda.onInvoke(fn, handler, options);
    return this;
  }

  /** Invokes a function asynchronously (InvocationType Event), as SNS or EventBridge would; returns the request id. */
  public invokeAsync(fn: ResourceRef, payload: unknown): string {
    return this.lambda.invokeAsync(fn, payload);
  }

  public lambdaFunction(ref: ResourceRef): LambdaFunction {
    return this.lambda.lambdaFunction(ref);
  }

  /** Invocations, errors, throttles, durations and concurrency of a function, as time series on the virtual clock. */
  public functionMetrics(fn: ResourceRef): FunctionMetricsView {
    return this.lambda.functionMetrics(fn);
  }

  /** An SQS event source mapping (by the mapping, or its queue or function): settings, concurrency ramp, batches. */
  public mapping(ref: ResourceRef): MappingView {
    return this.eventSourceMappings.mapping(ref);
  }

  /**
   * Sends a request to a REST API (named by `api.restApi`, a construct holding one such as an AuthorizedApi, a path
   * or a logical id) at the current virtual time; resolves with API Gateway's answer once every Lambda handler
   * involved has answered.
   */
  public request(api: ResourceRef | object, options: ApiRequestOptions): Promise<ApiResponse> {
    return this.apiGateway.request(api, options);
  }

  /** The queue model: `visible`, `inFlight`, `delayed` (arrays of messages), `counts`, `settings`. */
  public queue(ref: ResourceRef): SqsQueue {
    return this.sqs.queue(ref);
  }

  public topic(ref: ResourceRef): SnsTopic {
    return this.sns.topic(ref);
  }

  /** The model of any resource, by kind. */
  public model<T extends LinkableModel>(ref: ResourceRef, kind: abstract new (...args: never[]) => T, what = kind.name): T {
    return this.context.model(ref, kind, what);
  }

  /** VPC networking: `reachability`. */
  public get vpc(): VpcFacade {
    return this.facade(VPC_SERVICE);
  }

  /**
   * For every service the function's role grants, and for the internet: reachable or not from the function's
   * subnets, with the path taken or the element that blocks it (route, security group, network ACL, private DNS).
   */
  public reachability(fn: ResourceRef): FunctionReachability {
    return this.vpc.reachability(fn);
  }

  /** CloudWatch's minute clock sleeps once the world holds still; time is about to move, so it looks again. */
  private resumeMinuteClock(): void {
    cloudWatch(this.world).ticker.resume();
  }

  /** Problems the template would have in production, found without running any scenario. */
  public findings(): Finding[] {
    return runChecks(this.world);
  }
}

/**
 * The account and Region a stack is deployed to, where the stack says (`env`); the test environment's otherwise.
 * A template of a stack with an explicit environment holds its Region and account as text (in ARNs of Lambda
 * permissions, API Gateway integrations): the simulation must use the same.
 */
function stackEnvironment(stack: Stack): SimulatedEnvironment {
  const known = (value: string) => (Token.isUnresolved(value) ? undefined : value);
  return deploymentEnvironment(known(stack.account), known(stack.region));
}

/** The lookups every facade shares: references resolved once per reference, the clock settled after each call. */
class EntryPointContext implements FacadeContext {
  private readonly models = new Map<ResourceRef, LinkableModel>();

  constructor(public readonly world: SimulationWorld) {}

  public model<T extends LinkableModel>(ref: ResourceRef, kind: abstract new (...args: never[]) => T, what = kind.name): T {
    // Naming a resource by construct resolves CDK tokens: done once per reference, not on every call of a test's loop.
    const known = this.models.get(ref);
    if (known instanceof kind) return known;
    const template = this.world.template;
    const id = identify(ref, template);
    const m = this.world.modelOf(id, kind) ?? this.world.byArnOf(id, kind);
    if (m) {
      this.models.set(ref, m);
      return m;
    }
    const r = template.resource(id);
    throw r ? new Error(`${id} is ${aResourceOfType(r.type)}, not ${what}`) : unknownResourceError(ref, id, template, what);
  }

  public identify(ref: ResourceRef): string {
    return identify(ref, this.world.template);
  }

  public settle(): void {
    const clock = this.world.runtime.clock;
    clock.run(clock.now);
  }
}
