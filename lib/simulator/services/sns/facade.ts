import { AttributeShorthand, snsAttributes } from '../../attributes';
import { ResourceRef } from '../../resource-ref';
import { FacadeContext, LastNamed } from '../../world/world';
import { SnsTopic } from './topic';

export interface PublishOptions {
  readonly message: string;
  readonly subject?: string;
  /** `{ eventType: 'order_placed', total: 120, tags: ['a'] }` or the typed `{ Type, Value }` form. */
  readonly attributes?: Readonly<Record<string, AttributeShorthand>>;
  readonly groupId?: string;
  readonly deduplicationId?: string;
}

/** `sim.sns`: SNS as a test calls it, topics named by construct, path or logical id. `Simulation.publish` delegates here. */
export class SnsFacade {
  private readonly topics: LastNamed<SnsTopic>;

  constructor(private readonly context: FacadeContext) {
    this.topics = new LastNamed(context, SnsTopic, 'an SNS topic');
  }

  public topic(ref: ResourceRef): SnsTopic {
    return this.topics.get(ref);
  }

  public publish(topic: ResourceRef, options: PublishOptions): { messageId: string; sequenceNumber?: string } {
    const { messageId, sequenceNumber } = this.topic(topic).publish({
      message: options.message, subject: options.subject, attributes: snsAttributes(options.attributes), groupId: options.groupId, deduplicationId: options.deduplicationId,
    });
    this.context.settle();
    return { messageId, sequenceNumber };
  }
}
