import { RuleDefinition } from '../../core';

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
  functionTimeoutRange: { code: code('function-timeout-range'), severity: 'error', fires: '`functionTimeout` is outside 1–900 s', fix: 'give the function\'s real timeout' },
  functionRoleUnknown: { code: code('function-role-unknown'), severity: 'warning', fires: 'a brought function has no role to grant', fix: 'import it with its role, or grant it yourself and acknowledge' },
  visibilityTimeoutRequired: { code: code('visibility-timeout-required'), severity: 'error', fires: 'an imported queue comes without `queueVisibilityTimeout`', fix: 'give its visibility timeout' },
  visibilityTimeoutRange: { code: code('visibility-timeout-range'), severity: 'error', fires: '`queueVisibilityTimeout` is outside 0–43,200 s', fix: 'give the queue\'s real visibility timeout' },
  visibilityTimeout: {
    code: code('visibility-timeout'),
    severity: 'error',
    fires: 'the visibility timeout is below 6 x the function timeout + the batching window (given in `queueProps`, read from a brought queue, given for an imported one, or given to the pattern that made the queue)',
    fix: 'raise it to the figure in the message where the message says it is set, or lower the function timeout',
  },
  deadLetterQueueRequired: { code: code('dead-letter-queue-required'), severity: 'error', fires: 'a brought queue has no redrive policy, or an imported queue comes without `deadLetterQueue`', fix: 'give the queue a dead-letter queue' },
  deadLetterQueueMismatch: { code: code('dead-letter-queue-mismatch'), severity: 'error', fires: '`deadLetterQueue` differs from the brought queue\'s own', fix: 'leave it out' },
  batchSize: { code: code('batch-size'), severity: 'error', fires: 'the batch size is outside 1–10 (FIFO) or 1–10,000 (standard)', fix: 'set a batch size in the range' },
  batchSizeWithoutWindow: { code: code('batch-size-without-window'), severity: 'error', fires: 'the batch size is above 10 without a batching window of at least 1 s', fix: 'set `maxBatchingWindow` or lower the batch size' },
  batchingWindow: { code: code('batching-window'), severity: 'error', fires: 'the batching window is above 300 s', fix: 'set a window in 0–300 s' },
  batchingWindowFifo: { code: code('batching-window-fifo'), severity: 'error', fires: 'a batching window is set on a FIFO queue', fix: 'remove it' },
  maxConcurrency: { code: code('max-concurrency'), severity: 'error', fires: '`maxConcurrency` is outside 2–1,000', fix: 'set a value in the range' },
  maxReceiveCountRange: { code: code('max-receive-count-range'), severity: 'error', fires: '`maxReceiveCount` is outside 1–1,000', fix: 'set a value in the range' },
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
  reservedBelowPoller: { code: code('reserved-concurrency-below-poller'), severity: 'warning', fires: 'reserved concurrency is below 5, the poller\'s starting concurrency', fix: 'raise it' },
} as const satisfies Record<string, RuleDefinition>;

type RuleName = keyof typeof QUEUE_CONSUMER_RULE_DEFINITIONS;

/** The stable codes of the QueueConsumer rules: tests, docs and acknowledgements match on them. */
export const QUEUE_CONSUMER_RULES = Object.fromEntries(
  Object.entries(QUEUE_CONSUMER_RULE_DEFINITIONS).map(([name, rule]) => [name, rule.code]),
) as { readonly [name in RuleName]: (typeof QUEUE_CONSUMER_RULE_DEFINITIONS)[name]['code'] };
