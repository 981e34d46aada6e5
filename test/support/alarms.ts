import { Template } from 'aws-cdk-lib/assertions';

/**
 * What an alarm watches, as CloudWatch identifies a metric: namespace, name, dimensions, statistic, period; or, for
 * an alarm on metric math, its whole `Metrics` list (two math alarms watch the same only if they compute the same).
 */
function metricOf(properties: Record<string, unknown>): string {
  const { Namespace, MetricName, Dimensions, Statistic, ExtendedStatistic, Period, Metrics } = properties;
  return JSON.stringify({ Namespace, MetricName, Dimensions, Statistic, ExtendedStatistic, Period, Metrics });
}

/** The alarms of a template, by the metric they watch: every entry with more than one id watches a metric twice. */
export function alarmsByMetric(template: Template): Map<string, string[]> {
  const byMetric = new Map<string, string[]>();
  for (const [id, alarm] of Object.entries(template.findResources('AWS::CloudWatch::Alarm'))) {
    const key = metricOf(alarm.Properties);
    byMetric.set(key, [...(byMetric.get(key) ?? []), id]);
  }
  return byMetric;
}

/** The groups of alarms that watch the same metric (none, when no metric is watched twice). */
export function alarmsOnTheSameMetric(template: Template): string[][] {
  return [...alarmsByMetric(template).values()].filter((ids) => ids.length > 1);
}

/** The distinct alarm actions of a template's alarms, resolved. */
export function alarmActions(template: Template): string[] {
  const actions = Object.values(template.findResources('AWS::CloudWatch::Alarm')).flatMap((a) => a.Properties.AlarmActions ?? []);
  return [...new Set(actions.map((a) => JSON.stringify(a)))];
}
