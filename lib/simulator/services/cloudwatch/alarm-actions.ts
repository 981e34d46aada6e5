import { BoundCall, ServiceCaller } from '../../world/calls';
import { SimulationWorld } from '../../world/world';
import { ActionEffect, AlarmAction, AlarmStateChange, CloudWatchAlarm } from './alarm';

/**
 * An alarm's actions, as CloudWatch runs them: an SNS topic of the template gets the alarm notification through
 * `sns:Publish`; a scaling policy of the template is executed through `autoscaling:ExecutePolicy` (at every
 * evaluation while the alarm stays in the state, as AWS does for Auto Scaling actions); anything else (EC2, SSM,
 * Lambda, a topic outside the template) is traced as not simulated.
 */

/** The names CloudWatch's notifications use for a Region (only those seen in tests; others show the code). */
const REGION_NAMES: Record<string, string> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-west-2': 'US West (Oregon)',
  'eu-west-1': 'EU (Ireland)',
  'eu-central-1': 'EU (Frankfurt)',
};

function cloudWatchCaller(world: SimulationWorld, alarmArn: string): ServiceCaller {
  return { kind: 'service', principal: 'cloudwatch.amazonaws.com', sourceArn: alarmArn, sourceAccount: world.template.options.environment.account };
}

/** The JSON CloudWatch publishes to a topic on a state change (the fields of its alarm notification). */
export function alarmNotification(world: SimulationWorld, alarm: CloudWatchAlarm, change: AlarmStateChange): { subject: string; message: string } {
  const env = world.template.options.environment;
  const region = REGION_NAMES[env.region] ?? env.region;
  const s = alarm.settings;
  const list = (state: keyof CloudWatchAlarm['actions']) => alarm.actions[state].map((a) => a.target);
  const message = JSON.stringify({
    AlarmName: s.name,
    AlarmDescription: s.description ?? null,
    AWSAccountId: env.account,
    NewStateValue: change.to,
    NewStateReason: change.reason,
    StateChangeTime: new Date(world.runtime.epoch(change.time)).toISOString().replace('Z', '+0000'),
    Region: region,
    AlarmArn: s.arn,
    OldStateValue: change.from,
    OKActions: list('OK'),
    AlarmActions: list('ALARM'),
    InsufficientDataActions: list('INSUFFICIENT_DATA'),
    Trigger: {
      Period: s.periodMs / 1000,
      EvaluationPeriods: s.evaluationPeriods,
      DatapointsToAlarm: s.datapointsToAlarm,
      ComparisonOperator: s.comparison,
      Threshold: s.threshold,
      TreatMissingData: s.treatMissingData,
      Metrics: alarm.queries.description,
    },
  });
  // SNS caps a subject at 100 characters.
  return { subject: `${change.to}: "${s.name}" in ${region}`.slice(0, 100), message };
}

class TopicAction implements AlarmAction {
  public readonly repeats = false;
  constructor(private readonly world: SimulationWorld, public readonly target: string, private readonly publish: BoundCall<'sns:Publish'>) {}

  public invoke(alarm: CloudWatchAlarm, _values: readonly number[], change: AlarmStateChange | undefined): ActionEffect {
    if (!change) return 'unchanged';
    const result = this.publish.call(alarmNotification(this.world, alarm, change));
    if (result.ok) this.world.runtime.record('cloudwatch.actionInvoked', alarm.settings.logicalId, undefined, undefined, { alarm: alarm.name, state: change.to, target: this.target, snsMessageId: result.output.messageId });
    else this.world.runtime.record('cloudwatch.actionFailed', alarm.settings.logicalId, undefined, result.reason, { alarm: alarm.name, state: change.to, target: this.target });
    return 'changed';
  }
}

class ScalingAction implements AlarmAction {
  public readonly repeats = true;
  constructor(private readonly world: SimulationWorld, public readonly target: string, private readonly execute: BoundCall<'autoscaling:ExecutePolicy'>) {}

  public invoke(alarm: CloudWatchAlarm, values: readonly number[]): ActionEffect {
    const s = alarm.settings;
    const result = this.execute.call({ alarmName: s.name, alarmArn: s.arn, state: alarm.state, threshold: s.threshold, comparison: s.comparison, values });
    if (result.ok) return result.output.effect;
    this.world.runtime.record('cloudwatch.actionFailed', alarm.settings.logicalId, undefined, result.reason, { alarm: alarm.name, target: this.target });
    return 'unchanged';
  }
}

class UnsimulatedAction implements AlarmAction {
  public readonly repeats = false;
  constructor(private readonly world: SimulationWorld, public readonly target: string) {}

  public invoke(alarm: CloudWatchAlarm, _values: readonly number[], change: AlarmStateChange | undefined): ActionEffect {
    if (change) this.world.runtime.record('cloudwatch.actionNotSimulated', alarm.settings.logicalId, undefined, `${this.target} is not an SNS topic or a scaling policy of the template`, { alarm: alarm.name, state: change.to });
    return 'unchanged';
  }
}

/** The action an alarm's `AlarmActions` / `OKActions` / `InsufficientDataActions` entry stands for, decided once. */
export function alarmAction(world: SimulationWorld, alarmArn: string, target: string): AlarmAction {
  const caller = cloudWatchCaller(world, alarmArn);
  const publish = world.calls.bind(caller, 'sns:Publish', target);
  if (publish.found) return new TopicAction(world, target, publish);
  const execute = world.calls.bind(caller, 'autoscaling:ExecutePolicy', target);
  if (execute.found) return new ScalingAction(world, target, execute);
  return new UnsimulatedAction(world, target);
}
