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

// API Gateway: requests a test sends and the answers it reads; the events a Lambda authorizer or proxy
// integration handler gets, and what an authorizer returns.
export type { ApiGatewayFacade } from './services/apigateway/facade';
export type { ApiRequestOptions, ApiResponse } from './services/apigateway/api-request';
export type { AccountThrottle } from './services/apigateway/state';
export type { RestApi } from './services/apigateway/rest-api';
export type { ProxyEvent, ProxyRequestContext } from './services/apigateway/proxy-event';
export type { TokenAuthorizerEvent, RequestAuthorizerEvent, AuthorizerResult, AuthorizerPolicyStatement } from './services/apigateway/authorizer-events';

// Cognito: tokens a test signs users in for.
export type { CognitoFacade } from './services/cognito/facade';
export type { SignInOptions, CognitoTokens } from './services/cognito/tokens';
export type { CognitoUserPool, CognitoUserPoolClient, Jwks } from './services/cognito/user-pool';

// Lambda's synchronous invocation, as a service calling a function sees its answer.
export type { InvokeResponse } from './services/lambda/synchronous-invocation';

// CloudWatch: alarms (the template's and those target tracking made), their history, metric math.
export type { CloudWatchFacade, MetricDataSpan } from './services/cloudwatch/facade';
export type { CloudWatchAlarm, AlarmSettings, AlarmState, AlarmStateChange, ComparisonOperator, TreatMissingData } from './services/cloudwatch/alarm';
export type { MetricDataQuery, Statistic } from './services/cloudwatch/math/metric-queries';
export type { MathSettings } from './services/cloudwatch/math/evaluate';

// Application and EC2 Auto Scaling: targets, policies, activities, the settings of what AWS leaves unsaid.
export type { AutoScalingFacade } from './services/autoscaling/facade';
export type { ScalingActivity } from './services/autoscaling/activity';
export type { ScalableTarget } from './services/autoscaling/scalable-target';
export type { Scalable } from './services/autoscaling/scalable';
export type { ScalingPolicy } from './services/autoscaling/policy';
export type { TargetTrackingPolicy } from './services/autoscaling/target-tracking';
export type { StepScalingPolicy, SimpleScalingPolicy, StepAdjustment } from './services/autoscaling/step-scaling';
export type { TargetTrackingAlarmSettings } from './services/autoscaling/settings';

// Workers: ECS services and Auto Scaling groups as fleets running the pattern's worker loop.
export type { EcsFacade } from './services/ecs/facade';
export type { EcsService } from './services/ecs/ecs-service';
export type { Ec2Facade } from './services/ec2/facade';
export type { AutoScalingGroup } from './services/ec2/auto-scaling-group';
export type { QueueWorkerFleet, FleetTotals } from './workload/fleet';
export type { QueueWorker, WorkerState } from './workload/queue-worker';
export type { WorkerOptions } from './workload/worker-options';
export type { ProcessingTime } from './workload/processing-time';

// Load and results: arrival profiles played on the clock, a run's record and its plot.
export type { WorkloadFacade } from './workload/facade';
export type { LoadPlayer, PlayOptions } from './workload/load-player';
export type { RunRecorder, RunResult, RunPoint, RunTotals } from './workload/run-recorder';
export type { PlotOptions } from './workload/plot';
export type { ArrivalProfile, BurstOptions, DiurnalOptions } from './workload/arrivals';
export { constantArrivals, stepArrivals, burstArrivals, diurnalArrivals, perMinuteCounts, countsFromCsv, totalArrivals } from './workload/arrivals';
export { plotRun } from './workload/plot';
