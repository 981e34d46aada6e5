import { PROP_RULES, RuleDefinition } from '../../core';

const code = (rule: string) => `decoupled:queue-consumer/${rule}`;

/**
 * Every rule a QueueConsumer enforces at synth, as data: the code its errors and warnings carry, what fires
 * it and what the user changes. The rule functions (rules.ts, concurrency-rules.ts) write the message for
 * the value at hand; this table is what the README and the catalog list.
 */
export const QUEUE_CONSUMER_RULE_DEFINITIONS = {
  exactlyOneFunction: { code: code('exactly-one-function'), severity: 'error', fires: 'both or neither of `function` / `functionProps` are given', fix: 'pass exactly one' },
  queueOptionOnBroughtQueue: { code: code('queue-option-on-brought-queue'), severity: 'error', fires: '`queueProps` or `maxReceiveCount` is given next to `queue`', fix: 'set them on your queue' },
  functionTimeoutRequired: { code: code('function-timeout-required'), severity: 'error', fires: 'an imported function comes without `functionTimeout`', fix: 'give its timeout' },
  functionTimeoutRange: { code: code('function-timeout-range'), severity: 'error', fires: '`functionTimeout` is not whole seconds, or outside 1–900 s', fix: 'give the function\'s real timeout' },
  functionRoleUnknown: { code: code('function-role-unknown'), severity: 'warning', fires: 'a brought function has no role to grant', fix: 'import it with its role, or grant it yourself and acknowledge' },
  visibilityTimeoutRequired: { code: code('visibility-timeout-required'), severity: 'error', fires: 'an imported queue comes without `queueVisibilityTimeout`', fix: 'give its visibility timeout' },
  visibilityTimeoutRange: { code: code('visibility-timeout-range'), severity: 'error', fires: '`queueVisibilityTimeout` is not whole seconds, or outside 0–43,200 s', fix: 'give the queue\'s real visibility timeout' },
  visibilityTimeout: {
    code: code('visibility-timeout'),
    severity: 'error',
    fires: 'the visibility timeout is below 6 x the function timeout + the batching window (given in `queueProps`, read from a brought queue, given for an imported one, or given to the pattern that made the queue); with a window known only at deploy, below 6 x the function timeout',
    fix: 'raise it to the figure in the message where the message says it is set, or lower the function timeout',
  },
  deadLetterQueueRequired: { code: code('dead-letter-queue-required'), severity: 'error', fires: 'a brought queue has no redrive policy, or an imported queue comes without `deadLetterQueue`', fix: 'give the queue a dead-letter queue' },
  deadLetterQueueMismatch: { code: code('dead-letter-queue-mismatch'), severity: 'error', fires: '`deadLetterQueue` differs from the brought queue\'s own', fix: 'leave it out' },
  batchSize: { code: code('batch-size'), severity: 'error', fires: 'the batch size is not a whole number, or outside 1–10 (FIFO) or 1–10,000 (standard)', fix: 'set a batch size in the range' },
  batchSizeWithoutWindow: { code: code('batch-size-without-window'), severity: 'error', fires: 'the batch size is above 10 without a batching window of at least 1 s', fix: 'set `maxBatchingWindow` or lower the batch size' },
  batchingWindow: { code: code('batching-window'), severity: 'error', fires: 'the batching window is not whole seconds, or above 300 s', fix: 'set a window in 0–300 s' },
  batchingWindowFifo: { code: code('batching-window-fifo'), severity: 'error', fires: 'a batching window is set on a FIFO queue', fix: 'remove it' },
  maxConcurrency: { code: code('max-concurrency'), severity: 'error', fires: '`maxConcurrency` is not a whole number, or outside 2–1,000', fix: 'set a value in the range' },
  maxReceiveCountRange: { code: code('max-receive-count-range'), severity: 'error', fires: '`maxReceiveCount` is not a whole number, or outside 1–1,000', fix: 'set a value in the range' },
  maxReceiveCount: {
    code: code('max-receive-count'),
    severity: 'warning',
    fires: '`maxReceiveCount` (or a brought queue\'s) is below 5; not repeated for a queue whose maker already warns about it',
    fix: 'raise it, or acknowledge if poison messages must fail fast',
  },
  fifoMismatch: { code: code('fifo-mismatch'), severity: 'error', fires: '`fifo` differs from the brought queue\'s type', fix: 'leave `fifo` out' },
  deadLetterFifoMismatch: { code: code('dead-letter-fifo-mismatch'), severity: 'error', fires: 'a FIFO queue has a standard DLQ, or the reverse', fix: 'use a DLQ of the queue\'s type' },
  deadLetterRetention: { code: code('dead-letter-retention'), severity: 'warning', fires: 'a standard queue\'s DLQ keeps messages no longer than the queue', fix: 'lengthen the DLQ\'s retention' },
  keyNotGrantable: { code: code('key-not-grantable'), severity: 'warning', fires: 'the queue\'s key is in another account than the stack', fix: 'add the function\'s role to that key\'s policy, then acknowledge' },
  importedKey: {
    code: code('imported-key'),
    severity: 'warning',
    fires: 'the queue\'s key (or `encryptionKey`) is imported: the IAM grant works only if its key policy delegates to IAM; the statements the pattern would add to it are listed',
    fix: 'add the listed statements and check the key policy, then acknowledge',
  },
  keyPolicyNotEditable: {
    code: code('key-policy-not-editable'),
    severity: 'warning',
    fires: 'an imported `encryptionKey` cannot take the statement that lets CloudWatch Logs use it for the function\'s log group (the log group would fail to create)',
    fix: 'add the statement the warning gives',
  },
  reservedBelowMaxConcurrency: {
    code: code('reserved-concurrency-below-max-concurrency'),
    severity: 'warning',
    fires: 'the function\'s reserved concurrency is below `maxConcurrency` (or below 1,000 with no cap)',
    fix: 'lower `maxConcurrency` or raise the reservation',
  },
  reservedConcurrencyZero: { code: code('reserved-concurrency-zero'), severity: 'error', fires: '`functionProps.reservedConcurrentExecutions` is 0, which throttles every invocation', fix: 'leave it out, or give at least 5' },
  reservedBelowPoller: { code: code('reserved-concurrency-below-poller'), severity: 'warning', fires: 'reserved concurrency is below 5, the poller\'s starting concurrency', fix: 'raise it' },
  maxMessageAgeRange: { code: code('max-message-age-range'), severity: 'error', fires: '`maxMessageAge` is not whole seconds, or outside 60 s–14 days (no message outlives the longest retention)', fix: 'set an age in the range' },
  queueSettingRange: {
    code: PROP_RULES.queueSettingRange,
    severity: 'error',
    fires: 'a `queueProps` setting is not whole seconds (or bytes) or outside SQS\'s range (retention 60 s–14 days, delay 0–900 s, wait 0–20 s, maximum message size 1,024 B–1 MiB, data key reuse 60–86,400 s)',
    fix: 'set a whole number in the range the message names',
  },
  queueName: { code: PROP_RULES.invalidQueueName, severity: 'error', fires: '`queueProps.queueName` is not 1–80 letters, digits, `-` and `_` (plus `.fifo`)', fix: 'give a valid name, or leave it out' },
  queueType: { code: PROP_RULES.fifoMismatch, severity: 'error', fires: '`queueProps.queueName` ends in `.fifo` on a standard queue (or not on a FIFO one), or a FIFO-only setting is given for a standard queue', fix: 'make the name and settings agree with `fifo`' },
  patternOwnedSetting: { code: PROP_RULES.patternOwnedSetting, severity: 'error', fires: '`queueProps` sets what the pattern owns: the dead-letter queue, `fifo`, `encryption`, `encryptionMasterKey` (the type leaves them out; this catches casts and JavaScript)', fix: 'use `deadLetterQueue`, `maxReceiveCount`, `fifo` and `encryptionKey`' },
  awsManagedKey: { code: PROP_RULES.awsManagedKey, severity: 'error', fires: '`encryptionKey` is an AWS managed key (`alias/aws/…`), or `queueProps.encryption` asks for one: CloudWatch Logs (the function\'s log group) and CloudWatch (the alarm topic) cannot use it', fix: 'let the pattern make its key, or pass a customer-managed key' },
  queueEncryption: { code: PROP_RULES.queueEncryption, severity: 'error', fires: '`queueProps.dataKeyReuse` on a queue that would not be encrypted with KMS', fix: 'remove it' },
  redriveAllowPolicy: { code: PROP_RULES.redriveAllowPolicy, severity: 'error', fires: '`queueProps.redriveAllowPolicy` SQS would refuse', fix: 'correct it as the message says' },
  removalPolicy: { code: PROP_RULES.removalPolicy, severity: 'error', fires: '`queueProps.removalPolicy` is `RemovalPolicy.SNAPSHOT`: a queue has no snapshot (cfn-lint E3035, E3036)', fix: 'use RETAIN or DESTROY' },
  functionSettingRange: {
    code: PROP_RULES.functionSettingRange,
    severity: 'error',
    fires: 'a `functionProps` setting is not whole seconds (or MB) or outside Lambda\'s range (timeout 1–900 s, memory 128–10,240 MB, ephemeral storage 512–10,240 MiB, reserved concurrency a whole number ≥ 0, retry attempts 0–2, maximum event age 60 s–6 h)',
    fix: 'set a whole number in the range the message names',
  },
  functionName: { code: PROP_RULES.invalidFunctionName, severity: 'error', fires: '`functionProps.functionName`, `description` or `handler` Lambda would refuse (length, characters)', fix: 'correct it as the message says' },
  functionEnvironment: { code: PROP_RULES.invalidEnvironment, severity: 'error', fires: '`functionProps.environment` has a key Lambda refuses or reserves, or is over 4 KB as JSON', fix: 'rename the variable, or move large values to Parameter Store' },
  functionDeadLetter: { code: PROP_RULES.functionDeadLetter, severity: 'error', fires: '`functionProps` dead-letter settings that aws-cdk-lib refuses together', fix: 'keep one dead-letter target' },
  functionAsyncDestination: { code: PROP_RULES.functionAsyncDestination, severity: 'error', fires: '`functionProps.retryAttempts` or `maxEventAge` without `functionProps.onFailure`: a failed asynchronous event would be dropped', fix: 'give `onFailure`, or remove them' },
} as const satisfies Record<string, RuleDefinition>;

type RuleName = keyof typeof QUEUE_CONSUMER_RULE_DEFINITIONS;

/** The stable codes of the QueueConsumer rules: tests, docs and acknowledgements match on them. */
export const QUEUE_CONSUMER_RULES = Object.fromEntries(
  Object.entries(QUEUE_CONSUMER_RULE_DEFINITIONS).map(([name, rule]) => [name, rule.code]),
) as { readonly [name in RuleName]: (typeof QUEUE_CONSUMER_RULE_DEFINITIONS)[name]['code'] };
