import { TemplateError, TemplateResource } from '../../template';
import { SimulationWorld } from '../../world/world';
import { MetricDataQuery, QueryLocation, metricDataQueries, metricOf } from '../cloudwatch/math/metric-queries';
import { AutoScalingGroup } from '../ec2/auto-scaling-group';
import { ScalingPolicy, ScalingService } from './policy';
import { ScalableTarget } from './scalable-target';
import { SCALING_DEFAULTS } from './settings';
import { AdjustmentType, MetricAggregationType, SimpleScalingPolicy, StepAdjustment, StepScalingPolicy } from './step-scaling';
import { TargetTrackingPolicy } from './target-tracking';
import { autoScaling } from './state';

type Props = Record<string, unknown>;

/** The predefined metrics the simulator has a model for, as the metric each stands for. */
function predefined(type: unknown, service: ScalingService, dimensions: Record<string, string>, loc: QueryLocation): MetricDataQuery[] {
  const cpu = service === 'application' ? 'ECSServiceAverageCPUUtilization' : 'ASGAverageCPUUtilization';
  if (type !== cpu) {
    throw new TemplateError(loc.logicalId, `${loc.path}.PredefinedMetricType`, `${String(type)} is not simulated (of the predefined metrics only ${cpu} is: the workers model CPU, not memory, network or load balancer requests)`);
  }
  const namespace = service === 'application' ? 'AWS/ECS' : 'AWS/EC2';
  return [{ id: 'm1', metric: { namespace, metricName: 'CPUUtilization', dimensions, stat: 'Average' }, returnData: true }];
}

/** The metric of a target tracking configuration: metric math, a customized metric, or a predefined one. */
function targetTrackingQueries(config: Props, service: ScalingService, cpuDimensions: Record<string, string>, loc: QueryLocation): MetricDataQuery[] {
  const custom = config.CustomizedMetricSpecification as Props | undefined;
  if (custom?.Metrics !== undefined) return metricDataQueries(custom.Metrics, { ...loc, path: `${loc.path}.CustomizedMetricSpecification.Metrics` });
  if (custom) return [{ id: 'm1', metric: metricOf(custom, custom.Statistic, { ...loc, path: `${loc.path}.CustomizedMetricSpecification` }, `${loc.path}.CustomizedMetricSpecification.Statistic`), returnData: true }];
  const pre = config.PredefinedMetricSpecification as Props | undefined;
  if (pre) return predefined(pre.PredefinedMetricType, service, cpuDimensions, { ...loc, path: `${loc.path}.PredefinedMetricSpecification` });
  throw new TemplateError(loc.logicalId, loc.path, 'a target tracking configuration needs a CustomizedMetricSpecification or a PredefinedMetricSpecification');
}

const seconds = (v: unknown): number | undefined => (v === undefined ? undefined : Number(v) * 1000);

function steps(raw: unknown): StepAdjustment[] {
  return ((raw as Props[] | undefined) ?? []).map((s) => ({
    lower: s.MetricIntervalLowerBound === undefined ? undefined : Number(s.MetricIntervalLowerBound),
    upper: s.MetricIntervalUpperBound === undefined ? undefined : Number(s.MetricIntervalUpperBound),
    adjustment: Number(s.ScalingAdjustment),
  }));
}

/** AWS::ApplicationAutoScaling::ScalingPolicy: target tracking or step scaling of a scalable target. */
export function applicationPolicy(r: TemplateResource, world: SimulationWorld): ScalingPolicy {
  const name = r.stringProp('PolicyName') ?? r.logicalId;
  const arn = String(r.ref);
  const type = r.stringProp('PolicyType');
  const state = autoScaling(world);
  if (type === 'TargetTrackingScaling') {
    const c = (r.prop('TargetTrackingScalingPolicyConfiguration') as Props | undefined) ?? {};
    const loc = { logicalId: r.logicalId, path: 'Properties.TargetTrackingScalingPolicyConfiguration' };
    // The predefined ECS metric names the service the policy's resource id names: service/<cluster>/<service>.
    const [, cluster, service] = (applicationResourceId(r) ?? '').split('/');
    const cooldown = (v: unknown) => seconds(v) ?? SCALING_DEFAULTS.ecsCooldownSeconds * 1000;
    return new TargetTrackingPolicy(r.logicalId, name, arn, 'application', {
      targetValue: Number(c.TargetValue),
      disableScaleIn: c.DisableScaleIn === true || c.DisableScaleIn === 'true',
      queries: targetTrackingQueries(c, 'application', { ClusterName: cluster, ServiceName: service }, loc),
      queriesAt: loc,
      scaleOutCooldownMs: cooldown(c.ScaleOutCooldown),
      scaleInCooldownMs: cooldown(c.ScaleInCooldown),
    }, state.targetTrackingAlarms);
  }
  if (type === 'StepScaling') {
    const c = (r.prop('StepScalingPolicyConfiguration') as Props | undefined) ?? {};
    return new StepScalingPolicy(r.logicalId, name, arn, 'application', {
      adjustmentType: (c.AdjustmentType ?? 'ChangeInCapacity') as AdjustmentType,
      minAdjustmentMagnitude: c.MinAdjustmentMagnitude === undefined ? undefined : Number(c.MinAdjustmentMagnitude),
      steps: steps(c.StepAdjustments),
      aggregation: (c.MetricAggregationType ?? 'Average') as MetricAggregationType,
      cooldownMs: seconds(c.Cooldown) ?? SCALING_DEFAULTS.ecsCooldownSeconds * 1000,
    });
  }
  throw new TemplateError(r.logicalId, 'Properties.PolicyType', `${String(type)} is not simulated (TargetTrackingScaling and StepScaling are)`);
}

function applicationResourceId(r: TemplateResource): string | undefined {
  const target = r.prop('ScalingTargetId');
  return typeof target === 'string' && target.includes('|') ? target.split('|')[0] : r.stringProp('ResourceId');
}

/** AWS::AutoScaling::ScalingPolicy: target tracking, step or simple scaling of a group. */
export function groupPolicy(r: TemplateResource, world: SimulationWorld): ScalingPolicy {
  const name = String(r.getAtt('PolicyName'));
  const arn = String(r.ref);
  const type = r.stringProp('PolicyType') ?? 'SimpleScaling';
  const group = r.stringProp('AutoScalingGroupName') ?? '';
  const groupResource = world.template.ofType('AWS::AutoScaling::AutoScalingGroup').find((g) => g.ref === group);
  // EstimatedInstanceWarmup, else the group's DefaultInstanceWarmup, else its DefaultCooldown (AWS-FACTS §6).
  const warmup = seconds(r.prop('EstimatedInstanceWarmup')) ?? seconds(groupResource?.prop('DefaultInstanceWarmup'))
    ?? seconds(groupResource?.prop('Cooldown')) ?? SCALING_DEFAULTS.groupDefaultCooldownSeconds * 1000;
  const adjustment = { adjustmentType: (r.stringProp('AdjustmentType') ?? 'ChangeInCapacity') as AdjustmentType, minAdjustmentMagnitude: r.numberProp('MinAdjustmentMagnitude') };
  if (type === 'TargetTrackingScaling') {
    const c = (r.prop('TargetTrackingConfiguration') as Props | undefined) ?? {};
    const loc = { logicalId: r.logicalId, path: 'Properties.TargetTrackingConfiguration' };
    return new TargetTrackingPolicy(r.logicalId, name, arn, 'ec2', {
      targetValue: Number(c.TargetValue),
      disableScaleIn: c.DisableScaleIn === true || c.DisableScaleIn === 'true',
      queries: targetTrackingQueries(c, 'ec2', { AutoScalingGroupName: group }, loc),
      queriesAt: loc,
      warmupMs: warmup,
    }, autoScaling(world).targetTrackingAlarms);
  }
  if (type === 'StepScaling') {
    return new StepScalingPolicy(r.logicalId, name, arn, 'ec2', {
      ...adjustment,
      steps: steps(r.prop('StepAdjustments')),
      aggregation: (r.stringProp('MetricAggregationType') ?? 'Average') as MetricAggregationType,
      warmupMs: warmup,
    });
  }
  if (type === 'SimpleScaling') {
    return new SimpleScalingPolicy(r.logicalId, name, arn, { ...adjustment, adjustment: r.numberProp('ScalingAdjustment') ?? 0, cooldownMs: seconds(r.prop('Cooldown')) ?? seconds(groupResource?.prop('Cooldown')) ?? SCALING_DEFAULTS.groupDefaultCooldownSeconds * 1000 });
  }
  throw new TemplateError(r.logicalId, 'Properties.PolicyType', `${type} is not simulated (TargetTrackingScaling, StepScaling and SimpleScaling are; predictive scaling only forecasts)`);
}

/** Attaches an Application Auto Scaling policy to its scalable target, once every model exists. */
export function linkApplicationPolicy(r: TemplateResource, policy: ScalingPolicy, world: SimulationWorld): void {
  const resourceId = applicationResourceId(r);
  const target = world.all(ScalableTarget).find((t) => t.resourceId === resourceId);
  if (target?.scalable) policy.attach(world, target.scalable);
}

/** Attaches a group's policy to the group's capacity. */
export function linkGroupPolicy(r: TemplateResource, policy: ScalingPolicy, world: SimulationWorld): void {
  const name = r.stringProp('AutoScalingGroupName');
  const group = world.all(AutoScalingGroup).find((g) => g.name === name);
  if (group) policy.attach(world, autoScaling(world).groupScalable(group));
}
