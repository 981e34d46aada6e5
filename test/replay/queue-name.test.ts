import { ReplayError } from '../../lib/replay';
import { parseQueueReference } from '../../lib/replay/queue-name';

describe('the queue a replay reads', () => {
  test.each([
    ['orders', { name: 'orders' }],
    ['orders.fifo', { name: 'orders.fifo' }],
    ['https://sqs.eu-west-1.amazonaws.com/123456789012/orders', { name: 'orders', region: 'eu-west-1' }],
    ['https://eu-west-1.queue.amazonaws.com/123456789012/orders.fifo', { name: 'orders.fifo', region: 'eu-west-1' }],
    ['https://sqs.cn-north-1.amazonaws.com.cn/123456789012/orders', { name: 'orders', region: 'cn-north-1' }],
    ['arn:aws:sqs:us-east-2:123456789012:orders', { name: 'orders', region: 'us-east-2' }],
    ['a'.repeat(80), { name: 'a'.repeat(80) }],
  ])('%s is %j', (input, expected) => {
    expect(parseQueueReference(input)).toEqual(expected);
  });

  test.each([
    ['a name of 81 characters', 'a'.repeat(81)],
    ['a name with a dot inside', 'orders.v2'],
    ['a name with a space', 'my orders'],
    ['an empty name', ''],
  ])('fails if given %s, with the naming rule', (_, input) => {
    expect(() => parseQueueReference(input)).toThrow(ReplayError);
    expect(() => parseQueueReference(input)).toThrow(/is not an SQS queue name: a name has 1–80 characters/);
  });

  test('fails if given a URL that is not a queue URL', () => {
    expect(() => parseQueueReference('https://console.aws.amazon.com/sqs/v2/home')).toThrow(/is a URL but not a queue URL/);
  });
});
