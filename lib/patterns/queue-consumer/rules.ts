import { Duration } from 'aws-cdk-lib';
import { LAMBDA_LIMITS, SQS_EVENT_SOURCE_LIMITS, SQS_LIMITS, formatValue, isKnown, withinLimit } from '../../core';
import { Finding, OWN_NAMES, PropNamer, durationRange, error, exactSeconds, outsideRange, seconds, warning } from './findings';
import { QUEUE_CONSUMER_RULES } from './rule-definitions';

export { QUEUE_CONSUMER_RULES };
export type { Finding, PropNamer };
export { OWN_NAMES, warning };

const R = QUEUE_CONSUMER_RULES;

/** A known value and the prop (or resource) it was read from, so a message can name what to change. */
export interface Sourced<T> {
  readonly value: T;
  readonly prop: string;
}

/** The key that encrypts the consumed queue, as far as it can be known. */
export interface KeyFacts {
  /** The prop or resource the key came from. */
  readonly prop: string;
  /** Made in this app (`kms.Key`): its key policy is ours, so the grant is sure to work. */
  readonly ownedByApp: boolean;
  readonly arn: string;
  /** The key's account, when known. */
  readonly account?: string;
  /** The stack's account, when known. */
  readonly stackAccount?: string;
  /**
   * The statements the pattern needs in this key's policy and could not add (the key is not in this app),
   * as JSON to paste into the key policy.
   */
  readonly statementsNotAdded?: readonly string[];
}

/**
 * Everything the rules look at, already read from the props and from what the user brought.
 * `undefined` means "not known at synth time": the rule that needs it is skipped or asks for it.
 */
export interface ConsumerFacts {
  readonly fifo: boolean;
  /** The `fifo` prop as given, and the brought queue's type, when both exist. */
  readonly fifoProp?: boolean;
  readonly broughtQueueFifo?: boolean;
  readonly functionImported: boolean;
  /** A brought function without a role the pattern can add to (`fromFunctionName` without `role`). */
  readonly functionRoleUnknown: boolean;
  readonly functionTimeout?: Sourced<Duration>;
  /** `functionTimeout` as given, range-checked when the function's own timeout is unknown. */
  readonly functionTimeoutProp?: Duration;
  readonly queueImported: boolean;
  readonly visibilityTimeout?: Sourced<Duration>;
  /** Whether the pattern derives the visibility timeout (then it is right by construction). */
  readonly visibilityTimeoutDerived: boolean;
  readonly queueVisibilityTimeoutProp?: Duration;
  /** Why no dead-letter queue is known, if none is. */
  readonly deadLetterQueueMissing?: 'brought-queue-has-none' | 'imported-queue';
  /** The `deadLetterQueue` prop differs from the brought queue's own redrive target. */
  readonly deadLetterQueueConflict: boolean;
  readonly deadLetterFifo?: boolean;
  readonly maxReceiveCount?: Sourced<number>;
  readonly queueRetention?: Duration;
  readonly deadLetterRetention?: Duration;
  readonly batchSize: number;
  readonly maxBatchingWindow?: Duration;
  readonly maxConcurrency?: number;
  /** The age of the oldest message at which the backlog alarm fires. */
  readonly maxMessageAge?: Duration;
  readonly key?: KeyFacts;
  /** How to get the consumer in one call on the pattern that made the queue, for the visibility timeout fix. */
  readonly oneCall?: string;
}

const ESM_SOURCE = SQS_EVENT_SOURCE_LIMITS.visibilityTimeoutFactor.source;

/** One rule: a pure function of the facts, returning what is wrong (nothing when compliant or not applicable). */
type Rule = (f: ConsumerFacts, n: PropNamer) => Finding | undefined;

const requireFunctionTimeout: Rule = (f, n) =>
  f.functionImported && f.functionTimeout === undefined
    ? error({
      code: R.functionTimeoutRequired,
      prop: 'functionTimeout',
      value: 'is missing:',
      rule: 'the imported function\'s timeout cannot be read at synth time, and the visibility timeout rule needs it',
      fix: `Set ${n('functionTimeout')} to the function's configured timeout.`,
    })
    : undefined;

const functionTimeoutRange: Rule = (f, n) => durationRange(R.functionTimeoutRange, 'functionTimeout', f.functionTimeoutProp, LAMBDA_LIMITS.timeout, n);

const functionRoleUnknown: Rule = (f) =>
  f.functionRoleUnknown
    ? warning({
      code: R.functionRoleUnknown,
      prop: 'function',
      value: 'has no known role:',
      rule: 'the pattern cannot grant it the queue, and Lambda refuses to create the event source mapping for a role that cannot receive',
      fix: 'Import the function with its role (Function.fromFunctionAttributes `role`), or grant that role sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes (and kms:Decrypt on the queue key) yourself, then acknowledge this warning.',
    })
    : undefined;

const requireVisibilityTimeout: Rule = (f, n) =>
  f.queueImported && f.visibilityTimeout === undefined
    ? error({
      code: R.visibilityTimeoutRequired,
      prop: 'queueVisibilityTimeout',
      value: 'is missing:',
      rule: 'the imported queue\'s visibility timeout cannot be read at synth time, and the visibility timeout rule needs it',
      fix: `Set ${n('queueVisibilityTimeout')} to the queue's VisibilityTimeout attribute.`,
    })
    : undefined;

const visibilityTimeoutRange: Rule = (f, n) =>
  durationRange(R.visibilityTimeoutRange, 'queueVisibilityTimeout', f.queueVisibilityTimeoutProp, SQS_LIMITS.visibilityTimeout, n);

/**
 * Lambda's recommendation: visibility timeout ≥ 6 x function timeout + batching window, so retries after throttling fit.
 * A window known only at deploy counts as its maximum (300 s), so a visibility timeout derived from it always suffices.
 */
export function requiredVisibilityTimeout(functionTimeout: Duration, maxBatchingWindow?: Duration): Duration {
  const factor = SQS_EVENT_SOURCE_LIMITS.visibilityTimeoutFactor.min;
  const window = maxBatchingWindow === undefined ? 0
    : seconds(maxBatchingWindow) ?? SQS_EVENT_SOURCE_LIMITS.maximumBatchingWindow.max;
  return Duration.seconds(factor * functionTimeout.toSeconds() + window);
}

/**
 * The visibility timeout against 6 x the function timeout + the batching window. A window known only at deploy leaves
 * the sum unknown, but not its lower bound, 6 x the function timeout: below it the visibility timeout is too short
 * whatever the window (and below 1 x the timeout AWS refuses the mapping outright).
 */
const visibilityTimeout: Rule = (f, n) => {
  if (f.visibilityTimeoutDerived || !f.visibilityTimeout || !f.functionTimeout) return undefined;
  const visibility = seconds(f.visibilityTimeout.value);
  const timeout = seconds(f.functionTimeout.value);
  if (visibility === undefined || timeout === undefined) return undefined;
  const windowKnown = f.maxBatchingWindow === undefined || isKnown(f.maxBatchingWindow);
  const window = windowKnown ? seconds(f.maxBatchingWindow) ?? 0 : 0;
  if (windowKnown && f.maxBatchingWindow !== undefined && seconds(f.maxBatchingWindow) === undefined) return undefined;
  const factor = SQS_EVENT_SOURCE_LIMITS.visibilityTimeoutFactor.min;
  const required = factor * timeout + window;
  if (visibility >= required) return undefined;
  const windowText = windowKnown ? `the batching window (${window}s) = ${required}s` : `the batching window (known only at deploy, at least 0s) ≥ ${required}s`;
  return error({
    code: R.visibilityTimeout,
    prop: f.visibilityTimeout.prop,
    value: `${visibility}s`,
    rule: `is less than 6 x the function timeout (${n(f.functionTimeout.prop)} ${timeout}s) + ${windowText}: `
      + `messages would reappear while still being processed, and AWS rejects the mapping outright below 1 x the timeout (${ESM_SOURCE})`,
    fix: `Raise ${n(f.visibilityTimeout.prop)} to at least ${required}s${windowKnown ? '' : ' plus the largest batching window you will deploy'}, or lower the function timeout${f.oneCall ? `; or ${f.oneCall}` : ''}.`,
  });
};

const requireDeadLetterQueue: Rule = (f, n) => {
  switch (f.deadLetterQueueMissing) {
    case 'brought-queue-has-none':
      return error({
        code: R.deadLetterQueueRequired,
        prop: 'queue',
        value: 'has no dead-letter queue:',
        rule: 'a message that always fails would be retried until it expires, blocking or hiding every other failure',
        fix: 'Give the queue a redrive policy (sqs.Queue `deadLetterQueue: { queue, maxReceiveCount: 5 }`), or let the pattern make the queue.',
      });
    case 'imported-queue':
      return error({
        code: R.deadLetterQueueRequired,
        prop: 'deadLetterQueue',
        value: 'is missing:',
        rule: 'the imported queue\'s redrive policy cannot be read at synth time, and the pattern alarms on its dead-letter queue',
        fix: `Set ${n('deadLetterQueue')} to the queue its redrive policy names (sqs.Queue.fromQueueArn).`,
      });
    default:
      return undefined;
  }
};

const deadLetterQueueMismatch: Rule = (f, n) =>
  f.deadLetterQueueConflict
    ? error({
      code: R.deadLetterQueueMismatch,
      prop: 'deadLetterQueue',
      value: 'differs from the brought queue\'s redrive target:',
      rule: 'messages go to the queue\'s own dead-letter queue, so the alarms would watch the wrong one',
      fix: `Leave ${n('deadLetterQueue')} out (the queue's own is used), or pass the same queue.`,
    })
    : undefined;

const batchSize: Rule = (f, n) => {
  const range = f.fifo ? SQS_EVENT_SOURCE_LIMITS.batchSizeFifo : SQS_EVENT_SOURCE_LIMITS.batchSizeStandard;
  const found = outsideRange(R.batchSize, 'batchSize', f.batchSize, range, n);
  if (!found) return undefined;
  return error({ ...found.problem, rule: `${found.problem.rule} for a ${f.fifo ? 'FIFO' : 'standard'} queue` });
};

const batchSizeWithoutWindow: Rule = (f, n) => {
  const limit = SQS_EVENT_SOURCE_LIMITS.batchSizeWithoutWindow;
  if (f.fifo || !isKnown(f.batchSize) || f.batchSize <= limit.max) return undefined;
  if (f.maxBatchingWindow !== undefined && (exactSeconds(f.maxBatchingWindow) ?? 1) >= 1) return undefined;
  return error({
    code: R.batchSizeWithoutWindow,
    prop: 'batchSize',
    value: String(f.batchSize),
    rule: `is above ${limit.max} without a batching window of at least 1s (${limit.source})`,
    fix: `Set ${n('maxBatchingWindow')} (1–300s), or lower ${n('batchSize')} to ${limit.max}.`,
  });
};

const batchingWindow: Rule = (f, n) =>
  durationRange(R.batchingWindow, 'maxBatchingWindow', f.maxBatchingWindow, SQS_EVENT_SOURCE_LIMITS.maximumBatchingWindow, n);

const maxMessageAge: Rule = (f, n) =>
  durationRange(R.maxMessageAgeRange, 'maxMessageAge', f.maxMessageAge, SQS_LIMITS.messageRetentionPeriod, n);

const batchingWindowFifo: Rule = (f, n) =>
  f.fifo && f.maxBatchingWindow !== undefined
    ? error({
      code: R.batchingWindowFifo,
      prop: 'maxBatchingWindow',
      value: formatValue(f.maxBatchingWindow),
      rule: `is set on a FIFO queue: Lambda supports a batching window on standard queues only (${SQS_EVENT_SOURCE_LIMITS.maximumBatchingWindow.source})`,
      fix: `Remove ${n('maxBatchingWindow')}, or use a standard queue.`,
    })
    : undefined;

const maxConcurrency: Rule = (f, n) =>
  f.maxConcurrency === undefined
    ? undefined
    : outsideRange(R.maxConcurrency, 'maxConcurrency', f.maxConcurrency, SQS_EVENT_SOURCE_LIMITS.maximumConcurrency, n);

const maxReceiveCountRange: Rule = (f, n) =>
  f.maxReceiveCount === undefined
    ? undefined
    : outsideRange(R.maxReceiveCountRange, f.maxReceiveCount.prop, f.maxReceiveCount.value, SQS_LIMITS.maxReceiveCount, n);

const maxReceiveCount: Rule = (f, n) => {
  const recommended = SQS_EVENT_SOURCE_LIMITS.recommendedMaxReceiveCount;
  const count = f.maxReceiveCount;
  if (!count || !isKnown(count.value) || !withinLimit(count.value, SQS_LIMITS.maxReceiveCount) || count.value >= recommended.min) return undefined;
  return warning({
    code: R.maxReceiveCount,
    prop: count.prop,
    value: String(count.value),
    rule: `is below ${recommended.min}: a throttled invocation still counts as a receive, so healthy messages can reach the dead-letter queue (${recommended.source})`,
    fix: `Raise ${n(count.prop)} to at least ${recommended.min}, or acknowledge this warning if the handler really must give up sooner.`,
  });
};

const fifoMismatch: Rule = (f, n) =>
  f.fifoProp !== undefined && f.broughtQueueFifo !== undefined && f.fifoProp !== f.broughtQueueFifo
    ? error({
      code: R.fifoMismatch,
      prop: 'fifo',
      value: String(f.fifoProp),
      rule: `does not match the brought queue, which is ${f.broughtQueueFifo ? 'FIFO' : 'standard'} (a queue's type is fixed at creation)`,
      fix: `Set ${n('fifo')} to ${f.broughtQueueFifo}, or leave it out.`,
    })
    : undefined;

const deadLetterFifoMismatch: Rule = (f) =>
  f.deadLetterFifo !== undefined && f.deadLetterFifo !== f.fifo
    ? error({
      code: R.deadLetterFifoMismatch,
      prop: 'deadLetterQueue',
      value: f.deadLetterFifo ? '(FIFO)' : '(standard)',
      rule: `does not match the ${f.fifo ? 'FIFO' : 'standard'} queue: SQS only redrives FIFO to FIFO and standard to standard (SQS API-model, RedrivePolicy)`,
      fix: `Use a ${f.fifo ? 'FIFO' : 'standard'} dead-letter queue.`,
    })
    : undefined;

const deadLetterRetention: Rule = (f) => {
  const source = seconds(f.queueRetention);
  const dlq = seconds(f.deadLetterRetention);
  // FIFO messages get a new enqueue timestamp when they move; standard ones keep the original (SQS developer guide).
  if (f.fifo || source === undefined || dlq === undefined || dlq > source) return undefined;
  const max = SQS_LIMITS.messageRetentionPeriod.max;
  return warning({
    code: R.deadLetterRetention,
    prop: 'deadLetterQueue retentionPeriod',
    value: `${dlq}s`,
    rule: `is not longer than the queue's (${source}s): a standard message keeps its enqueue time in the dead-letter queue and can expire there almost at once`,
    fix: `Give the dead-letter queue a longer retentionPeriod (up to ${max}s), or shorten the queue's.`,
  });
};

/** The statements the pattern could not add to an imported key's policy, as a clause of a warning's rule. */
function notAdded(key: KeyFacts): string {
  const statements = key.statementsNotAdded ?? [];
  if (statements.length === 0) return '';
  const which = statements.length === 1 ? 'this statement' : `these ${statements.length} statements`;
  return `; and the pattern could not add ${which}, which the services it set up need to use the key, to the key policy's Statement list: [${statements.join(',')}]`;
}

const keyGrantable: Rule = (f) => {
  const key = f.key;
  if (!key || key.ownedByApp) return undefined;
  const hasStatements = (key.statementsNotAdded?.length ?? 0) > 0;
  const known = key.account !== undefined && key.stackAccount !== undefined && isKnown(key.account) && isKnown(key.stackAccount);
  if (known && key.account !== key.stackAccount) {
    return warning({
      code: R.keyNotGrantable,
      prop: key.prop,
      value: `'${key.arn}'`,
      rule: `belongs to account ${key.account}, not the stack's (${key.stackAccount}): an IAM grant alone cannot let the function decrypt with it, and the key policy is not in this app${notAdded(key)}`,
      fix: `Add the function's role to the key policy in account ${key.account} (kms:Decrypt)${hasStatements ? ', and the statements above' : ''}, then acknowledge this warning; or use a key in this account.`,
    });
  }
  return warning({
    code: R.importedKey,
    prop: key.prop,
    value: `'${key.arn}'`,
    rule: `is imported: the function is granted kms:Decrypt in IAM, which works only if the key policy lets this account's IAM policies grant it (the default key policy does)${notAdded(key)}`,
    fix: `Check the key policy${hasStatements ? ', add the statements above to it' : ''}, then acknowledge this warning; or use a key made in this app.`,
  });
};

/** The rules checked when the construct is made: all of them run, and every finding is reported together. */
export const CONSTRUCTION_RULES: readonly Rule[] = [
  requireFunctionTimeout,
  functionTimeoutRange,
  functionRoleUnknown,
  requireVisibilityTimeout,
  visibilityTimeoutRange,
  visibilityTimeout,
  requireDeadLetterQueue,
  deadLetterQueueMismatch,
  batchSize,
  batchSizeWithoutWindow,
  batchingWindow,
  batchingWindowFifo,
  maxMessageAge,
  maxConcurrency,
  maxReceiveCountRange,
  maxReceiveCount,
  fifoMismatch,
  deadLetterFifoMismatch,
  deadLetterRetention,
];

/** Runs every construction rule over the facts. */
export function checkConsumer(facts: ConsumerFacts, n: PropNamer = OWN_NAMES): Finding[] {
  return CONSTRUCTION_RULES.map((rule) => rule(facts, n)).filter((x): x is Finding => x !== undefined);
}

/**
 * The key rule, run once the pattern has made everything: only then is every statement it could not add
 * to the key's policy known, and the warning lists them all.
 */
export function checkKey(facts: ConsumerFacts): Finding[] {
  const found = keyGrantable(facts, OWN_NAMES);
  return found ? [found] : [];
}
