import * as path from 'path';
import { Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { TopicFanOut } from '../../lib';

/** The quick start: an orders fan-out whose one subscriber, fulfilment, is consumed by a Lambda function. */
export class ShopStack extends Stack {
  public readonly orders: TopicFanOut;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    // README: quick-start-stack
    this.orders = new TopicFanOut(this, 'Orders', {
      subscribers: {
        fulfilment: {
          filter: { eventType: ['order_placed'] },
          rawMessageDelivery: true,
          // The queue's Lambda consumer, made with it: visibility timeout, DLQ, key and alarms are shared.
          consumer: {
            functionProps: { code: lambda.Code.fromAsset(path.join(__dirname, 'fulfilment')), handler: 'index.handler' },
          },
        },
      },
    });
    // README: end
  }
}
