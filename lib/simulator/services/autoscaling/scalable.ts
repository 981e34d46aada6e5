import { SimulationRuntime } from '../../runtime';
import { QueueWorkerFleet } from '../../workload/fleet';
import { ActionEffect } from '../cloudwatch/alarm';
import { ScalingActivity } from './activity';

/** What a policy asks of the capacity it scales. */
export interface ScalingRequest {
  readonly to: number;
  readonly policy: string;
  readonly alarm: string;
}

/** A target tracking policy, as the others of its target see it when they agree on a scale-in. */
export interface TargetTracker {
  readonly high: { readonly state: string } | undefined;
  /** Its AlarmLow (none when DisableScaleIn). */
  readonly low: { readonly state: string; readonly lastValues: readonly number[] } | undefined;
  capacityFor(value: number): number;
}

/**
 * Something Auto Scaling scales: an ECS service's desired count (through its Application Auto Scaling scalable
 * target) or an Auto Scaling group's desired capacity, kept within min and max. It remembers its last scale-out
 * and scale-in, which cooldowns and warm-up are measured from, and the activities it ran.
 */
export class Scalable {
  public readonly activities: ScalingActivity[] = [];
  /** Its target tracking policies: a scale-in needs all of them that may scale in to agree. */
  public readonly targetTrackingPolicies: TargetTracker[] = [];
  /** The last scale-out: when, and the capacity it started from ("capacity already added counts" during the cooldown). */
  public lastScaleOut: { readonly at: number; readonly from: number } | undefined = undefined;
  public lastScaleIn: { readonly at: number } | undefined = undefined;

  constructor(
    private readonly runtime: SimulationRuntime,
    /** The scalable target's or the group's logical id. */
    public readonly logicalId: string,
    /** `service/<cluster>/<service>`, or the group's name: in causes. */
    public readonly resourceId: string,
    public readonly fleet: QueueWorkerFleet,
    public readonly bounds: { readonly min: number; readonly max: number },
  ) {}

  public get now(): number {
    return this.runtime.clock.now;
  }

  public get desired(): number {
    return this.fleet.desired;
  }

  /** Workers in service: RunningTaskCount, GroupInServiceInstances. */
  public get inService(): number {
    return this.fleet.running;
  }

  /** Workers launched less than `warmupMs` ago (EC2 Auto Scaling's warming instances). */
  public warming(warmupMs: number): number {
    const now = this.runtime.clock.now;
    return this.fleet.live.filter((w) => now - w.launchedAt < warmupMs).length;
  }

  public clamp(n: number): number {
    return Math.min(this.bounds.max, Math.max(this.bounds.min, n));
  }

  /**
   * Sets the desired capacity (within min and max) and records the activity; 'unchanged' when it is already there.
   * Policies that act at the same instant do not undo each other: the largest capacity asked for wins (Application
   * Auto Scaling's PutScalingPolicy: "precedence to the policy that provides the largest capacity").
   */
  public scale(request: ScalingRequest): ActionEffect {
    const from = this.desired;
    const to = this.clamp(request.to);
    if (to === from) return 'unchanged';
    const now = this.runtime.clock.now;
    if (to < from && this.lastScaleOut?.at === now) return 'unchanged';
    if (to > from) this.lastScaleOut = { at: now, from };
    else this.lastScaleIn = { at: now };
    const cause = `monitor alarm ${request.alarm} in state ALARM triggered policy ${request.policy} changing the desired capacity from ${from} to ${to}`;
    this.activities.push({ time: now, resource: this.logicalId, policy: request.policy, alarm: request.alarm, from, to, cause });
    this.runtime.record('autoscaling.scaled', this.logicalId, undefined, cause, { policy: request.policy, alarm: request.alarm, from, to });
    this.fleet.setDesired(to);
    return 'changed';
  }
}
