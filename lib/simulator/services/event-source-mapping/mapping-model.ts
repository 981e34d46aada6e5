import { missingMappingPermissions } from './permissions';
import { MissingPermission } from '../sqs/access';
import { SqsEventSourceMapping } from './sqs-mapping';
import { EventSourceMappingSettings } from './settings';
import { LambdaFunction, functionByName } from '../lambda/function';
import { LinkableModel, SimulationWorld } from '../../world/world';
import { functionRole } from '../iam/role-policies';
import { SqsQueue } from '../sqs/queue';

/**
 * The model of one AWS::Lambda::EventSourceMapping. Its queue and function may come later in the template,
 * so it is built when the world links; a mapping from something other than an SQS queue of the template
 * (Kinesis, DynamoDB, Kafka, an imported queue) is kept with the reason it is not simulated.
 */
export class EventSourceMappingModel implements LinkableModel {
  public sqs: SqsEventSourceMapping | undefined = undefined;
  public notSimulated: string | undefined = undefined;
  /** Permissions the function's role lacks for this mapping (empty when the role is outside the template). */
  public missingPermissions: readonly MissingPermission[] = [];
  public fn: LambdaFunction | undefined = undefined;
  public queue: SqsQueue | undefined = undefined;

  constructor(public readonly settings: EventSourceMappingSettings) {}

  public get logicalId(): string {
    return this.settings.logicalId;
  }

  public link(world: SimulationWorld): void {
    this.queue = world.byArnOf(this.settings.eventSourceArn, SqsQueue);
    this.fn = functionByName(world, this.settings.functionName);
    if (!this.queue) {
      this.notSimulated = `the event source ${this.settings.eventSourceArn} is not an SQS queue of the template`;
      return;
    }
    if (!this.fn) {
      this.notSimulated = `the function ${this.settings.functionName} is not in the template`;
      return;
    }
    const mapping = new SqsEventSourceMapping(world.runtime, this.settings, this.queue, this.fn);
    const role = this.fn.settings.roleArn === undefined ? undefined : functionRole(world, this.fn.settings.roleArn);
    if (role) this.missingPermissions = missingMappingPermissions(world, role, this.queue);
    if (this.missingPermissions.length > 0) {
      mapping.stoppedReason = `the role ${role!.logicalId} of ${this.fn.logicalId} cannot ${this.missingPermissions.map((p) => `${p.action} (${p.reason})`).join('; ')}`;
    }
    this.sqs = mapping;
  }
}
