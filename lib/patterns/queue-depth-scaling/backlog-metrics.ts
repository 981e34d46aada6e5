import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QUEUE_DEPTH_SCALING_DEFAULTS as D } from './defaults';

/**
 * The metrics the scaling reads, and the metric math over them. One definition serves the target tracking
 * policy (written as `TargetTrackingMetricDataQuery` objects), the step policy's alarm and the pattern's own
 * alarms, so a simulator playing the template sees the same expressions everywhere.
 *
 * Only arithmetic, comparisons, `IF`, `FILL` and `CEIL` are used. `FILL(m, 0)` turns a missing datapoint into 0:
 * Container Insights and SQS publish nothing for a service without tasks or an idle queue.
 */
export interface WorkerMetrics {
  /** `AWS/SQS ApproximateNumberOfMessagesVisible`, Sum over 1 minute (AWS's backlog-per-task example). */
  readonly visible: cloudwatch.Metric;
  /** `AWS/SQS NumberOfMessagesSent`, Sum over 1 minute: the arrivals of the last minute. */
  readonly sent: cloudwatch.Metric;
  /** `AWS/SQS ApproximateNumberOfMessagesNotVisible`: received and not yet deleted. */
  readonly inFlight: cloudwatch.Metric;
  /** ECS `RunningTaskCount` or the group's `GroupInServiceInstances`, Average over 1 minute. */
  readonly inService: cloudwatch.Metric;
  /** ECS `DesiredTaskCount` or the group's `GroupDesiredCapacity`, Average over 1 minute. */
  readonly desired: cloudwatch.Metric;
}

/** The ids the expressions use; CloudWatch wants them to start with a lowercase letter. */
export const METRIC_IDS = {
  visible: 'visible',
  inFlight: 'inflight',
  sent: 'sent',
  inService: 'workers',
  desired: 'desired',
  queued: 'queued',
  needed: 'needed',
  backlog: 'backlog',
} as const;

/** The queue's two gauges, as AWS's backlog-per-task example reads them, and its arrivals. */
export function queueMetrics(queue: sqs.IQueue): Pick<WorkerMetrics, 'visible' | 'inFlight' | 'sent'> {
  const options = { period: D.metricPeriod, statistic: cloudwatch.Stats.SUM };
  return {
    visible: queue.metricApproximateNumberOfMessagesVisible(options),
    inFlight: queue.metricApproximateNumberOfMessagesNotVisible(options),
    sent: queue.metricNumberOfMessagesSent(options),
  };
}

/** What the backlog per worker is measured against: the target, and how many messages a worker takes a minute. */
export interface BacklogShape {
  readonly countInFlight: boolean;
  readonly targetBacklogPerWorker: number;
  /** One metric period ÷ the processing time × messages in parallel: 15 for 4 s a message, one at a time. */
  readonly messagesPerWorkerPerMetricPeriod: number;
}

/** A capacity gauge of the workers. */
export function capacityMetric(namespace: string, metricName: string, dimensionsMap: Record<string, string>): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace, metricName, dimensionsMap, period: D.metricPeriod, statistic: cloudwatch.Stats.AVERAGE });
}

const filled = (id: string): string => `FILL(${id}, 0)`;
const perWorker = (): string => `IF(${filled(METRIC_IDS.inService)} < 1, 1, ${filled(METRIC_IDS.inService)})`;
/** A number as an expression shows it: at most four decimals. */
const num = (n: number): string => String(Math.round(n * 10_000) / 10_000);

/**
 * Messages waiting (and in flight) ÷ in-service workers, the divisor never below 1 (at zero workers the ratio is
 * the backlog itself, and CloudWatch never divides by zero).
 */
export function queuedExpression(countInFlight: boolean): string {
  const { visible, inFlight } = METRIC_IDS;
  const messages = countInFlight ? `${filled(visible)} + ${filled(inFlight)}` : filled(visible);
  return `(${messages}) / ${perWorker()}`;
}

/**
 * The target scaled by the workers the last minute's arrivals need ÷ in-service workers: it reads the target when
 * exactly that many work, more when fewer do, less when more do; and at least the target at one worker while
 * messages arrive, so the fleet scales to zero only after a low alarm's worth of minutes without arrivals.
 */
export function neededExpression(shape: BacklogShape): string {
  return `CEIL(${filled(METRIC_IDS.sent)} / ${num(shape.messagesPerWorkerPerMetricPeriod)}) * ${num(shape.targetBacklogPerWorker)} / ${perWorker()}`;
}

/**
 * The backlog per worker the target tracking policy holds at the target: the larger of what waits per worker and
 * what the arrivals need. Without the second, a drained queue reads as 0 (or the workers' utilization) whatever the
 * arrival rate, and target tracking scales in to backlog ÷ target — far below the capacity the arrivals need —
 * then out again once a backlog has built up past the target: a sawtooth whose peaks break the latency.
 */
export function backlogExpression(): string {
  const { queued, needed } = METRIC_IDS;
  return `IF(${queued} > ${needed}, ${queued}, ${needed})`;
}

/** Anything waiting (or in flight) while no worker is desired: the value the scale-from-zero alarm watches. */
export function scaleFromZeroExpression(): string {
  const { visible, inFlight, desired } = METRIC_IDS;
  return `IF(${filled(desired)} < 1, ${filled(visible)} + ${filled(inFlight)}, 0)`;
}

/** The backlog per worker while the workers are at `maxCapacity`, else 0: above target means "behind at max". */
export function atMaxCapacityExpression(maxCapacity: number): string {
  return `IF(${filled(METRIC_IDS.desired)} >= ${maxCapacity}, ${METRIC_IDS.backlog}, 0)`;
}

function math(expression: string, usingMetrics: Record<string, cloudwatch.IMetric>, label: string): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({ expression, usingMetrics, label, period: D.metricPeriod });
}

/** Backlog per worker as a CloudWatch metric (for alarms, dashboards): the two expressions it compares, and their metrics. */
export function backlogPerWorkerMetric(m: WorkerMetrics, shape: BacklogShape): cloudwatch.MathExpression {
  const queued = math(queuedExpression(shape.countInFlight), {
    [METRIC_IDS.visible]: m.visible,
    ...(shape.countInFlight ? { [METRIC_IDS.inFlight]: m.inFlight } : {}),
    [METRIC_IDS.inService]: m.inService,
  }, 'Messages waiting per worker');
  const needed = math(neededExpression(shape), { [METRIC_IDS.sent]: m.sent, [METRIC_IDS.inService]: m.inService }, 'Backlog the arrivals need per worker');
  return math(backlogExpression(), { [METRIC_IDS.queued]: queued, [METRIC_IDS.needed]: needed }, 'Backlog per worker');
}

export function scaleFromZeroMetric(m: WorkerMetrics): cloudwatch.MathExpression {
  return math(scaleFromZeroExpression(), {
    [METRIC_IDS.visible]: m.visible,
    [METRIC_IDS.inFlight]: m.inFlight,
    [METRIC_IDS.desired]: m.desired,
  }, 'Messages while no worker is desired');
}

export function atMaxCapacityMetric(m: WorkerMetrics, shape: BacklogShape, maxCapacity: number): cloudwatch.MathExpression {
  return math(atMaxCapacityExpression(maxCapacity), {
    [METRIC_IDS.desired]: m.desired,
    [METRIC_IDS.backlog]: backlogPerWorkerMetric(m, shape),
  }, 'Backlog per worker at maximum capacity');
}

/** One entry of a target tracking policy's `CustomizedMetricSpecification.Metrics`, before the L1 shape. */
export interface MetricQuery {
  readonly id: string;
  readonly returnData: boolean;
  readonly expression?: string;
  readonly metricStat?: {
    readonly namespace: string;
    readonly metricName: string;
    readonly dimensions: { readonly name: string; readonly value: string }[];
    readonly stat: string;
  };
}

function stat(id: string, metric: cloudwatch.Metric): MetricQuery {
  return {
    id,
    returnData: false,
    metricStat: {
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: Object.entries(metric.dimensions ?? {}).map(([name, value]) => ({ name, value: String(value) })),
      stat: metric.statistic,
    },
  };
}

/** The target tracking policy's queries: the inputs, the two expressions compared, then the backlog (the one series returned). */
export function backlogQueries(m: WorkerMetrics, shape: BacklogShape): MetricQuery[] {
  return [
    stat(METRIC_IDS.visible, m.visible),
    ...(shape.countInFlight ? [stat(METRIC_IDS.inFlight, m.inFlight)] : []),
    stat(METRIC_IDS.sent, m.sent),
    stat(METRIC_IDS.inService, m.inService),
    { id: METRIC_IDS.queued, expression: queuedExpression(shape.countInFlight), returnData: false },
    { id: METRIC_IDS.needed, expression: neededExpression(shape), returnData: false },
    { id: METRIC_IDS.backlog, expression: backlogExpression(), returnData: true },
  ];
}

/**
 * A query in the shape both L1s take (`TargetTrackingMetricDataQuery` of Application Auto Scaling and of EC2
 * Auto Scaling): the period is left to its default, one minute.
 */
export function renderMetricQuery(q: MetricQuery) {
  return {
    id: q.id,
    returnData: q.returnData,
    expression: q.expression,
    metricStat: q.metricStat && {
      metric: { namespace: q.metricStat.namespace, metricName: q.metricStat.metricName, dimensions: q.metricStat.dimensions },
      stat: q.metricStat.stat,
    },
  };
}
