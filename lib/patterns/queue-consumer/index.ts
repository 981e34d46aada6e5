export * from './props';
export * from './queue-consumer';
export type { QueueConsumerAlarms } from './alarms';
export { QUEUE_CONSUMER_DEFAULTS } from './defaults';
export { QUEUE_CONSUMER_RULES, QUEUE_CONSUMER_RULE_DEFINITIONS } from './rule-definitions';
export { requiredVisibilityTimeout } from './rules';
export { CONSUMER_FUNCTION_ACKNOWLEDGEMENTS } from './consumer-function';
export { QUEUE_CONSUMER_PATTERN } from './description';
