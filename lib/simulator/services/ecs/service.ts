import { ServiceModule } from '../../world/world';
import './actions';
import { EcsService } from './ecs-service';
import { EcsFacade } from './facade';
import { publishServiceMetrics } from './metrics';
import { CLUSTER, SERVICE, TASK_DEFINITION } from './names';
import '../../workload/trace-events';

/** UpdateTaskProtection's range of ExpiresInMinutes, and its default when left out (AWS-FACTS §13). */
const PROTECTION_MINUTES = { min: 1, max: 2_880, default: 120 };

/**
 * ECS: services as fleets of tasks running a queue worker loop, with task scale-in protection and the metrics
 * scaling reads (Container Insights, CPUUtilization). Serves `ecs:UpdateTaskProtection` to the tasks' own code
 * (their role's identity policies are checked by the IAM guard). Clusters and task definitions are read where a
 * service needs them.
 */
export const ECS_SERVICE: ServiceModule<EcsFacade> = {
  name: 'ecs',
  resourceTypes: [CLUSTER, SERVICE, TASK_DEFINITION],
  models: [
    {
      type: 'AWS::ECS::Service',
      create(r, world) {
        const service = new EcsService(world, r);
        world.indexArn(service.arn, service);
        publishServiceMetrics(world.metrics, service, () => world.runtime.clock.now);
        return service;
      },
    },
  ],
  install(world) {
    world.calls.serve('ecs:UpdateTaskProtection', {
      find: (taskArn) => {
        for (const s of world.all(EcsService)) {
          const task = s.fleet.live.find((w) => w.arn === taskArn);
          if (task) return task;
        }
        return undefined;
      },
      logicalIdOf: (task) => task.id,
      handle(_caller, task, input) {
        const minutes = input.expiresInMinutes ?? PROTECTION_MINUTES.default;
        if (input.protectionEnabled && (minutes < PROTECTION_MINUTES.min || minutes > PROTECTION_MINUTES.max)) {
          return { ok: false, reason: `ExpiresInMinutes ${minutes} is outside ${PROTECTION_MINUTES.min}–${PROTECTION_MINUTES.max}` };
        }
        task.protectedUntil = input.protectionEnabled ? world.runtime.clock.now + minutes * 60_000 : -1;
        return { ok: true, output: { protectedUntil: task.protectedUntil } };
      },
    });
  },
  facade: (context) => new EcsFacade(context),
};
