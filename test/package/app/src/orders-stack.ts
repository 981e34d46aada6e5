import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { QueueConsumer, TopicFanOut, TopicFanOutProps } from 'decoupled-cdk';

// A handler that gives up on any message whose body says "poison", and settles the rest.
const HANDLER = `exports.handler = async (event) => ({
  batchItemFailures: event.Records.filter((r) => r.body.includes('poison')).map((r) => ({ itemIdentifier: r.messageId })),
});`;

const FAN_OUT: TopicFanOutProps = {
  subscribers: {
    billing: { filter: { eventType: ['order_placed'] } },
    audit: {},
  },
};

/** What an app outside the repository builds with the published package: a fan-out, and a Lambda consumer. */
export class OrdersStack extends Stack {
  public readonly fanOut: TopicFanOut;
  public readonly consumer: QueueConsumer;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.fanOut = new TopicFanOut(this, 'Orders', FAN_OUT);
    this.consumer = new QueueConsumer(this, 'Payments', {
      functionProps: { code: lambda.Code.fromInline(HANDLER), handler: 'index.handler', timeout: Duration.seconds(10) },
    });
  }
}
