import { AwsActions } from '../../world/calls';
import { SimulationWorld } from '../../world/world';
import { ActionEffect } from '../cloudwatch/alarm';
import { Scalable } from './scalable';

export type ExecutePolicyInput = AwsActions['autoscaling:ExecutePolicy']['input'];

/** Which Auto Scaling service a policy belongs to: it decides cooldowns (Application) or warm-up (EC2). */
export type ScalingService = 'application' | 'ec2';

/** A scaling policy of the template (AWS::ApplicationAutoScaling::ScalingPolicy, AWS::AutoScaling::ScalingPolicy). */
export abstract class ScalingPolicy {
  /** What it scales, found when the template is linked (undefined: a target the simulator does not model). */
  public scalable: Scalable | undefined = undefined;

  constructor(
    public readonly logicalId: string,
    public readonly name: string,
    public readonly arn: string,
    public readonly service: ScalingService,
  ) {}

  /** Finds what it scales; target tracking also makes its alarms. */
  public abstract attach(world: SimulationWorld, scalable: Scalable): void;

  /** Runs the policy for an alarm that invoked it. */
  public abstract execute(input: ExecutePolicyInput): ActionEffect;
}

/** The value step scaling compares with its steps: the alarm's datapoints aggregated by MetricAggregationType. */
export function aggregate(values: readonly number[], how: 'Average' | 'Minimum' | 'Maximum'): number {
  const present = values.filter((v) => !Number.isNaN(v));
  if (present.length === 0) return NaN;
  if (how === 'Minimum') return Math.min(...present);
  if (how === 'Maximum') return Math.max(...present);
  return present.reduce((a, b) => a + b, 0) / present.length;
}
