import { Duration } from 'aws-cdk-lib';
import { CatalogScenario } from '../../lib/catalog';
import { playConsumerLoad } from '../queue-consumer/consumer-load';
import { ShopStack } from './shop-stack';

// How the quick start's fulfilment consumer behaves, played when the catalog is built (docs/catalog.md).

// README: catalog-scenario
const orders: CatalogScenario<ShopStack> = {
  stack: ShopStack,
  name: 'A backlog of 2,000 placed orders, 1 in 25 unfulfillable',
  shows: 'The fan-out\'s fulfilment subscriber is consumed by its Lambda function: the default cap of 10 concurrent batches is reached in the second second, the good orders drain, the failing ones reach the dead-letter queue after maxReceiveCount receives.',
  run: (stack) => playConsumerLoad(stack, stack.orders.consumer('fulfilment'), {
    messages: 2_000,
    failEvery: 25,
    body: (i, fails) => JSON.stringify({ orderId: `o-${i}`, sku: fails ? 'unknown' : 'book' }),
    fails: (body) => body.includes('"unknown"'),
    batchDuration: Duration.seconds(1),
    watch: Duration.minutes(20),
  }),
};

export const CATALOG_SCENARIOS = [orders];
// README: end
