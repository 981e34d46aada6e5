import { CountSeries, MetricRegistry } from '../../world/metrics';

/** CloudWatch's namespace for SQS; every metric has the one dimension QueueName (AWS-FACTS §1.9). */
export const SQS_NAMESPACE = 'AWS/SQS';

/**
 * The SQS metrics counted as things happen (AWS-FACTS §1.9). A queue records into them on its hot paths
 * (`series.record(now, n)`: a comparison and a few additions); they are published with `publishQueueMetrics`.
 */
export class QueueCounts {
  /** Messages stored by SendMessage (and SNS, destinations); not messages moved in from a source queue, as on AWS. */
  public readonly sent: CountSeries;
  /** Messages returned by receives (one value per receive call: the number of messages). */
  public readonly received: CountSeries;
  /** Successful DeleteMessage calls. */
  public readonly deleted: CountSeries;
  /** Receives that returned no message. */
  public readonly emptyReceives: CountSeries;

  constructor(queueName: string) {
    const dimensions = { QueueName: queueName };
    this.sent = new CountSeries(SQS_NAMESPACE, 'NumberOfMessagesSent', dimensions, 'Count');
    this.received = new CountSeries(SQS_NAMESPACE, 'NumberOfMessagesReceived', dimensions, 'Count');
    this.deleted = new CountSeries(SQS_NAMESPACE, 'NumberOfMessagesDeleted', dimensions, 'Count');
    this.emptyReceives = new CountSeries(SQS_NAMESPACE, 'NumberOfEmptyReceives', dimensions, 'Count');
  }
}

/** What the gauges read from a queue. */
export interface QueueLevels {
  readonly settings: { readonly name: string };
  readonly counts: { readonly visible: number; readonly inFlight: number; readonly delayed: number };
  /** Seconds since the oldest visible message was sent, 0 when none is visible. */
  readonly ageOfOldestMessage: number;
  readonly metricCounts: QueueCounts;
}

/**
 * Publishes a queue's metrics: the four counts above, and the levels SQS reports once a minute, read only when a
 * reader samples them. `ApproximateAgeOfOldestMessage` looks at visible messages and counts from the original
 * send, also for a message a standard queue moved into its DLQ (AWS counts from the move there, §1.9).
 * Not published: `SentMessageSize` (it would build every deferred SNS envelope) and FIFO's
 * `ApproximateNumberOfGroupsWithInflightMessages`.
 */
export function publishQueueMetrics(registry: MetricRegistry, queue: QueueLevels): void {
  const c = queue.metricCounts;
  for (const series of [c.sent, c.received, c.deleted, c.emptyReceives]) registry.add(series);
  const dimensions = { QueueName: queue.settings.name };
  registry.gauge(SQS_NAMESPACE, 'ApproximateNumberOfMessagesVisible', dimensions, 'Count', () => queue.counts.visible);
  registry.gauge(SQS_NAMESPACE, 'ApproximateNumberOfMessagesNotVisible', dimensions, 'Count', () => queue.counts.inFlight);
  registry.gauge(SQS_NAMESPACE, 'ApproximateNumberOfMessagesDelayed', dimensions, 'Count', () => queue.counts.delayed);
  registry.gauge(SQS_NAMESPACE, 'ApproximateAgeOfOldestMessage', dimensions, 'Seconds', () => queue.ageOfOldestMessage);
}
