import { TemplateResource, deterministicUuid } from '../../template';
import { BoundCall, RoleCaller } from '../../world/calls';
import { SimulationWorld } from '../../world/world';
import { FleetOwner, QueueWorkerFleet } from '../../workload/fleet';
import { QueueWorker } from '../../workload/queue-worker';
import { WorkerHost } from '../../workload/worker-options';
import { SqsQueue } from '../sqs/queue';

/**
 * Assumption, not an AWS figure (QueueDepthScaling's `workerStartupTime` default for ECS): a Fargate task pulling
 * a small image is in service in about a minute.
 */
export const ECS_TASK_STARTUP_MS = 60_000;
/** The worker example's `ecsTaskProtection(agentUri, expiresInMinutes = 60)`; the ECS API's own default is 120 (AWS-FACTS §13). */
export const ECS_PROTECTION_EXPIRES_MS = 60 * 60_000;
/** CloudFormation creates a service without DesiredCount with one task (AWS::ECS::Service DesiredCount). */
const DEFAULT_DESIRED_COUNT = 1;

/** Whether Container Insights is on for a cluster of the template: `enabled` or `enhanced` (AWS-FACTS §13). */
function containerInsights(world: SimulationWorld, clusterName: string): 'on' | 'off' | 'unknown' {
  const cluster = world.template.ofType('AWS::ECS::Cluster').find((c) => c.ref === clusterName);
  if (!cluster) return 'unknown';
  const settings = (cluster.prop('ClusterSettings') as { Name?: string; Value?: string }[] | undefined) ?? [];
  const value = settings.find((s) => s.Name === 'containerInsights')?.Value;
  return value === 'enabled' || value === 'enhanced' ? 'on' : 'off';
}

/** The container environment values of the service's task definition, and its task role. */
function taskDefinition(world: SimulationWorld, ref: unknown): { roleArn: string | undefined; environment: string[] } {
  const td = world.template.ofType('AWS::ECS::TaskDefinition').find((t) => t.ref === ref);
  if (!td) return { roleArn: undefined, environment: [] };
  const containers = (td.prop('ContainerDefinitions') as { Environment?: { Value?: unknown }[] }[] | undefined) ?? [];
  const environment = containers.flatMap((c) => (c.Environment ?? []).map((e) => e.Value)).filter((v): v is string => typeof v === 'string');
  const role = td.prop('TaskRoleArn');
  return { roleArn: typeof role === 'string' ? role : undefined, environment };
}

/**
 * An ECS service (AWS::ECS::Service) as a fleet of tasks: the desired count (DesiredCount, or 1), tasks in
 * service after their startup time, task scale-in protection through `ecs:UpdateTaskProtection`, and the
 * metrics a scaling policy reads: Container Insights' RunningTaskCount, DesiredTaskCount and PendingTaskCount
 * (only when Container Insights is on for the cluster, as on AWS), and AWS/ECS CPUUtilization.
 */
export class EcsService implements WorkerHost, FleetOwner {
  public readonly description = 'an ECS service';
  public readonly noun = 'task';
  public readonly defaultStartupMs = ECS_TASK_STARTUP_MS;
  public readonly defaultProtectionExpiresMs = ECS_PROTECTION_EXPIRES_MS;
  public readonly logicalId: string;
  public readonly name: string;
  public readonly arn: string;
  public readonly clusterName: string;
  public readonly containerInsights: 'on' | 'off' | 'unknown';
  public readonly fleet: QueueWorkerFleet;
  private readonly taskRoleArn: string | undefined;
  private readonly environment: readonly string[];
  /** Each task's protection call, decided once (its role's policies do not change during a run). */
  private readonly protection = new WeakMap<QueueWorker, BoundCall<'ecs:UpdateTaskProtection'>>();

  constructor(private readonly world: SimulationWorld, r: TemplateResource) {
    this.logicalId = r.logicalId;
    this.name = String(r.getAtt('Name'));
    this.arn = String(r.ref);
    const cluster = r.stringProp('Cluster');
    this.clusterName = cluster === undefined ? 'default' : cluster.slice(cluster.lastIndexOf('/') + 1);
    this.containerInsights = containerInsights(world, this.clusterName);
    const td = taskDefinition(world, r.prop('TaskDefinition'));
    this.taskRoleArn = td.roleArn;
    this.environment = td.environment;
    this.fleet = new QueueWorkerFleet(world.runtime, this, r.numberProp('DesiredCount') ?? DEFAULT_DESIRED_COUNT, ECS_TASK_STARTUP_MS);
  }

  /** `service/<cluster>/<service>`: how Application Auto Scaling names the service (ScalableTarget ResourceId). */
  public get resourceId(): string {
    return `service/${this.clusterName}/${this.name}`;
  }

  public identity(n: number): { id: string; arn: string } {
    const id = deterministicUuid(`${this.arn}/${n}`).replace(/-/g, '');
    const env = this.world.template.options.environment;
    return { id, arn: `arn:${env.partition}:ecs:${env.region}:${env.account}:task/${this.clusterName}/${id}` };
  }

  public protect(worker: QueueWorker, enabled: boolean, expiresMs: number | undefined): string | undefined {
    let call = this.protection.get(worker);
    if (!call) {
      const caller: RoleCaller = { kind: 'role', roleArn: this.taskRoleArn, roleKind: 'task role', runsIn: this.logicalId };
      call = this.world.calls.bind(caller, 'ecs:UpdateTaskProtection', worker.arn);
      this.protection.set(worker, call);
    }
    const expiresInMinutes = expiresMs === undefined ? undefined : Math.ceil(expiresMs / 60_000);
    const result = call.call({ protectionEnabled: enabled, expiresInMinutes });
    return result.ok ? undefined : result.reason;
  }

  /** The queue whose URL, ARN or name the task definition's environment holds, when exactly one does. */
  public queueFromTemplate(world: SimulationWorld): SqsQueue | undefined {
    const named = world.all(SqsQueue).filter((q) => this.environment.some((v) => v === q.settings.url || v === q.arn || v === q.settings.name));
    return named.length === 1 ? named[0] : undefined;
  }
}
