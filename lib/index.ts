// The public API of the constructs entry, `decoupled-cdk`: what an app or a test of an app uses, named one by
// one, so that nothing internal becomes a contract by accident. The simulator is a separate entry
// (`decoupled-cdk/simulator`, lib/simulator/index.ts): an app that only deploys never loads it.
// README.md, "Public API", lists every name exported here; test/api.test.ts keeps the two in step.

// TopicFanOut: one SNS topic delivering to named SQS subscriber queues.
export { TopicFanOut } from './patterns/topic-fan-out/topic-fan-out';
export type {
  SubscriberFilter,
  SubscriberFilterScope,
  SubscriberConsumerProps,
  SubscriberProps,
  SubscriberQueueProps,
  TopicFanOutAlarmSelection,
  TopicFanOutProps,
} from './patterns/topic-fan-out/props';
export { TOPIC_FAN_OUT_RULES, TOPIC_FAN_OUT_RULE_DEFINITIONS } from './patterns/topic-fan-out/rules';

// QueueConsumer: an SQS queue consumed by a Lambda function.
export { QueueConsumer } from './patterns/queue-consumer/queue-consumer';
export type {
  QueueConsumerAlarmOptions,
  QueueConsumerAlarmSelection,
  QueueConsumerFunctionOptions,
  QueueConsumerFunctionProps,
  QueueConsumerPollingOptions,
  QueueConsumerProps,
  QueueConsumerQueueOptions,
} from './patterns/queue-consumer/props';
export type { QueueConsumerAlarms } from './patterns/queue-consumer/alarms';
export { QUEUE_CONSUMER_DEFAULTS } from './patterns/queue-consumer/defaults';
export { QUEUE_CONSUMER_RULES, QUEUE_CONSUMER_RULE_DEFINITIONS } from './patterns/queue-consumer/rule-definitions';
export { requiredVisibilityTimeout } from './patterns/queue-consumer/rules';
export { CONSUMER_FUNCTION_ACKNOWLEDGEMENTS } from './patterns/queue-consumer/consumer-function';

// QueueDepthScaling: ECS services or Auto Scaling groups scaled on backlog per worker.
export { QueueDepthScaling } from './patterns/queue-depth-scaling/queue-depth-scaling';
export type {
  QueueDepthScalingAlarmOptions,
  QueueDepthScalingProps,
  QueueDepthScalingQueueOptions,
  QueueDepthScalingTargetOptions,
  QueueDepthScalingWorkerOptions,
} from './patterns/queue-depth-scaling/props';
export type { QueueDepthScalingAlarms } from './patterns/queue-depth-scaling/alarms';
export { QUEUE_DEPTH_SCALING_DEFAULTS } from './patterns/queue-depth-scaling/defaults';
export { QUEUE_DEPTH_SCALING_RULES, QUEUE_DEPTH_SCALING_RULE_DEFINITIONS } from './patterns/queue-depth-scaling/rules';

// VpcFunction: a Lambda function in private subnets with the routes its grants need.
export { VpcFunction } from './patterns/vpc-function/vpc-function';
export type { VpcFunctionFunctionProps, VpcFunctionProps } from './patterns/vpc-function/props';
export { GrantedRoutes, routeGrantedServices } from './patterns/vpc-function/routes';
export type { RouteGrantedServicesOptions, VpcEgress } from './patterns/vpc-function/routes';
export { GrantedServicesReachable } from './patterns/vpc-function/reachability-check';
export type { GrantedServicesReachableProps, UnreachableGrant } from './patterns/vpc-function/reachability-check';
export type { EndpointOrigin, EndpointRoute } from './patterns/vpc-function/endpoints';
export type { CostedEndpoint, Price, RouteCost } from './patterns/vpc-function/cost';
export { VPC_FUNCTION_RULES } from './patterns/vpc-function/rules';
export { VPC_FUNCTION_DEFAULTS } from './patterns/vpc-function/defaults';
export { ENDPOINT_SERVICES } from './patterns/vpc-function/services';
export type { EndpointKind, EndpointServiceDefinition } from './patterns/vpc-function/services';

// AuthorizedApi: a REST API whose every method is authorized on purpose.
export { AuthorizedApi } from './patterns/authorized-api/authorized-api';
export type {
  ApiRoute,
  AuthorizedApiAuthorizer,
  AuthorizedApiProps,
  CognitoAuthorizerOptions,
  IamAuthorizerOptions,
  RequestAuthorizerOptions,
  StageCacheOptions,
  ThrottlingOptions,
  TokenAuthorizerOptions,
  UsagePlanOptions,
} from './patterns/authorized-api/props';
export { ApiEndpoint } from './patterns/authorized-api/endpoint';
export { WebAclOption } from './patterns/authorized-api/firewall';
export type { CreateWebAclProps } from './patterns/authorized-api/firewall';
export { MessageValue } from './patterns/authorized-api/message-value';
export { AUTHORIZED_API_RULES, AUTHORIZED_API_RULE_DEFINITIONS } from './patterns/authorized-api/rules';
export { AUTHORIZED_API_DEFAULTS } from './patterns/authorized-api/defaults';

// Every pattern described as data (rules, defaults and why, costs): what the catalog renders.
export { TOPIC_FAN_OUT_PATTERN } from './patterns/topic-fan-out/description';
export { QUEUE_CONSUMER_PATTERN } from './patterns/queue-consumer/description';
export { QUEUE_DEPTH_SCALING_PATTERN } from './patterns/queue-depth-scaling/description';
export { VPC_FUNCTION_PATTERN } from './patterns/vpc-function/description';
export { AUTHORIZED_API_PATTERN } from './patterns/authorized-api/description';
export type { CostNote, DefaultDefinition, PatternDescription, RuleDefinition } from './core/pattern-description';
export { PATTERNS } from './patterns/descriptions';
export type { RegisteredPattern } from './patterns/descriptions';
export type { AlarmSelection } from './core/alarms';

// Redrive to source: what each pattern's grantRedrive grants, with its source.
export { REDRIVE_PERMISSIONS } from './core/redrive';

// Synth-time errors: what a test catches and matches on.
export { ValidationError } from './core/validation';
export type { ValidationProblem } from './core/validation';

// cdk-nag: the five packs every pattern passes, and the rules the patterns acknowledge (and why).
export { applyNagPacks, nagFindings, nagPacks } from './core/nag';
export type { NagFinding, NagPackOptions, NagPackPlugin } from './core/nag';
export { DEAD_LETTER_QUEUE_HAS_NO_REDRIVE, SUBSCRIPTION_DEAD_LETTER_QUEUE } from './core/acknowledgements';
export { VPC_FUNCTION_ACKNOWLEDGEMENTS } from './patterns/vpc-function/function';
export { NETWORK_INTERFACE_ACKNOWLEDGEMENTS } from './patterns/vpc-function/network-interface-policy';
export { VPC_ACKNOWLEDGEMENTS } from './patterns/vpc-function/network';
export { AUTHORIZED_API_ACKNOWLEDGEMENTS } from './patterns/authorized-api/acknowledgements';
export type { NagAcknowledgement } from './core/acknowledgements';

// AWS Control Tower's proactive controls, run offline over synthesized templates (optional peer
// @cdklabs/cdk-validator-cfnguard, loaded only when they run).
export { controlTowerFindings } from './core/control-tower';
export type { ControlTowerCheckOptions, ControlTowerFinding } from './core/control-tower';

// The SNS filter policy engine: TopicFanOut validates with it, the simulator delivers with it.
export { compileFilterPolicy, filterPolicyMatches, validateFilterPolicy } from './filter-policy';
export type { CompiledFilterPolicy, FilterMessage, FilterScope, MessageAttributeValue } from './filter-policy';
