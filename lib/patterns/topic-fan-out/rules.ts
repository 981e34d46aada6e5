import { RuleDefinition } from '../../core';

/**
 * TopicFanOut rules declared as data: the code each error or warning carries, what fires it and what the
 * user changes. (The fan-out's older rules still carry their codes inline in validate.ts.)
 */
export const TOPIC_FAN_OUT_RULE_DEFINITIONS = {
  fifoMismatch: {
    code: 'decoupled:fifo-mismatch',
    severity: 'error',
    fires: 'a brought topic, `queueProps.fifo` or a brought dead-letter queue disagrees with `fifo`; or a standard topic is to deliver to a FIFO queue (`subscribers.<name>.fifo: true`, a brought FIFO queue)',
    fix: 'make the types agree: a standard topic delivers to standard queues only, a dead-letter queue is of its source queue\'s type',
  },
  standardQueueOnFifoTopic: {
    code: 'decoupled:topic-fan-out/standard-queue-on-fifo-topic',
    severity: 'warning',
    fires: 'a subscriber of a FIFO topic has a standard queue (`subscribers.<name>.fifo: false`, or a brought standard queue): it gets messages in best-effort order and at least once, without their message group',
    fix: 'acknowledge it if the subscriber needs neither order nor deduplication; otherwise give it a FIFO queue',
  },
  maxMessageAgeRange: {
    code: 'decoupled:topic-fan-out/max-message-age-range',
    severity: 'error',
    fires: '`subscribers.<name>.maxMessageAge` is not whole seconds, or outside 60 s–14 days (no message outlives the longest retention)',
    fix: 'set an age in the range',
  },
  noSuchConsumer: {
    code: 'decoupled:topic-fan-out/no-consumer',
    severity: 'error',
    fires: '`fanOut.consumer(name)` asks for a subscriber without `consumer`',
    fix: 'give the subscriber a `consumer`, or consume `fanOut.queue(name)` yourself',
  },
} as const satisfies Record<string, RuleDefinition>;

/** The codes of the rules above, by name. */
export const TOPIC_FAN_OUT_RULES = {
  fifoMismatch: TOPIC_FAN_OUT_RULE_DEFINITIONS.fifoMismatch.code,
  standardQueueOnFifoTopic: TOPIC_FAN_OUT_RULE_DEFINITIONS.standardQueueOnFifoTopic.code,
  maxMessageAgeRange: TOPIC_FAN_OUT_RULE_DEFINITIONS.maxMessageAgeRange.code,
  noSuchConsumer: TOPIC_FAN_OUT_RULE_DEFINITIONS.noSuchConsumer.code,
} as const;
