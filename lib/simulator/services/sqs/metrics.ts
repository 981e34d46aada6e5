import { MetricRegistry } from '../../world/metrics';

/** CloudWatch's namespace for SQS; every metric has the one dimension QueueName (AWS-FACTS §1.9). */
export const SQS_NAMESPACE = 'AWS/SQS';

/**
 * Running totals a queue keeps for its metrics: one field increment per event, the cheapest thing a hot path can
 * do (a reader turns them into per-period counts by sampling).
 */
export class QueueTotals {
  /** Messages stored by SendMessage (and SNS, destinations); not messages moved in from a source queue, as on AWS. */
  public sent = 0;
  /** Messages returned by receives. */
  public received = 0;
  /** Successful DeleteMessage calls. */
  public deleted = 0;
  /** Receives that returned no message. */
  public emptyReceives = 0;
}

/** What the metrics read from a queue. */
export interface QueueLevels {
  readonly settings: { readonly name: string };
  readonly counts: { readonly visible: number; readonly inFlight: number; readonly delayed: number };
  /** Seconds since the oldest visible message was sent, 0 when none is visible. */
  readonly ageOfOldestMessage: number;
  readonly totals: QueueTotals;
}

/**
 * Publishes a queue's metrics (AWS-FACTS §1.9): the counts as counters over the queue's totals, the levels as
 * gauges, all read when a reader samples. `ApproximateAgeOfOldestMessage` looks at visible messages and counts
 * from the original send, also for a message a standard queue moved into its DLQ (AWS counts from the move
 * there). Not published: `SentMessageSize` (it would build every deferred SNS envelope) and FIFO's
 * `ApproximateNumberOfGroupsWithInflightMessages`.
 */
export function publishQueueMetrics(registry: MetricRegistry, queue: QueueLevels): void {
  const dimensions = { QueueName: queue.settings.name };
  const t = queue.totals;
  registry.counter(SQS_NAMESPACE, 'NumberOfMessagesSent', dimensions, 'Count', () => t.sent);
  registry.counter(SQS_NAMESPACE, 'NumberOfMessagesReceived', dimensions, 'Count', () => t.received);
  registry.counter(SQS_NAMESPACE, 'NumberOfMessagesDeleted', dimensions, 'Count', () => t.deleted);
  registry.counter(SQS_NAMESPACE, 'NumberOfEmptyReceives', dimensions, 'Count', () => t.emptyReceives);
  registry.gauge(SQS_NAMESPACE, 'ApproximateNumberOfMessagesVisible', dimensions, 'Count', () => queue.counts.visible);
  registry.gauge(SQS_NAMESPACE, 'ApproximateNumberOfMessagesNotVisible', dimensions, 'Count', () => queue.counts.inFlight);
  registry.gauge(SQS_NAMESPACE, 'ApproximateNumberOfMessagesDelayed', dimensions, 'Count', () => queue.counts.delayed);
  registry.gauge(SQS_NAMESPACE, 'ApproximateAgeOfOldestMessage', dimensions, 'Seconds', () => queue.ageOfOldestMessage);
}
