import { RecordedArrivals, arrivalsFromSent } from './arrivals';
import { Datapoint, MetricSeries, SeriesFrame, SeriesStat, seriesFromPoints } from './series';

/** The AWS/SQS metrics a replay reads: arrivals, and what production saw for the comparison. */
export interface QueueMetric {
  readonly metricName: string;
  /**
   * `Sum` for the counter, `Maximum` for the gauges (the worst moment of each period, as the CDK's own queue
   * metrics default to, AWS-FACTS §1.9).
   */
  readonly stat: SeriesStat;
}

/** The three metrics, by the name a replay uses for each. */
export const QUEUE_METRICS = {
  sent: { metricName: 'NumberOfMessagesSent', stat: 'Sum' },
  visible: { metricName: 'ApproximateNumberOfMessagesVisible', stat: 'Maximum' },
  ageOfOldest: { metricName: 'ApproximateAgeOfOldestMessage', stat: 'Maximum' },
} as const satisfies Record<string, QueueMetric>;

/** Which of the three. */
export type QueueMetricKey = keyof typeof QUEUE_METRICS;

/** The keys in the order they are read and written. */
export const QUEUE_METRIC_KEYS: readonly QueueMetricKey[] = ['sent', 'visible', 'ageOfOldest'];

/** A queue's recorded traffic over a window: the arrivals to replay, and what production saw. */
export interface QueueTraffic {
  readonly queueName: string;
  /** Where it was read: `CloudWatch eu-west-1`, or the CSV file. */
  readonly source: string;
  /** The window as read: aligned on the period, end exclusive. */
  readonly window: SeriesFrame;
  /** Messages per minute to play through a simulated configuration. */
  readonly arrivals: RecordedArrivals;
  /** `NumberOfMessagesSent` (Sum) per period. */
  readonly sent: MetricSeries;
  /** `ApproximateNumberOfMessagesVisible` (Maximum) per period: production's depth. */
  readonly visible: MetricSeries;
  /** `ApproximateAgeOfOldestMessage` (Maximum, seconds) per period: production's latency. */
  readonly ageOfOldest: MetricSeries;
  /** What a reader should know about the data: gaps, the resolution, metrics that were missing. */
  readonly notes: readonly string[];
}

/** Builds the traffic from the datapoints of each metric, and notes the gaps. */
export function trafficFromPoints(
  queueName: string,
  source: string,
  frame: SeriesFrame,
  points: Readonly<Record<QueueMetricKey, readonly Datapoint[]>>,
  notes: readonly string[] = [],
): QueueTraffic {
  const series = (key: QueueMetricKey) => seriesFromPoints(QUEUE_METRICS[key].metricName, QUEUE_METRICS[key].stat, frame, points[key]);
  const sent = series('sent');
  const visible = series('visible');
  const ageOfOldest = series('ageOfOldest');
  const allNotes = [...notes];
  const periods = sent.values.length;
  const missing = sent.values.filter((v) => v === null).length;
  if (missing > 0 && missing < periods) {
    allNotes.push(`${missing} of ${periods} periods have no NumberOfMessagesSent datapoint: counted as no arrivals (SQS publishes nothing for an idle queue)`);
  }
  for (const s of [visible, ageOfOldest]) {
    if (s.values.every((v) => v === null)) allNotes.push(`no ${s.metricName} datapoints: the production side of the comparison lacks it`);
  }
  if (frame.periodSeconds > 60) {
    allNotes.push(`the data is at ${frame.periodSeconds / 60}-minute periods: each period's arrivals are spread evenly over its minutes`);
  }
  const name = `${queueName}, ${source}`;
  return { queueName, source, window: frame, arrivals: arrivalsFromSent(name, sent), sent, visible, ageOfOldest, notes: allNotes };
}

/** Whether any of the three metrics has a datapoint. */
export function hasAnyData(points: Readonly<Record<QueueMetricKey, readonly Datapoint[]>>): boolean {
  return QUEUE_METRIC_KEYS.some((k) => points[k].length > 0);
}
