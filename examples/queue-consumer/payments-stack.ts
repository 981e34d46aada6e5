import * as path from 'path';
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { QueueConsumer } from '../../lib';

/** Payment requests queue up and are settled by a Lambda function, in batches, with partial failures. */
export class PaymentsConsumerStack extends Stack {
  public readonly consumer: QueueConsumer;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    // README: queue-consumer
    this.consumer = new QueueConsumer(this, 'Payments', {
      functionProps: {
        code: lambda.Code.fromAsset(path.join(__dirname, 'handler')),
        handler: 'index.handler',
        timeout: Duration.seconds(20),
        description: 'Settles payment requests',
      },
      // Up to 10 payments per invocation, gathered for at most 5 seconds.
      batchSize: 10,
      maxBatchingWindow: Duration.seconds(5),
      // At most 50 concurrent settlements; the function reserves the same, so it is never throttled.
      maxConcurrency: 50,
      // Payments waiting 5 minutes mean the consumer is behind.
      maxMessageAge: Duration.minutes(5),
    });
    // README: end
  }
}
