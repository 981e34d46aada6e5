import { TemplateResource } from '../../template';
import { SimulationWorld } from '../../world/world';
import { EcsService } from '../ecs/ecs-service';
import { Scalable } from './scalable';
import { autoScaling } from './state';

/** The scalable dimension the simulator scales: an ECS service's desired count. */
const ECS_DESIRED_COUNT = { namespace: 'ecs', dimension: 'ecs:service:DesiredCount' };

/**
 * An Application Auto Scaling scalable target (AWS::ApplicationAutoScaling::ScalableTarget): MinCapacity and
 * MaxCapacity of a resource's dimension. An ECS service's desired count is scaled; a target of another service
 * (DynamoDB, Lambda provisioned concurrency…) is kept with `notSimulated` saying so, and its policies do nothing.
 */
export class ScalableTarget {
  public readonly logicalId: string;
  public readonly resourceId: string;
  public readonly namespace: string;
  public readonly dimension: string;
  public readonly min: number;
  public readonly max: number;
  public scalable: Scalable | undefined = undefined;
  public notSimulated: string | undefined = undefined;

  constructor(r: TemplateResource) {
    this.logicalId = r.logicalId;
    this.resourceId = r.stringProp('ResourceId') ?? '';
    this.namespace = r.stringProp('ServiceNamespace') ?? '';
    this.dimension = r.stringProp('ScalableDimension') ?? '';
    this.min = r.numberProp('MinCapacity') ?? 0;
    this.max = r.numberProp('MaxCapacity') ?? 0;
  }

  /**
   * Finds the ECS service; a desired count outside the range is brought into it, as Auto Scaling would. Called once
   * by the service's link step, before the policies are linked (not named `link`: the world would call it again
   * after every factory's link, making a second capacity the policies do not scale).
   */
  public connect(world: SimulationWorld): void {
    if (this.namespace !== ECS_DESIRED_COUNT.namespace || this.dimension !== ECS_DESIRED_COUNT.dimension) {
      this.notSimulated = `ServiceNamespace '${this.namespace}' with ScalableDimension '${this.dimension}' is not simulated (only '${ECS_DESIRED_COUNT.namespace}' with '${ECS_DESIRED_COUNT.dimension}' is)`;
      return;
    }
    const service = world.all(EcsService).find((s) => s.resourceId === this.resourceId);
    if (!service) {
      this.notSimulated = `no ECS service of the template is ${this.resourceId}`;
      return;
    }
    this.scalable = new Scalable(world.runtime, this.logicalId, this.resourceId, service.fleet, this);
    autoScaling(world).scalables.push(this.scalable);
    const desired = service.fleet.desired;
    if (desired < this.min || desired > this.max) service.fleet.setDesired(this.scalable.clamp(desired));
  }
}
