import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { TopicFanOut } from '../../lib';

/** Order events fan out to billing, shipping and audit, each through its own filtered queue. */
export class OrdersFanOutStack extends Stack {
  public readonly fanOut: TopicFanOut;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    // README: topic-fan-out
    this.fanOut = new TopicFanOut(this, 'Orders', {
      subscribers: {
        // Billing wants new orders only, told apart by a message attribute.
        billing: { filter: { eventType: ['order_placed'] } },
        // Shipping reads the JSON body: orders above 100 need a signature on delivery.
        shipping: {
          filter: { order: { total: [{ numeric: ['>', 100] }] } },
          filterScope: 'MessageBody',
          rawMessageDelivery: true,
        },
        // Audit keeps everything.
        audit: {},
      },
    });
    // README: end
  }
}
