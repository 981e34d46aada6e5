import { Simulation } from '../../../lib/simulator';
import { queue, template } from '../fixtures/templates';

// Which metrics a queue publishes (AWS-FACTS §1.9): their names, units and the one dimension QueueName.

describe('the metrics of a queue', () => {
  test('each queue publishes the four counts and four levels under AWS/SQS, with AWS\'s units', () => {
    // GIVEN two queues
    const s = Simulation.fromTemplate(template({ Orders: queue('orders'), Other: queue('other.fifo') }));
    // THEN each has exactly these metrics, dimensioned by its own name
    for (const name of ['orders', 'other.fifo']) {
      const metrics = s.metrics.list({ namespace: 'AWS/SQS', dimensions: { QueueName: name } });
      expect(metrics.map((m) => [m.metricName, m.unit, m.dimensions])).toEqual([
        ['NumberOfMessagesSent', 'Count', { QueueName: name }],
        ['NumberOfMessagesReceived', 'Count', { QueueName: name }],
        ['NumberOfMessagesDeleted', 'Count', { QueueName: name }],
        ['NumberOfEmptyReceives', 'Count', { QueueName: name }],
        ['ApproximateNumberOfMessagesVisible', 'Count', { QueueName: name }],
        ['ApproximateNumberOfMessagesNotVisible', 'Count', { QueueName: name }],
        ['ApproximateNumberOfMessagesDelayed', 'Count', { QueueName: name }],
        ['ApproximateAgeOfOldestMessage', 'Seconds', { QueueName: name }],
      ]);
    }
  });
});
