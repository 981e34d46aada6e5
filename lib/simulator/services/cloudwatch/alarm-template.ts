import { ResourceNaming, ResourceTypeInfo, TemplateError, TemplateResource, isUnresolved, physicalName, regionalArn } from '../../template';
import { SimulationWorld } from '../../world/world';
import { AlarmSettings, COMPARISONS, CloudWatchAlarm, ComparisonOperator, TreatMissingData } from './alarm';
import { alarmAction } from './alarm-actions';
import { MetricDataQuery, MetricQuerySet, metricDataQueries, metricOf } from './math/metric-queries';
import { cloudWatch } from './state';

const alarmName = (r: ResourceNaming) => physicalName(r, 'AlarmName', 255);

export const ALARM_TYPE: ResourceTypeInfo = {
  type: 'AWS::CloudWatch::Alarm',
  ref: (r) => alarmName(r),
  getAtt: (r, a) => (a === 'Arn' ? regionalArn(r, 'cloudwatch', `alarm:${alarmName(r)}`) : undefined),
};

const TREAT_MISSING: readonly TreatMissingData[] = ['missing', 'notBreaching', 'breaching', 'ignore'];

function required(r: TemplateResource, prop: string): number {
  const v = r.numberProp(prop);
  if (v === undefined) throw new TemplateError(r.logicalId, `Properties.${prop}`, 'is required');
  return v;
}

/** The queries of an alarm: its `Metrics` list, or the one metric its top-level properties name. */
function alarmQueries(r: TemplateResource): { queries: MetricDataQuery[]; periodSeconds: number; path: string } {
  const loc = { logicalId: r.logicalId, path: 'Properties.Metrics' };
  const metrics = r.prop('Metrics');
  if (metrics !== undefined) {
    // Read as queries first: a Metrics that is not a list is refused there, with its location.
    const queries = metricDataQueries(metrics, loc);
    const raw = metrics as { MetricStat?: { Period?: unknown } }[];
    const periods = new Set(raw.flatMap((m) => (m.MetricStat?.Period === undefined ? [] : [Number(m.MetricStat.Period)])));
    if (periods.size > 1) throw new TemplateError(r.logicalId, loc.path, `every metric of a metric math alarm must have the same period (got ${[...periods].join(', ')} s)`);
    return { queries, periodSeconds: [...periods][0] ?? 60, path: loc.path };
  }
  if (r.prop('ExtendedStatistic') !== undefined) {
    throw new TemplateError(r.logicalId, 'Properties.ExtendedStatistic', `the percentile ${String(r.prop('ExtendedStatistic'))} is not one the simulator computes: it keeps statistic sets (SampleCount, Sum, Minimum, Maximum), not every value`);
  }
  const metric = metricOf({ Namespace: r.prop('Namespace'), MetricName: r.prop('MetricName'), Dimensions: r.prop('Dimensions') }, r.prop('Statistic'), { logicalId: r.logicalId, path: 'Properties' }, 'Properties.Statistic');
  return { queries: [{ id: 'm1', metric, returnData: true }], periodSeconds: required(r, 'Period'), path: 'Properties' };
}

/** Reads an AWS::CloudWatch::Alarm; a comparison against an anomaly band is refused (the simulator has no band model). */
export function alarmFromTemplate(r: TemplateResource, world: SimulationWorld): CloudWatchAlarm {
  const comparison = r.stringProp('ComparisonOperator') as ComparisonOperator;
  if (!(comparison in COMPARISONS)) {
    throw new TemplateError(r.logicalId, 'Properties.ComparisonOperator', `${comparison} is not simulated (only the four threshold comparisons are; anomaly detection bands are not modelled)`);
  }
  const treat = (r.stringProp('TreatMissingData') ?? 'missing') as TreatMissingData;
  if (!TREAT_MISSING.includes(treat)) throw new TemplateError(r.logicalId, 'Properties.TreatMissingData', `must be one of ${TREAT_MISSING.join(', ')}`);
  const { queries, periodSeconds, path } = alarmQueries(r);
  const evaluationPeriods = required(r, 'EvaluationPeriods');
  const settings: AlarmSettings = {
    logicalId: r.logicalId,
    name: String(r.ref),
    arn: String(r.getAtt('Arn')),
    description: r.stringProp('AlarmDescription'),
    periodMs: periodSeconds * 1000,
    evaluationPeriods,
    datapointsToAlarm: r.numberProp('DatapointsToAlarm') ?? evaluationPeriods,
    threshold: required(r, 'Threshold'),
    comparison,
    treatMissingData: treat,
    actionsEnabled: r.booleanProp('ActionsEnabled') ?? true,
  };
  const state = cloudWatch(world);
  const alarm = new CloudWatchAlarm(world.runtime, settings, new MetricQuerySet(queries, { logicalId: r.logicalId, path }, world.metrics, state));
  world.indexArn(settings.arn, alarm);
  return alarm;
}

/** Binds the alarm's actions once every model exists (a topic or a policy may come later in the template). */
export function linkAlarmActions(r: TemplateResource, alarm: CloudWatchAlarm, world: SimulationWorld): void {
  const lists = { ALARM: 'AlarmActions', OK: 'OKActions', INSUFFICIENT_DATA: 'InsufficientDataActions' } as const;
  for (const [state, prop] of Object.entries(lists) as [keyof typeof lists, string][]) {
    const targets = (r.prop(prop) as unknown[] | undefined) ?? [];
    for (const t of targets) {
      // An ARN known only at deploy (an alarm topic exported by another stack) is no resource of this template:
      // its notifications are traced as not simulated, as those to any target outside the template are.
      alarm.actions[state].push(alarmAction(world, alarm.settings.arn, typeof t === 'string' ? t : isUnresolved(t) ? t.description : JSON.stringify(t)));
    }
  }
}
