import { Duration } from 'aws-cdk-lib';
import { CatalogScenario } from '../../../../../lib/catalog';
import { Simulation } from '../../../../../lib/simulator';
import { InvoicesStack } from '../../catalog-app';

const sent: CatalogScenario<InvoicesStack> = {
  stack: InvoicesStack,
  name: 'Three invoices',
  shows: 'Three invoices sent to the queue are all handled.',
  async run(stack) {
    const sim = Simulation.fromStack(stack);
    sim.onInvoke(stack.consumer.function, () => ({ batchItemFailures: [] }));
    for (let i = 0; i < 3; i++) sim.send(stack.consumer.queue, { body: `invoice ${i}` });
    await sim.advance(Duration.minutes(1));
    const { visible, inFlight } = sim.queue(stack.consumer.queue).counts;
    return { outcomes: [`${visible + inFlight} invoices left in the queue.`] };
  },
};

export const CATALOG_SCENARIOS = [sent];
