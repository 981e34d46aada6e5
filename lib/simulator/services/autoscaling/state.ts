import { SimulationWorld } from '../../world/world';
import { AutoScalingGroup } from '../ec2/auto-scaling-group';
import { ScalingPolicy } from './policy';
import { Scalable } from './scalable';
import { DEFAULT_TARGET_TRACKING_ALARMS, TargetTrackingAlarmSettings } from './settings';

/** What Auto Scaling holds for one simulation: what it scales, its policies, the shape of target tracking alarms. */
export class AutoScalingState {
  public readonly scalables: Scalable[] = [];
  public readonly policies: ScalingPolicy[] = [];
  public targetTrackingAlarms: TargetTrackingAlarmSettings = DEFAULT_TARGET_TRACKING_ALARMS;
  private readonly groups = new Map<AutoScalingGroup, Scalable>();

  constructor(private readonly world: SimulationWorld) {}

  /** The capacity of a group, as its policies scale it (one per group, made on first use). */
  public groupScalable(group: AutoScalingGroup): Scalable {
    let s = this.groups.get(group);
    if (!s) {
      s = new Scalable(this.world.runtime, group.logicalId, group.name, group.fleet, { get min() { return group.minSize; }, get max() { return group.maxSize; } });
      this.groups.set(group, s);
      this.scalables.push(s);
    }
    return s;
  }
}

const states = new WeakMap<SimulationWorld, AutoScalingState>();

/** The Auto Scaling state of a simulation, made on first use. */
export function autoScaling(world: SimulationWorld): AutoScalingState {
  let s = states.get(world);
  if (!s) {
    s = new AutoScalingState(world);
    states.set(world, s);
  }
  return s;
}
