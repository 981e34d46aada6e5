import type { CloudWatchClient, GetMetricDataCommandInput, MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { CloudWatchConnection, DEFAULT_MAX_ATTEMPTS, createCloudWatchClient, loadCloudWatchSdk, resolvedRegion } from './client';
import { GET_METRIC_DATA_ACTION, GET_METRIC_DATA_RESOURCE, ReplayError, explainAwsError } from './errors';
import { parseQueueReference } from './queue-name';
import { CLOUDWATCH_RESOLUTIONS, MetricWindow, describeAge, iso, metricWindow } from './resolution';
import { Datapoint } from './series';
import { QUEUE_METRICS, QUEUE_METRIC_KEYS, QueueMetricKey, QueueTraffic, hasAnyData, trafficFromPoints } from './traffic';

/** How far a read has got, for progress on long windows. */
export interface ReadProgress {
  /** Pages of GetMetricData read so far. */
  readonly pages: number;
  /** Datapoints received so far, all three metrics together. */
  readonly datapoints: number;
  /** Datapoints the window holds at most, all three metrics together. */
  readonly expectedDatapoints: number;
}

/** What to read, and how. */
export interface ReadQueueTrafficOptions extends CloudWatchConnection {
  /** The queue: its name, URL or ARN. */
  readonly queue: string;
  /** The window's start (inclusive; rounded down to the period as CloudWatch rounds it). */
  readonly from: Date;
  /** The window's end (exclusive; rounded up to the period, the period still running left out). */
  readonly to: Date;
  /**
   * The period of the data, in seconds: a multiple of the finest period CloudWatch keeps for the window's start.
   * @default - the finest kept: 60 s for data less than 15 days old, 300 s to 63 days, 3600 s to 455 days
   */
  readonly periodSeconds?: number;
  /**
   * Datapoints per GetMetricData page (its `MaxDatapoints`, all queries together).
   * @default - CloudWatch's default, 100,800
   */
  readonly datapointsPerPage?: number;
  /**
   * What to do when the last page still reports a metric as `PartialData`. The API says to repeat the request
   * with NextToken, and the paginator does while there is one; a `PartialData` without a NextToken is not
   * documented (AWS-FACTS §16), so by default the read fails rather than replay part of the traffic.
   * @default 'fail'
   */
  readonly incompleteData?: 'fail' | 'keep';
  /**
   * A client to read with, instead of one made from the connection settings.
   * @default - a client from `region`, `profile`, `endpoint`, `maxAttempts` and `retryMode`
   */
  readonly client?: CloudWatchClient;
  /**
   * The current time, for the data's age.
   * @default - the system clock
   */
  readonly now?: Date;
  /**
   * Called after each page.
   * @default - no progress reported
   */
  readonly onProgress?: (progress: ReadProgress) => void;
}

/**
 * Reads a queue's `NumberOfMessagesSent` (the arrivals) with `ApproximateNumberOfMessagesVisible` and
 * `ApproximateAgeOfOldestMessage` (what production saw) from CloudWatch with GetMetricData: three plain metric
 * queries in one request, no metric math, paged with the SDK's paginator, throttling retried by the SDK's
 * retry strategy. Fails with a {@link ReplayError} that says what to do when the caller lacks permission, the
 * window is older than CloudWatch keeps, or the queue has no data in the window.
 */
export async function readQueueTraffic(options: ReadQueueTrafficOptions): Promise<QueueTraffic> {
  const queue = parseQueueReference(options.queue);
  if (options.region && queue.region && options.region !== queue.region) {
    throw new ReplayError('usage', `--queue names a queue in ${queue.region} but --region is ${options.region}`, `Drop --region, or pass the queue of ${options.region}`);
  }
  const now = options.now ?? new Date();
  const window = metricWindow({ from: options.from, to: options.to, periodSeconds: options.periodSeconds, now });
  const client = options.client ?? createCloudWatchClient({ ...options, region: options.region ?? queue.region });
  const region = await resolvedRegion(client, options.profile);
  const context = { queueName: queue.name, region, profile: options.profile, endpoint: options.endpoint, maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS };
  let read: PagesRead;
  try {
    read = await readPages(client, queue.name, window, options);
  } catch (error) {
    throw explainAwsError(error, context);
  }
  const points = read.points;
  if (!hasAnyData(points)) {
    throw new ReplayError(
      'no-data',
      `CloudWatch has no AWS/SQS datapoints for queue '${queue.name}' in ${region} from ${iso(window.startMs)} to ${iso(window.endMs)}`,
      'Check the queue name (case-sensitive; a FIFO queue\'s ends in .fifo) and the region (--region); SQS publishes metrics only for a queue that was active (AWS-FACTS §1.9)',
    );
  }
  const frame = { startEpochMs: window.startMs, endEpochMs: window.endMs, periodSeconds: window.periodSeconds };
  const incomplete = read.incomplete.map((m) => `CloudWatch still reported PartialData for ${m} after the last page: what it returned is kept`);
  return trafficFromPoints(queue.name, `CloudWatch ${region}`, frame, points, [...resolutionNotes(window, options.from, now), ...incomplete]);
}

function queries(queueName: string, periodSeconds: number): MetricDataQuery[] {
  return QUEUE_METRIC_KEYS.map((key) => ({
    Id: key,
    MetricStat: {
      Metric: { Namespace: 'AWS/SQS', MetricName: QUEUE_METRICS[key].metricName, Dimensions: [{ Name: 'QueueName', Value: queueName }] },
      Period: periodSeconds,
      Stat: QUEUE_METRICS[key].stat,
    },
    ReturnData: true,
  }));
}

/** The datapoints of every metric, and the metrics CloudWatch still called PartialData at the end. */
interface PagesRead {
  readonly points: Record<QueueMetricKey, Datapoint[]>;
  readonly incomplete: readonly string[];
}

async function readPages(client: CloudWatchClient, queueName: string, window: MetricWindow, options: ReadQueueTrafficOptions): Promise<PagesRead> {
  const { paginateGetMetricData } = loadCloudWatchSdk();
  const input: GetMetricDataCommandInput = {
    StartTime: new Date(window.startMs),
    EndTime: new Date(window.endMs),
    ScanBy: 'TimestampAscending',
    MetricDataQueries: queries(queueName, window.periodSeconds),
  };
  const byKey = new Map<QueueMetricKey, Map<number, number>>(QUEUE_METRIC_KEYS.map((k) => [k, new Map()]));
  const status = new Map<QueueMetricKey, MetricDataResult>();
  const expectedDatapoints = ((window.endMs - window.startMs) / (window.periodSeconds * 1000)) * QUEUE_METRIC_KEYS.length;
  let pages = 0;
  let datapoints = 0;
  for await (const page of paginateGetMetricData({ client, pageSize: options.datapointsPerPage }, input)) {
    pages++;
    for (const result of page.MetricDataResults ?? []) {
      const key = QUEUE_METRIC_KEYS.find((k) => k === result.Id);
      if (!key) continue;
      failOnStatus(key, result, queueName);
      const values = result.Values ?? [];
      (result.Timestamps ?? []).forEach((t, i) => byKey.get(key)!.set(t.getTime(), values[i]));
      datapoints += values.length;
      status.set(key, result);
    }
    options.onProgress?.({ pages, datapoints, expectedDatapoints });
  }
  const incomplete = [...status].filter(([, r]) => r.StatusCode === 'PartialData').map(([k]) => QUEUE_METRICS[k].metricName);
  if (incomplete.length > 0 && (options.incompleteData ?? 'fail') === 'fail') {
    throw new ReplayError(
      'incomplete-data',
      `CloudWatch still reports PartialData for ${incomplete.join(', ')} of queue '${queueName}' after the last page (no NextToken left)`,
      'Read a shorter window, or keep what was read with incompleteData: \'keep\' (--keep-incomplete)',
    );
  }
  const points = {} as Record<QueueMetricKey, Datapoint[]>;
  for (const [key, map] of byKey) points[key] = [...map].map(([epochMs, value]) => ({ epochMs, value }));
  return { points, incomplete };
}

/** A metric CloudWatch would not give, or could not: fail now, naming it and why. */
function failOnStatus(key: QueueMetricKey, result: MetricDataResult, queueName: string): void {
  const metric = QUEUE_METRICS[key].metricName;
  const said = (result.Messages ?? []).map((m) => `${m.Code}: ${m.Value}`).join('; ');
  if (result.StatusCode === 'Forbidden') {
    throw new ReplayError(
      'access-denied',
      `CloudWatch answered Forbidden for ${metric} of queue '${queueName}': the caller may not perform ${GET_METRIC_DATA_ACTION} on resource ${GET_METRIC_DATA_RESOURCE} for this metric${said ? ` (${said})` : ''}`,
      `Allow ${GET_METRIC_DATA_ACTION} on "Resource": "${GET_METRIC_DATA_RESOURCE}"; for a queue of another account, read from that account or from a monitoring account it shares metrics with`,
    );
  }
  if (result.StatusCode === 'InternalError') {
    throw new ReplayError('cloudwatch', `CloudWatch had an internal error reading ${metric} of queue '${queueName}'${said ? ` (${said})` : ''}`, 'Run the replay again in a moment');
  }
}

function resolutionNotes(window: MetricWindow, from: Date, now: Date): string[] {
  const finest = CLOUDWATCH_RESOLUTIONS[0];
  if (window.resolution === finest) return [];
  return [
    `the window starts ${describeAge(now.getTime() - from.getTime())} ago and CloudWatch keeps ${finest.label} data ${finest.keptDays} days: read at ${window.resolution.label} periods`,
  ];
}
