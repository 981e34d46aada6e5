import { deterministicUuid } from '../../template';
import { SimulationWorld } from '../../world/world';
import { ActionEffect, AlarmAction, AlarmSettings, CloudWatchAlarm } from '../cloudwatch/alarm';
import { MetricDataQuery, MetricQuerySet, QueryLocation } from '../cloudwatch/math/metric-queries';
import { cloudWatch } from '../cloudwatch/state';
import { ExecutePolicyInput, ScalingPolicy, ScalingService } from './policy';
import { Scalable, TargetTracker } from './scalable';
import { TargetTrackingAlarmSettings } from './settings';

export interface TargetTrackingSettings {
  readonly targetValue: number;
  readonly disableScaleIn: boolean;
  /** The metric: a customized metric, a predefined one, or metric math, as queries with one returned series. */
  readonly queries: readonly MetricDataQuery[];
  readonly queriesAt: QueryLocation;
  /** Application Auto Scaling's cooldowns. */
  readonly scaleOutCooldownMs?: number;
  readonly scaleInCooldownMs?: number;
  /** EC2 Auto Scaling's EstimatedInstanceWarmup (or the group's default). */
  readonly warmupMs?: number;
}

const latest = (values: readonly number[]): number => {
  for (let i = values.length - 1; i >= 0; i--) if (!Number.isNaN(values[i])) return values[i];
  return NaN;
};

/**
 * Target tracking: Auto Scaling makes two alarms on the policy's metric (AlarmHigh above the target, AlarmLow below
 * a lower threshold; their shapes are settings, AWS-FACTS §11) and, while one is in ALARM, sets the capacity in
 * proportion: in-service capacity x metric / target, rounded up (from zero in service: one, the "minimal amount"
 * of AWS-FACTS §13). A scale-out never lowers the desired capacity (capacity being added counts) and, on
 * Application Auto Scaling, waits for the scale-out cooldown of the last one; a scale-in waits for the scale-in
 * cooldown (Application) or for warm instances (EC2), and happens only when every target tracking policy of the
 * same target that may scale in is ready to and none wants to scale out (AWS-FACTS §6), to the largest capacity
 * they ask for.
 */
export class TargetTrackingPolicy extends ScalingPolicy implements TargetTracker {
  public high: CloudWatchAlarm | undefined = undefined;
  public low: CloudWatchAlarm | undefined = undefined;

  constructor(logicalId: string, name: string, arn: string, service: ScalingService, public readonly settings: TargetTrackingSettings, private alarmShape: TargetTrackingAlarmSettings) {
    super(logicalId, name, arn, service);
  }

  public attach(world: SimulationWorld, scalable: Scalable): void {
    this.scalable = scalable;
    scalable.targetTrackingPolicies.push(this);
    const cw = cloudWatch(world);
    const queries = new MetricQuerySet(this.settings.queries, this.settings.queriesAt, world.metrics, cw);
    const make = (kind: 'AlarmHigh' | 'AlarmLow', onAlarm: (values: readonly number[], alarm: string) => ActionEffect) => {
      const env = world.template.options.environment;
      const name = `TargetTracking-${scalable.resourceId}-${kind}-${deterministicUuid(`${this.arn}/${kind}`)}`;
      const alarm = new CloudWatchAlarm(world.runtime, this.alarmSettings(kind, name, `arn:${env.partition}:cloudwatch:${env.region}:${env.account}:alarm:${name}`), queries);
      const action: AlarmAction = { target: this.arn, repeats: true, invoke: (a, values) => onAlarm(values, a.name) };
      alarm.actions.ALARM.push(action);
      cw.evaluator.add(alarm);
      return alarm;
    };
    this.high = make('AlarmHigh', (values, alarm) => this.scaleOut(values, alarm));
    if (!this.settings.disableScaleIn) this.low = make('AlarmLow', (values, alarm) => this.scaleIn(values, alarm));
    cw.evaluateAlarms();
  }

  /** Applies new alarm shapes (before the simulation runs: the alarms keep no history yet). */
  public reshape(shape: TargetTrackingAlarmSettings): void {
    this.alarmShape = shape;
    if (this.high) this.high.reconfigure(this.alarmSettings('AlarmHigh', this.high.name, this.high.settings.arn));
    if (this.low) this.low.reconfigure(this.alarmSettings('AlarmLow', this.low.name, this.low.settings.arn));
  }

  /** Template alarms do not run a target tracking policy: only its own alarms do. */
  public execute(_input: ExecutePolicyInput): ActionEffect {
    return 'unchanged';
  }

  /** What this policy asks for with the latest value of its metric. */
  public capacityFor(value: number): number {
    const inService = this.scalable!.inService;
    if (inService === 0) return value > this.settings.targetValue ? 1 : 0;
    // The small allowance keeps a ratio that is exactly on target from rounding up through floating point noise.
    return Math.ceil((inService * value) / this.settings.targetValue - 1e-9);
  }

  private scaleOut(values: readonly number[], alarm: string): ActionEffect {
    const scalable = this.scalable!;
    const value = latest(values);
    if (Number.isNaN(value)) return 'unchanged';
    const to = Math.max(scalable.desired, this.capacityFor(value));
    if (to <= scalable.desired) return 'unchanged';
    // Application Auto Scaling: no scale-out starts within the scale-out cooldown of the last one (the metric still
    // shows the capacity before it). EC2 Auto Scaling has no cooldown here: warming capacity counts as desired.
    const last = scalable.lastScaleOut;
    if (this.service === 'application' && last && scalable.now < last.at + (this.settings.scaleOutCooldownMs ?? 0)) return 'retryLater';
    return scalable.scale({ to, policy: this.name, alarm });
  }

  private scaleIn(values: readonly number[], alarm: string): ActionEffect {
    const scalable = this.scalable!;
    const value = latest(values);
    if (Number.isNaN(value)) return 'unchanged';
    let to = this.capacityFor(value);
    if (to >= scalable.desired) return 'unchanged';
    if (this.heldBack(scalable)) return 'retryLater';
    for (const other of scalable.targetTrackingPolicies) {
      if (other === this) continue;
      // A policy that wants more capacity vetoes a scale-in, even one that may not scale in itself.
      if (other.high?.state === 'ALARM') return 'unchanged';
      if (!other.low) continue;
      if (other.low.state !== 'ALARM') return 'unchanged';
      to = Math.max(to, other.capacityFor(latest(other.low.lastValues)));
    }
    return to < scalable.desired ? scalable.scale({ to, policy: this.name, alarm }) : 'unchanged';
  }

  private heldBack(scalable: Scalable): boolean {
    if (this.service === 'ec2') return scalable.warming(this.settings.warmupMs ?? 0) > 0;
    const last = scalable.lastScaleIn;
    return last !== undefined && scalable.now < last.at + (this.settings.scaleInCooldownMs ?? 0);
  }

  private alarmSettings(kind: 'AlarmHigh' | 'AlarmLow', name: string, arn: string): AlarmSettings {
    const shape = this.alarmShape;
    const high = kind === 'AlarmHigh';
    const periods = high ? shape.highEvaluationPeriods : shape.lowEvaluationPeriods;
    return {
      logicalId: this.logicalId,
      name,
      arn,
      description: `${kind} of the target tracking policy ${this.name}: made by Auto Scaling (shape: AWS-FACTS §11)`,
      periodMs: shape.periodSeconds * 1000,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      threshold: high ? this.settings.targetValue : this.settings.targetValue * shape.lowThresholdRatio,
      comparison: high ? 'GreaterThanThreshold' : 'LessThanThreshold',
      // Missing data leaves a target tracking alarm in INSUFFICIENT_DATA: no scaling (AWS-FACTS §6).
      treatMissingData: 'missing',
      actionsEnabled: true,
    };
  }
}
