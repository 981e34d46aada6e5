// The public API of the constructs entry, `decoupled-cdk`: what an app or a test of an app uses, named one by
// one, so that nothing internal becomes a contract by accident. The simulator is a separate entry
// (`decoupled-cdk/simulator`, lib/simulator/index.ts): an app that only deploys never loads it.
// README.md, "Public API", lists every name exported here; test/api.test.ts keeps the two in step.

// TopicFanOut: one SNS topic delivering to named SQS subscriber queues.
export { TopicFanOut } from './patterns/topic-fan-out/topic-fan-out';
export type {
  SubscriberFilter,
  SubscriberFilterScope,
  SubscriberProps,
  SubscriberQueueProps,
  TopicFanOutProps,
} from './patterns/topic-fan-out/props';

// QueueConsumer: an SQS queue consumed by a Lambda function.
export { QueueConsumer } from './patterns/queue-consumer/queue-consumer';
export type {
  QueueConsumerAlarmOptions,
  QueueConsumerFunctionOptions,
  QueueConsumerFunctionProps,
  QueueConsumerPollingOptions,
  QueueConsumerProps,
  QueueConsumerQueueOptions,
} from './patterns/queue-consumer/props';
export type { QueueConsumerAlarms } from './patterns/queue-consumer/alarms';
export { QUEUE_CONSUMER_DEFAULTS } from './patterns/queue-consumer/defaults';
export { QUEUE_CONSUMER_RULES, requiredVisibilityTimeout } from './patterns/queue-consumer/rules';
export { CONSUMER_FUNCTION_ACKNOWLEDGEMENTS } from './patterns/queue-consumer/consumer-function';

// Synth-time errors: what a test catches and matches on.
export { ValidationError } from './core/validation';
export type { ValidationProblem } from './core/validation';

// cdk-nag: the five packs every pattern passes, and the rules the patterns acknowledge (and why).
export { applyNagPacks, nagFindings, nagPacks } from './core/nag';
export type { NagFinding } from './core/nag';
export { DEAD_LETTER_QUEUE_HAS_NO_REDRIVE, SUBSCRIPTION_DEAD_LETTER_QUEUE } from './core/acknowledgements';
export type { NagAcknowledgement } from './core/acknowledgements';

// The SNS filter policy engine: TopicFanOut validates with it, the simulator delivers with it.
export { compileFilterPolicy, filterPolicyMatches, validateFilterPolicy } from './filter-policy';
export type { CompiledFilterPolicy, FilterMessage, FilterScope, MessageAttributeValue } from './filter-policy';
