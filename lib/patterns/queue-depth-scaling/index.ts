export * from './props';
export * from './queue-depth-scaling';
export type { QueueDepthScalingAlarms } from './alarms';
export { QUEUE_DEPTH_SCALING_DEFAULTS } from './defaults';
export { QUEUE_DEPTH_SCALING_RULES, QUEUE_DEPTH_SCALING_RULE_DEFINITIONS } from './rules';
export { QUEUE_DEPTH_SCALING_PATTERN } from './description';
export { METRIC_IDS, backlogExpression, queuedExpression, neededExpression, scaleFromZeroExpression, atMaxCapacityExpression } from './backlog-metrics';
