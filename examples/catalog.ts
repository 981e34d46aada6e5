import { App, AppProps } from 'aws-cdk-lib';
import { applyNagPacks } from '../lib';
import { OrdersApiStack } from './authorized-api/orders-api-stack';
import { PaymentsConsumerStack } from './queue-consumer/payments-stack';
import { ShopStack } from './quick-start/shop-stack';
import { ThumbnailsStack } from './queue-depth-scaling/thumbnails-stack';
import { LedgerFanOutStack } from './topic-fan-out/ledger-stack';
import { OrdersFanOutStack } from './topic-fan-out/orders-stack';
import { ReportsVpcStack } from './vpc-function/reports-stack';

/**
 * Every example stack, by the name it has in the catalog app. `bin/app.ts` synthesizes all of them;
 * test/examples checks each against cdk-nag, cfn-lint and the CDK's CloudFormation validator.
 */
export const EXAMPLES: Record<string, (app: App, id: string) => void> = {
  TopicFanOutExample: (app, id) => new OrdersFanOutStack(app, id),
  TopicFanOutFifoExample: (app, id) => new LedgerFanOutStack(app, id),
  QueueConsumerExample: (app, id) => new PaymentsConsumerStack(app, id),
  FanOutConsumerExample: (app, id) => new ShopStack(app, id),
  QueueDepthScalingExample: (app, id) => new ThumbnailsStack(app, id),
  AuthorizedApiExample: (app, id) => new OrdersApiStack(app, id),
  VpcFunctionExample: (app, id) => new ReportsVpcStack(app, id),
};

/** The catalog app: one stack per example, with the five cdk-nag packs applied. */
export function buildCatalogApp(props?: AppProps): App {
  const app = new App(props);
  for (const [id, build] of Object.entries(EXAMPLES)) build(app, id);
  applyNagPacks(app);
  return app;
}
