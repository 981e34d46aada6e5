import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TopicFanOut } from '../../../lib';

// GIVEN a FIFO fan-out with a name prefix for its queues
const stack = new Stack(new App(), 'Fifo');
const fanOut = new TopicFanOut(stack, 'Ledger', {
  fifo: true,
  contentBasedDeduplication: true,
  queueNamePrefix: 'ledger',
  subscribers: { balances: { filter: { entryType: ['debit'] } }, statements: {} },
});
const template = Template.fromStack(stack);

describe('TopicFanOut with fifo: true', () => {
  test('the topic is FIFO, its name ends in .fifo, and it deduplicates on content', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { FifoTopic: true, ContentBasedDeduplication: true });
    const topic = Object.values(template.findResources('AWS::SNS::Topic')).find((t) => t.Properties.FifoTopic);
    expect(topic!.Properties.TopicName).toMatch(/\.fifo$/);
  });

  test('queues, DLQs and subscription DLQs are all FIFO and named <prefix>-<subscriber>[-suffix].fifo', () => {
    const names = Object.values(template.findResources('AWS::SQS::Queue')).map((q) => [q.Properties.QueueName, q.Properties.FifoQueue]);
    expect(names).toEqual(expect.arrayContaining([
      ['ledger-balances.fifo', true],
      ['ledger-balances-dlq.fifo', true],
      ['ledger-balances-subscription-dlq.fifo', true],
      ['ledger-statements.fifo', true],
    ]));
    expect(names.every(([, fifo]) => fifo === true)).toBe(true);
    expect(fanOut.fifo).toBe(true);
  });
});
