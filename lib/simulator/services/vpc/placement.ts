import { SimulationWorld } from '../../world/world';
import { Subnet } from './network';
import { vpcNetwork } from './network-state';
import { SecurityGroup } from './security-group';

/** Where a Lambda function's network interfaces are, from its VpcConfig. */
export interface FunctionPlacement {
  readonly functionLogicalId: string;
  readonly subnets: readonly Subnet[];
  readonly securityGroups: readonly SecurityGroup[];
  /** Subnet and security group ids the template does not define (imported): what is behind them is unknown. */
  readonly unknown: readonly string[];
}

const ids = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * A function's subnets and security groups, or undefined when it is not attached to a VPC (no VpcConfig, or one
 * with no subnets): then Lambda's own network reaches every public AWS endpoint and the internet.
 */
export function placementOf(world: SimulationWorld, functionLogicalId: string): FunctionPlacement | undefined {
  const r = world.template.resource(functionLogicalId);
  if (r?.type !== 'AWS::Lambda::Function') return undefined;
  const config = r.prop('VpcConfig') as { SubnetIds?: unknown; SecurityGroupIds?: unknown } | undefined;
  const subnetIds = ids(config?.SubnetIds);
  if (subnetIds.length === 0) return undefined;
  const net = vpcNetwork(world);
  const unknown: string[] = [];
  const subnets: Subnet[] = [];
  for (const id of subnetIds) {
    const s = net.get(id, Subnet);
    if (s) subnets.push(s);
    else unknown.push(String(id));
  }
  const securityGroups: SecurityGroup[] = [];
  for (const id of ids(config?.SecurityGroupIds)) {
    const g = net.get(id, SecurityGroup);
    if (g) securityGroups.push(g);
    else unknown.push(String(id));
  }
  return { functionLogicalId, subnets, securityGroups, unknown };
}
