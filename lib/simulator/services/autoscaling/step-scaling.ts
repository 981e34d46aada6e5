import { SimulationWorld } from '../../world/world';
import { ActionEffect } from '../cloudwatch/alarm';
import { ExecutePolicyInput, ScalingPolicy, ScalingService, aggregate } from './policy';
import { Scalable } from './scalable';

export type AdjustmentType = 'ChangeInCapacity' | 'ExactCapacity' | 'PercentChangeInCapacity';
export type MetricAggregationType = 'Average' | 'Minimum' | 'Maximum';

/** One step: bounds relative to the alarm's threshold (undefined: unbounded), and the adjustment. */
export interface StepAdjustment {
  readonly lower?: number;
  readonly upper?: number;
  readonly adjustment: number;
}

export interface AdjustmentSettings {
  readonly adjustmentType: AdjustmentType;
  /** PercentChangeInCapacity's smallest change. */
  readonly minAdjustmentMagnitude?: number;
}

/** The capacity an adjustment asks for from `base` (PutScalingPolicy's rounding for percentages). */
export function adjustedCapacity(base: number, adjustment: number, s: AdjustmentSettings): number {
  if (s.adjustmentType === 'ExactCapacity') return adjustment;
  if (s.adjustmentType === 'ChangeInCapacity') return base + adjustment;
  const raw = (base * adjustment) / 100;
  // A change between -1 and 1 is one instance; others are rounded toward zero; then at least the minimum magnitude.
  let change = raw > 0 && raw < 1 ? 1 : raw < 0 && raw > -1 ? -1 : Math.trunc(raw);
  if (s.minAdjustmentMagnitude !== undefined && change !== 0 && Math.abs(change) < s.minAdjustmentMagnitude) change = Math.sign(change) * s.minAdjustmentMagnitude;
  return base + change;
}

/**
 * Whether the breach `delta` (aggregated value minus threshold) falls in a step. Above the threshold the lower bound
 * is inclusive and the upper exclusive; below it, the other way round (AWS-FACTS §6: StepAdjustment).
 */
export function stepMatches(step: StepAdjustment, delta: number, above: boolean): boolean {
  const lowerOk = step.lower === undefined || (above ? delta >= step.lower : delta > step.lower);
  const upperOk = step.upper === undefined || (above ? delta < step.upper : delta <= step.upper);
  return lowerOk && upperOk;
}

export interface StepScalingSettings extends AdjustmentSettings {
  readonly steps: readonly StepAdjustment[];
  readonly aggregation: MetricAggregationType;
  /** Application Auto Scaling: the policy's Cooldown. */
  readonly cooldownMs?: number;
  /** EC2 Auto Scaling: EstimatedInstanceWarmup (or the group's default). */
  readonly warmupMs?: number;
}

/**
 * Step scaling: the alarm's datapoints aggregated (MetricAggregationType), their distance from the threshold picks a
 * step, the step's adjustment gives the new capacity. A scale-out during the cooldown (Application Auto Scaling)
 * counts the capacity the last scale-out added, so a repeated alarm adds nothing more than its step asks; one during
 * warm-up (EC2 Auto Scaling) counts warming instances the same way. A scale-in waits for the cooldown after the last
 * scale-in (Application) or for every instance to be warm (EC2).
 */
export class StepScalingPolicy extends ScalingPolicy {
  constructor(logicalId: string, name: string, arn: string, service: ScalingService, public readonly settings: StepScalingSettings) {
    super(logicalId, name, arn, service);
  }

  public attach(_world: SimulationWorld, scalable: Scalable): void {
    this.scalable = scalable;
  }

  public execute(input: ExecutePolicyInput): ActionEffect {
    const scalable = this.scalable;
    const s = this.settings;
    const value = aggregate(input.values, s.aggregation);
    if (!scalable || Number.isNaN(value)) return 'unchanged';
    const above = input.comparison.startsWith('Greater');
    const step = s.steps.find((st) => stepMatches(st, value - input.threshold, above));
    if (!step) return 'unchanged';
    const desired = scalable.desired;
    const asked = adjustedCapacity(desired, step.adjustment, s);
    if (asked > desired) return scalable.scale({ to: Math.max(desired, adjustedCapacity(this.scaleOutBase(scalable), step.adjustment, s)), policy: this.name, alarm: input.alarmName });
    if (asked < desired) {
      if (this.scaleInHeldBack(scalable)) return 'retryLater';
      return scalable.scale({ to: asked, policy: this.name, alarm: input.alarmName });
    }
    return 'unchanged';
  }

  private scaleOutBase(scalable: Scalable): number {
    if (this.service === 'application') {
      const last = scalable.lastScaleOut;
      return last && this.settings.cooldownMs !== undefined && scalable.now < last.at + this.settings.cooldownMs ? last.from : scalable.desired;
    }
    return scalable.desired - scalable.warming(this.settings.warmupMs ?? 0);
  }

  private scaleInHeldBack(scalable: Scalable): boolean {
    if (this.service === 'ec2') return scalable.warming(this.settings.warmupMs ?? 0) > 0;
    const last = scalable.lastScaleIn;
    return last !== undefined && this.settings.cooldownMs !== undefined && scalable.now < last.at + this.settings.cooldownMs;
  }
}

export interface SimpleScalingSettings extends AdjustmentSettings {
  readonly adjustment: number;
  readonly cooldownMs: number;
}

/** EC2 Auto Scaling's simple scaling: one adjustment, then nothing until the cooldown after its own activity ends. */
export class SimpleScalingPolicy extends ScalingPolicy {
  private lastActivity = -Infinity;

  constructor(logicalId: string, name: string, arn: string, public readonly settings: SimpleScalingSettings) {
    super(logicalId, name, arn, 'ec2');
  }

  public attach(_world: SimulationWorld, scalable: Scalable): void {
    this.scalable = scalable;
  }

  public execute(input: ExecutePolicyInput): ActionEffect {
    const scalable = this.scalable;
    if (!scalable) return 'unchanged';
    if (scalable.now < this.lastActivity + this.settings.cooldownMs) return 'retryLater';
    const effect = scalable.scale({ to: adjustedCapacity(scalable.desired, this.settings.adjustment, this.settings), policy: this.name, alarm: input.alarmName });
    if (effect === 'changed') this.lastActivity = scalable.now;
    return effect;
  }
}
