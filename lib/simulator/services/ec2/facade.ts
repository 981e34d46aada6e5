import { ResourceRef } from '../../resource-ref';
import { FacadeContext } from '../../world/world';
import { AutoScalingGroup } from './auto-scaling-group';

/** `sim.ec2`: Auto Scaling groups as fleets of instances (their workers are configured with `sim.workload.workers`). */
export class Ec2Facade {
  constructor(private readonly context: FacadeContext) {}

  /** The group model: `fleet` (desired, running, starting, live instances, totals), `minSize`, `maxSize`. */
  public group(ref: ResourceRef): AutoScalingGroup {
    return this.context.model(ref, AutoScalingGroup, 'an Auto Scaling group');
  }
}
