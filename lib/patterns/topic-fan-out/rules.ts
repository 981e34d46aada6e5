import { PROP_RULES, RuleDefinition } from '../../core';

/**
 * Every rule a TopicFanOut enforces at synth, as data: the code each error or warning carries, what fires it and what
 * the user changes. The checks (validate.ts, validate-subscriber.ts, the construct's warnings) write the message for the
 * value at hand; this table is what the docs and the catalog list. Codes shared with the other patterns' rules on the
 * props they pass through (`queueProps`, a key) are lib/core's `PROP_RULES`.
 */
export const TOPIC_FAN_OUT_RULE_DEFINITIONS = {
  fifoMismatch: {
    code: PROP_RULES.fifoMismatch,
    severity: 'error',
    fires: 'a brought topic, `queueProps.fifo`, a queue name ending (or not) in `.fifo`, or a brought queue\'s dead-letter queue disagrees with `fifo`; or a standard topic is to deliver to a FIFO queue (`subscribers.<name>.fifo: true`, a brought FIFO queue)',
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
  noSubscribers: {
    code: 'decoupled:fan-out-no-subscribers',
    severity: 'error',
    fires: '`subscribers` names no subscriber',
    fix: 'add a subscriber, for example `subscribers: { audit: {} }`',
  },
  subscriberName: {
    code: PROP_RULES.invalidQueueName,
    severity: 'error',
    fires: 'a subscriber name is not 1–80 letters, digits, `-` and `_`; is the id of one of the fan-out\'s own resources or a name every JavaScript object already has (`constructor`, `toString`: the construct tree cannot take it); or, with `queueNamePrefix`, makes a queue name longer than 80 characters. `queueNamePrefix` with characters SQS refuses; a `queueName` SQS refuses or used twice in the fan-out',
    fix: 'rename the subscriber, shorten the prefix, or give each queue its own valid name',
  },
  filterPolicy: {
    code: 'decoupled:invalid-filter-policy',
    severity: 'error',
    fires: 'a filter SNS would reject (the filter policy engine), naming the subscriber and every reason',
    fix: 'correct the filter policy as the message says',
  },
  filterScopeWithoutFilter: {
    code: 'decoupled:filter-scope-without-filter',
    severity: 'error',
    fires: '`filterScope` is given without a `filter`',
    fix: 'add the filter, or remove `filterScope`',
  },
  queueSettingRange: {
    code: PROP_RULES.queueSettingRange,
    severity: 'error',
    fires: 'a `queueProps` or `deadLetterQueueProps` setting is not whole seconds (or bytes) or is outside AWS\'s range: visibility timeout 0–43,200 s, retention 60 s–14 days, delay 0–900 s, wait 0–20 s, maximum message size 1,024 B–1 MiB, data key reuse 60–86,400 s',
    fix: 'set a whole number in the range the message names',
  },
  maxReceiveCountRange: {
    code: PROP_RULES.maxReceiveCountRange,
    severity: 'error',
    fires: '`maxReceiveCount` (or a brought queue\'s) is not a whole number in 1–1,000',
    fix: 'set a whole number in the range',
  },
  awsManagedKey: {
    code: PROP_RULES.awsManagedKey,
    severity: 'error',
    fires: '`encryptionKey` is an AWS managed key (`kms.Alias.fromAliasName(…, \'alias/aws/sqs\')`), or a queue is encrypted with `alias/aws/sqs` (`queueProps.encryption: KMS_MANAGED`, a brought queue): its policy admits no service principal, so every SNS delivery would fail',
    fix: 'let the pattern make its customer-managed key, or pass a key of yours',
  },
  dlqRetentionTooShort: {
    code: 'decoupled:dlq-retention-too-short',
    severity: 'error',
    fires: 'a standard dead-letter queue keeps messages no longer than its source (a message keeps its original enqueue time in the DLQ and could expire on arrival)',
    fix: 'make the DLQ\'s retention longer than the source\'s',
  },
  keyTopicCycle: {
    code: 'decoupled:key-topic-cycle',
    severity: 'error',
    fires: 'a brought topic is encrypted with `encryptionKey` and has no `topicName`: the key policy would refer to the topic and the topic to the key, which CloudFormation cannot deploy',
    fix: 'give the topic a `topicName`, or encrypt it with another key',
  },
  optionOnBroughtQueue: {
    code: 'decoupled:option-on-brought-queue',
    severity: 'error',
    fires: '`queueProps`, `deadLetterQueueProps`, `maxReceiveCount` or `fifo` is given next to a brought `queue`: it would be silently ignored',
    fix: 'set it on the queue you bring',
  },
  optionOnBroughtTopic: {
    code: 'decoupled:option-on-brought-topic',
    severity: 'error',
    fires: '`contentBasedDeduplication` is given next to a brought `topic`: it would be silently ignored',
    fix: 'set it on the topic you bring',
  },
  optionOnBroughtKey: {
    code: PROP_RULES.optionOnBroughtResource,
    severity: 'error',
    fires: '`keyRemovalPolicy` is given next to a brought `encryptionKey`: it shapes only a key the pattern makes',
    fix: 'set the removal policy on the key you bring',
  },
  removalPolicy: {
    code: PROP_RULES.removalPolicy,
    severity: 'error',
    fires: '`keyRemovalPolicy` (or a queue\'s `removalPolicy`) is `RemovalPolicy.SNAPSHOT`: a key or a queue has no snapshot, and CloudFormation refuses `DeletionPolicy: Snapshot` on it (cfn-lint E3035, E3036)',
    fix: 'use RETAIN or DESTROY',
  },
  patternOwnedSetting: {
    code: PROP_RULES.patternOwnedSetting,
    severity: 'error',
    fires: '`queueProps` or `deadLetterQueueProps` overrides what keeps the pattern secure and consistent: the dead-letter queue, the key, `encryption`, `enforceSSL`, a dead-letter queue\'s `redriveAllowPolicy` (the props\' type leaves them out; this catches casts and JavaScript)',
    fix: 'remove it; use `maxReceiveCount`, the fan-out\'s `encryptionKey`, or bring your own queue',
  },
  queueEncryption: {
    code: PROP_RULES.queueEncryption,
    severity: 'error',
    fires: '`dataKeyReuse` on a queue that would not be encrypted with KMS',
    fix: 'remove `dataKeyReuse`',
  },
  redriveAllowPolicy: {
    code: PROP_RULES.redriveAllowPolicy,
    severity: 'error',
    fires: 'a subscriber queue\'s `queueProps.redriveAllowPolicy` SQS would refuse (source queues without `byQueue`, more than 10, of the other type)',
    fix: 'correct the policy as the message says',
  },
  dedupRequiresFifo: {
    code: 'decoupled:dedup-requires-fifo',
    severity: 'error',
    fires: '`contentBasedDeduplication` on a standard fan-out',
    fix: 'remove it, or set `fifo: true`',
  },
  queueSharedBySubscribers: {
    code: 'decoupled:topic-fan-out/queue-shared-by-subscribers',
    severity: 'error',
    fires: 'two subscribers bring the same queue: SNS keeps one subscription per topic and queue, so it refuses the second with other attributes ("Subscription already exists with different attributes") and shares it otherwise (deleting one subscriber would unsubscribe both)',
    fix: 'give each subscriber its own queue, or make them one subscriber whose filter matches both',
  },
  queueWithoutDlq: {
    code: 'decoupled:queue-without-dlq',
    severity: 'warning',
    fires: 'a brought queue has no dead-letter queue the pattern can see',
    fix: 'give the queue a `deadLetterQueue`, or let the pattern make the queue',
  },
  queuePolicyNotEditable: {
    code: 'decoupled:queue-policy-not-editable',
    severity: 'warning',
    fires: 'a brought queue is imported, so its queue policy cannot take the statement that lets the topic send',
    fix: 'add the statement the warning shows to the queue\'s policy, then acknowledge',
  },
  keyPolicyNotEditable: {
    code: 'decoupled:key-policy-not-editable',
    severity: 'warning',
    fires: 'a key (`encryptionKey`, a brought queue\'s) is imported, so its policy cannot take the statements SNS (and CloudWatch, for the alarm topic) need',
    fix: 'add the statements the warning shows to the key policy, then acknowledge',
  },
  maxReceiveCountLow: {
    code: 'decoupled:max-receive-count-low',
    severity: 'warning',
    fires: '`maxReceiveCount` is below 5: a throttled Lambda consumer\'s receives count too',
    fix: 'raise it to 5 or more, or acknowledge if poison messages must fail fast',
  },
} as const satisfies Record<string, RuleDefinition>;

type RuleName = keyof typeof TOPIC_FAN_OUT_RULE_DEFINITIONS;

/** The stable codes of the TopicFanOut rules: tests, docs and acknowledgements match on them. */
export const TOPIC_FAN_OUT_RULES = Object.fromEntries(
  Object.entries(TOPIC_FAN_OUT_RULE_DEFINITIONS).map(([name, rule]) => [name, rule.code]),
) as { readonly [name in RuleName]: (typeof TOPIC_FAN_OUT_RULE_DEFINITIONS)[name]['code'] };
