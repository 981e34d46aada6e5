// The simulator's public API (package entry `decoupled-cdk/simulator`): what a test or an app that plays its
// template uses. Models, registries and helpers stay internal: import them from their module path inside this
// repository (docs/simulator-architecture.md).

// The entry point, its options and results.
export { Simulation } from './simulation';
export type { SimulationOptions, EventQuery, PublishOptions, SendOptions, ReceiveOptions } from './simulation';
export type { ResourceRef } from './resource-ref';
export type { AttributeShorthand } from './attributes';
export type { SimulatedEnvironment, StandardQueueBehaviour } from './runtime';
export type { CloudFormationTemplate, TemplateModel, TemplateResource } from './template/template-model';

// Errors a call can throw.
export { TemplateError } from './template/errors';
export { InvalidRequestError } from './requests';

// What a test reads: the trace, findings, metrics.
export type { Trace, TraceEvent, TraceEventType, TraceEventTypes, TraceMode, TraceQuery } from './trace';
export type { Finding } from './checks/finding';
export type { MetricRegistry, MetricSource, MetricIdentity, MetricUnit, Datapoint } from './world/metrics';
export type { TimePoint } from './world/time-series';

// SQS: the queue a test inspects (`sim.queue(q)`) and the messages it receives.
export type { SqsFacade } from './services/sqs/facade';
export type { SqsQueue } from './services/sqs/queue';
export type { SqsMessage, SqsMessageAttribute, SqsMessageAttributes, SqsMessageState } from './services/sqs/message';
export type { SqsReceivedMessage } from './services/sqs/received-message';
export type { SqsQueueSettings, SqsRedrivePolicy, SqsRedriveAllowPolicy } from './services/sqs/settings';
export type { CallerOptions, StartMessageMoveTaskOptions, ListMessageMoveTasksOptions } from './services/sqs/facade';
export type { MessageMoveTask, MessageMoveTaskEntry, MessageMoveTaskStatus, UnknownSourceBehaviour } from './services/sqs/move-task';
export type { SqsOptions } from './services/sqs/options';

// SNS.
export type { SnsFacade } from './services/sns/facade';
export type { SnsTopic, SnsSubscription } from './services/sns/topic';

// Lambda: handlers a test registers, the events and context they get, what a test reads back.
export type { LambdaFacade } from './services/lambda/facade';
export type { LambdaHandler, LambdaContext, HandlerDuration, OnInvokeOptions } from './services/lambda/handler';
export type { LambdaFunction, LambdaFunctionSettings, FunctionCode } from './services/lambda/function';
export type { FunctionMetricsView } from './services/lambda/metrics';
export type { AsyncInvokeConfig } from './services/lambda/async-invocation';

// SQS event source mappings: the event a consumer's handler gets, and the mapping's view.
export type { EventSourceMappingFacade } from './services/event-source-mapping/facade';
export type { SqsEvent, SqsEventRecord, SqsRecordMessageAttribute } from './services/event-source-mapping/sqs-event';
export type { MappingView } from './services/event-source-mapping/sqs-mapping';
export type { EventSourceMappingSettings } from './services/event-source-mapping/settings';

// VPC networking: what `sim.reachability(fn)` answers, and what a handler's `context.aws` calls take and throw.
export type { VpcFacade } from './services/vpc/facade';
export type { FunctionReachability } from './services/vpc/function-reachability';
export type { ServiceReachability, Blocker, BlockKind } from './services/vpc/reach';
export type { FunctionAws, SdkSendMessageInput, SdkPublishInput, SdkMessageAttribute } from './services/lambda/handler-aws';
export { AwsCallError } from './world/role-client';
