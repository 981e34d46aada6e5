import { App, Stack } from 'aws-cdk-lib';
import { TopicFanOut } from '../../lib/patterns';
import { Simulation } from '../../lib/simulator';

// TopicFanOut, synthesized once for the file: the same messages must arrive where AWS would deliver them.
const app = new App();
const stack = new Stack(app, 'FanOut');
const fanOut = new TopicFanOut(stack, 'Orders', {
  subscribers: { billing: { filter: { eventType: ['order_placed'] } }, shipping: { filter: { eventType: ['order_paid'] } } },
} as never);
const fifoStack = new Stack(app, 'FifoFanOut');
const fifoFanOut = new TopicFanOut(fifoStack, 'Orders', { fifo: true, contentBasedDeduplication: true, subscribers: { billing: {} } });

describe('TopicFanOut in the simulator', () => {
  test('each message reaches only the subscribers whose filter matches, through the key and policies the pattern made', () => {
    const sim = Simulation.fromStack(stack);
    sim.publish(fanOut.topic, { message: '{"total": 120}', attributes: { eventType: 'order_placed' } });
    sim.publish(fanOut.topic, { message: '{"total": 120}', attributes: { eventType: 'order_paid' } });
    expect(sim.queue(fanOut.queue('billing')).visible.length).toBe(1);
    expect(sim.queue(fanOut.queue('shipping')).visible.length).toBe(1);
    expect(sim.trace.count('sns.deliveryFailed')).toBe(0);
    expect(sim.findings().filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('a FIFO fan-out keeps order per group and drops a duplicate published within 5 minutes', () => {
    const sim = Simulation.fromStack(fifoStack);
    for (const body of ['1', '2', '2', '3']) sim.publish(fifoFanOut.topic, { message: body, groupId: 'customer-1' });
    const got = sim.receive(fifoFanOut.queue('billing'), { maxMessages: 10 });
    expect(got.map((m) => JSON.parse(m.body).Message ?? m.body)).toEqual(['1', '2', '3']);
  });
});
