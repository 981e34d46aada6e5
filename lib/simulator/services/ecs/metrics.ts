import { MetricRegistry } from '../../world/metrics';
import { CpuUtilizationSource } from '../../workload/cpu-utilization';
import { QueueWorkerFleet } from '../../workload/fleet';

/** Container Insights' namespace; its per-service metrics have the dimensions ClusterName and ServiceName (AWS-FACTS §13). */
export const CONTAINER_INSIGHTS_NAMESPACE = 'ECS/ContainerInsights';
export const ECS_NAMESPACE = 'AWS/ECS';

/**
 * Publishes a service's metrics: RunningTaskCount, DesiredTaskCount, PendingTaskCount (Container Insights, only
 * when it is on for the cluster: without it AWS publishes none) and AWS/ECS CPUUtilization (always).
 */
export function publishServiceMetrics(registry: MetricRegistry, s: { clusterName: string; name: string; containerInsights: string; fleet: QueueWorkerFleet }, now: () => number): void {
  const dimensions = { ClusterName: s.clusterName, ServiceName: s.name };
  const fleet = s.fleet;
  if (s.containerInsights === 'on') {
    registry.gauge(CONTAINER_INSIGHTS_NAMESPACE, 'RunningTaskCount', dimensions, 'Count', () => fleet.running);
    registry.gauge(CONTAINER_INSIGHTS_NAMESPACE, 'DesiredTaskCount', dimensions, 'Count', () => fleet.desired);
    registry.gauge(CONTAINER_INSIGHTS_NAMESPACE, 'PendingTaskCount', dimensions, 'Count', () => fleet.starting);
  }
  registry.add(new CpuUtilizationSource(ECS_NAMESPACE, dimensions, fleet, now));
}
