import { Duration } from 'aws-cdk-lib';
import { CatalogScenario } from '../../lib/catalog';
import { playConsumerLoad } from './consumer-load';
import { PaymentsConsumerStack } from './payments-stack';

// How the payments consumer behaves, played when the catalog is built (docs/catalog.md, "Scenarios").

const burst: CatalogScenario<PaymentsConsumerStack> = {
  stack: PaymentsConsumerStack,
  name: 'A burst of 5,000 payments, 1 in 50 unsettleable',
  shows: 'The mapping scales up by 5 batches a second to its cap of 50; good payments are settled in batches of 10 and deleted; a payment in an unsupported currency is reported as a batch item failure, retried after each 125 s visibility timeout, and dead-lettered after 5 receives.',
  run: (stack) => playConsumerLoad(stack, stack.consumer, {
    messages: 5_000,
    failEvery: 50,
    body: (i, fails) => JSON.stringify({ paymentId: `p-${i}`, amount: 10, currency: fails ? 'XXX' : 'EUR' }),
    fails: (body) => body.includes('"XXX"'),
    batchDuration: Duration.seconds(2),
    watch: Duration.minutes(12),
  }),
};

export const CATALOG_SCENARIOS = [burst];
