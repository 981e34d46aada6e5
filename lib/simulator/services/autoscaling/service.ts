import { TemplateResource } from '../../template';
import { ServiceModelFactory, ServiceModule, SimulationWorld } from '../../world/world';
import './actions';
import { AutoScalingFacade } from './facade';
import { APPLICATION_SCALING_POLICY, GROUP_SCALING_POLICY, SCALABLE_TARGET } from './names';
import { ScalingPolicy } from './policy';
import { applicationPolicy, groupPolicy, linkApplicationPolicy, linkGroupPolicy } from './policy-template';
import { ScalableTarget } from './scalable-target';
import { autoScaling } from './state';
import { TargetTrackingPolicy } from './target-tracking';
import './trace-events';

/** The models of one scaling policy type (either service's): made, found by ARN, linked to what they scale. */
function policyModels(
  type: string,
  make: (r: TemplateResource, world: SimulationWorld) => ScalingPolicy,
  linkOne: (r: TemplateResource, policy: ScalingPolicy, world: SimulationWorld) => void,
): ServiceModelFactory {
  return {
    type,
    create(r, world) {
      const policy = make(r, world);
      world.indexArn(policy.arn, policy);
      autoScaling(world).policies.push(policy);
      return policy;
    },
    link(world) {
      for (const r of world.template.ofType(type)) linkOne(r, world.modelOf(r.logicalId, ScalingPolicy)!, world);
    },
  };
}

/**
 * Application Auto Scaling (scalable targets and policies of ECS services) and EC2 Auto Scaling (policies of
 * groups): target tracking with the alarms AWS makes for it, step and simple scaling, cooldowns, warm-up, min and
 * max, scaling activities. Serves `autoscaling:ExecutePolicy` to CloudWatch alarms that name a policy; holds the
 * ECS services and groups it scales (both below it).
 */
export const AUTOSCALING_SERVICE: ServiceModule<AutoScalingFacade> = {
  name: 'autoscaling',
  resourceTypes: [SCALABLE_TARGET, APPLICATION_SCALING_POLICY, GROUP_SCALING_POLICY],
  models: [
    {
      type: 'AWS::ApplicationAutoScaling::ScalableTarget',
      create: (r) => new ScalableTarget(r),
      link(world) {
        for (const t of world.all(ScalableTarget)) t.connect(world);
      },
    },
    policyModels('AWS::ApplicationAutoScaling::ScalingPolicy', applicationPolicy, linkApplicationPolicy),
    policyModels('AWS::AutoScaling::ScalingPolicy', groupPolicy, linkGroupPolicy),
  ],
  install(world) {
    world.calls.serve('autoscaling:ExecutePolicy', {
      find: (arn) => world.byArnOf(arn, ScalingPolicy),
      logicalIdOf: (p) => p.logicalId,
      handle(_caller, policy, input) {
        if (policy instanceof TargetTrackingPolicy) return { ok: false, reason: `${policy.name} is a target tracking policy: only the alarms Auto Scaling made for it run it` };
        return { ok: true, output: { effect: policy.execute(input) } };
      },
    });
  },
  facade: (context) => new AutoScalingFacade(context),
};
