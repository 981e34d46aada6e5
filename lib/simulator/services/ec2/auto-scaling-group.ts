import { TemplateError, TemplateResource, deterministicUuid } from '../../template';
import { BoundCall, RoleCaller } from '../../world/calls';
import { SimulationWorld } from '../../world/world';
import { FleetOwner, QueueWorkerFleet } from '../../workload/fleet';
import { QueueWorker } from '../../workload/queue-worker';
import { WorkerHost } from '../../workload/worker-options';
import { SqsQueue } from '../sqs/queue';
import { instanceRoleArn } from './instance-role';

/**
 * Assumption, not an AWS figure (QueueDepthScaling's `workerStartupTime` default for a group): an instance boots
 * and starts its worker in about five minutes.
 */
export const EC2_INSTANCE_STARTUP_MS = 300_000;

/**
 * An EC2 Auto Scaling group (AWS::AutoScaling::AutoScalingGroup) as a fleet of instances: MinSize, MaxSize and the
 * desired capacity (DesiredCapacity, or MinSize), instances in service after their startup time, instance scale-in
 * protection through `autoscaling:SetInstanceProtection` (and NewInstancesProtectedFromScaleIn), and the group
 * metrics its MetricsCollection names.
 */
export class AutoScalingGroup implements WorkerHost, FleetOwner {
  public readonly description = 'an Auto Scaling group';
  public readonly noun = 'instance';
  public readonly defaultStartupMs = EC2_INSTANCE_STARTUP_MS;
  /** SetInstanceProtection lasts until it is cleared. */
  public readonly defaultProtectionExpiresMs = undefined;
  public readonly logicalId: string;
  public readonly name: string;
  public readonly arn: string;
  public minSize: number;
  public maxSize: number;
  /** NewInstancesProtectedFromScaleIn. */
  public readonly protectsNewWorkers: boolean;
  public readonly fleet: QueueWorkerFleet;
  /** The group metrics collected (MetricsCollection): none unless the template asks. */
  public readonly collectedMetrics: ReadonlySet<string>;
  private readonly roleArn: string | undefined;
  /** The instances' protection call, decided once: every instance names the group with the same role. */
  private protection: BoundCall<'autoscaling:SetInstanceProtection'> | undefined = undefined;

  constructor(private readonly world: SimulationWorld, r: TemplateResource, arn: string) {
    this.logicalId = r.logicalId;
    this.name = String(r.ref);
    this.arn = arn;
    const size = (prop: string) => {
      const v = r.numberProp(prop);
      if (v === undefined) throw new TemplateError(r.logicalId, `Properties.${prop}`, 'is required');
      return v;
    };
    this.minSize = size('MinSize');
    this.maxSize = size('MaxSize');
    this.protectsNewWorkers = r.booleanProp('NewInstancesProtectedFromScaleIn') ?? false;
    this.collectedMetrics = collected(r);
    this.roleArn = instanceRoleArn(world, r);
    this.fleet = new QueueWorkerFleet(world.runtime, this, r.numberProp('DesiredCapacity') ?? this.minSize, EC2_INSTANCE_STARTUP_MS);
  }

  public identity(n: number): { id: string; arn: string } {
    const id = `i-${deterministicUuid(`${this.arn}/${n}`).replace(/-/g, '').slice(0, 17)}`;
    const env = this.world.template.options.environment;
    return { id, arn: `arn:${env.partition}:ec2:${env.region}:${env.account}:instance/${id}` };
  }

  public protect(worker: QueueWorker, enabled: boolean): string | undefined {
    const caller: RoleCaller = { kind: 'role', roleArn: this.roleArn, roleKind: 'instance role', runsIn: this.logicalId };
    this.protection ??= this.world.calls.bind(caller, 'autoscaling:SetInstanceProtection', this.arn);
    const result = this.protection.call({ instanceIds: [worker.id], protectedFromScaleIn: enabled });
    return result.ok ? undefined : result.reason;
  }

  /** A group does not say which queue its instances consume: the test names it. */
  public queueFromTemplate(): SqsQueue | undefined {
    return undefined;
  }
}

const ALL_GROUP_METRICS = ['GroupMinSize', 'GroupMaxSize', 'GroupDesiredCapacity', 'GroupInServiceInstances', 'GroupPendingInstances', 'GroupTotalInstances'];

/** MetricsCollection: each entry lists metrics, or collects them all when it lists none. */
function collected(r: TemplateResource): Set<string> {
  const entries = (r.prop('MetricsCollection') as { Metrics?: string[] }[] | undefined) ?? [];
  return new Set(entries.flatMap((e) => e.Metrics ?? ALL_GROUP_METRICS));
}
