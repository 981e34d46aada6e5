export * from './props';
export * from './topic-fan-out';
export { TOPIC_FAN_OUT_RULES, TOPIC_FAN_OUT_RULE_DEFINITIONS } from './rules';
export { TOPIC_FAN_OUT_PATTERN } from './description';
