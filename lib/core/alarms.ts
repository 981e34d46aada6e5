import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { CLOUDWATCH_LIMITS } from './limits';

/** One alarm a pattern makes: what it watches and when it fires. */
export interface AlarmSpec {
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  /** @default GREATER_THAN_OR_EQUAL_TO_THRESHOLD */
  readonly comparisonOperator?: cloudwatch.ComparisonOperator;
  /** @default 1 */
  readonly evaluationPeriods?: number;
  /** Shown in the console and in notifications: what is wrong and what to look at first. */
  readonly description: string;
}

/** What an alarm made through `createAlarm` watches, per stack: the key is the metric and the direction. */
const alarmsByStack = new WeakMap<Stack, Map<string, MadeAlarm>>();

interface MadeAlarm {
  readonly alarm: cloudwatch.Alarm;
  /** The alarm actions it notifies, resolved, so an action is never added twice. */
  readonly actions: Set<string>;
  readonly descriptions: string[];
}

/**
 * Makes the alarms of a pattern alike: missing data is "not breaching" (an idle queue is healthy),
 * and every alarm notifies the same action, so none is created silent (cdk-nag CloudWatchAlarmAction).
 *
 * The same metric is never watched twice in one stack. Two patterns that compose (a fan-out's queue
 * consumed by a QueueConsumer) both alarm on the queue's dead-letter depth and oldest-message age; the
 * second `createAlarm` for the same metric (namespace, name, dimensions, statistic, period) and the same
 * direction returns the first alarm, merged so that it fires whenever either would have: the stricter
 * threshold, the fewer evaluation periods, both descriptions and both actions. A metric math expression,
 * or a threshold that is a token, is not merged: it gets an alarm of its own.
 */
export function createAlarm(scope: Construct, id: string, spec: AlarmSpec, action: cloudwatch.IAlarmAction): cloudwatch.Alarm {
  const operator = spec.comparisonOperator ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
  const evaluationPeriods = spec.evaluationPeriods ?? 1;
  const stack = Stack.of(scope);
  const key = watchKey(stack, spec.metric, operator, spec.threshold);
  const byMetric = alarmsByStack.get(stack) ?? new Map<string, MadeAlarm>();
  alarmsByStack.set(stack, byMetric);
  const existing = key === undefined ? undefined : byMetric.get(key);
  if (existing) {
    merge(existing, { ...spec, evaluationPeriods }, operator);
    notify(existing, action);
    return existing.alarm;
  }
  const alarm = new cloudwatch.Alarm(scope, id, {
    metric: spec.metric,
    threshold: spec.threshold,
    comparisonOperator: operator,
    evaluationPeriods,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    // CloudWatch takes 1,024 characters (cfn-lint E3033); a description naming a long user-given name is cut, not refused.
    alarmDescription: spec.description.slice(0, CLOUDWATCH_LIMITS.alarmDescription.max),
  });
  const made: MadeAlarm = { alarm, actions: new Set(), descriptions: [spec.description] };
  notify(made, action);
  if (key !== undefined) byMetric.set(key, made);
  return alarm;
}

/** The identity of what an alarm watches; undefined for what is never merged (math, token thresholds). */
function watchKey(stack: Stack, metric: cloudwatch.IMetric, operator: cloudwatch.ComparisonOperator, threshold: number): string | undefined {
  const stat = metric.toMetricConfig().metricStat;
  if (!stat || Token.isUnresolved(threshold)) return undefined;
  const dimensions = [...(stat.dimensions ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return JSON.stringify(stack.resolve({
    namespace: stat.namespace,
    metricName: stat.metricName,
    dimensions: dimensions.map((d) => [d.name, d.value]),
    statistic: stat.statistic,
    period: stat.period.toSeconds(),
    account: stat.account,
    region: stat.region,
    unit: stat.unitFilter,
    direction: lowerThresholdIsStricter(operator) ? 'above' : 'below',
  }));
}

/** For "greater than" alarms a lower threshold fires sooner; for "less than" ones a higher threshold does. */
function lowerThresholdIsStricter(operator: cloudwatch.ComparisonOperator): boolean {
  return operator === cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD
    || operator === cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;
}

/** Folds a second spec into the alarm, so the alarm fires whenever either spec would. */
function merge(made: MadeAlarm, spec: AlarmSpec & { evaluationPeriods: number }, operator: cloudwatch.ComparisonOperator): void {
  const cfn = made.alarm.node.defaultChild as cloudwatch.CfnAlarm;
  const current = cfn.threshold as number;
  const stricter = lowerThresholdIsStricter(operator) ? Math.min(current, spec.threshold) : Math.max(current, spec.threshold);
  if (stricter !== current) {
    cfn.threshold = stricter;
    // Of "> t" and ">= t" the inclusive one fires on more values.
    cfn.comparisonOperator = operator;
  } else if (stricter === spec.threshold && isInclusive(operator)) {
    cfn.comparisonOperator = operator;
  }
  cfn.evaluationPeriods = Math.min(cfn.evaluationPeriods ?? spec.evaluationPeriods, spec.evaluationPeriods);
  if (!made.descriptions.includes(spec.description)) {
    made.descriptions.push(spec.description);
    cfn.alarmDescription = made.descriptions.join(' Also: ').slice(0, CLOUDWATCH_LIMITS.alarmDescription.max);
  }
}

function isInclusive(operator: cloudwatch.ComparisonOperator): boolean {
  return operator === cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD
    || operator === cloudwatch.ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD;
}

function notify(made: MadeAlarm, action: cloudwatch.IAlarmAction): void {
  const arn = JSON.stringify(Stack.of(made.alarm).resolve(action.bind(made.alarm, made.alarm).alarmActionArn));
  if (made.actions.has(arn)) return;
  made.actions.add(arn);
  made.alarm.addAlarmAction(action);
}

/** How long a message may wait in a queue before the age alarm fires, by default. */
export const DEFAULT_MAX_MESSAGE_AGE = Duration.minutes(15);

/**
 * Which of a pattern's alarms to make: `false` for none, `true` (or nothing) for all, or one flag per
 * alarm, each `true` unless set to `false`. An alarm turned off can be replaced with the pattern's
 * `metric…` methods and an alarm of your own.
 */
export type AlarmSelection<K extends string> = boolean | { readonly [name in K]?: boolean };

/** Whether the selection asks for the alarm called `name`. */
export function alarmWanted<K extends string>(selection: AlarmSelection<K> | undefined, name: K): boolean {
  if (selection === undefined || typeof selection === 'boolean') return selection ?? true;
  return selection[name] ?? true;
}
