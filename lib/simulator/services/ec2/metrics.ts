import { MetricRegistry } from '../../world/metrics';
import { CpuUtilizationSource } from '../../workload/cpu-utilization';
import { AutoScalingGroup } from './auto-scaling-group';

export const AUTO_SCALING_NAMESPACE = 'AWS/AutoScaling';
export const EC2_NAMESPACE = 'AWS/EC2';

/**
 * Publishes a group's metrics: the group metrics its MetricsCollection names (AWS/AutoScaling, one-minute, none
 * unless collected), and its instances' CPUUtilization aggregated by AutoScalingGroupName (AWS/EC2; published per
 * minute here, as with detailed monitoring).
 */
export function publishGroupMetrics(registry: MetricRegistry, g: AutoScalingGroup, now: () => number): void {
  const dimensions = { AutoScalingGroupName: g.name };
  const fleet = g.fleet;
  const levels: Record<string, () => number> = {
    GroupMinSize: () => g.minSize,
    GroupMaxSize: () => g.maxSize,
    GroupDesiredCapacity: () => fleet.desired,
    GroupInServiceInstances: () => fleet.running,
    GroupPendingInstances: () => fleet.starting,
    GroupTotalInstances: () => fleet.live.length,
  };
  for (const [name, read] of Object.entries(levels)) if (g.collectedMetrics.has(name)) registry.gauge(AUTO_SCALING_NAMESPACE, name, dimensions, 'Count', read);
  registry.add(new CpuUtilizationSource(EC2_NAMESPACE, dimensions, fleet, now));
}
