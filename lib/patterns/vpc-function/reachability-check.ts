import { Annotations, IAspect, Stage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { derivedGrants } from './grants';
import { NetworkModel } from './network-model';
import { Reach, functionNetwork, reachService } from './reachability';
import { GrantedRoutes } from './routes';
import { VPC_FUNCTION_RULES } from './rules';
import { endpointService } from './services';

/** Options of {@link GrantedServicesReachable}. */
export interface GrantedServicesReachableProps {
  /**
   * How an unreachable grant is reported: an error fails `cdk synth`; a warning can be acknowledged by its code.
   * @default 'error'
   */
  readonly severity?: 'error' | 'warning';
}

/** One granted service a function in a VPC cannot reach. */
export interface UnreachableGrant {
  readonly functionPath: string;
  readonly service: string;
  readonly actions: readonly string[];
  readonly reach: Reach;
}

/**
 * An app-wide check: every Lambda function in a VPC, made by any construct, whose role grants a service that
 * its subnets and security groups cannot reach (no endpoint of the service in its VPC, no NAT route, or a
 * security group in the way) is reported, with what blocks it. Functions outside a VPC reach every service.
 * Functions that a Decoupled pattern routes are checked with their pattern's settings (`additionalServices`,
 * `servicesNotCalledFromVpc`, `vpcEndpoints`).
 *
 * ```ts
 * Aspects.of(app).add(new GrantedServicesReachable());
 * ```
 */
export class GrantedServicesReachable implements IAspect {
  /** Every unreachable grant found so far, for tests and tools. */
  public readonly findings: UnreachableGrant[] = [];
  private readonly models = new Map<IConstruct, NetworkModel>();

  constructor(private readonly props: GrantedServicesReachableProps = {}) {}

  public visit(node: IConstruct): void {
    if (!(node instanceof lambda.CfnFunction)) return;
    const root = Stage.of(node) ?? node.node.root;
    let model = this.models.get(root);
    if (!model) {
      model = NetworkModel.of(root);
      this.models.set(root, model);
    }
    const net = functionNetwork(node, model);
    if (!net) return;
    const routed = GrantedRoutes.of(node);
    const services = routed ? routed.services : derivedGrants(node, root).services;
    for (const [service, actions] of services) {
      const def = endpointService(service);
      if (routed && def && def.endpoints.length > 0 && def.endpoints.every((e) => routed._broughtEndpoint(e) !== undefined)) continue;
      const reach = reachService(service, net, model);
      if (reach.status !== 'unreachable') continue;
      const scope = node.node.scope ?? node;
      this.findings.push({ functionPath: scope.node.path, service, actions, reach });
      const message = `${scope.node.path} is granted ${def ? def.name : `'${service}'`} (${actions.join(', ')}) but cannot reach it: ${reach.blockedBy}. `
        + 'Its calls would hang until the function times out. Add a VPC endpoint for the service (or route it with VpcFunction / '
        + 'routeGrantedServices), or put the function in subnets with a NAT route and HTTPS egress.';
      if ((this.props.severity ?? 'error') === 'error') Annotations.of(scope).addError(`${message} [${VPC_FUNCTION_RULES.unreachableService.code}]`);
      else Annotations.of(scope).addWarningV2(VPC_FUNCTION_RULES.unreachableService.code, message);
    }
  }
}
