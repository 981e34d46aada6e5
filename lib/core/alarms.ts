import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';

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

/**
 * Makes the alarms of a pattern alike: missing data is "not breaching" (an idle queue is healthy),
 * and every alarm notifies the same action, so none is created silent (cdk-nag CloudWatchAlarmAction).
 */
export function createAlarm(scope: Construct, id: string, spec: AlarmSpec, action: cloudwatch.IAlarmAction): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    metric: spec.metric,
    threshold: spec.threshold,
    comparisonOperator: spec.comparisonOperator ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: spec.evaluationPeriods ?? 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: spec.description,
  });
  alarm.addAlarmAction(action);
  return alarm;
}

/** How long a message may wait in a queue before the age alarm fires, by default. */
export const DEFAULT_MAX_MESSAGE_AGE = Duration.minutes(15);
