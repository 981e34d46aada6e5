import { ArnFormat, CfnResource, IResolveContext, Stack, Token } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { capacityMetric, renderMetricQuery } from './backlog-metrics';
import { QUEUE_DEPTH_SCALING_DEFAULTS as D } from './defaults';
import { BacklogPolicySpec, ScaleFromZeroSpec, WorkerFleet, sameResolved, scalesOnCpuOrMemory } from './worker-fleet';

/**
 * The group metrics the policies read. EC2 Auto Scaling publishes group metrics only when they are
 * collected (`MetricsCollection`), at one-minute granularity.
 */
const GROUP_METRICS = ['GroupInServiceInstances', 'GroupDesiredCapacity'];

type MetricsCollection = autoscaling.CfnAutoScalingGroup.MetricsCollectionProperty;

/**
 * Adds the group metrics to whatever the group already collects; an entry without a list collects them all.
 * The L1 validates and converts what the token resolves to, so the entries are in its property casing.
 */
function collectGroupMetrics(cfn: autoscaling.CfnAutoScalingGroup): void {
  const original = cfn.metricsCollection;
  cfn.metricsCollection = Token.asAny({
    creationStack: [],
    resolve: (context: IResolveContext) => {
      const existing = (context.resolve(original) ?? []) as MetricsCollection[];
      const all = existing.some((e) => e.metrics === undefined);
      return all ? existing : [...existing, { granularity: '1Minute', metrics: GROUP_METRICS }];
    },
  });
}

/** An EC2 Auto Scaling group scaled by its own scaling policies. */
export class AsgFleet implements WorkerFleet {
  public readonly prop = 'autoScalingGroup';
  public readonly noun = 'Auto Scaling group';
  public readonly defaultStartupTime = D.asgStartupTime;
  // EC2 Auto Scaling sets no limit of its own on a group's size; account quotas (vCPUs) apply.
  public readonly capacityLimit = { name: 'MaxSize', min: 0, max: Infinity, unit: 'count' as const, source: 'EC2 Auto Scaling API-model' };
  public readonly metrics;
  public readonly role: iam.IRole;

  constructor(private readonly group: autoscaling.AutoScalingGroup) {
    const dimensions = { AutoScalingGroupName: group.autoScalingGroupName };
    this.metrics = {
      inService: capacityMetric('AWS/AutoScaling', 'GroupInServiceInstances', dimensions),
      desired: capacityMetric('AWS/AutoScaling', 'GroupDesiredCapacity', dimensions),
    };
    this.role = group.role;
    collectGroupMetrics(this.cfn);
  }

  /** The group's size range becomes the pattern's: its policies can move only within MinSize and MaxSize. */
  public setCapacity(_scope: Construct, minCapacity: number, maxCapacity: number): void {
    this.cfn.minSize = String(minCapacity);
    this.cfn.maxSize = String(maxCapacity);
  }

  public backlogPolicy(scope: Construct, id: string, spec: BacklogPolicySpec): CfnResource {
    // EC2 Auto Scaling target tracking has no cooldowns: a warming instance is left out of the metrics and
    // blocks scale-in until it is warm (AWS-FACTS §6).
    return new autoscaling.CfnScalingPolicy(scope, id, {
      autoScalingGroupName: this.group.autoScalingGroupName,
      policyType: 'TargetTrackingScaling',
      estimatedInstanceWarmup: spec.warmUp.toSeconds(),
      targetTrackingConfiguration: {
        targetValue: spec.targetValue,
        customizedMetricSpecification: { metrics: spec.queries.map(renderMetricQuery) },
        disableScaleIn: false,
      },
    });
  }

  public scaleFromZeroPolicy(scope: Construct, id: string, spec: ScaleFromZeroSpec): CfnResource {
    return new autoscaling.CfnScalingPolicy(scope, id, {
      autoScalingGroupName: this.group.autoScalingGroupName,
      policyType: 'StepScaling',
      adjustmentType: 'ChangeInCapacity',
      estimatedInstanceWarmup: spec.warmUp.toSeconds(),
      metricAggregationType: 'Maximum',
      stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 1 }],
    });
  }

  /**
   * This group only. A group's ARN holds a UUID CloudFormation does not return, so that part is a wildcard;
   * the group name is exact.
   */
  public protectionStatement(): iam.PolicyStatement {
    return new iam.PolicyStatement({
      actions: ['autoscaling:SetInstanceProtection'],
      resources: [Stack.of(this.group).formatArn({
        service: 'autoscaling',
        resource: 'autoScalingGroup',
        resourceName: `*:autoScalingGroupName/${this.group.autoScalingGroupName}`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      })],
    });
  }

  public competingPolicies(ours: readonly CfnResource[]): string[] {
    return Stack.of(this.group).node.findAll()
      .filter((c): c is autoscaling.CfnScalingPolicy => c instanceof autoscaling.CfnScalingPolicy && !ours.includes(c))
      .filter((p) => sameResolved(p, p.autoScalingGroupName, this.group.autoScalingGroupName))
      .filter((p) => scalesOnCpuOrMemory(p, p.targetTrackingConfiguration))
      .map((p) => p.node.path);
  }

  private get cfn(): autoscaling.CfnAutoScalingGroup {
    return this.group.node.defaultChild as autoscaling.CfnAutoScalingGroup;
  }
}
