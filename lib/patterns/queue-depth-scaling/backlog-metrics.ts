import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QUEUE_DEPTH_SCALING_DEFAULTS as D } from './defaults';

/**
 * The metrics the scaling reads, and the metric math over them. One definition serves the target tracking
 * policy (written as `TargetTrackingMetricDataQuery` objects), the step policy's alarm and the pattern's own
 * alarms, so a simulator playing the template sees the same expressions everywhere.
 *
 * Only arithmetic, comparisons, `IF` and `FILL` are used. `FILL(m, 0)` turns a missing datapoint into 0:
 * Container Insights and SQS publish nothing for a service without tasks or an idle queue.
 */
export interface WorkerMetrics {
  /** `AWS/SQS ApproximateNumberOfMessagesVisible`, Sum over 1 minute (AWS's backlog-per-task example). */
  readonly visible: cloudwatch.Metric;
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
  inService: 'workers',
  desired: 'desired',
  backlog: 'backlog',
} as const;

/** The queue's two gauges, as AWS's backlog-per-task example reads them. */
export function queueMetrics(queue: sqs.IQueue): Pick<WorkerMetrics, 'visible' | 'inFlight'> {
  const options = { period: D.metricPeriod, statistic: cloudwatch.Stats.SUM };
  return {
    visible: queue.metricApproximateNumberOfMessagesVisible(options),
    inFlight: queue.metricApproximateNumberOfMessagesNotVisible(options),
  };
}

/** A capacity gauge of the workers. */
export function capacityMetric(namespace: string, metricName: string, dimensionsMap: Record<string, string>): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace, metricName, dimensionsMap, period: D.metricPeriod, statistic: cloudwatch.Stats.AVERAGE });
}

const filled = (id: string): string => `FILL(${id}, 0)`;

/**
 * Backlog per worker: messages not yet processed ÷ in-service workers, the divisor never below 1 (at zero
 * workers the ratio is the backlog itself, and CloudWatch never divides by zero).
 */
export function backlogExpression(countInFlight: boolean): string {
  const { visible, inFlight, inService } = METRIC_IDS;
  const messages = countInFlight ? `${filled(visible)} + ${filled(inFlight)}` : filled(visible);
  return `(${messages}) / IF(${filled(inService)} < 1, 1, ${filled(inService)})`;
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

/** The metrics the backlog expression reads. */
function backlogInputs(m: WorkerMetrics, countInFlight: boolean): Record<string, cloudwatch.IMetric> {
  return {
    [METRIC_IDS.visible]: m.visible,
    ...(countInFlight ? { [METRIC_IDS.inFlight]: m.inFlight } : {}),
    [METRIC_IDS.inService]: m.inService,
  };
}

/** Backlog per worker as a CloudWatch metric (for alarms, dashboards). */
export function backlogPerWorkerMetric(m: WorkerMetrics, countInFlight: boolean): cloudwatch.MathExpression {
  return math(backlogExpression(countInFlight), backlogInputs(m, countInFlight), 'Backlog per worker');
}

export function scaleFromZeroMetric(m: WorkerMetrics): cloudwatch.MathExpression {
  return math(scaleFromZeroExpression(), {
    [METRIC_IDS.visible]: m.visible,
    [METRIC_IDS.inFlight]: m.inFlight,
    [METRIC_IDS.desired]: m.desired,
  }, 'Messages while no worker is desired');
}

export function atMaxCapacityMetric(m: WorkerMetrics, countInFlight: boolean, maxCapacity: number): cloudwatch.MathExpression {
  return math(atMaxCapacityExpression(maxCapacity), {
    [METRIC_IDS.desired]: m.desired,
    [METRIC_IDS.backlog]: backlogPerWorkerMetric(m, countInFlight),
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

/** The target tracking policy's queries: the inputs, then the backlog expression (the one series returned). */
export function backlogQueries(m: WorkerMetrics, countInFlight: boolean): MetricQuery[] {
  return [
    stat(METRIC_IDS.visible, m.visible),
    ...(countInFlight ? [stat(METRIC_IDS.inFlight, m.inFlight)] : []),
    stat(METRIC_IDS.inService, m.inService),
    { id: METRIC_IDS.backlog, expression: backlogExpression(countInFlight), returnData: true },
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
