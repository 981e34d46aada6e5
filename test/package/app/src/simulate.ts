// The simulator entry, as a test of the app uses it: a delivery through the fan-out, and a poison message
// the consumer gives up on until it is dead-lettered.
import { App, Duration } from 'aws-cdk-lib';
import { Simulation } from 'decoupled-cdk/simulator';
import { OrdersStack } from './orders-stack';

async function main(): Promise<void> {
  const stack = new OrdersStack(new App(), 'Orders');
  const sim = Simulation.fromStack(stack, { seed: 1 });
  sim.publish(stack.fanOut.topic, { message: '{"orderId":"o-1"}', attributes: { eventType: 'order_placed' } });
  sim.publish(stack.fanOut.topic, { message: '{"orderId":"o-2"}', attributes: { eventType: 'order_paid' } });

  sim.onInvoke(stack.consumer.function, 'inline');
  sim.send(stack.consumer.queue, { body: 'settle' });
  const { messageId } = sim.send(stack.consumer.queue, { body: 'poison' });
  await sim.advance(Duration.hours(1));

  console.log(JSON.stringify({
    billing: sim.queue(stack.fanOut.queue('billing')).visible.length,
    audit: sim.queue(stack.fanOut.queue('audit')).visible.length,
    consumerQueue: sim.queue(stack.consumer.queue).visible.length + sim.queue(stack.consumer.queue).inFlight.length,
    deadLettered: sim.queue(stack.consumer.deadLetterQueue).visible.map((m) => m.messageId === messageId),
    findings: sim.findings().length,
  }));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
