import { Duration } from 'aws-cdk-lib';
import { IQueue } from 'aws-cdk-lib/aws-sqs';
import { CatalogScenario, barChart, sampleEvery, timeSeriesChart } from '../../lib/catalog';
import { Simulation } from '../../lib/simulator';
import { OrdersFanOutStack } from './orders-stack';

// How the orders fan-out behaves, played when the catalog is built (docs/catalog.md, "Scenarios").

const EVENT_TYPES = ['order_placed', 'order_paid', 'order_shipped'] as const;
const SUBSCRIBERS = ['billing', 'shipping', 'audit'] as const;

/** The i-th order event: the types in turn, totals from 20 to 240. */
function orderEvent(i: number) {
  return { message: JSON.stringify({ order: { id: `o-${i}`, total: 20 + ((i * 37) % 221) } }), attributes: { eventType: EVENT_TYPES[i % EVENT_TYPES.length] } };
}

/** Billing fails the orders whose number is a multiple of 4 (its queue gets the SNS envelope). */
function billingFails(body: string): boolean {
  const order = JSON.parse((JSON.parse(body) as { Message: string }).Message) as { order: { id: string } };
  return Number(order.order.id.slice(2)) % 4 === 0;
}

function receiveNow(sim: Simulation, queue: IQueue) {
  return sim.receive(queue, { maxMessages: 10, waitTime: Duration.seconds(0) });
}

const deliveries: CatalogScenario<OrdersFanOutStack> = {
  stack: OrdersFanOutStack,
  name: 'Deliveries per subscriber',
  shows: 'Ten order events a second for a minute: billing gets the placed orders (attribute filter), shipping the orders above 100 (body filter), audit everything. No subscriber sees a message its filter refuses.',
  async run(stack) {
    const sim = Simulation.fromStack(stack, { trace: 'summary' });
    const { fanOut } = stack;
    let sent = 0;
    const probes = Object.fromEntries(SUBSCRIBERS.map((s) => [s, () => sim.queue(fanOut.queue(s)).counts.visible]));
    const series = await sampleEvery(sim, {
      step: Duration.seconds(1), until: Duration.seconds(60), probes,
      beforeStep: () => {
        for (let i = 0; i < 10; i++) sim.publish(fanOut.topic, orderEvent(sent++));
      },
    });
    const delivered = SUBSCRIBERS.map((s) => ({ subscriber: s, count: sim.queue(fanOut.queue(s)).counts.visible }));
    return {
      outcomes: [`${sent} events published; ${delivered.map((d) => `${d.subscriber} received ${d.count}`).join(', ')}; ${sim.trace.count('sns.lost')} lost.`],
      tables: [{ title: 'Messages delivered', columns: ['subscriber', 'delivered', 'share of published'], rows: delivered.map((d) => [d.subscriber, d.count, `${Math.round((100 * d.count) / sent)} %`]) }],
      plots: [
        { title: 'Messages waiting in each subscriber queue', vegaLite: timeSeriesChart(series, { title: 'Messages waiting in each subscriber queue (no consumer)', y: 'messages visible' }) },
        { title: 'Deliveries per subscriber', vegaLite: barChart(delivered.map((d) => ({ category: d.subscriber, part: 'delivered', value: d.count })), { title: 'Deliveries per subscriber, of ' + sent + ' events', x: 'subscriber', y: 'messages' }) },
      ],
    };
  },
};

const deadLetters: CatalogScenario<OrdersFanOutStack> = {
  stack: OrdersFanOutStack,
  name: 'A subscriber that fails some messages',
  shows: 'Billing\'s consumer fails every fourth order and processes the rest; the failed ones are received 5 times (maxReceiveCount), one visibility timeout apart, then move to billing\'s dead-letter queue. Shipping and audit are not affected.',
  async run(stack) {
    const sim = Simulation.fromStack(stack, { trace: 'summary' });
    const { fanOut } = stack;
    let sent = 0;
    const processed: Record<string, number> = { billing: 0, shipping: 0, audit: 0 };
    const series = await sampleEvery(sim, {
      step: Duration.seconds(5), until: Duration.minutes(6),
      probes: { 'billing dead-letter queue': () => sim.queue(fanOut.deadLetterQueue('billing')).counts.visible, 'billing queue (in flight)': () => sim.queue(fanOut.queue('billing')).counts.inFlight },
      beforeStep: (now) => {
        if (now < 120_000) for (let i = 0; i < 3; i++) sim.publish(fanOut.topic, orderEvent(sent++));
        for (const s of SUBSCRIBERS) {
          // Receive without waiting (the queues long-poll 20 s by default) until nothing is visible.
          for (let batch = receiveNow(sim, fanOut.queue(s)); batch.length > 0; batch = receiveNow(sim, fanOut.queue(s))) {
            for (const m of batch) {
              if (s === 'billing' && billingFails(m.body)) continue;
              sim.delete(fanOut.queue(s), m.receiptHandle);
              processed[s]++;
            }
          }
        }
      },
    });
    const deadLettered = sim.queue(fanOut.deadLetterQueue('billing')).counts.visible;
    return {
      outcomes: [`Billing processed ${processed.billing} and dead-lettered ${deadLettered}; shipping processed ${processed.shipping}, audit ${processed.audit}, with nothing dead-lettered.`],
      plots: [
        { title: 'Billing dead-letter queue', vegaLite: timeSeriesChart(series, { title: 'Billing: failing messages in flight, then in the dead-letter queue', y: 'messages', step: true, timeUnit: 'minutes' }) },
        { title: 'Processed and dead-lettered', vegaLite: barChart(SUBSCRIBERS.flatMap((s) => [{ category: s, part: 'processed', value: processed[s] }, { category: s, part: 'dead-lettered', value: sim.queue(fanOut.deadLetterQueue(s)).counts.visible }]), { title: 'Processed and dead-lettered, per subscriber', x: 'subscriber', y: 'messages' }) },
      ],
    };
  },
};

export const CATALOG_SCENARIOS = [deliveries, deadLetters];
