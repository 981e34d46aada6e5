import { App, Duration } from 'aws-cdk-lib';
import { Simulation } from '../../lib/simulator';
import { ShopStack } from './shop-stack';

// README: quick-start-test
test('a placed order is fulfilled; one without a sku ends in the dead-letter queue', async () => {
  const shop = new ShopStack(new App(), 'Shop');
  const fulfilment = shop.orders.consumer('fulfilment');
  const sim = Simulation.fromStack(shop, { seed: 1 });
  sim.onInvoke(fulfilment.function, 'inline'); // runs the function's own code, fulfilment/index.js

  const placed = { attributes: { eventType: 'order_placed' } };
  sim.publish(shop.orders.topic, { ...placed, message: '{"orderId":"o-1","sku":"book"}' });
  sim.publish(shop.orders.topic, { ...placed, message: '{"orderId":"o-2"}' });
  await sim.advance(Duration.hours(1));

  expect(sim.events({ type: 'sqs.deleted' })).toHaveLength(1);
  const [dead] = sim.queue(fulfilment.deadLetterQueue).visible;
  expect(JSON.parse(dead.body)).toEqual({ orderId: 'o-2' });
  expect(sim.findings()).toEqual([]);
});
// README: end
