import { ResourceRef } from '../../resource-ref';
import { FacadeContext } from '../../world/world';
import { ScalingActivity } from './activity';
import { ScalingPolicy } from './policy';
import { ScalableTarget } from './scalable-target';
import { TargetTrackingAlarmSettings } from './settings';
import { autoScaling } from './state';
import { TargetTrackingPolicy } from './target-tracking';

/** `sim.autoscaling`: scalable targets, policies and the scaling activities of both Auto Scaling services. */
export class AutoScalingFacade {
  constructor(private readonly context: FacadeContext) {}

  /** Every scaling activity, in time order; or those of one scalable target or Auto Scaling group. */
  public activities(ref?: ResourceRef): ScalingActivity[] {
    const id = ref === undefined ? undefined : this.context.identify(ref);
    return autoScaling(this.context.world).scalables.flatMap((s) => s.activities)
      .filter((a) => id === undefined || a.resource === id)
      .sort((a, b) => a.time - b.time);
  }

  /** An Application Auto Scaling scalable target: `min`, `max`, `scalable` (desired, in service), `notSimulated`. */
  public target(ref: ResourceRef): ScalableTarget {
    return this.context.model(ref, ScalableTarget, 'an Application Auto Scaling scalable target');
  }

  /** A scaling policy of either service; a target tracking policy shows the alarms Auto Scaling made (`high`, `low`). */
  public policy(ref: ResourceRef): ScalingPolicy {
    return this.context.model(ref, ScalingPolicy, 'a scaling policy');
  }

  /**
   * Sets the shape of the alarms target tracking makes (not stated by AWS, AWS-FACTS §11), before the simulation
   * runs: every target tracking policy's alarms take it.
   */
  public configure(settings: { readonly targetTrackingAlarms?: Partial<TargetTrackingAlarmSettings> }): void {
    const state = autoScaling(this.context.world);
    state.targetTrackingAlarms = { ...state.targetTrackingAlarms, ...settings.targetTrackingAlarms };
    for (const p of state.policies) if (p instanceof TargetTrackingPolicy) p.reshape(state.targetTrackingAlarms);
  }
}
