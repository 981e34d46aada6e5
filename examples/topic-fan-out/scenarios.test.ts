import { App, Duration } from 'aws-cdk-lib';
import { Simulation } from '../../lib/simulator';
import { OrdersFanOutStack } from './orders-stack';

// The orders example, synthesized once for the file, played through the simulator.
const orders = new OrdersFanOutStack(new App(), 'Orders');
const fanOut = orders.fanOut;

describe('the orders fan-out, simulated', () => {
  test('each order event reaches exactly the subscribers whose filters match, in the format each asked for', () => {
    // README: simulator
    const sim = Simulation.fromStack(orders, { seed: 1 });
    sim.publish(fanOut.topic, {
      message: JSON.stringify({ order: { id: 'o-1', total: 120 } }),
      attributes: { eventType: 'order_placed' },
    });
    sim.publish(fanOut.topic, {
      message: JSON.stringify({ order: { id: 'o-2', total: 40 } }),
      attributes: { eventType: 'order_paid' },
    });

    // Billing filters on the attribute, shipping on the body (total > 100), audit takes everything.
    expect(sim.queue(fanOut.queue('billing')).visible).toHaveLength(1);
    expect(sim.queue(fanOut.queue('shipping')).visible).toHaveLength(1);
    expect(sim.queue(fanOut.queue('audit')).visible).toHaveLength(2);

    // Shipping asked for raw delivery: its body is the published message itself, not SNS's envelope.
    const [shipped] = sim.receive(fanOut.queue('shipping'));
    expect(JSON.parse(shipped.body)).toEqual({ order: { id: 'o-1', total: 120 } });
    const [audited] = sim.receive(fanOut.queue('audit'));
    expect(JSON.parse(audited.body)).toMatchObject({ Type: 'Notification', MessageAttributes: { eventType: { Type: 'String' } } });

    // Nothing was lost, and the template has no problem the simulator can see without a scenario.
    expect(sim.events({ type: 'sns.lost' })).toEqual([]);
    expect(sim.findings()).toEqual([]);
    // README: end
  });

  test('a message billing fails 5 times moves to its dead-letter queue', () => {
    const sim = Simulation.fromStack(orders, { seed: 1 });
    sim.publish(fanOut.topic, { message: '{}', attributes: { eventType: 'order_placed' } });
    // A consumer that receives and never deletes: the message reappears after each 30 s visibility timeout.
    const receives = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      receives.push(...sim.receive(fanOut.queue('billing')));
      sim.advance(Duration.seconds(30));
    }
    expect(receives.map((m) => m.receiveCount)).toEqual([1, 2, 3, 4, 5]);
    expect(sim.receive(fanOut.queue('billing'))).toHaveLength(0);
    const [dead] = sim.queue(fanOut.deadLetterQueue('billing')).visible;
    expect(dead.messageId).toBe(receives[0].messageId);
    expect(sim.events({ messageId: dead.messageId }).map((e) => e.type)).toContain('sqs.movedToDeadLetterQueue');
  });
});
