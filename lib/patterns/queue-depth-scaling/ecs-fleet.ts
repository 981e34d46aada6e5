import { CfnResource, Names, Stack } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { SCALING_LIMITS } from '../../core';
import { capacityMetric, renderMetricQuery } from './backlog-metrics';
import { QUEUE_DEPTH_SCALING_DEFAULTS as D } from './defaults';
import { BacklogPolicySpec, ScaleFromZeroSpec, WorkerFleet, sameResolved, scalesOnCpuOrMemory } from './worker-fleet';

/** Container Insights' per-service gauges (namespace `ECS/ContainerInsights`, AWS-FACTS §13). */
const CONTAINER_INSIGHTS = 'ECS/ContainerInsights';
const ON = ['enabled', 'enhanced'];

interface ClusterSetting { readonly name?: string; readonly value?: string }

/**
 * Whether Container Insights is on for the service's cluster. A cluster made in this app with the setting
 * left out has it turned on here (when allowed): the backlog policy cannot work without `RunningTaskCount`.
 */
function ensureContainerInsights(cluster: ecs.ICluster, mayEnable: boolean): 'on' | 'off' | 'unknown' {
  const cfn = cluster.node.defaultChild;
  if (!(cfn instanceof ecs.CfnCluster)) return 'unknown';
  const settings = (Stack.of(cfn).resolve(cfn.clusterSettings) ?? []) as ClusterSetting[];
  const setting = settings.find((s) => s.name === 'containerInsights');
  if (setting) return ON.includes(String(setting.value)) ? 'on' : 'off';
  if (!mayEnable) return 'off';
  cfn.clusterSettings = [...settings, { name: 'containerInsights', value: 'enabled' }];
  return 'on';
}

/** An ECS service scaled through Application Auto Scaling (`ecs:service:DesiredCount`). */
export class EcsFleet implements WorkerFleet {
  public readonly prop = 'service';
  public readonly noun = 'ECS service';
  public readonly defaultStartupTime = D.ecsStartupTime;
  public readonly capacityLimit = SCALING_LIMITS.ecsTasksPerService;
  public readonly metrics;
  public readonly role: iam.IRole;
  public readonly containerInsights: 'on' | 'off' | 'unknown';
  private target?: appscaling.ScalableTarget;

  constructor(private readonly service: ecs.BaseService, enableContainerInsights: boolean) {
    const dimensions = { ClusterName: service.cluster.clusterName, ServiceName: service.serviceName };
    this.metrics = {
      inService: capacityMetric(CONTAINER_INSIGHTS, 'RunningTaskCount', dimensions),
      desired: capacityMetric(CONTAINER_INSIGHTS, 'DesiredTaskCount', dimensions),
    };
    this.role = service.taskDefinition.taskRole;
    this.containerInsights = ensureContainerInsights(service.cluster, enableContainerInsights);
  }

  /**
   * Enables scaling of the service's task count, or takes over the scalable target a user made with
   * `autoScaleTaskCount` (a service has only one): its range becomes the pattern's.
   */
  public setCapacity(_scope: Construct, minCapacity: number, maxCapacity: number): void {
    const existing = this.service.node.tryFindChild('TaskCount')?.node.tryFindChild('Target');
    if (existing instanceof appscaling.ScalableTarget) {
      const cfn = existing.node.defaultChild as appscaling.CfnScalableTarget;
      cfn.minCapacity = minCapacity;
      cfn.maxCapacity = maxCapacity;
      this.target = existing;
      return;
    }
    this.service.autoScaleTaskCount({ minCapacity, maxCapacity });
    this.target = this.service.node.findChild('TaskCount').node.findChild('Target') as appscaling.ScalableTarget;
  }

  public backlogPolicy(scope: Construct, id: string, spec: BacklogPolicySpec): CfnResource {
    return this.policy(scope, id, {
      policyType: 'TargetTrackingScaling',
      targetTrackingScalingPolicyConfiguration: {
        targetValue: spec.targetValue,
        customizedMetricSpecification: { metrics: spec.queries.map(renderMetricQuery) },
        scaleOutCooldown: spec.scaleOutCooldown.toSeconds(),
        scaleInCooldown: spec.scaleInCooldown.toSeconds(),
        disableScaleIn: false,
      },
    });
  }

  public scaleFromZeroPolicy(scope: Construct, id: string, spec: ScaleFromZeroSpec): CfnResource {
    return this.policy(scope, id, {
      policyType: 'StepScaling',
      stepScalingPolicyConfiguration: {
        adjustmentType: 'ChangeInCapacity',
        // While the cooldown runs, capacity already added counts toward the next scale-out (AWS-FACTS §6):
        // an alarm that stays in ALARM until the first task shows up adds that one task, not one a minute.
        cooldown: spec.cooldown.toSeconds(),
        metricAggregationType: 'Maximum',
        stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 1 }],
      },
    });
  }

  /** Tasks of this cluster only: task ids are made at run time, so the task part is a wildcard. */
  public protectionStatement(): iam.PolicyStatement {
    return new iam.PolicyStatement({
      actions: ['ecs:UpdateTaskProtection'],
      resources: [Stack.of(this.service).formatArn({ service: 'ecs', resource: 'task', resourceName: `${this.service.cluster.clusterName}/*` })],
    });
  }

  public competingPolicies(ours: readonly CfnResource[]): string[] {
    const target = this.scalableTarget();
    return Stack.of(this.service).node.findAll()
      .filter((c): c is appscaling.CfnScalingPolicy => c instanceof appscaling.CfnScalingPolicy && !ours.includes(c))
      .filter((p) => sameResolved(p, p.scalingTargetId, target.scalableTargetId))
      .filter((p) => scalesOnCpuOrMemory(p, p.targetTrackingScalingPolicyConfiguration))
      .map((p) => p.node.path);
  }

  private scalableTarget(): appscaling.ScalableTarget {
    if (!this.target) throw new Error('setCapacity must run before the policies are made');
    return this.target;
  }

  private policy(scope: Construct, id: string, props: Omit<appscaling.CfnScalingPolicyProps, 'policyName' | 'scalingTargetId'>): CfnResource {
    const policy = new appscaling.CfnScalingPolicy(scope, id, {
      ...props,
      policyName: id,
      scalingTargetId: this.scalableTarget().scalableTargetId,
    });
    // Application Auto Scaling requires a name, unique per scalable target: the construct path makes it so.
    policy.policyName = Names.uniqueResourceName(policy, { maxLength: 255 });
    return policy;
  }
}
