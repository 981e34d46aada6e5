import { App, AppProps, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { QueueConsumer } from '../../../lib';

/** A user's stack that uses one pattern: invoices consumed by a function. */
export class InvoicesStack extends Stack {
  public readonly consumer: QueueConsumer;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.consumer = new QueueConsumer(this, 'Invoices', {
      functionProps: { code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'), handler: 'index.handler' },
    });
  }
}

/** A user's catalog app, as `decoupled catalog --app` loads it. */
export function buildCatalogApp(props: AppProps): App {
  const app = new App(props);
  new InvoicesStack(app, 'Invoices');
  return app;
}
