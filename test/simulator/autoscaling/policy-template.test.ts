import { CloudFormationTemplate, Simulation, TargetTrackingPolicy, TemplateError } from '../../../lib/simulator';
import { APPLICATION_SCALING_POLICY, GROUP_SCALING_POLICY, SCALABLE_TARGET } from '../../../lib/simulator/services/autoscaling/names';
import { SimpleScalingPolicy, StepScalingPolicy } from '../../../lib/simulator/services/autoscaling/step-scaling';
import { ResourceNaming, deterministicUuid } from '../../../lib/simulator/template';
import { GROUP, RESOURCE_ID, groupTemplate, queueMetric, serviceTemplate } from '../fixtures/scaling';
import { errorOf } from '../../support/errors';

// What the scaling policies of a template become: names and ARNs, settings with their defaults, and refusals.

type Resources = NonNullable<CloudFormationTemplate['Resources']>;
const appPolicy = (properties: Record<string, unknown>) => ({ Type: 'AWS::ApplicationAutoScaling::ScalingPolicy', Properties: { ScalingTargetId: { Ref: 'Target' }, ...properties } });
const groupPolicy = (properties: Record<string, unknown>) => ({ Type: 'AWS::AutoScaling::ScalingPolicy', Properties: { AutoScalingGroupName: GROUP, ...properties } });
const VISIBLE = { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: 'jobs' }] };

/** The TemplateError building the simulation throws, so its location and whole problem can be asserted. */
const refusal = (template: CloudFormationTemplate) => errorOf(TemplateError, () => Simulation.fromTemplate(template));

/** How the template names a resource, as the Ref and Fn::GetAtt of its type read it. */
function naming(sim: Simulation, logicalId: string): ResourceNaming {
  const r = sim.template.resource(logicalId)!;
  return { logicalId, stackName: 'SimulatedStack', env: { account: '123456789012', region: 'us-east-1', partition: 'aws', urlSuffix: 'amazonaws.com' }, prop: (name) => r.prop(name) };
}

function withGroupProps(resources: Resources, groupProps: Record<string, unknown>): CloudFormationTemplate {
  const t = groupTemplate({ min: 1, max: 5, desired: 1, extra: resources });
  Object.assign(t.Resources!.Group.Properties as Record<string, unknown>, groupProps);
  return t;
}

describe('names and ARNs of scaling resources', () => {
  test('a scalable target\'s Ref is resource|dimension|namespace; an application policy\'s Ref and Arn are its ARN, by ScalingTargetId or ResourceId', () => {
    // GIVEN a policy naming its target by ScalingTargetId and one naming the resource directly
    const sim = Simulation.fromTemplate(serviceTemplate({
      extra: {
        ByTarget: appPolicy({ PolicyName: 'by-target', PolicyType: 'StepScaling', StepScalingPolicyConfiguration: {} }),
        Direct: { Type: 'AWS::ApplicationAutoScaling::ScalingPolicy', Properties: { PolicyName: 'direct', PolicyType: 'StepScaling', ResourceId: RESOURCE_ID, ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount' } },
      },
    }));
    const t = sim.template;
    expect(t.resource('Target')!.ref).toBe(`${RESOURCE_ID}|ecs:service:DesiredCount|ecs`);
    const arn = (id: string, name: string) => `arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:${deterministicUuid(`SimulatedStack/${id}`)}:resource/ecs/${RESOURCE_ID}:policyName/${name}`;
    expect([t.resource('ByTarget')!.ref, t.resource('ByTarget')!.getAtt('Arn')]).toEqual([arn('ByTarget', 'by-target'), arn('ByTarget', 'by-target')]);
    expect([t.resource('Direct')!.ref, t.resource('Direct')!.getAtt('Arn')]).toEqual([arn('Direct', 'direct'), arn('Direct', 'direct')]);
    expect(APPLICATION_SCALING_POLICY.getAtt!(naming(sim, 'Direct'), 'PolicyName')).toBeUndefined();
    // AND both are attached to the service's capacity, found by the resource id either way
    expect([sim.autoscaling.policy('ByTarget').scalable, sim.autoscaling.policy('Direct').scalable]).toEqual([sim.autoscaling.target('Target').scalable, sim.autoscaling.target('Target').scalable]);
    expect([SCALABLE_TARGET.type, APPLICATION_SCALING_POLICY.type, GROUP_SCALING_POLICY.type]).toEqual(['AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::ApplicationAutoScaling::ScalingPolicy', 'AWS::AutoScaling::ScalingPolicy']);
  });

  test('a group policy\'s Ref and Arn are its ARN, PolicyName the generated name; it has no other attribute', () => {
    const sim = Simulation.fromTemplate(groupTemplate({ extra: { Up: groupPolicy({ ScalingAdjustment: 1 }) } }));
    const r = sim.template.resource('Up')!;
    const name = String(r.getAtt('PolicyName'));
    expect(name).toMatch(/^SimulatedStack-Up-[A-Za-z0-9]{12}$/);
    const arn = `arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:${deterministicUuid('SimulatedStack/Up')}:autoScalingGroupName/${GROUP}:policyName/${name}`;
    expect([r.ref, r.getAtt('Arn'), GROUP_SCALING_POLICY.getAtt!(naming(sim, 'Up'), 'Other')]).toEqual([arn, arn, undefined]);
    expect([sim.autoscaling.policy('Up').name, sim.autoscaling.policy('Up').arn, sim.autoscaling.policy('Up').logicalId, sim.autoscaling.policy('Up').service]).toEqual([name, arn, 'Up', 'ec2']);
  });
});

describe('Application Auto Scaling policies read from a template', () => {
  test('a policy whose ScalingTargetId is no target id names its resource by ResourceId; one of a target not simulated or of none gets no alarms', () => {
    const tracking = (extra: Record<string, unknown>) => ({
      Type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      Properties: { PolicyName: 'p', PolicyType: 'TargetTrackingScaling', ServiceNamespace: 'ecs', TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } }, ...extra },
    });
    const sim = Simulation.fromTemplate(serviceTemplate({
      extra: {
        Plain: tracking({ ScalingTargetId: 'not-a-target-id', ResourceId: RESOURCE_ID }),
        Table: tracking({ ResourceId: 'table/orders', ServiceNamespace: 'dynamodb' }),
        Nowhere: tracking({ ResourceId: 'service/workers/gone' }),
        Orders: { Type: 'AWS::ApplicationAutoScaling::ScalableTarget', Properties: { ServiceNamespace: 'dynamodb', ScalableDimension: 'dynamodb:table:ReadCapacityUnits', ResourceId: 'table/orders', MinCapacity: 1, MaxCapacity: 5 } },
      },
    }));
    const plain = sim.autoscaling.policy('Plain') as TargetTrackingPolicy;
    expect(plain.arn).toBe(`arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:${deterministicUuid('SimulatedStack/Plain')}:resource/ecs/${RESOURCE_ID}:policyName/p`);
    expect(plain.scalable).toBe(sim.autoscaling.target('Target').scalable);
    expect(plain.settings.queries[0].metric!.dimensions).toEqual({ ClusterName: 'workers', ServiceName: 'svc' });
    const idle = ['Table', 'Nowhere'].map((id) => sim.autoscaling.policy(id) as TargetTrackingPolicy);
    expect(idle.map((p) => [p.scalable === undefined, p.high === undefined, p.low === undefined])).toEqual([[true, true, true], [true, true, true]]);
    expect(sim.cloudwatch.alarms().map((a) => a.settings.logicalId)).toEqual(['Plain', 'Plain']);
  });

  test('a step policy without PolicyName, AdjustmentType, aggregation or Cooldown: the logical id, ChangeInCapacity, Average, 300 s', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({ extra: { Step: appPolicy({ PolicyType: 'StepScaling', StepScalingPolicyConfiguration: { StepAdjustments: [{ ScalingAdjustment: 2 }] } }) } }));
    const p = sim.autoscaling.policy('Step') as StepScalingPolicy;
    expect(p).toBeInstanceOf(StepScalingPolicy);
    expect([p.name, p.service]).toEqual(['Step', 'application']);
    expect(p.settings).toEqual({ adjustmentType: 'ChangeInCapacity', minAdjustmentMagnitude: undefined, steps: [{ lower: undefined, upper: undefined, adjustment: 2 }], aggregation: 'Average', cooldownMs: 300_000 });
  });

  test('a step policy keeps its bounds, adjustment type, magnitude, aggregation and cooldown; no configuration at all is no steps', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({
      extra: {
        Step: appPolicy({
          PolicyName: 'step', PolicyType: 'StepScaling',
          StepScalingPolicyConfiguration: {
            AdjustmentType: 'PercentChangeInCapacity', MinAdjustmentMagnitude: '2', MetricAggregationType: 'Minimum', Cooldown: '45',
            StepAdjustments: [{ MetricIntervalLowerBound: '0', MetricIntervalUpperBound: '10', ScalingAdjustment: '50' }, { MetricIntervalLowerBound: 10, ScalingAdjustment: 100 }],
          },
        }),
        Empty: appPolicy({ PolicyName: 'empty', PolicyType: 'StepScaling' }),
      },
    }));
    expect((sim.autoscaling.policy('Step') as StepScalingPolicy).settings).toEqual({
      adjustmentType: 'PercentChangeInCapacity', minAdjustmentMagnitude: 2, aggregation: 'Minimum', cooldownMs: 45_000,
      steps: [{ lower: 0, upper: 10, adjustment: 50 }, { lower: 10, upper: undefined, adjustment: 100 }],
    });
    expect((sim.autoscaling.policy('Empty') as StepScalingPolicy).settings).toEqual({ adjustmentType: 'ChangeInCapacity', minAdjustmentMagnitude: undefined, steps: [], aggregation: 'Average', cooldownMs: 300_000 });
  });

  test('a target tracking policy on one customized metric, DisableScaleIn "true", default cooldowns of 300 s: one alarm only', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({
      extra: {
        Custom: appPolicy({
          PolicyName: 'custom', PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: { TargetValue: '20', DisableScaleIn: 'true', CustomizedMetricSpecification: { ...VISIBLE, Statistic: 'Sum' } },
        }),
      },
    }));
    const p = sim.autoscaling.policy('Custom') as TargetTrackingPolicy;
    expect(p.settings).toEqual({
      targetValue: 20, disableScaleIn: true,
      queries: [{ id: 'm1', metric: { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: 'jobs' }, stat: 'Sum' }, returnData: true }],
      queriesAt: { logicalId: 'Custom', path: 'Properties.TargetTrackingScalingPolicyConfiguration' },
      scaleOutCooldownMs: 300_000, scaleInCooldownMs: 300_000,
    });
    expect([p.high!.queries.description, p.low]).toEqual(['AWS/SQS ApproximateNumberOfMessagesVisible (Sum)', undefined]);
    expect(sim.cloudwatch.alarms().map((a) => a.name)).toEqual([p.high!.name]);
  });

  test('the predefined ECS CPU metric of a policy naming its service by ResourceId reads that service\'s dimensions', () => {
    const sim = Simulation.fromTemplate(serviceTemplate({
      extra: {
        Cpu: {
          Type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
          Properties: {
            PolicyName: 'cpu', PolicyType: 'TargetTrackingScaling', ResourceId: RESOURCE_ID, ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount',
            TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, DisableScaleIn: false, ScaleInCooldown: 30, ScaleOutCooldown: 90, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
          },
        },
      },
    }));
    const p = sim.autoscaling.policy('Cpu') as TargetTrackingPolicy;
    expect([p.settings.queries, p.settings.disableScaleIn, p.settings.scaleInCooldownMs, p.settings.scaleOutCooldownMs]).toEqual([
      [{ id: 'm1', metric: { namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: { ClusterName: 'workers', ServiceName: 'svc' }, stat: 'Average' }, returnData: true }], false, 30_000, 90_000,
    ]);
  });

  test.each([
    ['a PolicyType it does not simulate', { PolicyType: 'PredictiveScaling' }, 'Properties.PolicyType', 'PredictiveScaling is not simulated (TargetTrackingScaling and StepScaling are)'],
    ['no PolicyType', {}, 'Properties.PolicyType', 'undefined is not simulated (TargetTrackingScaling and StepScaling are)'],
    ['target tracking without a metric', { PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: 10 } }, 'Properties.TargetTrackingScalingPolicyConfiguration',
      'a target tracking configuration needs a CustomizedMetricSpecification or a PredefinedMetricSpecification'],
    ['target tracking without a configuration', { PolicyType: 'TargetTrackingScaling' }, 'Properties.TargetTrackingScalingPolicyConfiguration',
      'a target tracking configuration needs a CustomizedMetricSpecification or a PredefinedMetricSpecification'],
    ['a customized metric with a percentile', { PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: 10, CustomizedMetricSpecification: { ...VISIBLE, Statistic: 'p90' } } },
      'Properties.TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification.Statistic',
      'the statistic "p90" is not one the simulator computes (Average, Sum, Minimum, Maximum, SampleCount); percentiles need every value, and the simulator keeps statistic sets'],
    ['customized metric math that is not a list', { PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: 10, CustomizedMetricSpecification: { Metrics: 'm1' } } },
      'Properties.TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification.Metrics', 'must be a list of metric data queries'],
    ['the EC2 CPU metric', { PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: 10, PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' } } },
      'Properties.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType',
      'ASGAverageCPUUtilization is not simulated (of the predefined metrics only ECSServiceAverageCPUUtilization is: the workers model CPU, not memory, network or load balancer requests)'],
  ])('fails with a TemplateError at the property if an application policy has %s', (_what, props, path, problem) => {
    const e = refusal(serviceTemplate({ extra: { Bad: appPolicy({ PolicyName: 'bad', ...props }) } }));
    expect([e.logicalId, e.propertyPath, e.problem]).toEqual(['Bad', path, problem]);
  });
});

describe('EC2 Auto Scaling policies read from a template', () => {
  test('without a PolicyType a group policy is simple scaling: no ScalingAdjustment is 0, ChangeInCapacity, the group default cooldown 300 s', () => {
    const sim = Simulation.fromTemplate(groupTemplate({ extra: { Simple: groupPolicy({}) } }));
    const p = sim.autoscaling.policy('Simple') as SimpleScalingPolicy;
    expect(p).toBeInstanceOf(SimpleScalingPolicy);
    expect(p.settings).toEqual({ adjustmentType: 'ChangeInCapacity', minAdjustmentMagnitude: undefined, adjustment: 0, cooldownMs: 300_000 });
  });

  test('simple scaling keeps its type, magnitude and cooldown, and falls back to the group\'s Cooldown', () => {
    const sim = Simulation.fromTemplate(withGroupProps({
      Own: groupPolicy({ PolicyType: 'SimpleScaling', AdjustmentType: 'PercentChangeInCapacity', MinAdjustmentMagnitude: 2, ScalingAdjustment: 30, Cooldown: '60' }),
      Group: groupPolicy({ PolicyType: 'SimpleScaling', AdjustmentType: 'ExactCapacity', ScalingAdjustment: 3 }),
    }, { Cooldown: '120' }));
    expect((sim.autoscaling.policy('Own') as SimpleScalingPolicy).settings).toEqual({ adjustmentType: 'PercentChangeInCapacity', minAdjustmentMagnitude: 2, adjustment: 30, cooldownMs: 60_000 });
    expect((sim.autoscaling.policy('Group') as SimpleScalingPolicy).settings).toEqual({ adjustmentType: 'ExactCapacity', minAdjustmentMagnitude: undefined, adjustment: 3, cooldownMs: 120_000 });
  });

  test.each([
    ['its own EstimatedInstanceWarmup', { EstimatedInstanceWarmup: 30 }, { DefaultInstanceWarmup: 40, Cooldown: '50' }, 30_000],
    ['the group\'s DefaultInstanceWarmup', {}, { DefaultInstanceWarmup: 40, Cooldown: '50' }, 40_000],
    ['the group\'s Cooldown', {}, { Cooldown: '50' }, 50_000],
    ['300 seconds', {}, {}, 300_000],
  ])('a step policy of a group warms instances up for %s', (_what, policyProps, groupProps, warmupMs) => {
    const sim = Simulation.fromTemplate(withGroupProps({
      Step: groupPolicy({ PolicyType: 'StepScaling', MetricAggregationType: 'Maximum', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }], ...policyProps }),
    }, groupProps));
    expect((sim.autoscaling.policy('Step') as StepScalingPolicy).settings).toEqual({
      adjustmentType: 'ChangeInCapacity', minAdjustmentMagnitude: undefined, steps: [{ lower: 0, upper: undefined, adjustment: 1 }], aggregation: 'Maximum', warmupMs,
    });
  });

  test('a step policy of a group without aggregation or steps: Average, none', () => {
    const sim = Simulation.fromTemplate(groupTemplate({ extra: { Step: groupPolicy({ PolicyType: 'StepScaling', AdjustmentType: 'ExactCapacity' }) } }));
    expect((sim.autoscaling.policy('Step') as StepScalingPolicy).settings).toEqual({ adjustmentType: 'ExactCapacity', minAdjustmentMagnitude: undefined, steps: [], aggregation: 'Average', warmupMs: 300_000 });
  });

  test('target tracking of a group on the predefined EC2 CPU metric reads the group\'s CPUUtilization', () => {
    const sim = Simulation.fromTemplate(groupTemplate({
      extra: { Cpu: groupPolicy({ PolicyType: 'TargetTrackingScaling', EstimatedInstanceWarmup: 60, TargetTrackingConfiguration: { TargetValue: 40, DisableScaleIn: true, PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' } } }) },
    }));
    const p = sim.autoscaling.policy('Cpu') as TargetTrackingPolicy;
    expect(p.settings).toEqual({
      targetValue: 40, disableScaleIn: true,
      queries: [{ id: 'm1', metric: { namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { AutoScalingGroupName: GROUP }, stat: 'Average' }, returnData: true }],
      queriesAt: { logicalId: 'Cpu', path: 'Properties.TargetTrackingConfiguration' }, warmupMs: 60_000,
    });
    expect([p.service, p.high!.name.startsWith(`TargetTracking-${GROUP}-AlarmHigh-`), p.low]).toEqual(['ec2', true, undefined]);
  });

  test('target tracking of a group on customized metric math keeps its queries', () => {
    const metrics = [{ Id: 'v', MetricStat: queueMetric('ApproximateNumberOfMessagesVisible'), ReturnData: false }, { Id: 'e', Expression: 'v / 2', ReturnData: true }];
    const sim = Simulation.fromTemplate(groupTemplate({ extra: { Math: groupPolicy({ PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { TargetValue: 5, DisableScaleIn: 'false', CustomizedMetricSpecification: { Metrics: metrics } } }) } }));
    const p = sim.autoscaling.policy('Math') as TargetTrackingPolicy;
    expect([p.settings.queries.map((q) => q.id), p.settings.disableScaleIn, p.high!.queries.description, p.low!.settings.threshold]).toEqual([['v', 'e'], false, 'v / 2', 4.5]);
  });

  test.each([
    ['a PolicyType it does not simulate', { PolicyType: 'PredictiveScaling' }, 'Properties.PolicyType',
      'PredictiveScaling is not simulated (TargetTrackingScaling, StepScaling and SimpleScaling are; predictive scaling only forecasts)'],
    ['target tracking without a metric', { PolicyType: 'TargetTrackingScaling' }, 'Properties.TargetTrackingConfiguration',
      'a target tracking configuration needs a CustomizedMetricSpecification or a PredefinedMetricSpecification'],
    ['the ECS CPU metric', { PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { TargetValue: 10, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } } },
      'Properties.TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType',
      'ECSServiceAverageCPUUtilization is not simulated (of the predefined metrics only ASGAverageCPUUtilization is: the workers model CPU, not memory, network or load balancer requests)'],
  ])('fails with a TemplateError at the property if a group policy has %s', (_what, props, path, problem) => {
    const e = refusal(groupTemplate({ extra: { Bad: groupPolicy(props) } }));
    expect([e.logicalId, e.propertyPath, e.problem]).toEqual(['Bad', path, problem]);
  });

  test('a policy of a group the template does not have, or of no group at all, scales nothing', () => {
    const sim = Simulation.fromTemplate(groupTemplate({
      extra: {
        Lost: groupPolicy({ AutoScalingGroupName: 'elsewhere', ScalingAdjustment: 1 }),
        None: groupPolicy({ AutoScalingGroupName: undefined, PolicyType: 'TargetTrackingScaling', TargetTrackingConfiguration: { TargetValue: 1, PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' } } }),
      },
    }));
    expect([sim.autoscaling.policy('Lost').scalable, sim.autoscaling.policy('None').scalable]).toEqual([undefined, undefined]);
    expect((sim.autoscaling.policy('None') as TargetTrackingPolicy).settings.queries[0].metric!.dimensions).toEqual({ AutoScalingGroupName: '' });
  });
});
