import { SQS_EVENT_SOURCE_LIMITS, isKnown } from '../../core';
import { QUEUE_CONSUMER_RULES as R } from './rule-definitions';
import { Finding, OWN_NAMES, PropNamer, warning } from './rules';

/** What the concurrency rules look at, read when the whole app is built (reserved concurrency can be set late). */
export interface ConcurrencyFacts {
  /** The function's reserved concurrency, when known. */
  readonly reservedConcurrency?: number;
  readonly maxConcurrency?: number;
}

/**
 * Reserved concurrency that the event source mapping can outrun: throttled batches go back to the queue,
 * each throttle counts as a receive, and healthy messages end in the dead-letter queue.
 */
export function checkConcurrency(f: ConcurrencyFacts, n: PropNamer = OWN_NAMES): Finding[] {
  const reserved = f.reservedConcurrency;
  if (reserved === undefined || !isKnown(reserved)) return [];
  const findings: Finding[] = [];
  const poller = SQS_EVENT_SOURCE_LIMITS.initialConcurrency;
  const cap = SQS_EVENT_SOURCE_LIMITS.maxConcurrentBatches;
  const maxConcurrency = f.maxConcurrency !== undefined && isKnown(f.maxConcurrency) ? f.maxConcurrency : undefined;
  const effective = maxConcurrency ?? cap.max;
  if (reserved < effective) {
    findings.push(warning({
      code: R.reservedBelowMaxConcurrency,
      prop: 'function reservedConcurrentExecutions',
      value: String(reserved),
      rule: `is lower than the event source mapping's ${maxConcurrency === undefined ? `uncapped concurrency (up to ${cap.max} batches)` : `maxConcurrency (${maxConcurrency})`}: `
        + `the poller would be throttled, and every throttled receive counts toward maxReceiveCount (${SQS_EVENT_SOURCE_LIMITS.maximumConcurrency.source})`,
      fix: `Set ${n('maxConcurrency')} to at most ${reserved}, or raise the function's reserved concurrency.`,
    }));
  }
  if (reserved < poller.min) {
    findings.push(warning({
      code: R.reservedBelowPoller,
      prop: 'function reservedConcurrentExecutions',
      value: String(reserved),
      rule: `is below ${poller.min}: the SQS poller starts with ${poller.min} concurrent batches, so it is throttled from the first message (${poller.source})`,
      fix: `Raise the function's reserved concurrency to at least ${poller.min}.`,
    }));
  }
  return findings;
}
