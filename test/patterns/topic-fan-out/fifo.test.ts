import { App, Annotations as CoreAnnotations, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { TOPIC_FAN_OUT_RULES, TopicFanOut, TopicFanOutProps } from '../../../lib';
import { Simulation } from '../../../lib/simulator';

describe('TopicFanOut with fifo: true', () => {
  // GIVEN a FIFO fan-out with a name prefix for its queues, synthesized once (in beforeAll, so a throw fails the tests)
  let fanOut: TopicFanOut;
  let template: Template;
  beforeAll(() => {
    const stack = new Stack(new App(), 'Fifo');
    fanOut = new TopicFanOut(stack, 'Ledger', {
      fifo: true,
      contentBasedDeduplication: true,
      queueNamePrefix: 'ledger',
      subscribers: { balances: { filter: { entryType: ['debit'] } }, statements: {} },
    });
    template = Template.fromStack(stack);
  });

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

describe('a FIFO fan-out with a standard subscriber queue (AWS delivers FIFO topics to standard queues too)', () => {
  // GIVEN a FIFO fan-out whose statements subscriber asks for a standard queue, and whose audit brings one
  let mixedStack: Stack;
  let ledger: TopicFanOut;
  let mixed: Template;
  let warnings: string[];
  beforeAll(() => {
    mixedStack = new Stack(new App(), 'Mixed');
    const audit = new sqs.Queue(mixedStack, 'Audit', { deadLetterQueue: { queue: new sqs.Queue(mixedStack, 'AuditDlq', { retentionPeriod: Duration.days(14) }), maxReceiveCount: 5 } });
    ledger = new TopicFanOut(mixedStack, 'Ledger', {
      fifo: true,
      contentBasedDeduplication: true,
      queueNamePrefix: 'ledger',
      subscribers: { balances: {}, statements: { fifo: false }, audit: { queue: audit } },
    });
    mixed = Template.fromStack(mixedStack);
    warnings = Annotations.fromStack(mixedStack).findWarning('*', Match.stringLikeRegexp(TOPIC_FAN_OUT_RULES.standardQueueOnFifoTopic)).map((w) => String(w.entry.data));
  });

  test('the standard subscriber\'s queue and DLQ are standard; its subscription DLQ is FIFO, like the topic', () => {
    const queues = Object.values(mixed.findResources('AWS::SQS::Queue')).map((q) => [q.Properties.QueueName, q.Properties.FifoQueue]);
    expect(queues).toEqual(expect.arrayContaining([
      ['ledger-statements', undefined],
      ['ledger-statements-dlq', undefined],
      ['ledger-statements-subscription-dlq.fifo', true],
      ['ledger-balances.fifo', true],
    ]));
  });

  test('each standard subscriber gets a warning saying what it loses: order, deduplication, the message group', () => {
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/subscribers.statements.fifo false subscribes a standard queue to the FIFO topic: this subscriber gets messages in best-effort order, not in order per message group; at least once, so a message can arrive twice.*without their message group id/);
    expect(warnings[0]).toMatch(/leave subscribers.statements.fifo out/);
    expect(warnings[1]).toMatch(/subscribers.audit.queue is a standard queue subscribes a standard queue to the FIFO topic.*bring a FIFO queue/);
  });

  test('the simulator delivers a FIFO publish to the standard queue', () => {
    const sim = Simulation.fromStack(mixedStack, { seed: 1 });
    sim.publish(ledger.topic, { message: 'entry', groupId: 'account-1' });
    expect(sim.queue(ledger.queue('statements')).visible).toHaveLength(1);
    expect(sim.queue(ledger.queue('balances')).visible).toHaveLength(1);
  });
});

describe('standard subscribers on FIFO topics: where the choice is made', () => {
  const build = (props: TopicFanOutProps) => {
    const stack = new Stack(new App(), 'Choice');
    new TopicFanOut(stack, 'Ledger', props);
    return stack;
  };
  const warningsOf = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(TOPIC_FAN_OUT_RULES.standardQueueOnFifoTopic));

  test('an acknowledged warning is not shown', () => {
    const stack = new Stack(new App(), 'Choice');
    const fanOut = new TopicFanOut(stack, 'Ledger', { fifo: true, subscribers: { statements: { fifo: false } } });
    CoreAnnotations.of(fanOut).acknowledgeWarning(TOPIC_FAN_OUT_RULES.standardQueueOnFifoTopic, 'statements are reports: order does not matter');
    expect(warningsOf(stack)).toEqual([]);
  });

  test('a FIFO subscriber on a FIFO topic, and a standard one on a standard topic, are not warned about', () => {
    expect(warningsOf(build({ fifo: true, subscribers: { a: { fifo: true } } }))).toEqual([]);
    expect(warningsOf(build({ subscribers: { a: { fifo: false } } }))).toEqual([]);
  });

  test('fails if a subscriber of a standard topic asks for a FIFO queue', () => {
    expect(() => build({ subscribers: { a: { fifo: true } } })).toThrow(/Choice\/Ledger: subscribers.a.fifo true asks for a FIFO queue on a standard topic.*Remove subscribers.a.fifo, or make the fan-out FIFO \(fifo: true\). \[decoupled:fifo-mismatch\]/);
  });

  test('fails if fifo is given next to a brought queue, whose type is its own', () => {
    const stack = new Stack(new App(), 'Choice');
    const queue = new sqs.Queue(stack, 'Q', { fifo: true });
    expect(() => new TopicFanOut(stack, 'Ledger', { fifo: true, subscribers: { a: { queue, fifo: true } } })).toThrow(/subscribers.a.fifo true shapes a queue the pattern makes.*\[decoupled:option-on-brought-queue\]/);
  });

  test('the retention rule applies to a standard subscriber of a FIFO topic, whose DLQ keeps the enqueue time', () => {
    expect(() => build({ fifo: true, subscribers: { a: { fifo: false, queueProps: { retentionPeriod: Duration.days(14) } } } })).toThrow(/decoupled:dlq-retention-too-short/);
  });
});
