import { ServiceModule } from '../../world/world';
import './actions';
import { AutoScalingGroup } from './auto-scaling-group';
import { Ec2Facade } from './facade';
import { publishGroupMetrics } from './metrics';
import { AUTO_SCALING_GROUP, INSTANCE_PROFILE, LAUNCH_CONFIGURATION, LAUNCH_TEMPLATE, groupArn } from './names';
import '../../workload/trace-events';

/**
 * EC2 instances in Auto Scaling groups: each group a fleet of instances running a queue worker loop, with instance
 * scale-in protection and the group metrics. Serves `autoscaling:SetInstanceProtection` to the instances' own code
 * (the instance profile's role is checked by the IAM guard). The group's scaling policies are the autoscaling
 * service's.
 */
export const EC2_SERVICE: ServiceModule<Ec2Facade> = {
  name: 'ec2',
  resourceTypes: [AUTO_SCALING_GROUP, INSTANCE_PROFILE, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION],
  models: [
    {
      type: 'AWS::AutoScaling::AutoScalingGroup',
      create(r, world) {
        const group = new AutoScalingGroup(world, r, groupArn({ logicalId: r.logicalId, stackName: world.template.stackName, env: world.template.options.environment, prop: (n) => r.prop(n) }));
        world.indexArn(group.arn, group);
        world.indexArn(group.name, group);
        publishGroupMetrics(world.metrics, group, () => world.runtime.clock.now);
        return group;
      },
    },
  ],
  install(world) {
    world.calls.serve('autoscaling:SetInstanceProtection', {
      find: (resource) => world.byArnOf(resource, AutoScalingGroup),
      logicalIdOf: (g) => g.logicalId,
      handle(_caller, group, input) {
        for (const id of input.instanceIds) {
          const instance = group.fleet.live.find((w) => w.id === id);
          if (!instance) return { ok: false, reason: `${id} is not an instance of ${group.name}` };
          instance.protectedUntil = input.protectedFromScaleIn ? Infinity : -1;
        }
        return { ok: true, output: {} };
      },
    });
  },
  facade: (context) => new Ec2Facade(context),
};
