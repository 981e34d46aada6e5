import { SimulationWorld } from '../../world/world';
import { InternetGateway, NatGateway, RouteTable, Subnet, Vpc, VpcEndpoint } from './network';
import { NetworkAcl } from './network-acl';
import { SecurityGroup } from './security-group';

type NetworkPart = Vpc | Subnet | RouteTable | InternetGateway | NatGateway | VpcEndpoint | NetworkAcl | SecurityGroup;

/** Every network resource of one simulation, by the id other resources name it with (`subnet-…`, `sg-…`). */
export class VpcNetwork {
  private readonly byId = new Map<string, NetworkPart>();
  public readonly endpoints: VpcEndpoint[] = [];
  /** Reachability answers, per function and destination: the template does not change during a run. */
  public readonly reachCache = new Map<string, unknown>();

  public add<T extends NetworkPart>(part: T): T {
    this.byId.set(part.id, part);
    if (part instanceof VpcEndpoint) this.endpoints.push(part);
    return part;
  }

  public get<T extends NetworkPart>(id: unknown, kind: abstract new (...args: never[]) => T): T | undefined {
    if (typeof id !== 'string') return undefined;
    const part = this.byId.get(id);
    return part instanceof kind ? part : undefined;
  }

  /** The interface or gateway endpoints of a VPC for an endpoint service (`sqs`), in template order. */
  public endpointsFor(vpcId: string | undefined, service: string, type: 'Interface' | 'Gateway'): VpcEndpoint[] {
    return this.endpoints.filter((e) => e.vpcId === vpcId && e.service === service && e.type === type);
  }
}

const states = new WeakMap<SimulationWorld, VpcNetwork>();

/** The network of a simulation, made on first use. */
export function vpcNetwork(world: SimulationWorld): VpcNetwork {
  let s = states.get(world);
  if (!s) {
    s = new VpcNetwork();
    states.set(world, s);
  }
  return s;
}
